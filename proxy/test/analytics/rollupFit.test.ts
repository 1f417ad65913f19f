import { describe, expect, it } from 'vitest';
import { rollupFit } from '../../src/analytics/rollupFit.ts';

const NOV = { from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z' };
const ACROSS_DST = { from: '2026-10-20T00:00:00Z', to: '2026-10-30T00:00:00Z' };

describe('rollupFit', () => {
  it.each([
    ['no time grouping: every rollup, any zone', NOV, 'Asia/Kolkata', {}, true, true],
    ['topic breakdown: every rollup', NOV, 'Asia/Kathmandu', { key: 'topic' as const }, true, true],
    ['days in UTC: hourly and daily', NOV, 'UTC', { time: 'day' as const }, true, true],
    ['days in Berlin: hourly and daily', NOV, 'Europe/Berlin', { time: 'day' as const }, true, true],
    [
      'days in London in winter (offset 0): daily too',
      NOV,
      'Europe/London',
      { time: 'day' as const },
      true,
      true,
    ],
    [
      'days in London across the DST change: hourly and daily',
      ACROSS_DST,
      'Europe/London',
      { time: 'day' as const },
      true,
      true,
    ],
    ['hours in UTC: never daily', NOV, 'UTC', { time: 'hour' as const }, true, false],
    ['hour_of_day in UTC: never daily', NOV, 'UTC', { key: 'hour_of_day' as const }, true, false],
    ['weekday in UTC: daily', NOV, 'UTC', { key: 'weekday' as const }, true, true],
    ['half-hour zone: raw rows only', NOV, 'Asia/Kolkata', { time: 'day' as const }, false, false],
    ['45-minute zone: raw rows only', NOV, 'Asia/Kathmandu', { key: 'hour_of_day' as const }, false, false],
  ])('%s', (_, window, zone, grouping, useHours, useDays) => {
    expect(rollupFit(window.from, window.to, zone, grouping)).toEqual({ useHours, useDays });
  });
});
