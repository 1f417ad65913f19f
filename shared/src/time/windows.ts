import {
  addDays,
  addMonths,
  addUnits,
  type CivilDate,
  type CivilDateTime,
  compareDates,
  isoWeekday,
  startOfUnit,
  withTimeOf,
} from './calendar.ts';
import { earliestEndOnOrAfter, latestStart, type PartialDate, parsePartialDate } from './dates.ts';
import { TimeWindowError } from './errors.ts';
import type { CalendarUnit } from './types.ts';
import { MONTH_NAMES, type RollingUnit } from './words.ts';
import { fromCivil, startOfDay } from './zoned.ts';

/** What time words are resolved against: "now" in the site's zone. */
export interface Clock {
  nowMs: number;
  now: CivilDateTime;
  today: CivilDate;
  timeZone: string;
}

/**
 * A window the words mean. `unit`: the calendar unit the words name, null for rolling windows, 'infer' when
 * only the dates decide (between 1 and 31 Oct is a whole month). `name`: how the label starts ("last week"),
 * null when the dates say it all.
 */
export interface WordsWindow {
  from: number;
  to: number;
  unit: CalendarUnit | null | 'infer';
  name: string | null;
  /**
   * The person named the last day themselves ("between 23 and 27 Nov"): analytics.md ends such a window at the
   * start of the day after it even when that is later than now, so it is not cut at now like a calendar unit.
   */
  statedEnd?: true;
}

const dayStart = (clock: Clock, d: CivilDate) => startOfDay(d, clock.timeZone);

/** The unit `offset` units from the current one; the current one (offset 0) runs to now. */
export function unitWindow(clock: Clock, unit: CalendarUnit, offset: number, name: string): WordsWindow {
  const start = addUnits(startOfUnit(clock.today, unit), unit, offset);
  const to = offset === 0 ? clock.nowMs : dayStart(clock, addUnits(start, unit, 1));
  return { from: dayStart(clock, start), to, unit, name };
}

/** One whole named unit ("Q3 2026"); the current one is cut at now like every window that has begun. */
function calendarWindow(clock: Clock, start: CivilDate, unit: CalendarUnit, name: string): WordsWindow {
  return { from: dayStart(clock, start), to: dayStart(clock, addUnits(start, unit, 1)), unit, name };
}

/** A month by name; without a year the latest that has begun, with `last` the latest before this month. */
export function monthWindow(
  clock: Clock,
  month: number,
  year: number | undefined,
  last: boolean,
): WordsWindow {
  const { today } = clock;
  const begun = last ? month < today.month : month <= today.month;
  const y = year ?? (begun ? today.year : today.year - 1);
  return calendarWindow(clock, { year: y, month, day: 1 }, 'month', `${MONTH_NAMES[month - 1]} ${y}`);
}

/** First day of a quarter; without a year the latest that has begun. */
export function quarterStart(quarter: number, year: number | undefined, today: CivilDate): CivilDate {
  const month = quarter * 3 - 2;
  return { year: year ?? (month <= today.month ? today.year : today.year - 1), month, day: 1 };
}

export function quarterWindow(clock: Clock, quarter: number, year: number | undefined): WordsWindow {
  const start = quarterStart(quarter, year, clock.today);
  return calendarWindow(clock, start, 'quarter', `Q${quarter} ${start.year}`);
}

export function yearWindow(clock: Clock, year: number): WordsWindow {
  return calendarWindow(clock, { year, month: 1, day: 1 }, 'year', String(year));
}

// "past week" is the table's "now − 7 days": its label says so.
const ROLLING_ONE: Record<RollingUnit, string> = {
  minute: 'the past minute',
  hour: 'the past hour',
  day: 'the past day',
  week: 'last 7 days',
  fortnight: 'last 14 days',
  month: 'the past month',
  quarter: 'the past quarter',
  year: 'the past year',
};

function stepBack(today: CivilDate, n: number, unit: Exclude<RollingUnit, 'minute' | 'hour'>): CivilDate {
  switch (unit) {
    case 'day':
      return addDays(today, -n);
    case 'week':
      return addDays(today, -7 * n);
    case 'fortnight':
      return addDays(today, -14 * n);
    case 'month':
      return addMonths(today, -n);
    case 'quarter':
      return addMonths(today, -3 * n);
    case 'year':
      return addMonths(today, -12 * n);
  }
}

/** now − n units: hours and minutes are exact durations; days and longer are calendar steps at the same time. */
export function rollingWindow(clock: Clock, n: number, unit: RollingUnit, phrase: string): WordsWindow {
  if (!(n >= 1 && n <= 10_000)) {
    throw new TimeWindowError(`the number of ${unit}s must be from 1 to 10000`, phrase);
  }
  const name = n > 1 ? `last ${n} ${unit}s` : ROLLING_ONE[unit];
  if (unit === 'minute' || unit === 'hour') {
    const ms = n * (unit === 'minute' ? 60_000 : 3_600_000);
    return { from: clock.nowMs - ms, to: clock.nowMs, unit: null, name };
  }
  const start = stepBack(clock.today, n, unit);
  if (start.year < 1970) throw new TimeWindowError('the window would start before 1970', phrase);
  return { from: fromCivil(withTimeOf(start, clock.now), clock.timeZone), to: clock.nowMs, unit: null, name };
}

/** From the start of `start` to now. */
export function sinceWindow(clock: Clock, start: CivilDate, name: string): WordsWindow {
  const from = dayStart(clock, start);
  if (from >= clock.nowMs) throw new TimeWindowError('that day has not begun yet', name);
  return { from, to: clock.nowMs, unit: 'infer', name };
}

export function dayWindow(clock: Clock, day: CivilDate, name: string | null): WordsWindow {
  return { from: dayStart(clock, day), to: dayStart(clock, addDays(day, 1)), unit: 'day', name };
}

/**
 * Saturday and Sunday: "the weekend" is the current one on a weekend, else the one just gone; "last weekend"
 * (`previous`) is the latest one that is over.
 */
export function weekendWindow(clock: Clock, previous: boolean): WordsWindow {
  const weekday = isoWeekday(clock.today);
  const onWeekend = weekday >= 6;
  const latestSaturday = addDays(clock.today, onWeekend ? 6 - weekday : -(weekday + 1));
  const saturday = previous && onWeekend ? addDays(latestSaturday, -7) : latestSaturday;
  return {
    from: dayStart(clock, saturday),
    to: dayStart(clock, addDays(saturday, 2)),
    unit: null,
    name: previous ? 'last weekend' : 'the weekend',
  };
}

/** The start's missing month and year come from the end: "between 1 and 10 Nov 2025", "20 Dec – 5 Jan 2027". */
function completeStart(start: PartialDate, end: PartialDate, startText: string): PartialDate {
  if (start.weekday !== undefined) return start;
  const month = start.month ?? end.month;
  if (month === undefined) throw new TimeWindowError(`${startText} needs a month`, startText);
  if (start.year !== undefined || end.year === undefined) return { ...start, month };
  const day = start.day ?? 1;
  const endMonth = end.month ?? 12;
  const sameYear = month < endMonth || (month === endMonth && day <= (end.day ?? 31));
  return { ...start, month, year: sameYear ? end.year : end.year - 1 };
}

/** Start of the first day → start of the day after the last (analytics.md "between <date> and <date>"). */
export function rangeWindow(clock: Clock, startText: string, endText: string): WordsWindow {
  const end = parsePartialDate(endText);
  const start = completeStart(parsePartialDate(startText), end, startText);
  const first = latestStart(start, clock.today, startText);
  const last = earliestEndOnOrAfter(end, first, `${startText} … ${endText}`);
  if (compareDates(last, first) < 0) throw new TimeWindowError(`${endText} is before ${startText}`, endText);
  return {
    from: dayStart(clock, first),
    to: dayStart(clock, addDays(last, 1)),
    unit: 'infer',
    name: null,
    statedEnd: true,
  };
}

/** The start of the previous unit ("since last week"). */
export function previousUnitStart(clock: Clock, unit: CalendarUnit): CivilDate {
  return addUnits(startOfUnit(clock.today, unit), unit, -1);
}
