import { describe, expect, it } from 'vitest';
import {
  type CalendarUnit,
  DEFAULT_WINDOW_DAYS,
  defaultWindow,
  Filters,
  previousWindow,
  ResolvedWindow,
  resolveTimeWindow,
  TimeWindowError,
} from '../src/index.ts';

const BERLIN = 'Europe/Berlin';
const NY = 'America/New_York';
/** Wednesday 25 November 2026, 14:00 in Berlin (+01:00). */
const NOW = '2026-11-25T14:00:00+01:00';

interface Expected {
  from: string;
  to: string;
  unit: CalendarUnit | null;
  to_date?: boolean;
}

type Row = [question: string, expected: Expected, now?: string, zone?: string];

function check([question, expected, now = NOW, zone = BERLIN]: Row) {
  const resolved = resolveTimeWindow(question, new Date(now), zone);
  expect(resolved).not.toBeNull();
  expect({ from: resolved?.from, to: resolved?.to, unit: resolved?.unit }).toEqual({
    from: expected.from,
    to: expected.to,
    unit: expected.unit,
  });
  expect(resolved?.to_date).toBe(expected.to_date ?? Date.parse(expected.to) === Date.parse(now));
  // The window is valid against the shared contracts as it is.
  expect(ResolvedWindow.safeParse(resolved).success).toBe(true);
  expect(Filters.safeParse({ from: resolved?.from, to: resolved?.to }).success).toBe(true);
  // Whatever was matched can be cut out of the question verbatim.
  expect(question).toContain(resolved?.phrase);
  // Every calendar window the resolver hands out is one compare_previous accepts.
  if (resolved?.unit) expect(() => previousWindow(resolved, zone)).not.toThrow();
}

describe('resolveTimeWindow: the time-words table (analytics.md)', () => {
  it.each<Row>([
    ['today', { from: '2026-11-25T00:00:00+01:00', to: NOW, unit: 'day' }],
    ['yesterday', { from: '2026-11-24T00:00:00+01:00', to: '2026-11-25T00:00:00+01:00', unit: 'day' }],
    ['this week', { from: '2026-11-23T00:00:00+01:00', to: NOW, unit: 'week' }],
    ['last week', { from: '2026-11-16T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00', unit: 'week' }],
    ['last 5 days', { from: '2026-11-20T14:00:00+01:00', to: NOW, unit: null }],
    ['past 10 days', { from: '2026-11-15T14:00:00+01:00', to: NOW, unit: null }],
    ['past week', { from: '2026-11-18T14:00:00+01:00', to: NOW, unit: null }],
    ['last 7 days', { from: '2026-11-18T14:00:00+01:00', to: NOW, unit: null }],
    ['this month', { from: '2026-11-01T00:00:00+01:00', to: NOW, unit: 'month' }],
    ['last month', { from: '2026-10-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00', unit: 'month' }],
    ['in October', { from: '2026-10-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00', unit: 'month' }],
    ['in November', { from: '2026-11-01T00:00:00+01:00', to: NOW, unit: 'month' }],
    ['in December', { from: '2025-12-01T00:00:00+01:00', to: '2026-01-01T00:00:00+01:00', unit: 'month' }],
    ['in March 2025', { from: '2025-03-01T00:00:00+01:00', to: '2025-04-01T00:00:00+02:00', unit: 'month' }],
    ['since Friday', { from: '2026-11-20T00:00:00+01:00', to: NOW, unit: null }],
    ['since 3 November', { from: '2026-11-03T00:00:00+01:00', to: NOW, unit: null }],
    [
      'between 2 Nov and 4 Nov',
      { from: '2026-11-02T00:00:00+01:00', to: '2026-11-05T00:00:00+01:00', unit: null },
    ],
    ['Q3', { from: '2026-07-01T00:00:00+02:00', to: '2026-10-01T00:00:00+02:00', unit: 'quarter' }],
    ['Q4', { from: '2026-10-01T00:00:00+02:00', to: NOW, unit: 'quarter' }],
    ['Q2 2025', { from: '2025-04-01T00:00:00+02:00', to: '2025-07-01T00:00:00+02:00', unit: 'quarter' }],
    ['last 3 weeks', { from: '2026-11-04T14:00:00+01:00', to: NOW, unit: null }],
    ['last 2 months', { from: '2026-09-25T14:00:00+02:00', to: NOW, unit: null }],
  ])('%s', (...row) => check(row));
});

describe('resolveTimeWindow: paraphrases', () => {
  it.each<Row>([
    ['the last fortnight', { from: '2026-11-11T14:00:00+01:00', to: NOW, unit: null }],
    ['over the weekend', { from: '2026-11-21T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00', unit: null }],
    ['this weekend', { from: '2026-11-21T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00', unit: null }],
    ['last weekend', { from: '2026-11-21T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00', unit: null }],
    // Asked on Sunday: "the weekend" is the one under way, "last weekend" the one before.
    [
      'over the weekend',
      { from: '2026-11-21T00:00:00+01:00', to: '2026-11-22T10:00:00+01:00', unit: null },
      '2026-11-22T10:00:00+01:00',
    ],
    [
      'last weekend',
      { from: '2026-11-14T00:00:00+01:00', to: '2026-11-16T00:00:00+01:00', unit: null },
      '2026-11-22T10:00:00+01:00',
    ],
    [
      'the week before last',
      { from: '2026-11-09T00:00:00+01:00', to: '2026-11-16T00:00:00+01:00', unit: 'week' },
    ],
    [
      'the month before last',
      { from: '2026-09-01T00:00:00+02:00', to: '2026-10-01T00:00:00+02:00', unit: 'month' },
    ],
    ['since the start of the month', { from: '2026-11-01T00:00:00+01:00', to: NOW, unit: 'month' }],
    ['month to date', { from: '2026-11-01T00:00:00+01:00', to: NOW, unit: 'month' }],
    ['MTD', { from: '2026-11-01T00:00:00+01:00', to: NOW, unit: 'month' }],
    ['year to date', { from: '2026-01-01T00:00:00+01:00', to: NOW, unit: 'year' }],
    ['last 48 hours', { from: '2026-11-23T14:00:00+01:00', to: NOW, unit: null }],
    ['past 6 hours', { from: '2026-11-25T08:00:00+01:00', to: NOW, unit: null }],
    ['the last hour', { from: '2026-11-25T13:00:00+01:00', to: NOW, unit: null }],
    ['last 90 minutes', { from: '2026-11-25T12:30:00+01:00', to: NOW, unit: null }],
    ['this year', { from: '2026-01-01T00:00:00+01:00', to: NOW, unit: 'year' }],
    ['last year', { from: '2025-01-01T00:00:00+01:00', to: '2026-01-01T00:00:00+01:00', unit: 'year' }],
    ['this quarter', { from: '2026-10-01T00:00:00+02:00', to: NOW, unit: 'quarter' }],
    ['last quarter', { from: '2026-07-01T00:00:00+02:00', to: '2026-10-01T00:00:00+02:00', unit: 'quarter' }],
    [
      'the third quarter of 2025',
      { from: '2025-07-01T00:00:00+02:00', to: '2025-10-01T00:00:00+02:00', unit: 'quarter' },
    ],
    ['2025 Q1', { from: '2025-01-01T00:00:00+01:00', to: '2025-04-01T00:00:00+02:00', unit: 'quarter' }],
    ['in 2025', { from: '2025-01-01T00:00:00+01:00', to: '2026-01-01T00:00:00+01:00', unit: 'year' }],
    [
      'the day before yesterday',
      { from: '2026-11-23T00:00:00+01:00', to: '2026-11-24T00:00:00+01:00', unit: 'day' },
    ],
    ['3 days ago', { from: '2026-11-22T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00', unit: 'day' }],
    ['since yesterday', { from: '2026-11-24T00:00:00+01:00', to: NOW, unit: null }],
    ['since last week', { from: '2026-11-16T00:00:00+01:00', to: NOW, unit: null }],
    ['since Nov', { from: '2026-11-01T00:00:00+01:00', to: NOW, unit: 'month' }],
    ['since Q3', { from: '2026-07-01T00:00:00+02:00', to: NOW, unit: null }],
    ['on Tuesday', { from: '2026-11-24T00:00:00+01:00', to: '2026-11-25T00:00:00+01:00', unit: 'day' }],
    ['on Wednesday', { from: '2026-11-25T00:00:00+01:00', to: NOW, unit: 'day' }],
    ['last Wednesday', { from: '2026-11-18T00:00:00+01:00', to: '2026-11-19T00:00:00+01:00', unit: 'day' }],
    [
      'from Monday to Tuesday',
      { from: '2026-11-23T00:00:00+01:00', to: '2026-11-25T00:00:00+01:00', unit: null },
    ],
    [
      'between Monday and Wednesday',
      { from: '2026-11-23T00:00:00+01:00', to: '2026-11-26T00:00:00+01:00', unit: 'week', to_date: true },
    ],
    [
      'between September and October',
      { from: '2026-09-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00', unit: null },
    ],
    [
      'from 2 Nov to 5 Nov',
      { from: '2026-11-02T00:00:00+01:00', to: '2026-11-06T00:00:00+01:00', unit: null },
    ],
    ['16–22 Nov', { from: '2026-11-16T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00', unit: 'week' }],
    ['Nov 16-22', { from: '2026-11-16T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00', unit: 'week' }],
    [
      'between 1 and 31 Oct',
      { from: '2026-10-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00', unit: 'month' },
    ],
    ['since the 1st', { from: '2026-11-01T00:00:00+01:00', to: NOW, unit: 'month' }],
    ['since the 30th', { from: '2026-10-30T00:00:00+01:00', to: NOW, unit: null }],
    ['this past weekend', { from: '2026-11-21T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00', unit: null }],
    [
      'between 1 and 10 Nov 2025',
      { from: '2025-11-01T00:00:00+01:00', to: '2025-11-11T00:00:00+01:00', unit: null },
    ],
  ])('%s', (...row) => check(row));
});

describe('resolveTimeWindow: numbers, abbreviations and date forms', () => {
  it.each<Row>([
    ['last three days', { from: '2026-11-22T14:00:00+01:00', to: NOW, unit: null }],
    ['past twenty-one days', { from: '2026-11-04T14:00:00+01:00', to: NOW, unit: null }],
    ['the last twelve months', { from: '2025-11-25T14:00:00+01:00', to: NOW, unit: null }],
    ['last November', { from: '2025-11-01T00:00:00+01:00', to: '2025-12-01T00:00:00+01:00', unit: 'month' }],
    ['last March', { from: '2026-03-01T00:00:00+01:00', to: '2026-04-01T00:00:00+02:00', unit: 'month' }],
    ['in May', { from: '2026-05-01T00:00:00+02:00', to: '2026-06-01T00:00:00+02:00', unit: 'month' }],
    ['November 2025', { from: '2025-11-01T00:00:00+01:00', to: '2025-12-01T00:00:00+01:00', unit: 'month' }],
    ['WTD', { from: '2026-11-23T00:00:00+01:00', to: NOW, unit: 'week' }],
    ['the past few days', { from: '2026-11-22T14:00:00+01:00', to: NOW, unit: null }],
    ['from 3 November onwards', { from: '2026-11-03T00:00:00+01:00', to: NOW, unit: null }],
    ['last couple of days', { from: '2026-11-23T14:00:00+01:00', to: NOW, unit: null }],
    ['last 7d', { from: '2026-11-18T14:00:00+01:00', to: NOW, unit: null }],
    ['last 24h', { from: '2026-11-24T14:00:00+01:00', to: NOW, unit: null }],
    ['past 2 wks', { from: '2026-11-11T14:00:00+01:00', to: NOW, unit: null }],
    ['in Sept', { from: '2026-09-01T00:00:00+02:00', to: '2026-10-01T00:00:00+02:00', unit: 'month' }],
    ['in sep 2025', { from: '2025-09-01T00:00:00+02:00', to: '2025-10-01T00:00:00+02:00', unit: 'month' }],
    ['16 Nov', { from: '2026-11-16T00:00:00+01:00', to: '2026-11-17T00:00:00+01:00', unit: 'day' }],
    ['Nov 16', { from: '2026-11-16T00:00:00+01:00', to: '2026-11-17T00:00:00+01:00', unit: 'day' }],
    [
      'November 16th, 2025',
      { from: '2025-11-16T00:00:00+01:00', to: '2025-11-17T00:00:00+01:00', unit: 'day' },
    ],
    [
      'the 16th of November',
      { from: '2026-11-16T00:00:00+01:00', to: '2026-11-17T00:00:00+01:00', unit: 'day' },
    ],
    ['2026-11-16', { from: '2026-11-16T00:00:00+01:00', to: '2026-11-17T00:00:00+01:00', unit: 'day' }],
    // Numeric dates are day first.
    ['16/11/2026', { from: '2026-11-16T00:00:00+01:00', to: '2026-11-17T00:00:00+01:00', unit: 'day' }],
    ['3/11/2026', { from: '2026-11-03T00:00:00+01:00', to: '2026-11-04T00:00:00+01:00', unit: 'day' }],
    ['16.11.26', { from: '2026-11-16T00:00:00+01:00', to: '2026-11-17T00:00:00+01:00', unit: 'day' }],
    ['on 16/11', { from: '2026-11-16T00:00:00+01:00', to: '2026-11-17T00:00:00+01:00', unit: 'day' }],
    ['since 2026-11-01', { from: '2026-11-01T00:00:00+01:00', to: NOW, unit: 'month' }],
    [
      'between 16/11/2026 and 18/11/2026',
      { from: '2026-11-16T00:00:00+01:00', to: '2026-11-19T00:00:00+01:00', unit: null },
    ],
    [
      '2026-11-02 to 2026-11-08',
      { from: '2026-11-02T00:00:00+01:00', to: '2026-11-09T00:00:00+01:00', unit: 'week' },
    ],
  ])('%s', (...row) => check(row));
});

describe('resolveTimeWindow: DST changes', () => {
  it.each<Row>([
    // Berlin springs forward on 29 March 2026 and falls back on 25 October 2026.
    [
      'yesterday',
      { from: '2026-03-29T00:00:00+01:00', to: '2026-03-30T00:00:00+02:00', unit: 'day' },
      '2026-03-30T10:00:00+02:00',
    ],
    [
      'yesterday',
      { from: '2026-10-25T00:00:00+02:00', to: '2026-10-26T00:00:00+01:00', unit: 'day' },
      '2026-10-26T10:00:00+01:00',
    ],
    [
      'last week',
      { from: '2026-10-19T00:00:00+02:00', to: '2026-10-26T00:00:00+01:00', unit: 'week' },
      '2026-10-28T09:00:00+01:00',
    ],
    [
      'last 7 days',
      { from: '2026-03-25T12:00:00+01:00', to: '2026-04-01T12:00:00+02:00', unit: null },
      '2026-04-01T12:00:00+02:00',
    ],
    [
      'last 24 hours',
      { from: '2026-03-29T11:00:00+02:00', to: '2026-03-30T11:00:00+02:00', unit: null },
      '2026-03-30T11:00:00+02:00',
    ],
    [
      'last 24 hours',
      { from: '2026-03-28T12:00:00+01:00', to: '2026-03-29T13:00:00+02:00', unit: null },
      '2026-03-29T13:00:00+02:00',
    ],
    // New York springs forward on 8 March 2026 and falls back on 1 November 2026.
    [
      'yesterday',
      { from: '2026-03-08T00:00:00-05:00', to: '2026-03-09T00:00:00-04:00', unit: 'day' },
      '2026-03-09T12:00:00-04:00',
      NY,
    ],
    [
      'yesterday',
      { from: '2026-11-01T00:00:00-04:00', to: '2026-11-02T00:00:00-05:00', unit: 'day' },
      '2026-11-02T12:00:00-05:00',
      NY,
    ],
    [
      'last 48 hours',
      { from: '2026-03-07T11:00:00-05:00', to: '2026-03-09T12:00:00-04:00', unit: null },
      '2026-03-09T12:00:00-04:00',
      NY,
    ],
    [
      'last 3 days',
      { from: '2026-10-30T12:00:00-04:00', to: '2026-11-02T12:00:00-05:00', unit: null },
      '2026-11-02T12:00:00-05:00',
      NY,
    ],
    [
      'in March',
      { from: '2026-03-01T00:00:00-05:00', to: '2026-04-01T00:00:00-04:00', unit: 'month' },
      '2026-04-02T12:00:00-04:00',
      NY,
    ],
  ])('%s asked %s', (...row) => check(row));

  it.each<Row>([
    // Santiago skips midnight when DST starts (6 September 2026): that day starts at 01:00.
    [
      'yesterday',
      { from: '2026-09-06T01:00:00-03:00', to: '2026-09-07T00:00:00-03:00', unit: 'day' },
      '2026-09-07T10:00:00-03:00',
      'America/Santiago',
    ],
    [
      'this week',
      { from: '2026-11-23T00:00:00+05:30', to: '2026-11-25T14:00:00+05:30', unit: 'week' },
      '2026-11-25T14:00:00+05:30',
      'Asia/Kolkata',
    ],
    [
      'yesterday',
      { from: '2026-11-24T00:00:00-03:30', to: '2026-11-25T00:00:00-03:30', unit: 'day' },
      '2026-11-25T14:00:00-03:30',
      'America/St_Johns',
    ],
    [
      'today',
      { from: '2026-11-25T00:00:00+00:00', to: '2026-11-25T13:00:00+00:00', unit: 'day' },
      NOW,
      'UTC',
    ],
  ])('%s in other zones', (...row) => check(row));

  it('makes a day 23 or 25 hours long across a DST change', () => {
    const hours = (now: string, zone: string) => {
      const w = resolveTimeWindow('yesterday', new Date(now), zone);
      return (Date.parse(w?.to ?? '') - Date.parse(w?.from ?? '')) / 3_600_000;
    };
    expect(hours('2026-03-30T10:00:00+02:00', BERLIN)).toBe(23);
    expect(hours('2026-10-26T10:00:00+01:00', BERLIN)).toBe(25);
    expect(hours('2026-03-09T12:00:00-04:00', NY)).toBe(23);
    expect(hours('2026-11-02T12:00:00-05:00', NY)).toBe(25);
  });
});

describe('resolveTimeWindow: month, year, leap-year and quarter boundaries', () => {
  it.each<Row>([
    [
      'last month',
      { from: '2026-12-01T00:00:00+00:00', to: '2027-01-01T00:00:00+00:00', unit: 'month' },
      '2027-01-15T09:00:00Z',
      'UTC',
    ],
    [
      'in December',
      { from: '2026-12-01T00:00:00+00:00', to: '2027-01-01T00:00:00+00:00', unit: 'month' },
      '2027-01-15T09:00:00Z',
      'UTC',
    ],
    [
      'in January',
      { from: '2027-01-01T00:00:00+00:00', to: '2027-01-15T09:00:00+00:00', unit: 'month' },
      '2027-01-15T09:00:00Z',
      'UTC',
    ],
    [
      'last week',
      { from: '2026-12-21T00:00:00+00:00', to: '2026-12-28T00:00:00+00:00', unit: 'week' },
      '2027-01-01T09:00:00Z',
      'UTC',
    ],
    [
      'this week',
      { from: '2026-12-28T00:00:00+00:00', to: '2027-01-03T09:00:00+00:00', unit: 'week' },
      '2027-01-03T09:00:00Z',
      'UTC',
    ],
    [
      'yesterday',
      { from: '2026-12-31T00:00:00+00:00', to: '2027-01-01T00:00:00+00:00', unit: 'day' },
      '2027-01-01T09:00:00Z',
      'UTC',
    ],
    [
      'last year',
      { from: '2026-01-01T00:00:00+00:00', to: '2027-01-01T00:00:00+00:00', unit: 'year' },
      '2027-01-01T09:00:00Z',
      'UTC',
    ],
    [
      'between 20 Dec and 5 Jan',
      { from: '2026-12-20T00:00:00+00:00', to: '2027-01-06T00:00:00+00:00', unit: null },
      '2027-01-10T09:00:00Z',
      'UTC',
    ],
    [
      'last 3 months',
      { from: '2026-02-28T10:00:00+00:00', to: '2026-05-31T10:00:00+00:00', unit: null },
      '2026-05-31T10:00:00Z',
      'UTC',
    ],
    [
      'last month',
      { from: '2028-02-01T00:00:00+00:00', to: '2028-03-01T00:00:00+00:00', unit: 'month' },
      '2028-03-10T09:00:00Z',
      'UTC',
    ],
    [
      '29 Feb',
      { from: '2024-02-29T00:00:00+00:00', to: '2024-03-01T00:00:00+00:00', unit: 'day' },
      '2027-06-01T09:00:00Z',
      'UTC',
    ],
    [
      'on 29/02/2028',
      { from: '2028-02-29T00:00:00+00:00', to: '2028-03-01T00:00:00+00:00', unit: 'day' },
      '2028-03-10T09:00:00Z',
      'UTC',
    ],
    [
      'this quarter',
      { from: '2026-04-01T00:00:00+02:00', to: '2026-04-01T00:30:00+02:00', unit: 'quarter' },
      '2026-04-01T00:30:00+02:00',
    ],
    [
      'last quarter',
      { from: '2025-10-01T00:00:00+00:00', to: '2026-01-01T00:00:00+00:00', unit: 'quarter' },
      '2026-01-15T09:00:00Z',
      'UTC',
    ],
    [
      'Q4',
      { from: '2025-10-01T00:00:00+00:00', to: '2026-01-01T00:00:00+00:00', unit: 'quarter' },
      '2026-02-10T09:00:00Z',
      'UTC',
    ],
    [
      'Q1',
      { from: '2026-01-01T00:00:00+00:00', to: '2026-02-10T09:00:00+00:00', unit: 'quarter' },
      '2026-02-10T09:00:00Z',
      'UTC',
    ],
  ])('%s asked %s', (...row) => check(row));
});

describe('resolveTimeWindow: weekdays', () => {
  const MONDAY = '2026-11-23T09:00:00+01:00';
  it.each<Row>([
    // "since Monday" asked on a Monday is today.
    ['since Monday', { from: '2026-11-23T00:00:00+01:00', to: MONDAY, unit: 'day' }, MONDAY],
    ['since Monday', { from: '2026-11-23T00:00:00+01:00', to: NOW, unit: 'week' }],
    ['since Sunday', { from: '2026-11-22T00:00:00+01:00', to: MONDAY, unit: null }, MONDAY],
    ['on Monday', { from: '2026-11-23T00:00:00+01:00', to: MONDAY, unit: 'day' }, MONDAY],
    [
      'last Monday',
      { from: '2026-11-16T00:00:00+01:00', to: '2026-11-17T00:00:00+01:00', unit: 'day' },
      MONDAY,
    ],
    ['since last Monday', { from: '2026-11-16T00:00:00+01:00', to: MONDAY, unit: null }, MONDAY],
    ['since thurs', { from: '2026-11-19T00:00:00+01:00', to: MONDAY, unit: null }, MONDAY],
  ])('%s asked %s', (...row) => check(row));
});

describe('resolveTimeWindow in a question', () => {
  it('finds the words anywhere and returns them verbatim with a label', () => {
    const w = resolveTimeWindow(
      'how many withdrawal complaints came from Telegram last week?',
      new Date(NOW),
      BERLIN,
    );
    expect(w).toEqual({
      from: '2026-11-16T00:00:00+01:00',
      to: '2026-11-23T00:00:00+01:00',
      unit: 'week',
      to_date: false,
      phrase: 'last week',
      label: 'last week (16–22 Nov 2026)',
    });
  });

  it.each([
    [
      'Show angry messages In The Last 7 Days please',
      'In The Last 7 Days',
      'last 7 days (18 Nov, 14:00 – 25 Nov 2026, 14:00)',
    ],
    ['what about this month?', 'this month', 'this month (1 Nov – 25 Nov 2026, 14:00)'],
    ['bonus complaints yesterday', 'yesterday', 'yesterday (24 Nov 2026)'],
    ['KYC issues on Tuesday', 'on Tuesday', 'Tuesday (24 Nov 2026)'],
    ['deposits on 24 Nov', 'on 24 Nov', 'yesterday (24 Nov)'],
    ['withdrawals in Nov 2025 by source', 'in Nov 2025', 'November 2025 (1–30 Nov 2025)'],
    ['Q3 breakdown', 'Q3', 'Q3 2026 (1 Jul – 30 Sep 2026)'],
    ['complaints since Monday', 'since Monday', 'since Monday (23 Nov – 25 Nov 2026, 14:00)'],
    ['volume between 1 Nov and 10 Nov?', 'between 1 Nov and 10 Nov', '1–10 Nov 2026'],
    ['the past week', 'the past week', 'last 7 days (18 Nov, 14:00 – 25 Nov 2026, 14:00)'],
  ])('%s', (question, phrase, label) => {
    const w = resolveTimeWindow(question, new Date(NOW), BERLIN);
    expect(w?.phrase).toBe(phrase);
    expect(w?.label).toBe(label);
  });

  it('prefers the longest phrase', () => {
    expect(
      resolveTimeWindow('compare last week with the week before last', new Date(NOW), BERLIN)?.phrase,
    ).toBe('the week before last');
    expect(resolveTimeWindow('between 1 Nov and 10 Nov', new Date(NOW), BERLIN)?.phrase).toBe(
      'between 1 Nov and 10 Nov',
    );
  });

  it.each([
    'complaints per topic',
    'how many angry messages mention bonuses?',
    'top 5 may be withdrawal issues',
    'this may take a while',
    'What did Jan say about the march of new players?',
    '24/7 support questions',
    'from 10 to 20 messages',
    'blast 7 days of spam',
    'complaints about Free Spins Friday',
    'Monday to Friday support hours',
    'what happened on Black Friday?',
    'show the last 20 messages',
    '',
  ])('returns null without time words: %j', (question) => {
    expect(resolveTimeWindow(question, new Date(NOW), BERLIN)).toBeNull();
  });

  it.each([
    ['on 31 Feb', /February has no day 31/],
    ['16/13/2026', /no month 13 \(numeric dates are day first/],
    ['last 0 days', /number of days must be from 1/],
    ['since 1 Dec 2026', /has not begun/],
    ['between 10 Nov 2026 and 1 Nov 2026', /ends before it starts/],
    ['on 29 Feb 2027', /February 2027 has no day 29/],
    ['in the last 100 years', /before 1970/],
  ])('rejects impossible time words: %s', (question, message) => {
    let error: unknown;
    try {
      resolveTimeWindow(`messages ${question} please`, new Date(NOW), BERLIN);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TimeWindowError);
    expect((error as TimeWindowError).message).toMatch(message);
    expect((error as TimeWindowError).phrase).toBe(question);
  });

  it('rejects an unknown time zone', () => {
    expect(() => resolveTimeWindow('today', new Date(NOW), 'Europe/Atlantis')).toThrow(TimeWindowError);
  });
});

describe('defaultWindow', () => {
  it('is the last 30 days to now, labelled, with no phrase', () => {
    expect(DEFAULT_WINDOW_DAYS).toBe(30);
    expect(defaultWindow(new Date(NOW), BERLIN)).toEqual({
      from: '2026-10-26T14:00:00+01:00',
      to: NOW,
      unit: null,
      to_date: true,
      phrase: '',
      label: 'last 30 days (26 Oct, 14:00 – 25 Nov 2026, 14:00)',
    });
  });

  it('keeps the time of day across a DST change', () => {
    const w = defaultWindow(new Date('2026-04-10T12:00:00+02:00'), BERLIN);
    expect(w.from).toBe('2026-03-11T12:00:00+01:00');
    expect(w.to).toBe('2026-04-10T12:00:00+02:00');
  });

  it('keeps the milliseconds of now', () => {
    expect(defaultWindow(new Date('2026-11-25T13:00:00.250Z'), 'UTC').to).toBe(
      '2026-11-25T13:00:00.250+00:00',
    );
  });
});
