import { describe, expect, it } from 'vitest';
import { describeWindow, TimeWindowError } from '../src/index.ts';

const BERLIN = 'Europe/Berlin';

describe('describeWindow', () => {
  it.each([
    [
      'a week, to exclusive',
      '2026-11-16T00:00:00+01:00',
      '2026-11-23T00:00:00+01:00',
      BERLIN,
      '16–22 Nov 2026',
    ],
    ['a single day', '2026-11-24T00:00:00+01:00', '2026-11-25T00:00:00+01:00', BERLIN, '24 Nov 2026'],
    [
      'days across months',
      '2026-10-26T00:00:00+01:00',
      '2026-11-02T00:00:00+01:00',
      BERLIN,
      '26 Oct – 1 Nov 2026',
    ],
    ['days across years', '2026-12-28T00:00:00Z', '2027-01-04T00:00:00Z', 'UTC', '28 Dec 2026 – 3 Jan 2027'],
    [
      'a month so far',
      '2026-11-01T00:00:00+01:00',
      '2026-11-25T14:00:00+01:00',
      BERLIN,
      '1 Nov – 25 Nov 2026, 14:00',
    ],
    [
      'a rolling window',
      '2026-11-23T14:05:00+01:00',
      '2026-11-25T14:05:00+01:00',
      BERLIN,
      '23 Nov, 14:05 – 25 Nov 2026, 14:05',
    ],
    ['hours within a day', '2026-11-25T09:00:00Z', '2026-11-25T17:30:00Z', 'UTC', '25 Nov 2026, 09:00–17:30'],
    ['a day in the zone, not in UTC', '2026-11-23T23:00:00Z', '2026-11-24T23:00:00Z', BERLIN, '24 Nov 2026'],
    [
      'a 23-hour day (spring DST change)',
      '2026-03-29T00:00:00+01:00',
      '2026-03-30T00:00:00+02:00',
      BERLIN,
      '29 Mar 2026',
    ],
    [
      'a 25-hour day (autumn DST change)',
      '2026-11-01T00:00:00-04:00',
      '2026-11-02T00:00:00-05:00',
      'America/New_York',
      '1 Nov 2026',
    ],
    [
      'a day that starts at 01:00 (Santiago skips midnight)',
      '2026-09-06T01:00:00-03:00',
      '2026-09-07T00:00:00-03:00',
      'America/Santiago',
      '6 Sep 2026',
    ],
  ])('%s', (_name, from, to, zone, expected) => {
    expect(describeWindow(from, to, zone)).toBe(expected);
  });

  it('names yesterday and today when given now', () => {
    const now = '2026-11-25T14:00:00+01:00';
    expect(describeWindow('2026-11-24T00:00:00+01:00', '2026-11-25T00:00:00+01:00', BERLIN, now)).toBe(
      'yesterday (24 Nov)',
    );
    expect(describeWindow('2026-11-25T00:00:00+01:00', now, BERLIN, now)).toBe('today (25 Nov, 00:00–14:00)');
    expect(describeWindow('2026-11-23T00:00:00+01:00', '2026-11-24T00:00:00+01:00', BERLIN, now)).toBe(
      '23 Nov 2026',
    );
  });

  it('rejects a window that does not end after it starts', () => {
    expect(() => describeWindow('2026-11-25T00:00:00Z', '2026-11-24T00:00:00Z', 'UTC')).toThrow(
      TimeWindowError,
    );
    expect(() => describeWindow('2026-11-25T00:00:00Z', 'tomorrow', 'UTC')).toThrow(
      /"tomorrow" is not an ISO 8601/,
    );
  });
});
