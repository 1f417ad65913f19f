import type { QueryResult } from '@sa/shared';
import { resolveTimeWindow } from '@sa/shared/time/resolve';
import { describe, expect, it } from 'vitest';
import { createSseParser } from '../src/api/sse.ts';
import { describeQuery } from '../src/components/labels.ts';
import { change, combine, dashboardQueries, kpis } from '../src/state/dashboard.ts';
import {
  DEFAULT_FILTERS,
  decodeHash,
  encodeHash,
  fromQueryFilters,
  patchFromFilters,
  toQueryFilters,
} from '../src/state/filters.ts';
import { bucketFor, PRESETS, type PresetId, resolvePreset } from '../src/state/presets.ts';

const window = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z' };
const previous = { from: '2026-10-25T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };

describe('filters', () => {
  it('round-trips view and filters through the URL hash', () => {
    const state = {
      ...DEFAULT_FILTERS,
      preset: 'custom' as const,
      ...window,
      topics: ['withdrawal' as const, 'bonus' as const],
      sources: ['telegram' as const],
      text: 'pending & stuck',
    };
    const decoded = decodeHash(encodeHash('messages', state));
    expect(decoded).toEqual({ view: 'messages', filters: state });
  });

  it('drops unknown topics and invalid dates from a hand-edited hash instead of trusting them', () => {
    const decoded = decodeHash(
      '#sa=dashboard&topics=withdrawal,<script>,bonus&range=custom&from=nope&to=2026-01-01',
    );
    expect(decoded?.filters.topics).toEqual(['withdrawal', 'bonus']);
    expect(decoded?.filters.preset).toBe(DEFAULT_FILTERS.preset);
    expect(decodeHash('#section-2')).toBeNull();
  });

  it('resolves presets into explicit customer-only windows, omitting empty lists', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const f = toQueryFilters({ ...DEFAULT_FILTERS, preset: 'last_7_days', text: '  kyc ' }, now, 'UTC');
    expect(f).toMatchObject({ roles: ['customer'], text: 'kyc' });
    expect(f).not.toHaveProperty('topics');
    expect([Date.parse(f.from), Date.parse(f.to)]).toEqual([
      Date.parse('2026-11-18T12:00:00Z'),
      now.getTime(),
    ]);
  });

  it('resolves presets in the site time zone with the chat time words (analytics.md)', () => {
    // 25 Nov 2026 23:30 UTC is already 26 Nov in Malta (UTC+1) and still 25 Nov in New York (UTC-5).
    const now = new Date('2026-11-25T23:30:00Z');
    const at = (p: PresetId, tz: string) => {
      const w = resolvePreset(p, now, tz);
      return [new Date(w.from).toISOString(), new Date(w.to).toISOString()];
    };
    expect(at('today', 'Europe/Malta')).toEqual(['2026-11-25T23:00:00.000Z', now.toISOString()]);
    expect(at('today', 'America/New_York')).toEqual(['2026-11-25T05:00:00.000Z', now.toISOString()]);
    expect(at('this_month', 'Europe/Malta')).toEqual(['2026-10-31T23:00:00.000Z', now.toISOString()]);
    expect(at('last_month', 'Europe/Malta')).toEqual([
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
    ]);
    expect(at('last_90_days', 'UTC')).toEqual(['2026-08-27T23:30:00.000Z', now.toISOString()]);
    // The default for an unfinished custom range is the chat's default window (the last 30 days).
    const custom = toQueryFilters({ ...DEFAULT_FILTERS, preset: 'custom' }, now, 'UTC');
    expect(new Date(custom.from).toISOString()).toBe('2026-10-26T23:30:00.000Z');
    for (const p of Object.keys(PRESETS) as PresetId[])
      expect(() => resolvePreset(p, now, 'Asia/Tokyo')).not.toThrow();
  });

  it('gives each preset the window its name means as chat time words', () => {
    // Month ends, a DST change, a leap day, both sides of midnight in zones either side of UTC.
    const nows = [
      '2026-11-25T23:30:00Z',
      '2026-03-29T01:30:00Z',
      '2026-10-25T00:30:00Z',
      '2028-02-29T12:00:00Z',
      '2027-01-01T00:00:01Z',
      '2026-05-31T22:15:00.250Z',
    ];
    for (const iso of nows)
      for (const tz of ['UTC', 'Europe/Malta', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Auckland'])
        for (const p of Object.keys(PRESETS) as PresetId[]) {
          const now = new Date(iso);
          const words = resolveTimeWindow(PRESETS[p].toLowerCase(), now, tz);
          expect(resolvePreset(p, now, tz), `${p} at ${iso} in ${tz}`).toEqual({
            from: words?.from,
            to: words?.to,
          });
        }
  });

  it('turns a chat query into a custom range with its filters', () => {
    const state = fromQueryFilters({ ...window, topics: ['deposit'], sentiments: ['angry'] });
    expect(state).toMatchObject({ preset: 'custom', ...window, topics: ['deposit'], sentiments: ['angry'] });
  });

  it('accepts only known values from the public setFilters command', () => {
    expect(patchFromFilters({ topics: ['bonus', 'nope' as 'bonus'], preset: 'today' })).toEqual({
      topics: ['bonus'],
      preset: 'today',
    });
    expect(patchFromFilters({ from: window.to, to: window.from })).toEqual({});
  });
});

describe('time helpers', () => {
  it('picks a bucket that keeps the chart readable', () => {
    expect(bucketFor(window.from, '2026-11-02T00:00:00Z')).toBe('hour');
    expect(bucketFor(window.from, window.to)).toBe('day');
    expect(bucketFor('2026-01-01T00:00:00Z', window.to)).toBe('week');
  });

  it('labels a query as a chip', () => {
    const label = describeQuery(
      {
        metric: 'count',
        filters: {
          from: '2026-11-15T23:00:00Z',
          to: '2026-11-22T23:00:00Z',
          topics: ['withdrawal'],
          sources: ['telegram'],
        },
        time_zone: 'Europe/Malta',
      },
      'UTC',
      new Date('2026-11-25T00:00:00Z'),
    );
    // Whole days in the query's own zone (Malta), `to` exclusive.
    expect(label).toBe('Withdrawals · Telegram · 16–22 Nov 2026');
  });
});

describe('dashboard', () => {
  const breakdown = (rows: [string, number][], prev: [string, number][], total: number, prevTotal: number) =>
    ({
      metric: 'breakdown',
      group_by: 'x',
      window,
      rows: rows.map(([key, count]) => ({ key, count })),
      total,
      previous: { window: previous, rows: prev.map(([key, count]) => ({ key, count })), total: prevTotal },
    }) as QueryResult;
  const data = combine({
    topics: breakdown(
      [
        ['other', 50],
        ['withdrawal', 40],
        ['deposit', 10],
      ],
      [['withdrawal', 20]],
      100,
      80,
    ),
    sentiments: breakdown([['angry', 15]], [['angry', 4]], 100, 80),
    sources: breakdown([['telegram', 100]], [], 100, 80),
    series: {
      metric: 'timeseries',
      group_by: 'day',
      window,
      buckets: [{ start: window.from, count: 100 }],
      series: [{ key: 'withdrawal', counts: [40] }],
      total: 100,
    },
  });

  it('asks for every breakdown with the previous period and a topic timeseries', () => {
    const q = dashboardQueries({ ...window }, 'UTC');
    expect(q.topics).toMatchObject({ metric: 'breakdown', group_by: 'topic', compare_previous: true });
    expect(q.series).toMatchObject({ metric: 'timeseries', group_by: 'day', series_by: 'topic' });
  });

  it('derives KPI cards with changes: volume in %, shares in points, "other" not headlined', () => {
    const cards = kpis(data, (id) => id);
    expect(cards.map((c) => c.id)).toEqual(['messages', 'topic:withdrawal', 'topic:deposit', 'angry']);
    expect(change(cards[0]!)).toEqual({ text: '+25%', direction: 'up' });
    expect(change(cards[1]!)).toEqual({ text: '+15 pts', direction: 'up' });
    expect(cards[3]).toMatchObject({ value: 0.15, previous: 0.05, riseIsBad: true });
    expect(change(cards[3]!)?.text).toBe('+10 pts');
  });

  it('rejects an answer of the wrong kind instead of drawing nonsense', () => {
    expect(() =>
      combine({
        topics: { metric: 'count', window, value: 1 },
        sentiments: data as never,
        sources: data as never,
        series: data as never,
      }),
    ).toThrow(/count query where breakdown/);
  });
});

describe('SSE parser', () => {
  it('assembles events split across chunks, multi-line data and comments', () => {
    const parse = createSseParser();
    expect(parse(': keep-alive\nevent: delta\nda')).toEqual([]);
    expect(parse('ta: {"text":"Hel"}\n\ndata: line1\ndata: line2\r\n\r\n')).toEqual([
      { event: 'delta', data: '{"text":"Hel"}' },
      { event: 'message', data: 'line1\nline2' },
    ]);
  });
});
