import type { AuthorRole, Sentiment, Source, Topic } from '@sa/shared';
import { z } from 'zod';
import type { SiteId } from '../store/Store.ts';

export type TimeBucket = 'day' | 'week' | 'hour';
export type GroupKey = 'topic' | 'source' | 'sentiment' | 'hour_of_day' | 'weekday';

/** One counting pass over a window (sa_aggregate in the migrations). */
export interface AggregateRequest {
  from: string;
  to: string;
  /** Any of these topics. */
  topics?: Topic[];
  /** And also any of these topics (a share's numerator kept inside its denominator). */
  topicsAlso?: Topic[];
  sources?: Source[];
  sentiments?: Sentiment[];
  roles: AuthorRole[];
  text?: string;
  time?: TimeBucket;
  key?: GroupKey;
  timeZone: string;
  /** Hourly rollup rows answer exactly (see rollupFit). */
  useHours: boolean;
  /** Daily (UTC) rollup rows answer exactly. */
  useDays: boolean;
}

/** sa_aggregate's answer, checked as it comes out of the database. */
export const AggregateResult = z.object({
  total: z.coerce.number().int().nonnegative(),
  rows: z.array(
    z
      .tuple([z.number().nullable(), z.string().nullable(), z.coerce.number().int().nonnegative()])
      .transform(([bucket, key, count]) => ({ bucket, key, count })),
  ),
  buckets: z.array(z.number()).nullable(),
});
export type AggregateResult = z.infer<typeof AggregateResult>;

export type Aggregate = (site: SiteId, request: AggregateRequest) => Promise<AggregateResult>;
