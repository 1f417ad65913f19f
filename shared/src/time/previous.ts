import {
  addDays,
  addUnits,
  CALENDAR_UNITS,
  type CivilDate,
  dateOf,
  daysInMonth,
  epochDay,
  sameTimeOfDay,
  startOfUnit,
  withTimeOf,
} from './calendar.ts';
import { TimeWindowError } from './errors.ts';
import type { CalendarUnit, Instant, TimeWindow } from './types.ts';
import { formatIso, fromCivil, startOfDay, toCivil, toMs, windowMs } from './zoned.ts';

/** How far before `now` a window's end may be and still count as "to date" (LLMs and URLs round "now"). */
export const TO_DATE_TOLERANCE_MS = 60_000;

const UNIT_NAMES: Record<CalendarUnit, string> = {
  day: 'day',
  week: 'week (Monday to Monday)',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};

/** The unit containing `fromMs` when `fromMs` is exactly its start, else null. */
function unitStartAt(fromMs: number, unit: CalendarUnit, timeZone: string): CivilDate | null {
  const start = startOfUnit(dateOf(toCivil(fromMs, timeZone)), unit);
  return startOfDay(start, timeZone) === fromMs ? start : null;
}

/**
 * Where the previous unit is cut so it covers as much of itself as the window covers of its own unit: the same
 * day and time (this month so far → last month up to the same day and time), clamped to the previous unit's
 * end (31 March so far → all of February).
 */
function cutInPreviousUnit(
  start: CivilDate,
  previousStart: CivilDate,
  toMsValue: number,
  unit: CalendarUnit,
  timeZone: string,
): number {
  const to = toCivil(toMsValue, timeZone);
  if (unit === 'day' || unit === 'week') {
    const days = epochDay(to) - epochDay(start);
    return fromCivil(withTimeOf(addDays(previousStart, days), to), timeZone);
  }
  const monthOffset = (to.year - start.year) * 12 + (to.month - start.month);
  const target = addUnits(previousStart, 'month', monthOffset);
  if (to.day > daysInMonth(target.year, target.month)) {
    return startOfDay(addUnits(target, 'month', 1), timeZone);
  }
  return fromCivil(withTimeOf({ ...target, day: to.day }, to), timeZone);
}

/**
 * The same-length window just before `from`. A window spanning whole days (start and end at the same time of
 * day) moves back by calendar days, so a DST change between the two never shifts it off midnight.
 */
function sameLengthBefore(fromMs: number, toMsValue: number, timeZone: string): number {
  const f = toCivil(fromMs, timeZone);
  const t = toCivil(toMsValue, timeZone);
  if (sameTimeOfDay(f, t)) {
    return fromCivil(withTimeOf(addDays(f, epochDay(f) - epochDay(t)), f), timeZone);
  }
  return fromMs - (toMsValue - fromMs);
}

/**
 * The window compare_previous compares with (analytics.md): one calendar unit, whole or to date, is compared
 * with the previous unit of the same kind (cut at the same offset when to date); any other window (unit null)
 * with the same-length window just before `from`.
 */
export function previousWindow(window: TimeWindow, timeZone: string): TimeWindow {
  const [fromMs, toMsValue] = windowMs(window.from, window.to);
  const { unit, to_date } = window;
  if (unit === null) {
    return {
      from: formatIso(sameLengthBefore(fromMs, toMsValue, timeZone), timeZone),
      to: formatIso(fromMs, timeZone),
      unit,
      to_date,
    };
  }
  const start = unitStartAt(fromMs, unit, timeZone);
  if (!start) {
    throw new TimeWindowError(
      `window start ${window.from} is not the start of a ${UNIT_NAMES[unit]} in ${timeZone}; pass unit null`,
      window.from,
    );
  }
  const end = startOfDay(addUnits(start, unit, 1), timeZone);
  if (to_date ? toMsValue > end : toMsValue !== end) {
    throw new TimeWindowError(
      `window end ${window.to} is ${to_date ? 'past the end of' : 'not the end of'} the ${unit} starting ${window.from}`,
      window.to,
    );
  }
  const previousStart = addUnits(start, unit, -1);
  const previousTo = to_date ? cutInPreviousUnit(start, previousStart, toMsValue, unit, timeZone) : fromMs;
  return {
    from: formatIso(startOfDay(previousStart, timeZone), timeZone),
    to: formatIso(Math.min(previousTo, fromMs), timeZone),
    unit,
    to_date,
  };
}

/**
 * Whether an explicit window (as an LLM or a URL gives it) is exactly one calendar unit, or a unit up to now
 * (its end within TO_DATE_TOLERANCE_MS of `now` or later, but before the unit's end), so the calendar rules of
 * compare_previous apply to any query. When a window is several units to date at once (Monday 1 March → now is
 * week, month and quarter to date), the smallest unit is taken: its previous period is the nearest one.
 */
export function inferCalendarUnit(
  from: Instant,
  to: Instant,
  timeZone: string,
  now: Instant,
): { unit: CalendarUnit; to_date: boolean } | null {
  const [fromMs, toMsValue] = windowMs(from, to);
  const nowMs = toMs(now, 'now');
  for (const unit of CALENDAR_UNITS) {
    const start = unitStartAt(fromMs, unit, timeZone);
    if (!start) continue;
    const end = startOfDay(addUnits(start, unit, 1), timeZone);
    if (toMsValue === end) return { unit, to_date: false };
    if (toMsValue < end && toMsValue >= nowMs - TO_DATE_TOLERANCE_MS && fromMs <= nowMs) {
      return { unit, to_date: true };
    }
  }
  return null;
}
