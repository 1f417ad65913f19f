import { addDays, type CivilDate, type CivilDateTime, dateOf, epochDay } from './calendar.ts';
import type { Instant } from './types.ts';
import { startOfDay, toCivil, toMs, windowMs } from './zoned.ts';

const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function day(d: CivilDate, withYear: boolean): string {
  return `${d.day} ${MONTH_ABBR[d.month - 1]}${withYear ? ` ${d.year}` : ''}`;
}

function clock(c: CivilDateTime): string {
  return `${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
}

/** Whole days first…last (inclusive): "24 Nov 2026", "16–22 Nov 2026", "28 Oct – 3 Nov 2026". */
function dayRange(first: CivilDate, last: CivilDate): string {
  if (epochDay(first) === epochDay(last)) return day(first, true);
  if (first.year === last.year && first.month === last.month) {
    return `${first.day}–${day(last, true)}`;
  }
  return `${day(first, first.year !== last.year)} – ${day(last, true)}`;
}

/**
 * A window in a few words, in English and independent of the runtime's locale: "16–22 Nov 2026" (whole days;
 * `to` is exclusive, so a window ending 23 Nov 00:00 reads "…–22 Nov"), "1 Nov – 25 Nov 2026, 14:00" (ending
 * at a time of day). Given `now`, a window on today or yesterday says so: "yesterday (24 Nov)".
 */
export function describeWindow(from: Instant, to: Instant, timeZone: string, now?: Instant): string {
  const [fromMs, toMsValue] = windowMs(from, to);
  const f = toCivil(fromMs, timeZone);
  const t = toCivil(toMsValue, timeZone);
  const fromIsDayStart = fromMs === startOfDay(f, timeZone);
  const toIsDayStart = toMsValue === startOfDay(t, timeZone);
  const lastDay = toIsDayStart ? addDays(dateOf(t), -1) : dateOf(t);
  const sameDay = epochDay(f) === epochDay(lastDay);

  if (now !== undefined && sameDay && fromIsDayStart) {
    const daysAgo = epochDay(toCivil(toMs(now, 'now'), timeZone)) - epochDay(f);
    const name = daysAgo === 0 ? 'today' : daysAgo === 1 ? 'yesterday' : null;
    if (name) return `${name} (${day(f, false)}${toIsDayStart ? '' : `, ${clock(f)}–${clock(t)}`})`;
  }
  if (fromIsDayStart && toIsDayStart) return dayRange(f, lastDay);
  if (sameDay) return `${day(f, true)}, ${clock(f)}–${clock(t)}`;
  const start = `${day(f, f.year !== t.year)}${fromIsDayStart ? '' : `, ${clock(f)}`}`;
  return `${start} – ${day(t, true)}, ${clock(t)}`;
}
