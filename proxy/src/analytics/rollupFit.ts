import { offsetMs } from '@sa/shared';
import type { GroupKey, TimeBucket } from './aggregate.ts';

const HOUR_MS = 3_600_000;
// Zones change offset at most a few times a year and never for less than a day, so sampling every six hours
// sees every offset a window passes through.
const SAMPLE_MS = 6 * HOUR_MS;

function offsetsAcross(fromMs: number, toMs: number, timeZone: string): number[] {
  const offsets = new Set<number>();
  for (let t = fromMs; t < toMs; t += SAMPLE_MS) offsets.add(offsetMs(t, timeZone));
  offsets.add(offsetMs(toMs - 1, timeZone));
  return [...offsets];
}

/**
 * Which rollups count a window exactly. Without time grouping any rollup does (a count does not care where
 * an hour falls in a zone). Grouping by local time needs the zone's offsets to be whole hours across the window
 * for hourly rows; daily rows then serve local days and weeks too, because the database moves the hours of each
 * UTC day that belong to another local day (sa_aggregate, 20261125180300_aggregate.sql). hour_of_day and
 * hourly buckets can never use daily rows.
 */
export function rollupFit(
  from: string,
  to: string,
  timeZone: string,
  grouping: { time?: TimeBucket; key?: GroupKey },
): { useHours: boolean; useDays: boolean } {
  const timeKey = grouping.key === 'hour_of_day' || grouping.key === 'weekday';
  if (!grouping.time && !timeKey) return { useHours: true, useDays: true };
  const offsets = offsetsAcross(Date.parse(from), Date.parse(to), timeZone);
  const useHours = offsets.every((o) => o % HOUR_MS === 0);
  const subDay = grouping.time === 'hour' || grouping.key === 'hour_of_day';
  return { useHours, useDays: useHours && !subDay };
}
