/** Date presets of the filter bar. Windows are in the viewer's local time; `to` is exclusive (analytics.md). */
export const PRESETS = {
  today: 'Today',
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  this_month: 'This month',
  last_month: 'Last month',
} as const;
export type PresetId = keyof typeof PRESETS;

const DAY_MS = 86_400_000;

function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

export function resolvePreset(preset: PresetId, now: Date): { from: string; to: string } {
  const iso = (d: Date) => d.toISOString();
  switch (preset) {
    case 'today':
      return { from: iso(startOfDay(now)), to: iso(now) };
    case 'last_7_days':
      return { from: iso(new Date(now.getTime() - 7 * DAY_MS)), to: iso(now) };
    case 'last_30_days':
      return { from: iso(new Date(now.getTime() - 30 * DAY_MS)), to: iso(now) };
    case 'last_90_days':
      return { from: iso(new Date(now.getTime() - 90 * DAY_MS)), to: iso(now) };
    case 'this_month':
      return { from: iso(new Date(now.getFullYear(), now.getMonth(), 1)), to: iso(now) };
    case 'last_month':
      return {
        from: iso(new Date(now.getFullYear(), now.getMonth() - 1, 1)),
        to: iso(new Date(now.getFullYear(), now.getMonth(), 1)),
      };
  }
}

/** "16–22 Nov", "3 Oct – 2 Nov", "28 Dec 2025 – 3 Jan 2026": a window as a person reads it (`to` exclusive). */
export function formatWindow(from: string, to: string, now: Date = new Date()): string {
  const start = new Date(from);
  const endExclusive = new Date(to);
  const wholeDay =
    endExclusive.getHours() === 0 && endExclusive.getMinutes() === 0 && endExclusive.getSeconds() === 0;
  const end = wholeDay ? new Date(endExclusive.getTime() - 1) : endExclusive;
  const sameYear = start.getFullYear() === end.getFullYear();
  const showYear = !sameYear || start.getFullYear() !== now.getFullYear();
  const day = (d: Date, withMonth: boolean, withYear: boolean) =>
    d.toLocaleDateString('en-GB', {
      day: 'numeric',
      ...(withMonth ? { month: 'short' } : {}),
      ...(withYear ? { year: 'numeric' } : {}),
    });
  if (start.toDateString() === end.toDateString()) return day(start, true, showYear);
  if (sameYear && start.getMonth() === end.getMonth()) {
    return `${day(start, false, false)}–${day(end, true, showYear)}`;
  }
  return `${day(start, true, !sameYear)} – ${day(end, true, showYear)}`;
}

/** A timeseries bucket that keeps the chart readable: hours for a few days, days up to ~4 months, then weeks. */
export function bucketFor(from: string, to: string): 'hour' | 'day' | 'week' {
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (days <= 3) return 'hour';
  if (days <= 120) return 'day';
  return 'week';
}
