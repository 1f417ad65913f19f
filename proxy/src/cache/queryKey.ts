import { type AnalyticsQuery, withQueryDefaults } from '@sa/shared';
import { comparisonWindow } from '../analytics/runQuery.ts';

/** JSON with object keys sorted at every level, so two spellings of one query give one string. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The cache key of a validated query: everything the engine's answer depends on besides the site's data.
 * Windows are instants already (time words are resolved before a query exists); the one input that is not in
 * the query is the clock compare_previous reads to tell "this month so far" from a fixed window, so the
 * comparison window it picks is part of the key and a cached answer never outlives that decision.
 * Window strings stay as given: results echo them.
 */
export function queryCacheKey(query: AnalyticsQuery, now: Date): string {
  const executed = withQueryDefaults(query);
  const previous = executed.compare_previous
    ? comparisonWindow(executed.filters, executed.time_zone ?? 'UTC', now)
    : null;
  return canonicalJson({ query: executed, previous });
}
