import { type AnalyticsQuery, type MessageInput, type QueryResult, SENTIMENTS, TOPICS } from '@sa/shared';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPGliteStore } from '../../src/store/pglite.ts';
import { openPostgresStore } from '../../src/store/postgres.ts';
import type { Store } from '../../src/store/Store.ts';

// Local days and weeks are counted from daily rollups plus moved edge hours; a text filter that every message
// matches makes the same query count raw rows, which is the answer the rollups must reproduce exactly.
const NOW = new Date('2026-11-25T12:00:00Z');
const SITE = 'local-days';
const START = Date.parse('2026-10-01T00:00:00Z');
const SPAN_MS = 50 * 86_400_000;

/** Deterministic messages over 50 days spanning the European and US autumn DST changes. */
function messages(count: number): MessageInput[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return Array.from({ length: count }, (_, i) => {
    const first = TOPICS[Math.floor(next() * TOPICS.length)] as string;
    const second = TOPICS[Math.floor(next() * TOPICS.length)] as string;
    return {
      id: `m${i}`,
      source: next() < 0.5 ? 'livechat' : 'telegram',
      conversation_id: `c${i % 40}`,
      author_role: next() < 0.7 ? 'customer' : 'agent',
      created_at: new Date(START + Math.floor(next() * SPAN_MS)).toISOString(),
      text: `every message says hello ${i}`,
      topics: [...new Set([first, second])],
      sentiment: SENTIMENTS[Math.floor(next() * SENTIMENTS.length)],
    } as MessageInput;
  });
}

const WINDOW = { from: '2026-10-03T17:42:13.250Z', to: '2026-11-17T05:10:00Z' };
// Mostly inside its first and last hours: those are read as whole rollup hours less the raw rows outside.
const WIDE_EDGES = { from: '2026-10-03T17:12:13.250Z', to: '2026-11-17T05:50:00Z' };

/** Messages packed into the hours both windows cut, on both sides of each cut. */
function edgeMessages(): MessageInput[] {
  return ['2026-10-03T17:00:00Z', '2026-11-17T05:00:00Z'].flatMap(
    (hour, h) =>
      Array.from({ length: 30 }, (_, i) => ({
        id: `edge${h}-${i}`,
        source: i % 3 === 0 ? 'telegram' : 'livechat',
        conversation_id: `e${h}`,
        author_role: i % 4 === 0 ? 'agent' : 'customer',
        created_at: new Date(Date.parse(hour) + i * 119_000 + 7_000).toISOString(),
        text: `every message says hello at the edge ${i}`,
        topics: [TOPICS[i % TOPICS.length] as string, ...(i % 5 === 0 ? ['withdrawal'] : [])],
        sentiment: SENTIMENTS[i % SENTIMENTS.length],
      })) as MessageInput[],
  );
}
const ZONES = ['Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC'];
const QUERIES: [string, AnalyticsQuery][] = [
  ['daily timeseries', { metric: 'timeseries', group_by: 'day', filters: WINDOW }],
  [
    'weekly timeseries by topic',
    { metric: 'timeseries', group_by: 'week', series_by: 'topic', filters: WINDOW },
  ],
  [
    'daily timeseries by sentiment, customers and agents',
    {
      metric: 'timeseries',
      group_by: 'day',
      series_by: 'sentiment',
      filters: { ...WINDOW, roles: ['customer', 'agent'] },
    },
  ],
  [
    'daily timeseries of two topics',
    { metric: 'timeseries', group_by: 'day', filters: { ...WINDOW, topics: ['deposit', 'bonus'] } },
  ],
  ['weekday breakdown', { metric: 'breakdown', group_by: 'weekday', filters: WINDOW }],
  // Whole days of these come from the per-topic rollup: per topic for the breakdown (its total from the volume
  // rollup, so a two-topic message still counts once), one topic's rows for the single-topic filters.
  ['topic breakdown', { metric: 'breakdown', group_by: 'topic', filters: WINDOW }],
  ['count of one topic', { metric: 'count', filters: { ...WINDOW, topics: ['withdrawal'] } }],
  [
    'daily timeseries of one topic by sentiment',
    {
      metric: 'timeseries',
      group_by: 'day',
      series_by: 'sentiment',
      filters: { ...WINDOW, topics: ['bonus'] },
    },
  ],
  [
    'share of angry messages within one topic',
    {
      metric: 'share',
      filters: { ...WINDOW, topics: ['deposit'], sentiments: ['angry'] },
      share_of: { topics: ['deposit'] },
    },
  ],
  [
    'share of one topic within another',
    { metric: 'share', filters: { ...WINDOW, topics: ['deposit'] }, share_of: { topics: ['bonus'] } },
  ],
] as [string, AnalyticsQuery][];

/** How many messages a result counted, so a check that would pass on an empty store fails. */
function counted(result: QueryResult): number {
  if (result.metric === 'count') return result.value;
  if (result.metric === 'share') return result.numerator;
  if (result.metric === 'examples') return result.messages.length;
  return result.total;
}

function describeLocalDays(name: string, open: () => Promise<{ store: Store; close: () => Promise<void> }>) {
  describe(`local days from daily rollups (${name})`, () => {
    let store: Store;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
      await store.upsertMessages(SITE, [...messages(1500), ...edgeMessages()]);
    }, 120_000);
    afterAll(() => close());

    async function expectRawRowAnswer(query: AnalyticsQuery) {
      const fromRollups = await store.runQuery(SITE, query);
      const fromRows = await store.runQuery(SITE, {
        ...query,
        filters: { ...query.filters, text: 'every message says' },
      });
      expect(counted(fromRollups)).toBeGreaterThan(
        query.metric === 'breakdown' || !query.filters.topics ? 200 : 10,
      );
      expect(fromRollups).toEqual(fromRows);
    }

    for (const zone of ZONES) {
      it.each(QUERIES)(`%s in ${zone} counts as raw rows do`, (_, query) =>
        expectRawRowAnswer({ ...query, time_zone: zone }),
      );
    }
    for (const zone of ['Europe/Berlin', 'UTC']) {
      it.each(QUERIES)(
        `%s in ${zone}, window mostly inside its edge hours, counts as raw rows do`,
        (_, query) =>
          expectRawRowAnswer({ ...query, time_zone: zone, filters: { ...query.filters, ...WIDE_EDGES } }),
      );
    }
  });
}

describeLocalDays('PGlite', async () => {
  const store = await openPGliteStore(null, { now: () => NOW });
  return { store, close: () => store.close() };
});

const ADMIN_URL = process.env.TEST_DATABASE_URL;
if (ADMIN_URL) {
  describeLocalDays('PostgreSQL', async () => {
    const name = `sa_test_days_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const store = await openPostgresStore(url.toString(), { now: () => NOW });
    return {
      store,
      close: async () => {
        await store.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  });
}
