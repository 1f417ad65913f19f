import { atMidnight, type CivilDate, type CivilDateTime, DAY_MS } from './calendar.ts';
import { TimeWindowError } from './errors.ts';
import type { Instant } from './types.ts';

// Hand-written on Intl rather than a date library: the widget bundles this, and converting between wall
// clock and instants is the only zone logic needed (the rest is plain calendar arithmetic).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new TimeWindowError(`"${timeZone}" is not a known IANA time zone (e.g. Europe/Berlin)`, timeZone);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Epoch milliseconds of an ISO string or Date; a clear error for anything unparseable. */
export function toMs(value: Instant, what = 'time'): number {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (!Number.isFinite(ms)) {
    throw new TimeWindowError(`${what} "${String(value)}" is not an ISO 8601 date-time`, String(value));
  }
  return ms;
}

/** A window's bounds in epoch milliseconds; a clear error unless `from` is before `to`. */
export function windowMs(from: Instant, to: Instant): [number, number] {
  const fromMs = toMs(from, 'from');
  const toMsValue = toMs(to, 'to');
  if (!(fromMs < toMsValue)) {
    throw new TimeWindowError(`window end ${String(to)} is not after its start ${String(from)}`);
  }
  return [fromMs, toMsValue];
}

/** The wall clock in `timeZone` at an instant. */
export function toCivil(ms: number, timeZone: string): CivilDateTime {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? Number.NaN,
    month: fields.month ?? Number.NaN,
    day: fields.day ?? Number.NaN,
    hour: fields.hour ?? Number.NaN,
    minute: fields.minute ?? Number.NaN,
    second: fields.second ?? Number.NaN,
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

function asUtc(c: CivilDateTime): number {
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second, c.millisecond);
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (+01:00 → 3,600,000). */
export function offsetMs(ms: number, timeZone: string): number {
  return asUtc(toCivil(ms, timeZone)) - ms;
}

/**
 * The instant a wall-clock time happens in `timeZone`. A time skipped by a DST change (02:30 on a spring-forward
 * night) moves forward by the gap (03:30); a time that happens twice (autumn) takes the first occurrence.
 */
export function fromCivil(c: CivilDateTime, timeZone: string): number {
  const wall = asUtc(c);
  // Offsets a day either side bracket any single transition, so they are the only candidates.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  // No transition within a day either side (nearly always): the one offset is the answer.
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((t) => offsetMs(t, timeZone) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

/** The instant a day starts in `timeZone` (usually midnight; 01:00 where DST skips midnight). */
export function startOfDay(d: CivilDate, timeZone: string): number {
  return fromCivil(atMidnight(d), timeZone);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO 8601 with the zone's offset at that instant: 2026-11-16T00:00:00+01:00 (milliseconds only when set). */
export function formatIso(ms: number, timeZone: string): string {
  const c = toCivil(ms, timeZone);
  const offsetMinutes = Math.round(offsetMs(ms, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const fraction = c.millisecond ? `.${pad(c.millisecond, 3)}` : '';
  return (
    `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}${fraction}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
