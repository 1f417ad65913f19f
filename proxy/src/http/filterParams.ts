import { Filters } from '@sa/shared';
import type { z } from 'zod';
import type { MessageFilters } from '../store/Store.ts';
import { validationError } from './errors.ts';
import { CREDENTIAL_PARAMS } from './middleware/siteAccess.ts';

/** List filters arrive as `?topics=a,b` or `?topics=a&topics=b`; both mean any-of. */
const LIST_PARAMS = ['topics', 'sources', 'sentiments', 'roles'] as const;

/** The query-string form of MessageFilters: every filter optional (no window = all time). */
export const filterParamsShape = {
  from: Filters.shape.from.optional(),
  to: Filters.shape.to.optional(),
  topics: Filters.shape.topics,
  sources: Filters.shape.sources,
  sentiments: Filters.shape.sentiments,
  roles: Filters.shape.roles,
  text: Filters.shape.text,
};

/**
 * Parses a query string against `schema` (built from filterParamsShape plus the route's own
 * parameters). Throws a 400 naming each bad or unknown parameter.
 */
export function parseParams<T extends z.ZodType>(queries: Record<string, string[]>, schema: T): z.infer<T> {
  const raw: Record<string, unknown> = {};
  const duplicated: string[] = [];
  for (const [name, values] of Object.entries(queries)) {
    if (CREDENTIAL_PARAMS.includes(name)) continue;
    if ((LIST_PARAMS as readonly string[]).includes(name)) {
      raw[name] = values
        .flatMap((value) => value.split(','))
        .map((value) => value.trim())
        .filter(Boolean);
    } else {
      if (values.length > 1) duplicated.push(name);
      raw[name] = values[values.length - 1];
    }
  }
  const checked = schema.superRefine((value, ctx) => {
    for (const name of duplicated) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'given more than once; give it once' });
    }
    const { from, to } = value as { from?: string; to?: string };
    if (from && to && !(Date.parse(from) < Date.parse(to))) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be after from' });
    }
  });
  const parsed = checked.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'query parameters');
  return parsed.data as z.infer<T>;
}

/** The filter part of parsed parameters, as the store takes it. */
export function pickFilters(
  params: Partial<Record<keyof typeof filterParamsShape, unknown>>,
): MessageFilters {
  const filters: Record<string, unknown> = {};
  for (const key of Object.keys(filterParamsShape)) {
    const value = params[key as keyof typeof filterParamsShape];
    if (value !== undefined) filters[key] = value;
  }
  return filters as MessageFilters;
}
