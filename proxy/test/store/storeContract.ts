import { AnalyticsQuery, type MessageInput, type QueryResult } from '@sa/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreInputError } from '../../src/store/errors.ts';
import type { Store } from '../../src/store/Store.ts';
import { DST_AUTUMN, unlabelled, WEEK, WEEK_WINDOW } from './fixtures.ts';

/**
 * The behaviour every Store adapter must have, run against each (pglite.test.ts, postgres.test.ts,
 * supabase.test.ts). `open` gives a fresh, migrated store whose clock reads fixtures.NOW; `close` disposes
 * of it and of anything it created.
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<{ store: Store; close: () => Promise<void> }>,
) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ store, close } = await open());
      await store.upsertMessages('acme', WEEK);
      await store.upsertMessages('dst', DST_AUTUMN);
      await store.upsertMessages('elsewhere', [{ ...(WEEK[0] as MessageInput), id: 'x1' }]);
    });
    afterAll(async () => {
      await close?.();
    });

    const run = (q: unknown, site = 'acme'): Promise<QueryResult> =>
      store.runQuery(site, AnalyticsQuery.parse(q));
    const week = (extra: Record<string, unknown> = {}) => ({ ...WEEK_WINDOW, ...extra });

    describe('upsert', () => {
      it('is idempotent: the same batch twice writes once', async () => {
        const batch = [unlabelled('i1', '2026-11-01T10:00:00Z'), unlabelled('i2', '2026-11-01T11:00:00Z')];
        expect(await store.upsertMessages('idem', batch)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
        expect(await store.upsertMessages('idem', batch)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
        expect(await store.countMessages('idem')).toBe(2);
        const changed = [{ ...(batch[0] as MessageInput), text: 'edited' }, batch[1] as MessageInput];
        expect(await store.upsertMessages('idem', changed)).toEqual({
          inserted: 0,
          updated: 1,
          unchanged: 1,
        });
        expect(await store.countMessages('idem')).toBe(2);
      });

      it('writes nothing of a batch with one bad row, and says which row and why', async () => {
        const good = unlabelled('g1', '2026-11-01T10:00:00Z');
        const bad = { ...unlabelled('g2', '2026-11-01T10:00:00Z'), text: 'x'.repeat(8001) };
        const error = await store.upsertMessages('atomic', [good, bad]).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreInputError);
        expect((error as StoreInputError).issues).toEqual([expect.objectContaining({ path: '1.text' })]);
        expect(await store.countMessages('atomic')).toBe(0);
        expect((await store.listMessages('atomic', { filters: {}, limit: 10 })).messages).toEqual([]);
      });

      it('trims text and keeps the rest of the message as given', async () => {
        await store.upsertMessages('shape', [
          { ...unlabelled('s1', '2026-11-01T10:00:00+02:00'), text: '  hi  ' },
        ]);
        const [m] = (await store.listMessages('shape', { filters: {}, limit: 1 })).messages;
        expect(m).toEqual({
          id: 's1',
          source: 'livechat',
          conversation_id: 'c',
          author_role: 'customer',
          created_at: '2026-11-01T08:00:00.000Z',
          text: 'hi',
          topics: [],
          topic_scores: {},
          sentiment: null,
          model_version: null,
          labelled_by: 'pending',
        });
      });
    });

    describe('labels', () => {
      it('never lets model labels overwrite human ones', async () => {
        await store.upsertMessages('labels', [
          { ...unlabelled('h1', '2026-11-02T10:00:00Z'), topics: ['bonus'], sentiment: 'positive' },
          unlabelled('u1', '2026-11-02T11:00:00Z'),
        ]);
        const pending = (await store.pendingClassification(100)).filter((p) => p.site === 'labels');
        expect(pending.map((p) => p.id)).toEqual(['u1']);
        const model = (id: string) => ({
          site: 'labels',
          id,
          topics: ['deposit' as const],
          topic_scores: { deposit: 0.9 },
          sentiment: 'angry' as const,
          model_version: 'm-1',
        });
        expect(await store.saveModelLabels([model('h1'), model('u1')])).toBe(1);
        const byId = Object.fromEntries(
          (await store.listMessages('labels', { filters: {}, limit: 10 })).messages.map((m) => [m.id, m]),
        );
        expect(byId.h1).toMatchObject({ topics: ['bonus'], sentiment: 'positive', labelled_by: 'human' });
        expect(byId.u1).toMatchObject({ topics: ['deposit'], sentiment: 'angry', labelled_by: 'model' });
        expect(byId.u1?.topic_scores).toEqual({ deposit: 0.9 });

        // Re-ingesting without labels keeps both rows' labels.
        await store.upsertMessages('labels', [unlabelled('h1', '2026-11-02T10:00:00Z')]);
        const h1 = (await store.listMessages('labels', { filters: { sentiments: ['positive'] }, limit: 10 }))
          .messages;
        expect(h1.map((m) => m.id)).toEqual(['h1']);

        // A model update marks model rows only, and their new labels move the counts.
        expect(await store.markForReclassification('labels')).toBe(1);
        expect(
          (await store.pendingClassification(100)).filter((p) => p.site === 'labels').map((p) => p.id),
        ).toEqual(['u1']);
        await store.saveModelLabels([{ ...model('u1'), topics: ['bonus'], sentiment: 'neutral' }]);
        const topics = await run(
          {
            metric: 'breakdown',
            group_by: 'topic',
            filters: { from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z' },
          },
          'labels',
        );
        expect(topics).toMatchObject({ rows: [{ key: 'bonus', count: 2 }], total: 2 });
      });

      it('refuses model labels outside the taxonomy, writing none of the batch', async () => {
        await store.upsertMessages('badlabels', [unlabelled('b1', '2026-11-02T10:00:00Z')]);
        const labels = [
          {
            site: 'badlabels',
            id: 'b1',
            topics: ['deposit'],
            topic_scores: {},
            sentiment: 'neutral',
            model_version: 'm',
          },
          {
            site: 'badlabels',
            id: 'b1',
            topics: ['lottery'],
            topic_scores: {},
            sentiment: 'neutral',
            model_version: 'm',
          },
        ];
        await expect(store.saveModelLabels(labels as never)).rejects.toThrow(StoreInputError);
        const [m] = (await store.listMessages('badlabels', { filters: {}, limit: 1 })).messages;
        expect(m?.labelled_by).toBe('pending');
      });

      it('lets the model fill only the part a human left out', async () => {
        await store.upsertMessages('partial', [
          { ...unlabelled('t1', '2026-11-02T10:00:00Z'), topics: ['technical'] },
        ]);
        expect((await store.pendingClassification(1000)).some((p) => p.site === 'partial')).toBe(true);
        await store.saveModelLabels([
          {
            site: 'partial',
            id: 't1',
            topics: ['game_issue'],
            topic_scores: { game_issue: 0.8 },
            sentiment: 'negative',
            model_version: 'm-1',
          },
        ]);
        const [m] = (await store.listMessages('partial', { filters: {}, limit: 1 })).messages;
        expect(m).toMatchObject({ topics: ['technical'], sentiment: 'negative', labelled_by: 'human' });
        expect((await store.pendingClassification(1000)).some((p) => p.site === 'partial')).toBe(false);
      });

      it('sends a model-labelled message back to the model when its text changes', async () => {
        await store.upsertMessages('retext', [unlabelled('r1', '2026-11-02T10:00:00Z')]);
        await store.saveModelLabels([
          {
            site: 'retext',
            id: 'r1',
            topics: ['other'],
            topic_scores: {},
            sentiment: 'neutral',
            model_version: 'm',
          },
        ]);
        expect((await store.pendingClassification(1000)).some((p) => p.site === 'retext')).toBe(false);
        await store.upsertMessages('retext', [
          unlabelled('r1', '2026-11-02T10:00:00Z', 'now about my withdrawal'),
        ]);
        const pending = (await store.pendingClassification(1000)).filter((p) => p.site === 'retext');
        expect(pending).toEqual([{ site: 'retext', id: 'r1', text: 'now about my withdrawal' }]);
      });
    });

    describe('count', () => {
      it.each([
        ['customers by default, `to` exclusive, one site only', {}, 7],
        ['any of the topics', { topics: ['withdrawal'] }, 3],
        ['any of several topics, each message once', { topics: ['withdrawal', 'deposit'] }, 5],
        ['sources', { sources: ['telegram'] }, 2],
        ['sentiments', { sentiments: ['angry', 'positive'] }, 3],
        ['other roles', { roles: ['agent'] }, 1],
        ['all roles', { roles: ['customer', 'agent', 'bot'] }, 9],
        ['text, case-insensitive', { text: 'withdrawal' }, 3],
        ['text with LIKE wildcards taken literally', { text: '%' }, 1],
        ['text and topic together', { text: 'deposit', topics: ['bonus'] }, 1],
      ])('%s', async (_, filters, expected) => {
        expect(await run({ metric: 'count', filters: week(filters) })).toMatchObject({ value: expected });
      });

      it('counts partial hours at both ends of the window', async () => {
        const window = { from: '2026-11-16T09:30:00Z', to: '2026-11-20T23:59:59.500Z' };
        // m2 (09:45), m3, m4, p1, m5 (23:59:59) — not m1 (09:15).
        expect(await run({ metric: 'count', filters: window })).toMatchObject({ value: 5 });
      });
    });

    describe('share', () => {
      it.each([
        ['of every message with the same sources and roles', { sentiments: ['angry'] }, undefined, 2, 7],
        [
          'within share_of',
          { topics: ['withdrawal'], sentiments: ['angry'] },
          { topics: ['withdrawal'] },
          1,
          3,
        ],
        [
          'with sources as the denominator',
          { sources: ['telegram'], sentiments: ['positive'] },
          undefined,
          1,
          2,
        ],
        [
          'keeping the numerator inside share_of',
          { topics: ['withdrawal'] },
          { sentiments: ['angry', 'negative'] },
          3,
          4,
        ],
      ])('%s', async (_, filters, share_of, numerator, denominator) => {
        expect(
          await run({ metric: 'share', filters: week(filters), ...(share_of ? { share_of } : {}) }),
        ).toMatchObject({
          numerator,
          denominator,
          value: numerator / denominator,
        });
      });

      it('is null, not NaN, when nothing is in the denominator', async () => {
        const empty = { from: '2025-01-01T00:00:00Z', to: '2025-01-02T00:00:00Z' };
        expect(await run({ metric: 'share', filters: empty })).toMatchObject({
          numerator: 0,
          denominator: 0,
          value: null,
        });
      });
    });

    describe('breakdown', () => {
      it.each([
        [
          'topic (a multi-topic message counts under each)',
          'topic',
          [
            { key: 'withdrawal', count: 3 },
            { key: 'bonus', count: 2 },
            { key: 'deposit', count: 2 },
            { key: 'verification', count: 1 },
          ],
        ],
        [
          'sentiment (unlabelled under none)',
          'sentiment',
          [
            { key: 'angry', count: 2 },
            { key: 'negative', count: 2 },
            { key: 'neutral', count: 1 },
            { key: 'positive', count: 1 },
          ],
        ],
        [
          'source',
          'source',
          [
            { key: 'livechat', count: 5 },
            { key: 'telegram', count: 2 },
          ],
        ],
        [
          'hour_of_day',
          'hour_of_day',
          [
            { key: '9', count: 2 },
            { key: '8', count: 1 },
            { key: '10', count: 1 },
            { key: '14', count: 1 },
            { key: '20', count: 1 },
            { key: '23', count: 1 },
          ],
        ],
        [
          'weekday',
          'weekday',
          [
            { key: 'monday', count: 2 },
            { key: 'friday', count: 1 },
            { key: 'sunday', count: 1 },
            { key: 'thursday', count: 1 },
            { key: 'tuesday', count: 1 },
            { key: 'wednesday', count: 1 },
          ],
        ],
      ])('by %s, sorted by count', async (_, group_by, rows) => {
        expect(await run({ metric: 'breakdown', group_by, filters: week() })).toEqual({
          metric: 'breakdown',
          group_by,
          window: WEEK_WINDOW,
          rows,
          total: 7,
        });
      });

      it('by hour_of_day in the asked time zone', async () => {
        const result = await run({
          metric: 'breakdown',
          group_by: 'hour_of_day',
          filters: week({ topics: ['withdrawal'] }),
          time_zone: 'Asia/Kolkata',
        });
        // 09:15Z → 14:45, 09:45Z → 15:15, 23:59:59Z → 05:29:59.
        expect(result).toMatchObject({
          rows: [
            { key: '5', count: 1 },
            { key: '14', count: 1 },
            { key: '15', count: 1 },
          ],
        });
      });
    });

    describe('timeseries', () => {
      it('has every day, zeros included', async () => {
        const result = await run({ metric: 'timeseries', group_by: 'day', filters: week() });
        expect(result).toMatchObject({ total: 7 });
        expect(result.metric === 'timeseries' && result.buckets).toEqual(
          [2, 1, 1, 1, 1, 0, 1].map((count, i) => ({
            start: `2026-11-${String(16 + i).padStart(2, '0')}T00:00:00+00:00`,
            count,
          })),
        );
      });

      it('buckets by local days of the asked zone, counting only inside the window', async () => {
        const result = await run({
          metric: 'timeseries',
          group_by: 'day',
          filters: week(),
          time_zone: 'Europe/Berlin',
        });
        expect(result.metric === 'timeseries' && result.buckets).toEqual(
          [2, 1, 1, 1, 0, 1, 1, 0].map((count, i) => ({
            start: `2026-11-${String(16 + i).padStart(2, '0')}T00:00:00+01:00`,
            count,
          })),
        );
      });

      it('splits into series aligned with the buckets', async () => {
        const result = await run({
          metric: 'timeseries',
          group_by: 'day',
          series_by: 'sentiment',
          filters: week(),
        });
        expect(result.metric === 'timeseries' && result.series).toEqual([
          { key: 'angry', counts: [1, 0, 0, 0, 0, 0, 1] },
          { key: 'negative', counts: [1, 0, 0, 0, 1, 0, 0] },
          { key: 'neutral', counts: [0, 1, 0, 0, 0, 0, 0] },
          { key: 'positive', counts: [0, 0, 1, 0, 0, 0, 0] },
        ]);
      });

      it('counts a multi-topic message once per bucket and once per topic series', async () => {
        const result = await run({
          metric: 'timeseries',
          group_by: 'week',
          series_by: 'topic',
          filters: week({ topics: ['deposit', 'bonus'] }),
        });
        expect(result).toMatchObject({
          buckets: [{ start: '2026-11-16T00:00:00+00:00', count: 3 }],
          series: [
            { key: 'bonus', counts: [2] },
            { key: 'deposit', counts: [2] },
          ],
          total: 3,
        });
      });

      it('has 23, 24 and 25 hour days across DST changes', async () => {
        const autumn = await run(
          {
            metric: 'timeseries',
            group_by: 'day',
            filters: { from: '2026-10-24T00:00:00+02:00', to: '2026-10-27T00:00:00+01:00' },
            time_zone: 'Europe/Berlin',
          },
          'dst',
        );
        expect(autumn.metric === 'timeseries' && autumn.buckets).toEqual([
          { start: '2026-10-24T00:00:00+02:00', count: 0 },
          { start: '2026-10-25T00:00:00+02:00', count: 3 },
          { start: '2026-10-26T00:00:00+01:00', count: 1 },
        ]);

        const hours = await run(
          {
            metric: 'timeseries',
            group_by: 'hour',
            filters: { from: '2026-10-25T00:00:00+02:00', to: '2026-10-26T00:00:00+01:00' },
            time_zone: 'Europe/Berlin',
          },
          'dst',
        );
        if (hours.metric !== 'timeseries') throw new Error('expected a timeseries');
        expect(hours.buckets).toHaveLength(25);
        const nonZero = hours.buckets.filter((b) => b.count > 0);
        expect(nonZero).toEqual([
          { start: '2026-10-25T02:00:00+02:00', count: 1 },
          { start: '2026-10-25T02:00:00+01:00', count: 1 },
          { start: '2026-10-25T23:00:00+01:00', count: 1 },
        ]);

        const spring = await run(
          {
            metric: 'timeseries',
            group_by: 'hour',
            filters: { from: '2026-03-08T00:00:00-05:00', to: '2026-03-09T00:00:00-04:00' },
            time_zone: 'America/New_York',
          },
          'dst',
        );
        expect(spring.metric === 'timeseries' && spring.buckets.length).toBe(23);
      });
    });

    describe('examples', () => {
      it('are the newest matching messages, up to the limit', async () => {
        const result = await run({ metric: 'examples', filters: week(), limit: 2 });
        expect(result.metric === 'examples' && result.messages.map((m) => m.id)).toEqual(['m6', 'm5']);
      });

      it('honour the text filter and default to ten', async () => {
        const result = await run({ metric: 'examples', filters: week({ text: 'WITHDRAWAL' }) });
        expect(result.metric === 'examples' && result.messages.map((m) => m.id)).toEqual(['m5', 'm2', 'm1']);
      });
    });

    describe('compare_previous', () => {
      it('compares a calendar week with the week before', async () => {
        expect(await run({ metric: 'count', filters: week(), compare_previous: true })).toMatchObject({
          value: 7,
          previous: {
            window: { from: '2026-11-09T00:00:00+00:00', to: '2026-11-16T00:00:00+00:00' },
            value: 2,
          },
        });
      });

      it('uses the asked zone for calendar units', async () => {
        const result = await run({
          metric: 'count',
          filters: { from: '2026-11-16T00:00:00+01:00', to: '2026-11-23T00:00:00+01:00' },
          compare_previous: true,
          time_zone: 'Europe/Berlin',
        });
        expect(result).toMatchObject({
          value: 8,
          previous: {
            window: { from: '2026-11-09T00:00:00+01:00', to: '2026-11-16T00:00:00+01:00' },
            value: 1,
          },
        });
      });

      it('compares month to date with last month up to the same day and time', async () => {
        const result = await run({
          metric: 'count',
          filters: { from: '2026-11-01T00:00:00Z', to: '2026-11-25T12:00:00Z' },
          compare_previous: true,
        });
        expect(result).toMatchObject({
          value: 10,
          previous: {
            window: { from: '2026-10-01T00:00:00+00:00', to: '2026-10-25T12:00:00+00:00' },
            value: 0,
          },
        });
      });

      it('compares any other window with the same length just before it', async () => {
        const result = await run({
          metric: 'breakdown',
          group_by: 'topic',
          filters: { from: '2026-11-16T00:00:00Z', to: '2026-11-19T00:00:00Z' },
          compare_previous: true,
        });
        expect(result).toMatchObject({
          total: 4,
          previous: {
            window: { from: '2026-11-13T00:00:00+00:00', to: '2026-11-16T00:00:00+00:00' },
            rows: [{ key: 'deposit', count: 1 }],
            total: 1,
          },
        });
      });

      it('gives a timeseries its previous buckets and a share its previous fraction', async () => {
        const series = await run({
          metric: 'timeseries',
          group_by: 'day',
          filters: week(),
          compare_previous: true,
        });
        expect(series.metric === 'timeseries' && series.previous?.buckets.map((b) => b.count)).toEqual([
          0, 1, 0, 0, 0, 0, 1,
        ]);
        const share = await run({
          metric: 'share',
          filters: week({ topics: ['withdrawal'] }),
          compare_previous: true,
        });
        expect(share).toMatchObject({ value: 3 / 7, previous: { numerator: 1, denominator: 2, value: 0.5 } });
      });
    });

    describe('listing', () => {
      it('pages newest first, stable while new messages arrive', async () => {
        const base = Array.from({ length: 10 }, (_, i) =>
          unlabelled(`l${i}`, `2026-11-03T10:00:${String(i).padStart(2, '0')}Z`),
        );
        // Two rows in the same instant: the id breaks the tie.
        base.push(unlabelled('l10', '2026-11-03T10:00:05Z'));
        await store.upsertMessages('paging', base);
        const seen: string[] = [];
        let page = await store.listMessages('paging', { filters: {}, limit: 3 });
        seen.push(...page.messages.map((m) => m.id));
        await store.upsertMessages('paging', [
          unlabelled('new1', '2026-11-03T11:00:00Z'),
          unlabelled('new2', '2026-11-04T11:00:00Z'),
        ]);
        while (page.next_cursor) {
          page = await store.listMessages('paging', { filters: {}, cursor: page.next_cursor, limit: 3 });
          seen.push(...page.messages.map((m) => m.id));
        }
        expect(seen).toEqual(['l9', 'l8', 'l7', 'l6', 'l5', 'l10', 'l4', 'l3', 'l2', 'l1', 'l0']);
      });

      it('filters like queries do, with every role unless asked', async () => {
        const page = await store.listMessages('acme', {
          filters: { ...WEEK_WINDOW, sources: ['telegram'] },
          limit: 10,
        });
        expect(page.messages.map((m) => m.id)).toEqual(['m4', 'b1', 'm3']);
        expect(page.next_cursor).toBeNull();
      });

      it('rejects a cursor it did not hand out and a limit out of range', async () => {
        await expect(
          store.listMessages('acme', { filters: {}, cursor: 'nonsense', limit: 5 }),
        ).rejects.toThrow(StoreInputError);
        await expect(store.listMessages('acme', { filters: {}, limit: 0 })).rejects.toThrow(StoreInputError);
      });

      it('exports everything matching, in batches', async () => {
        const batches: string[][] = [];
        for await (const batch of store.exportMessages('acme', { roles: ['customer'] }, 4)) {
          batches.push(batch.map((m) => m.id));
        }
        expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
        expect(batches.flat()).toEqual(['n1', 'm6', 'm5', 'p1', 'm4', 'm3', 'm2', 'm1', 'w2', 'w1']);
      });

      it('counts a site', async () => {
        expect(await store.countMessages('acme')).toBe(WEEK.length);
        expect(await store.countMessages('nobody')).toBe(0);
      });
    });

    describe('conversations', () => {
      it('round-trip, overwrite and stay within their site', async () => {
        const conversation = {
          id: 'conv-1',
          site: 'acme',
          turns: [
            { role: 'user' as const, content: 'how many withdrawals?', at: '2026-11-25T10:00:00.000Z' },
            {
              role: 'assistant' as const,
              content: '3',
              at: '2026-11-25T10:00:01.000Z',
              filters: { topics: ['withdrawal' as const] },
            },
          ],
          summary: null,
          updated_at: '2026-11-25T10:00:01.000Z',
        };
        expect(await store.loadConversation('acme', 'conv-1')).toBeNull();
        await store.saveConversation(conversation);
        expect(await store.loadConversation('acme', 'conv-1')).toEqual(conversation);
        const next = {
          ...conversation,
          turns: [],
          summary: 'asked about withdrawals',
          updated_at: '2026-11-25T10:05:00.000Z',
        };
        await store.saveConversation(next);
        expect(await store.loadConversation('acme', 'conv-1')).toEqual(next);
        expect(await store.loadConversation('elsewhere', 'conv-1')).toBeNull();
      });
    });

    it('answers ping and names its kind', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      expect(['pglite', 'postgres', 'supabase']).toContain(store.kind);
    });
  });
}
