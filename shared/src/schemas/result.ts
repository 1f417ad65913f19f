import { z } from 'zod';
import { IsoDateTime } from './enums.ts';
import { StoredMessage } from './message.ts';
import { AnalyticsQuery } from './query.ts';

export const Window = z.object({ from: IsoDateTime, to: IsoDateTime });
export type Window = z.infer<typeof Window>;

const CountPart = z.object({ window: Window, value: z.number().int().nonnegative() });
const SharePart = z.object({
  window: Window,
  numerator: z.number().int().nonnegative(),
  denominator: z.number().int().nonnegative(),
  /** numerator / denominator as a fraction in [0,1]; null when the denominator is 0. */
  value: z.number().min(0).max(1).nullable(),
});
export const BreakdownRow = z.object({ key: z.string(), count: z.number().int().nonnegative() });
const BreakdownPart = z.object({
  window: Window,
  /** Sorted by count descending; a multi-topic message counts once under each of its topics. */
  rows: z.array(BreakdownRow),
  /** Distinct messages matching the filters. */
  total: z.number().int().nonnegative(),
});
export const Bucket = z.object({ start: IsoDateTime, count: z.number().int().nonnegative() });
export const Series = z.object({ key: z.string(), counts: z.array(z.number().int().nonnegative()) });
const TimeseriesPart = z.object({
  window: Window,
  /** Every bucket of the window, zeros included, in time order. */
  buckets: z.array(Bucket),
  /** With series_by: one entry per key, counts aligned with buckets. */
  series: z.array(Series).optional(),
  total: z.number().int().nonnegative(),
});

export const QueryResult = z.discriminatedUnion('metric', [
  CountPart.extend({ metric: z.literal('count'), previous: CountPart.optional() }),
  SharePart.extend({ metric: z.literal('share'), previous: SharePart.optional() }),
  BreakdownPart.extend({
    metric: z.literal('breakdown'),
    group_by: z.string(),
    previous: BreakdownPart.optional(),
  }),
  TimeseriesPart.extend({
    metric: z.literal('timeseries'),
    group_by: z.string(),
    previous: TimeseriesPart.optional(),
  }),
  z.object({ metric: z.literal('examples'), window: Window, messages: z.array(StoredMessage) }),
]);
export type QueryResult = z.infer<typeof QueryResult>;

/** What `POST /v1/query` returns: the query as executed, with defaults filled in, and its result. */
export const QueryResponse = z.object({ query: AnalyticsQuery, result: QueryResult });
export type QueryResponse = z.infer<typeof QueryResponse>;
