import {
  type AnalyticsQuery,
  type AuthorRole,
  DEFAULT_EXAMPLES_LIMIT,
  DEFAULT_ROLES,
  formatIso,
  inferCalendarUnit,
  previousWindow,
  type QueryResult,
  type StoredMessage,
  type Window,
} from '@sa/shared';
import type { MessageFilters, SiteId } from '../store/Store.ts';
import type { Aggregate, AggregateRequest, AggregateResult, GroupKey, TimeBucket } from './aggregate.ts';
import { rollupFit } from './rollupFit.ts';

export interface QueryEngineDeps {
  aggregate: Aggregate;
  /** The newest `limit` messages matching the filters. */
  examples(site: SiteId, filters: MessageFilters, limit: number): Promise<StoredMessage[]>;
  /** Decides whether a window ending near now is "to date" for compare_previous. */
  now(): Date;
}

type BreakdownPart = { window: Window; rows: { key: string; count: number }[]; total: number };
type TimeseriesPart = {
  window: Window;
  buckets: { start: string; count: number }[];
  series?: { key: string; counts: number[] }[];
  total: number;
};

/** Keys of hour_of_day sort by number, the rest by name, when counts tie. */
function compareKeys(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  return Number.isInteger(na) && Number.isInteger(nb) ? na - nb : a.localeCompare(b);
}

function sortedRows(rows: AggregateResult['rows']): { key: string; count: number }[] {
  return rows
    .filter((r): r is typeof r & { key: string } => r.key !== null)
    .map((r) => ({ key: r.key, count: r.count }))
    .sort((a, b) => b.count - a.count || compareKeys(a.key, b.key));
}

function intersect<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] | undefined {
  if (!a) return b ? [...b] : undefined;
  if (!b) return [...a];
  return a.filter((x) => b.includes(x));
}

/**
 * The window compare_previous compares with: calendar units by the calendar, anything else by length. It
 * depends on `now` (a window ending near now is "to date"), so result caches key on it too.
 */
export function comparisonWindow(window: Window, timeZone: string, now: Date): Window {
  const unit = inferCalendarUnit(window.from, window.to, timeZone, now);
  const previous = previousWindow(
    { from: window.from, to: window.to, unit: unit?.unit ?? null, to_date: unit?.to_date ?? false },
    timeZone,
  );
  return { from: previous.from, to: previous.to };
}

/** Runs analytics queries: windows and result shapes here, counting in the database (sa_aggregate). */
export function createQueryEngine(deps: QueryEngineDeps) {
  function request(
    query: AnalyticsQuery,
    window: Window,
    roles: AuthorRole[],
    timeZone: string,
    grouping: { time?: TimeBucket; key?: GroupKey } = {},
  ): AggregateRequest {
    const f = query.filters;
    return {
      from: window.from,
      to: window.to,
      topics: f.topics,
      sources: f.sources,
      sentiments: f.sentiments,
      roles,
      text: f.text,
      timeZone,
      ...grouping,
      ...rollupFit(window.from, window.to, timeZone, grouping),
    };
  }

  async function countPart(site: SiteId, q: AnalyticsQuery, window: Window, roles: AuthorRole[], tz: string) {
    const { total } = await deps.aggregate(site, request(q, window, roles, tz));
    return { window, value: total };
  }

  async function sharePart(site: SiteId, q: AnalyticsQuery, window: Window, roles: AuthorRole[], tz: string) {
    const base = request(q, window, roles, tz);
    const of = q.share_of;
    // The numerator is kept inside the denominator so the share is a true fraction whatever share_of names.
    const numerator = of
      ? {
          ...base,
          topics: q.filters.topics ?? of.topics,
          topicsAlso: q.filters.topics && of.topics ? of.topics : undefined,
          sources: intersect(q.filters.sources, of.sources),
          sentiments: intersect(q.filters.sentiments, of.sentiments),
        }
      : base;
    const denominator: AggregateRequest = {
      ...base,
      topics: of?.topics,
      sentiments: of?.sentiments,
      sources: of ? of.sources : q.filters.sources,
      text: undefined,
    };
    const [n, d] = await Promise.all([deps.aggregate(site, numerator), deps.aggregate(site, denominator)]);
    return {
      window,
      numerator: n.total,
      denominator: d.total,
      value: d.total === 0 ? null : n.total / d.total,
    };
  }

  async function breakdownPart(
    site: SiteId,
    q: AnalyticsQuery,
    window: Window,
    roles: AuthorRole[],
    tz: string,
  ): Promise<BreakdownPart> {
    const key = q.group_by as GroupKey;
    const result = await deps.aggregate(site, request(q, window, roles, tz, { key }));
    return { window, rows: sortedRows(result.rows), total: result.total };
  }

  async function timeseriesPart(
    site: SiteId,
    q: AnalyticsQuery,
    window: Window,
    roles: AuthorRole[],
    tz: string,
  ): Promise<TimeseriesPart> {
    const time = q.group_by as TimeBucket;
    const [totals, bySeries] = await Promise.all([
      deps.aggregate(site, request(q, window, roles, tz, { time })),
      q.series_by ? deps.aggregate(site, request(q, window, roles, tz, { time, key: q.series_by })) : null,
    ]);
    const starts = totals.buckets ?? [];
    const index = new Map(starts.map((start, i) => [start, i]));
    const counts = starts.map(() => 0);
    for (const row of totals.rows) {
      const i = row.bucket === null ? undefined : index.get(row.bucket);
      if (i !== undefined) counts[i] = row.count;
    }
    const part: TimeseriesPart = {
      window,
      buckets: starts.map((start, i) => ({ start: formatIso(start, tz), count: counts[i] ?? 0 })),
      total: totals.total,
    };
    if (bySeries) {
      const series = new Map<string, number[]>();
      for (const row of bySeries.rows) {
        const i = row.bucket === null ? undefined : index.get(row.bucket);
        if (row.key === null || i === undefined) continue;
        let values = series.get(row.key);
        if (!values) {
          values = starts.map(() => 0);
          series.set(row.key, values);
        }
        values[i] = row.count;
      }
      const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
      part.series = [...series]
        .map(([key, values]) => ({ key, counts: values }))
        .sort((a, b) => sum(b.counts) - sum(a.counts) || compareKeys(a.key, b.key));
    }
    return part;
  }

  /** Runs one query that has passed AnalyticsQuery validation. */
  return async function runQuery(site: SiteId, query: AnalyticsQuery): Promise<QueryResult> {
    const roles = query.filters.roles ?? [...DEFAULT_ROLES];
    const tz = query.time_zone ?? 'UTC';
    const window: Window = { from: query.filters.from, to: query.filters.to };
    const previous = query.compare_previous ? comparisonWindow(window, tz, deps.now()) : null;

    switch (query.metric) {
      case 'count': {
        const [current, before] = await Promise.all([
          countPart(site, query, window, roles, tz),
          previous && countPart(site, query, previous, roles, tz),
        ]);
        return { metric: 'count', ...current, ...(before ? { previous: before } : {}) };
      }
      case 'share': {
        const [current, before] = await Promise.all([
          sharePart(site, query, window, roles, tz),
          previous && sharePart(site, query, previous, roles, tz),
        ]);
        return { metric: 'share', ...current, ...(before ? { previous: before } : {}) };
      }
      case 'breakdown': {
        const [current, before] = await Promise.all([
          breakdownPart(site, query, window, roles, tz),
          previous && breakdownPart(site, query, previous, roles, tz),
        ]);
        return {
          metric: 'breakdown',
          group_by: query.group_by as GroupKey,
          ...current,
          ...(before ? { previous: before } : {}),
        };
      }
      case 'timeseries': {
        const [current, before] = await Promise.all([
          timeseriesPart(site, query, window, roles, tz),
          previous && timeseriesPart(site, query, previous, roles, tz),
        ]);
        return {
          metric: 'timeseries',
          group_by: query.group_by as TimeBucket,
          ...current,
          ...(before ? { previous: before } : {}),
        };
      }
      case 'examples': {
        const { from, to, ...rest } = query.filters;
        const messages = await deps.examples(
          site,
          { ...rest, from, to, roles },
          query.limit ?? DEFAULT_EXAMPLES_LIMIT,
        );
        return { metric: 'examples', window, messages };
      }
    }
  };
}

export type RunQuery = ReturnType<typeof createQueryEngine>;
