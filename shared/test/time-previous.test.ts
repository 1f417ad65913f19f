import { describe, expect, it } from 'vitest';
import { inferCalendarUnit, previousWindow, type TimeWindow, TimeWindowError } from '../src/index.ts';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';

type Case = [name: string, window: TimeWindow, zone: string, expected: { from: string; to: string }];

const cases: Case[] = [
  [
    'a whole day → the day before',
    { from: '2026-11-24T00:00:00+01:00', to: '2026-11-25T00:00:00+01:00', unit: 'day', to_date: false },
    BERLIN,
    { from: '2026-11-23T00:00:00+01:00', to: '2026-11-24T00:00:00+01:00' },
  ],
  [
    'today so far → yesterday up to the same time',
    { from: '2026-11-25T00:00:00+01:00', to: '2026-11-25T14:30:00+01:00', unit: 'day', to_date: true },
    BERLIN,
    { from: '2026-11-24T00:00:00+01:00', to: '2026-11-24T14:30:00+01:00' },
  ],
  [
    'today so far on the day after New York springs forward → the 23-hour day before, to the same wall time',
    { from: '2026-03-09T00:00:00-04:00', to: '2026-03-09T10:00:00-04:00', unit: 'day', to_date: true },
    NY,
    { from: '2026-03-08T00:00:00-05:00', to: '2026-03-08T10:00:00-04:00' },
  ],
  [
    'a whole week → the week before',
    { from: '2026-11-16T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00', unit: 'week', to_date: false },
    BERLIN,
    { from: '2026-11-09T00:00:00+01:00', to: '2026-11-16T00:00:00+01:00' },
  ],
  [
    'this week so far (Wednesday 14:00) → last week to Wednesday 14:00',
    { from: '2026-11-23T00:00:00+01:00', to: '2026-11-25T14:00:00+01:00', unit: 'week', to_date: true },
    BERLIN,
    { from: '2026-11-16T00:00:00+01:00', to: '2026-11-18T14:00:00+01:00' },
  ],
  [
    'a week across the autumn DST change (168 h vs 169 h) stays on midnights',
    { from: '2026-10-26T00:00:00+01:00', to: '2026-11-02T00:00:00+01:00', unit: 'week', to_date: false },
    BERLIN,
    { from: '2026-10-19T00:00:00+02:00', to: '2026-10-26T00:00:00+01:00' },
  ],
  [
    'this month so far → last month up to the same day and time',
    { from: '2026-11-01T00:00:00+01:00', to: '2026-11-25T14:00:00+01:00', unit: 'month', to_date: true },
    BERLIN,
    { from: '2026-10-01T00:00:00+02:00', to: '2026-10-25T14:00:00+01:00' },
  ],
  [
    '31 March so far → all of February (clamped to its end)',
    { from: '2026-03-01T00:00:00+01:00', to: '2026-03-31T10:00:00+02:00', unit: 'month', to_date: true },
    BERLIN,
    { from: '2026-02-01T00:00:00+01:00', to: '2026-03-01T00:00:00+01:00' },
  ],
  [
    '29 March so far in a leap year → February up to the 29th',
    { from: '2028-03-01T00:00:00Z', to: '2028-03-29T10:00:00Z', unit: 'month', to_date: true },
    'UTC',
    { from: '2028-02-01T00:00:00+00:00', to: '2028-02-29T10:00:00+00:00' },
  ],
  [
    'a whole month → the month before, across a year boundary',
    { from: '2026-01-01T00:00:00-05:00', to: '2026-02-01T00:00:00-05:00', unit: 'month', to_date: false },
    NY,
    { from: '2025-12-01T00:00:00-05:00', to: '2026-01-01T00:00:00-05:00' },
  ],
  [
    'this quarter so far (25 Nov) → last quarter to 25 Aug',
    { from: '2026-10-01T00:00:00+02:00', to: '2026-11-25T14:00:00+01:00', unit: 'quarter', to_date: true },
    BERLIN,
    { from: '2026-07-01T00:00:00+02:00', to: '2026-08-25T14:00:00+02:00' },
  ],
  [
    'Q2 so far to 31 May → Q1 to the end of February',
    { from: '2026-04-01T00:00:00Z', to: '2026-05-31T12:00:00Z', unit: 'quarter', to_date: true },
    'UTC',
    { from: '2026-01-01T00:00:00+00:00', to: '2026-03-01T00:00:00+00:00' },
  ],
  [
    'a whole quarter → the previous quarter, across a year boundary',
    { from: '2027-01-01T00:00:00Z', to: '2027-04-01T00:00:00Z', unit: 'quarter', to_date: false },
    'UTC',
    { from: '2026-10-01T00:00:00+00:00', to: '2027-01-01T00:00:00+00:00' },
  ],
  [
    'year to date on 29 Feb → last year to 1 March',
    { from: '2028-01-01T00:00:00Z', to: '2028-02-29T18:00:00Z', unit: 'year', to_date: true },
    'UTC',
    { from: '2027-01-01T00:00:00+00:00', to: '2027-03-01T00:00:00+00:00' },
  ],
  [
    'a rolling 7 days → the 7 days before, by calendar days across the spring DST change',
    { from: '2026-03-26T14:00:00+01:00', to: '2026-04-02T14:00:00+02:00', unit: null, to_date: true },
    BERLIN,
    { from: '2026-03-19T14:00:00+01:00', to: '2026-03-26T14:00:00+01:00' },
  ],
  [
    'last 48 hours across a DST change → the 48 hours before',
    { from: '2026-03-07T15:00:00-05:00', to: '2026-03-09T16:00:00-04:00', unit: null, to_date: true },
    NY,
    { from: '2026-03-05T15:00:00-05:00', to: '2026-03-07T15:00:00-05:00' },
  ],
  [
    'an arbitrary span of days → the same number of days before',
    { from: '2026-11-03T00:00:00Z', to: '2026-11-13T00:00:00Z', unit: null, to_date: false },
    'UTC',
    { from: '2026-10-24T00:00:00+00:00', to: '2026-11-03T00:00:00+00:00' },
  ],
];

describe('previousWindow', () => {
  it.each(cases)('%s', (_name, window, zone, expected) => {
    expect(previousWindow(window, zone)).toEqual({ ...expected, unit: window.unit, to_date: window.to_date });
  });

  it('rejects a unit window that does not start at the unit start', () => {
    const w: TimeWindow = {
      from: '2026-11-03T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      unit: 'month',
      to_date: false,
    };
    expect(() => previousWindow(w, 'UTC')).toThrow(/not the start of a month/);
  });

  it('rejects a whole-unit window whose end is not the unit end', () => {
    const w: TimeWindow = {
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-20T00:00:00Z',
      unit: 'month',
      to_date: false,
    };
    expect(() => previousWindow(w, 'UTC')).toThrow(/not the end of the month/);
  });

  it('rejects an empty window, a bad instant and an unknown zone with TimeWindowError', () => {
    const w: TimeWindow = {
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-01T00:00:00Z',
      unit: null,
      to_date: false,
    };
    expect(() => previousWindow(w, 'UTC')).toThrow(TimeWindowError);
    expect(() => previousWindow({ ...w, to: 'soon' }, 'UTC')).toThrow(/"soon" is not an ISO 8601/);
    expect(() => previousWindow({ ...w, to: '2026-11-02T00:00:00Z' }, 'Mars/Base')).toThrow(/IANA time zone/);
  });
});

describe('inferCalendarUnit', () => {
  const now = '2026-11-25T14:00:00+01:00';
  it.each([
    [
      'a whole day',
      '2026-11-24T00:00:00+01:00',
      '2026-11-25T00:00:00+01:00',
      { unit: 'day', to_date: false },
    ],
    ['today so far', '2026-11-25T00:00:00+01:00', now, { unit: 'day', to_date: true }],
    [
      'a whole week',
      '2026-11-16T00:00:00+01:00',
      '2026-11-23T00:00:00+01:00',
      { unit: 'week', to_date: false },
    ],
    ['a week so far', '2026-11-23T00:00:00+01:00', now, { unit: 'week', to_date: true }],
    [
      'a whole month',
      '2026-10-01T00:00:00+02:00',
      '2026-11-01T00:00:00+01:00',
      { unit: 'month', to_date: false },
    ],
    ['a month so far', '2026-11-01T00:00:00+01:00', now, { unit: 'month', to_date: true }],
    [
      'a month so far to a rounded now',
      '2026-11-01T00:00:00+01:00',
      '2026-11-25T13:59:30+01:00',
      { unit: 'month', to_date: true },
    ],
    [
      'a whole quarter',
      '2026-07-01T00:00:00+02:00',
      '2026-10-01T00:00:00+02:00',
      { unit: 'quarter', to_date: false },
    ],
    ['a quarter so far', '2026-10-01T00:00:00+02:00', now, { unit: 'quarter', to_date: true }],
    [
      'a whole year',
      '2025-01-01T00:00:00+01:00',
      '2026-01-01T00:00:00+01:00',
      { unit: 'year', to_date: false },
    ],
    ['a year so far', '2026-01-01T00:00:00+01:00', now, { unit: 'year', to_date: true }],
  ] as const)('%s', (_name, from, to, expected) => {
    expect(inferCalendarUnit(from, to, 'Europe/Berlin', now)).toEqual(expected);
  });

  it.each([
    ['a rolling 7 days', '2026-11-18T14:00:00+01:00', now],
    ['part of a month that ended before now', '2026-11-01T00:00:00+01:00', '2026-11-20T00:00:00+01:00'],
    ['a month start in another zone', '2026-11-01T00:00:00Z', now],
    ['two whole months', '2026-09-01T00:00:00+02:00', '2026-11-01T00:00:00+01:00'],
  ])('%s is no calendar unit', (_name, from, to) => {
    expect(inferCalendarUnit(from, to, 'Europe/Berlin', now)).toBeNull();
  });

  it('takes the smallest unit when a window is several units to date at once', () => {
    // Monday 1 March 2027 starts both a week and a month.
    expect(
      inferCalendarUnit('2027-03-01T00:00:00Z', '2027-03-03T09:00:00Z', 'UTC', '2027-03-03T09:00:00Z'),
    ).toEqual({ unit: 'week', to_date: true });
  });
});
