import { z } from 'zod';
import { AuthorRole, IsoDateTime, Sentiment, Source, Topic } from './enums.ts';

export const METRICS = ['count', 'share', 'timeseries', 'breakdown', 'examples'] as const;
export const Metric = z.enum(METRICS);
export type Metric = z.infer<typeof Metric>;

/** Keys a breakdown can group by. */
export const BREAKDOWN_KEYS = ['topic', 'source', 'sentiment', 'hour_of_day', 'weekday'] as const;
/** Bucket sizes a timeseries can use (`hour` is an addition to the spec's list, for short windows). */
export const TIMESERIES_BUCKETS = ['day', 'week', 'hour'] as const;
export const GroupBy = z.enum([...BREAKDOWN_KEYS, 'day', 'week', 'hour']);
export type GroupBy = z.infer<typeof GroupBy>;

/** A timeseries may split each bucket into one series per key (the dashboard's stacked chart). */
export const SeriesBy = z.enum(['topic', 'source', 'sentiment']);
export type SeriesBy = z.infer<typeof SeriesBy>;

export const MAX_LIMIT = 100;
export const MAX_TIMESERIES_BUCKETS = 1500;
export const MAX_WINDOW_DAYS = 3 * 366;

export const Filters = z
  .object({
    from: IsoDateTime.describe('Start of the window, inclusive'),
    to: IsoDateTime.describe('End of the window, exclusive'),
    topics: z.array(Topic).min(1).optional().describe('Any of these topics'),
    sources: z.array(Source).min(1).optional(),
    sentiments: z.array(Sentiment).min(1).optional(),
    roles: z.array(AuthorRole).min(1).optional().describe('Author roles; default ["customer"]'),
    text: z.string().trim().min(1).max(200).optional().describe('Case-insensitive substring of the text'),
  })
  .strict();
export type Filters = z.infer<typeof Filters>;

export const ShareOf = z
  .object({
    topics: z.array(Topic).min(1).optional(),
    sentiments: z.array(Sentiment).min(1).optional(),
    sources: z.array(Source).min(1).optional(),
  })
  .strict();
export type ShareOf = z.infer<typeof ShareOf>;

/** IANA time zone name, checked against the runtime's time-zone database. */
export const TimeZone = z.string().refine(isValidTimeZone, { message: 'not a known IANA time zone' });

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const AnalyticsQueryShape = z
  .object({
    metric: Metric,
    filters: Filters,
    group_by: GroupBy.optional(),
    series_by: SeriesBy.optional().describe('timeseries only: one series per key'),
    share_of: ShareOf.optional(),
    compare_previous: z.boolean().optional(),
    limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
    time_zone: TimeZone.optional().describe('IANA zone for day/week/hour buckets; default UTC'),
  })
  .strict();

const DAY_MS = 86_400_000;

/** The analytics query contract (analytics.md), with every cross-field rule checked before any database call. */
export const AnalyticsQuery = AnalyticsQueryShape.superRefine((q, ctx) => {
  const from = Date.parse(q.filters.from);
  const to = Date.parse(q.filters.to);
  if (!(from < to)) {
    ctx.addIssue({ code: 'custom', path: ['filters', 'to'], message: 'to must be after from' });
    return;
  }
  if (to - from > MAX_WINDOW_DAYS * DAY_MS) {
    ctx.addIssue({
      code: 'custom',
      path: ['filters'],
      message: `window is longer than ${MAX_WINDOW_DAYS} days`,
    });
  }
  if (q.metric === 'breakdown') {
    if (!q.group_by || !(BREAKDOWN_KEYS as readonly string[]).includes(q.group_by)) {
      ctx.addIssue({
        code: 'custom',
        path: ['group_by'],
        message: `breakdown needs group_by, one of ${BREAKDOWN_KEYS.join(', ')}`,
      });
    }
  } else if (q.metric === 'timeseries') {
    if (!q.group_by || !(TIMESERIES_BUCKETS as readonly string[]).includes(q.group_by)) {
      ctx.addIssue({
        code: 'custom',
        path: ['group_by'],
        message: `timeseries needs group_by, one of ${TIMESERIES_BUCKETS.join(', ')}`,
      });
    } else {
      const size = { day: DAY_MS, week: 7 * DAY_MS, hour: DAY_MS / 24 }[
        q.group_by as 'day' | 'week' | 'hour'
      ];
      if ((to - from) / size > MAX_TIMESERIES_BUCKETS) {
        ctx.addIssue({
          code: 'custom',
          path: ['group_by'],
          message: `too many ${q.group_by} buckets (more than ${MAX_TIMESERIES_BUCKETS}); use a larger bucket`,
        });
      }
    }
  } else if (q.group_by) {
    ctx.addIssue({ code: 'custom', path: ['group_by'], message: `${q.metric} takes no group_by` });
  }
  if (q.series_by && q.metric !== 'timeseries') {
    ctx.addIssue({ code: 'custom', path: ['series_by'], message: 'series_by is for timeseries only' });
  }
  if (q.share_of && q.metric !== 'share') {
    ctx.addIssue({ code: 'custom', path: ['share_of'], message: 'share_of is for metric share only' });
  }
  if (q.compare_previous && q.metric === 'examples') {
    ctx.addIssue({ code: 'custom', path: ['compare_previous'], message: 'examples cannot be compared' });
  }
});
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>;

/** The query's shape without cross-field rules: what JSON Schema for LLM tools is generated from. */
export const AnalyticsQueryObject = AnalyticsQueryShape;

export const DEFAULT_ROLES = ['customer'] as const;
export const DEFAULT_EXAMPLES_LIMIT = 10;

/**
 * The query as executed: every default made explicit (roles, time zone, examples limit,
 * compare_previous), so a caller sees exactly what was counted. Idempotent.
 */
export function withQueryDefaults(query: AnalyticsQuery): AnalyticsQuery {
  return {
    ...query,
    filters: { ...query.filters, roles: query.filters.roles ?? [...DEFAULT_ROLES] },
    compare_previous: query.compare_previous ?? false,
    time_zone: query.time_zone ?? 'UTC',
    ...(query.metric === 'examples' ? { limit: query.limit ?? DEFAULT_EXAMPLES_LIMIT } : {}),
  };
}
