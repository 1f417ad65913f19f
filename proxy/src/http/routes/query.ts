import { AnalyticsQuery, type QueryResponse, withQueryDefaults } from '@sa/shared';
import { Hono } from 'hono';
import type { Store } from '../../store/Store.ts';
import { KB, readJsonBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { validationError } from '../errors.ts';

export const QUERY_BODY_LIMIT = 64 * KB;

/** `POST /v1/query`: one analytics query, validated before any database call, answered as executed. */
export function queryRoutes(store: Store) {
  return new Hono<AppEnv>().post('/v1/query', async (c) => {
    const parsed = AnalyticsQuery.safeParse(await readJsonBody(c, QUERY_BODY_LIMIT));
    if (!parsed.success) throw validationError(parsed.error, 'analytics query', 'invalid_query');
    const query = withQueryDefaults(parsed.data);
    const result = await store.runQuery(c.get('site'), query);
    return c.json({ query, result } satisfies QueryResponse);
  });
}
