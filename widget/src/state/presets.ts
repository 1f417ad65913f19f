import type { ResolvedWindow } from '@sa/shared';
import { calendarUnitWindow, defaultWindow, lastDaysWindow } from '@sa/shared/time/named';

/**
 * Date presets of the filter bar. Each one is the window the time words it is named for mean, built by
 * shared/time's own window functions in the site's time zone exactly as the same words in a chat question are
 * (analytics.md; a test holds each preset equal to its words); `to` is exclusive. Not by parsing the words:
 * the time-word parser is ~4.6 KB gzip the page would ship for six fixed phrases.
 * (shared/time is imported by file: its index also exports zod schemas the page does not need.)
 */
export const PRESETS = {
  today: 'Today',
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  this_month: 'This month',
  last_month: 'Last month',
} as const;
export type PresetId = keyof typeof PRESETS;

export interface Window {
  from: string;
  to: string;
}

const only = ({ from, to }: Window): Window => ({ from, to });

const WINDOWS: Record<PresetId, (now: Date, timeZone: string) => ResolvedWindow> = {
  today: (now, tz) => calendarUnitWindow('day', 0, now, tz),
  last_7_days: (now, tz) => lastDaysWindow(7, now, tz),
  last_30_days: (now, tz) => lastDaysWindow(30, now, tz),
  last_90_days: (now, tz) => lastDaysWindow(90, now, tz),
  this_month: (now, tz) => calendarUnitWindow('month', 0, now, tz),
  last_month: (now, tz) => calendarUnitWindow('month', -1, now, tz),
};

export function resolvePreset(preset: PresetId, now: Date, timeZone: string): Window {
  return only(WINDOWS[preset](now, timeZone));
}

/** The window when none is chosen (a custom range not filled in yet): the site's default, as in the chat. */
export function defaultPresetWindow(now: Date, timeZone: string): Window {
  return only(defaultWindow(now, timeZone));
}

/** A timeseries bucket that keeps the chart readable: hours for a few days, days up to ~4 months, then weeks. */
export function bucketFor(from: string, to: string): 'hour' | 'day' | 'week' {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days <= 3) return 'hour';
  if (days <= 120) return 'day';
  return 'week';
}
