import { Hono } from 'hono';
import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../store/SqlStore.ts';
import type { Store } from '../../store/Store.ts';
import type { AppEnv } from '../env.ts';
import { csvExportStream, jsonExportStream } from '../exportStream.ts';
import { filterParamsShape, parseParams, pickFilters } from '../filterParams.ts';
import { errorFields } from '../logger.ts';

/**
 * The store's largest page: each page costs a round of the keyset query, so fewer, larger pages export
 * faster (90k demo rows on PGlite: 1,000/page ≈ 1.9k rows/s, 500 ≈ 1.1k, 200 ≈ 0.6k) while memory
 * still holds one page.
 */
export const EXPORT_BATCH_SIZE = MAX_PAGE_SIZE;

export const ExportParams = z
  .object({ ...filterParamsShape, format: z.enum(['csv', 'json']).default('csv') })
  .strict();

/** `GET /v1/export?format=csv|json&…filters`: every matching message, newest first, streamed. */
export function exportRoutes(store: Store) {
  return new Hono<AppEnv>().get('/v1/export', async (c) => {
    const params = parseParams(c.req.queries(), ExportParams);
    const site = c.get('site');
    // Fail before the 200 goes out when the store is down: ask it once, then stream.
    await store.ping();
    const pages = store.exportMessages(site, pickFilters(params), EXPORT_BATCH_SIZE);
    const log = c.get('log');
    const onError = (error: unknown) => log.error('export stream failed', errorFields(error));
    const stamp = new Date().toISOString().slice(0, 10);
    const body = params.format === 'csv' ? csvExportStream(pages, onError) : jsonExportStream(pages, onError);
    return c.body(body, 200, {
      'Content-Type': params.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="messages-${site}-${stamp}.${params.format}"`,
      'Cache-Control': 'no-store',
    });
  });
}
