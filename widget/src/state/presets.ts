import { defaultWindow, resolveTimeWindow } from '@sa/shared/time/resolve';

/**
 * Date presets of the filter bar. Each one is the time words it is named for, resolved by shared/time in
 * the site's time zone exactly as the same words in a chat question are (analytics.md); `to` is exclusive.
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

export function resolvePreset(preset: PresetId, now: Date, timeZone: string): Window {
  const words = PRESETS[preset].toLowerCase();
  const window = resolveTimeWindow(words, now, timeZone);
  // Every preset is a row of analytics.md's time-word table; reaching this means shared/time lost one.
  if (!window) throw new Error(`shared/time does not resolve the preset "${words}"`);
  return only(window);
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
