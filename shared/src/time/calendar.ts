import type { CalendarUnit } from './types.ts';

/** Calendar units a window can be; weeks start on Monday. Here, not with the zod schemas, so the time code
 * bundles without zod. */
export const CALENDAR_UNITS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** A date on the wall calendar, independent of any zone; month is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock date and time. */
export interface CivilDateTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export const DAY_MS = 86_400_000;

export function epochDay(d: CivilDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

function fromEpochDay(n: number): CivilDate {
  const t = new Date(n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function addDays(d: CivilDate, n: number): CivilDate {
  return fromEpochDay(epochDay(d) + n);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months; a day the target month lacks is clamped to its last day (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(d: CivilDate, n: number): CivilDate {
  const index = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(d.day, daysInMonth(year, month)) };
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(d: CivilDate): number {
  // 1970-01-01 (epoch day 0) was a Thursday.
  return ((((epochDay(d) + 3) % 7) + 7) % 7) + 1;
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return epochDay(a) - epochDay(b);
}

export function startOfUnit(d: CivilDate, unit: CalendarUnit): CivilDate {
  switch (unit) {
    case 'day':
      return d;
    case 'week':
      return addDays(d, 1 - isoWeekday(d));
    case 'month':
      return { year: d.year, month: d.month, day: 1 };
    case 'quarter':
      return { year: d.year, month: d.month - ((d.month - 1) % 3), day: 1 };
    case 'year':
      return { year: d.year, month: 1, day: 1 };
  }
}

export function addUnits(d: CivilDate, unit: CalendarUnit, n: number): CivilDate {
  switch (unit) {
    case 'day':
      return addDays(d, n);
    case 'week':
      return addDays(d, 7 * n);
    case 'month':
      return addMonths(d, n);
    case 'quarter':
      return addMonths(d, 3 * n);
    case 'year':
      return addMonths(d, 12 * n);
  }
}

export function dateOf(c: CivilDate): CivilDate {
  return { year: c.year, month: c.month, day: c.day };
}

export function atMidnight(d: CivilDate): CivilDateTime {
  return { ...dateOf(d), hour: 0, minute: 0, second: 0, millisecond: 0 };
}

export function withTimeOf(d: CivilDate, t: CivilDateTime): CivilDateTime {
  return { ...dateOf(d), hour: t.hour, minute: t.minute, second: t.second, millisecond: t.millisecond };
}

export function sameTimeOfDay(a: CivilDateTime, b: CivilDateTime): boolean {
  return (
    a.hour === b.hour && a.minute === b.minute && a.second === b.second && a.millisecond === b.millisecond
  );
}
