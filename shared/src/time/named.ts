import { dateOf } from './calendar.ts';
import { describeWindow } from './describe.ts';
import { inferCalendarUnit } from './previous.ts';
import type { CalendarUnit, Instant, ResolvedWindow } from './types.ts';
import { type Clock, rollingWindow, unitWindow, type WordsWindow } from './windows.ts';
import { formatIso, toCivil, toMs } from './zoned.ts';

/**
 * Windows named without words to parse — the default window, and the widget's date presets ("today", "last 7
 * days", "last month") — built by the same window functions the time-word rules call and finished the same
 * way, so a preset equals the words it is named for. Kept apart from resolve.ts so a page that only needs
 * these does not ship the time-word parser (its rules and regular expressions).
 */

/** Questions with no time words use the last 30 days (analytics.md). */
export const DEFAULT_WINDOW_DAYS = 30;

export function clockAt(now: Instant, timeZone: string): Clock {
  const nowMs = toMs(now, 'now');
  const civil = toCivil(nowMs, timeZone);
  return { nowMs, now: civil, today: dateOf(civil), timeZone };
}

export function finishWindow(window: WordsWindow, phrase: string, clock: Clock): ResolvedWindow {
  const { timeZone, nowMs } = clock;
  // A calendar unit that has begun but not ended stops at now ("in November" asked in November, Q4 asked in Q4):
  // there is no data after now, and compare_previous then cuts at the same point. A range whose last day the
  // person stated keeps that end, as analytics.md's "between" row says.
  const running = window.from < nowMs && nowMs < window.to;
  const end = running && !window.statedEnd ? nowMs : window.to;
  const from = new Date(window.from);
  const to = new Date(end);
  // A stated range running past now ("between Monday and Wednesday" asked on Wednesday) is a unit to date.
  const inferred = window.unit === 'infer' ? inferCalendarUnit(from, to, timeZone, new Date(nowMs)) : null;
  const unit = window.unit === 'infer' ? (inferred?.unit ?? null) : window.unit;
  const label = window.name
    ? `${window.name} (${describeWindow(from, to, timeZone)})`
    : describeWindow(from, to, timeZone, new Date(nowMs));
  return {
    from: formatIso(window.from, timeZone),
    to: formatIso(end, timeZone),
    unit,
    to_date: inferred?.to_date ?? end === nowMs,
    phrase,
    label,
  };
}

/** The last `days` days to now ("last 7 days"). */
export function lastDaysWindow(days: number, now: Instant, timeZone: string): ResolvedWindow {
  const clock = clockAt(now, timeZone);
  return finishWindow(rollingWindow(clock, days, 'day', ''), '', clock);
}

/** The calendar unit `offset` units from the current one: "today" (day, 0), "this month" (0), "last month" (-1). */
export function calendarUnitWindow(
  unit: CalendarUnit,
  offset: number,
  now: Instant,
  timeZone: string,
): ResolvedWindow {
  const clock = clockAt(now, timeZone);
  return finishWindow(unitWindow(clock, unit, offset, ''), '', clock);
}

/** The window for a question with no time words: the last 30 days to now. */
export function defaultWindow(now: Instant, timeZone: string): ResolvedWindow {
  return lastDaysWindow(DEFAULT_WINDOW_DAYS, now, timeZone);
}
