import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalyticsQuery, MessageInput } from '@sa/shared';
import { Classifier } from '@sa/shared/classifier';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCacheEnv } from '../../src/cache/cacheConfig.ts';
import { withQueryCache } from '../../src/cache/cachedStore.ts';
import { invalidatingWrites, queryCacheFromConfig } from '../../src/cache/cacheFromConfig.ts';
import { createCacheMetrics } from '../../src/cache/cacheMetrics.ts';
import { createMemoryCache } from '../../src/cache/memoryCache.ts';
import { createRedisCache } from '../../src/cache/redisCache.ts';
import type { ResultCache } from '../../src/cache/resultCache.ts';
import { BackgroundClassifier } from '../../src/classify/backgroundWorker.ts';
import { type Env, loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createJsonLogger } from '../../src/http/logger.ts';
import { InboxWorker } from '../../src/ingest/inboxWorker.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { Store } from '../../src/store/Store.ts';
import { json } from '../http/harness.ts';
import { LIVECHAT_SECRET, livechatIncomingEvent } from '../ingest/fixtures.ts';

const MODEL = fileURLToPath(new URL('../../../models/default', import.meta.url));
const LIMITS = { maxEntries: 100, maxBytes: 1024 * 1024, ttlSeconds: 300 };
const REDIS_URL = process.env.REDIS_URL_TEST;
const log = createJsonLogger('silent');

let dir: string;
let raw: Store;
let classifier: Classifier;
// The clock of the store's engine and of the cache keys (compare_previous reads it).
let clock = new Date('2026-11-25T12:00:00Z');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sa-cache-'));
  raw = await openPGliteStore(path.join(dir, 'db'), { now: () => clock });
  classifier = await Classifier.load({ model: MODEL });
}, 60_000);
afterAll(async () => {
  await classifier?.dispose();
  await raw?.close();
  await rm(dir, { recursive: true, force: true });
});

/** One proxy instance the way `sa serve` wires it: every part gets the cached store. */
function instance(env: Env = {}, cache: ResultCache = createMemoryCache(LIMITS)) {
  const metrics = createCacheMetrics(cache);
  const store = withQueryCache(raw, { cache, metrics, now: () => clock, log });
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env }, { cwd: dir, db: path.join(dir, 'db') });
  const app = createApp({ store, config, log, metrics: [metrics.registry] });
  const lookups = async () => {
    const text = await (await app.request('/metrics')).text();
    const count = (result: string) =>
      Number(text.match(new RegExp(`sa_query_cache_lookups_total\\{result="${result}"\\} (\\d+)`))?.[1]);
    return {
      hit: count('hit'),
      miss: count('miss'),
      ...(count('coalesced') ? { coalesced: count('coalesced') } : {}),
    };
  };
  return { app, store, cache, lookups };
}

let seq = 0;
function message(site: string, overrides: Partial<MessageInput> = {}): MessageInput {
  seq++;
  return {
    id: `${site}:m${seq}`,
    source: 'livechat',
    conversation_id: `${site}-c${seq}`,
    author_role: 'customer',
    created_at: new Date(Date.UTC(2026, 9, 1) + seq * 60_000).toISOString(),
    text: `message ${seq}: my withdrawal is still pending`,
    topics: ['withdrawal'],
    sentiment: 'negative',
    ...overrides,
  };
}

const OCTOBER = { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
const COUNT: AnalyticsQuery = { metric: 'count', filters: OCTOBER };
const BY_TOPIC: AnalyticsQuery = { metric: 'breakdown', group_by: 'topic', filters: OCTOBER };

async function ask(app: ReturnType<typeof createApp>, query: AnalyticsQuery, key?: string) {
  const response = await app.request('/v1/query', json(query, key ? { authorization: `Bearer ${key}` } : {}));
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as { result: Record<string, unknown> }).result;
}

describe('query cache in memory, through the HTTP app', () => {
  it('answers a repeated query from the cache, and the next query after a write from the store', async () => {
    const { app, lookups } = instance();
    const post = (messages: MessageInput[]) => app.request('/v1/messages', json(messages));
    expect((await post([message('default'), message('default')])).status).toBe(200);
    const first = await ask(app, COUNT);
    expect(first.value).toBe(2);
    expect(await ask(app, COUNT)).toEqual(first);
    expect(await lookups()).toEqual({ hit: 1, miss: 1 });

    const third = message('default');
    expect((await post([third])).status).toBe(200);
    expect((await ask(app, COUNT)).value).toBe(3);

    const csv = `id,source,conversation_id,author_role,created_at,text,topics\nimported-1,telegram,t1,customer,2026-10-20T10:00:00Z,deposit never arrived,deposit\n`;
    const imported = await app.request('/v1/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(imported.status).toBe(200);
    expect((await ask(app, COUNT)).value).toBe(4);
    expect(await lookups()).toEqual({ hit: 1, miss: 3 });

    // A redelivery of what is stored changes nothing, so the cached answer stays.
    expect((await post([third])).status).toBe(200);
    expect((await ask(app, COUNT)).value).toBe(4);
    expect(await lookups()).toEqual({ hit: 2, miss: 3 });
  });

  it("reflects the background classifier's labels at the next query", async () => {
    const { app, store, lookups } = instance();
    const unlabelled = {
      topics: undefined,
      sentiment: undefined,
      text: 'I was charged twice for my deposit',
    };
    const post = await app.request('/v1/messages', json([message('default', unlabelled)]));
    expect(post.status, await post.clone().text()).toBe(200);
    const before = (await ask(app, BY_TOPIC)) as { rows: { key: string; count: number }[]; total: number };
    expect(await ask(app, BY_TOPIC)).toEqual(before);
    const labelled = (rows: { count: number }[]) => rows.reduce((sum, r) => sum + r.count, 0);

    const worker = new BackgroundClassifier({ store, classifier });
    expect(await worker.drain()).toBeGreaterThanOrEqual(1);
    const after = (await ask(app, BY_TOPIC)) as typeof before;
    expect(after.total).toBe(before.total);
    expect(labelled(after.rows)).toBeGreaterThan(labelled(before.rows));

    // A model update marks model labels for relabelling: the next query is computed again.
    const counted = await ask(app, COUNT);
    expect(await ask(app, COUNT)).toEqual(counted);
    const { miss } = await lookups();
    expect(await store.markForReclassification('default')).toBeGreaterThan(0);
    expect(await ask(app, COUNT)).toEqual(counted);
    expect((await lookups()).miss).toBe(miss + 1);
  });

  it('keeps sites apart: one site’s write invalidates only that site, and answers never cross', async () => {
    const env = {
      SITE_KEYS: 'k_alpha_viewer_00000001:alpha:viewer,k_beta_viewer_000000001:beta:viewer',
      LIVECHAT_WEBHOOK_SECRET: LIVECHAT_SECRET,
    };
    const { app, store, lookups } = instance(env);
    await store.upsertMessages('alpha', [message('alpha')]);
    await store.upsertMessages('beta', [message('beta'), message('beta'), message('beta')]);
    expect((await ask(app, COUNT, 'k_alpha_viewer_00000001')).value).toBe(1);
    expect((await ask(app, COUNT, 'k_beta_viewer_000000001')).value).toBe(3);
    expect((await ask(app, COUNT, 'k_beta_viewer_000000001')).value).toBe(3);
    expect(await lookups()).toEqual({ hit: 1, miss: 2 });

    // A webhook for alpha, stored by the inbox worker through the same store.
    const hook = await app.request(
      '/v1/ingest/livechat?site=alpha',
      json(
        livechatIncomingEvent('CA1', {
          id: 'E1',
          text: 'where is my withdrawal',
          created_at: '2026-10-15T10:00:00.000000Z',
        }),
      ),
    );
    expect(hook.status).toBe(200);
    expect(await new InboxWorker({ store, classifier }).drain()).toBe(1);

    expect((await ask(app, COUNT, 'k_beta_viewer_000000001')).value).toBe(3);
    expect(await lookups()).toEqual({ hit: 2, miss: 2 });
    expect((await ask(app, COUNT, 'k_alpha_viewer_00000001')).value).toBe(2);
    expect(await lookups()).toEqual({ hit: 2, miss: 3 });
  });

  it('runs identical queries that arrive together once', async () => {
    const { store, lookups } = instance();
    const query: AnalyticsQuery = { metric: 'breakdown', group_by: 'source', filters: OCTOBER };
    // Called in one tick, as the routes of three requests arriving together call it.
    const answers = await Promise.all([1, 2, 3].map(() => store.runQuery('default', query)));
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[1]).not.toBe(answers[0]);
    expect(await lookups()).toEqual({ hit: 0, miss: 1, coalesced: 2 });
  });

  it('never keeps a compare_previous answer past the moment its comparison window changes', async () => {
    const { app } = instance();
    // "November so far", asked on 25 November: compared with 1-25 October.
    const query: AnalyticsQuery = {
      metric: 'count',
      compare_previous: true,
      filters: { from: '2026-11-01T00:00:00Z', to: '2026-11-25T12:00:00Z' },
    };
    clock = new Date('2026-11-25T12:00:00Z');
    const toDate = (await ask(app, query)) as { previous: { window: { from: string; to: string } } };
    expect(toDate.previous.window.from).toBe('2026-10-01T00:00:00+00:00');
    // Two days later the same window is no longer "to date": it is compared with the 24.5 days before it.
    clock = new Date('2026-11-27T12:00:00Z');
    const fixed = (await ask(app, query)) as typeof toDate;
    expect(fixed.previous.window.from).not.toBe(toDate.previous.window.from);
    clock = new Date('2026-11-25T12:00:00Z');
  });

  it('bounds memory by entries and bytes, least recently used first, and expires entries', async () => {
    let now = 0;
    const cache = createMemoryCache({ maxEntries: 2, maxBytes: 100, ttlSeconds: 10 }, () => now);
    const { generation } = await cache.get('s', 'a');
    await cache.set('s', generation, 'a', 'A');
    await cache.set('s', generation, 'b', 'B');
    expect((await cache.get('s', 'a')).value).toBe('A');
    await cache.set('s', generation, 'c', 'C');
    expect((await cache.get('s', 'b')).value).toBeNull();
    expect((await cache.get('s', 'a')).value).toBe('A');
    expect(cache.size?.()).toEqual({ entries: 2, bytes: 6 });

    await cache.set('s', generation, 'big', 'x'.repeat(95));
    expect(cache.size?.().bytes).toBeLessThanOrEqual(100);
    await cache.set('s', generation, 'huge', 'x'.repeat(200));
    expect((await cache.get('s', 'huge')).value).toBeNull();

    await cache.set('s', generation, 'a', 'A');
    now = 10_001;
    expect((await cache.get('s', 'a')).value).toBeNull();
  });

  it('does not store a result computed before a write that landed while it ran', async () => {
    const cache = createMemoryCache(LIMITS);
    const { generation } = await cache.get('s', 'q');
    await cache.invalidate(['s']);
    await cache.set('s', generation, 'q', 'old');
    expect((await cache.get('s', 'q')).value).toBeNull();
    await cache.set('other', (await cache.get('other', 'q')).generation, 'q', 'kept');
    await cache.invalidate('all');
    expect((await cache.get('other', 'q')).value).toBeNull();
  });
});

describe.skipIf(!REDIS_URL)('query cache in Redis, shared by two proxy instances', () => {
  const prefix = `sa-test:qc:${randomUUID()}:`;
  const admin = REDIS_URL ? new Redis(REDIS_URL) : null;
  afterAll(async () => {
    const keys = (await admin?.keys(`${prefix}*`)) ?? [];
    if (keys.length > 0) await admin?.del(...keys);
    admin?.disconnect();
  });

  it('serves one instance’s result to the other, and a write on either reaches both', async () => {
    const first = instance({}, createRedisCache(REDIS_URL as string, LIMITS, { prefix }));
    const second = instance({}, createRedisCache(REDIS_URL as string, LIMITS, { prefix }));
    const query: AnalyticsQuery = { metric: 'count', filters: { ...OCTOBER, sources: ['telegram'] } };
    const counted = (await ask(first.app, query)).value as number;
    expect((await ask(second.app, query)).value).toBe(counted);
    expect(await first.lookups()).toEqual({ hit: 0, miss: 1 });
    expect(await second.lookups()).toEqual({ hit: 1, miss: 0 });

    const post = await first.app.request('/v1/messages', json([message('default', { source: 'telegram' })]));
    expect(post.status).toBe(200);
    expect((await ask(second.app, query)).value).toBe(counted + 1);
    expect((await ask(first.app, query)).value).toBe(counted + 1);
    expect(await first.lookups()).toEqual({ hit: 1, miss: 1 });
    expect((await admin?.keys(`${prefix}v:*`))?.length).toBeGreaterThan(0);
    await first.cache.close();
    await second.cache.close();
  });

  it("reflects a write by a process that only imports (sa import) at every instance's next query", async () => {
    const proxy = instance({}, createRedisCache(REDIS_URL as string, LIMITS, { prefix }));
    const query: AnalyticsQuery = { metric: 'count', filters: { ...OCTOBER, sources: ['livechat'] } };
    const counted = (await ask(proxy.app, query)).value as number;
    expect((await ask(proxy.app, query)).value).toBe(counted);
    // Its own handle on the database, as a separate process has; closing it leaves the tests' store open.
    const importer = invalidatingWrites(
      { ...raw, close: async () => {} },
      { settings: parseCacheEnv({}).cache, redisUrl: REDIS_URL as string, log, prefix },
    );
    await importer.upsertMessages('default', [message('default')]);
    await importer.close();
    expect((await ask(proxy.app, query)).value).toBe(counted + 1);
    expect(await proxy.lookups()).toEqual({ hit: 1, miss: 2 });
    await proxy.cache.close();
  });

  it('answers from the store when Redis does not answer', async () => {
    const down = instance({}, createRedisCache('redis://127.0.0.1:1', LIMITS, { prefix }));
    const query: AnalyticsQuery = { metric: 'count', filters: OCTOBER };
    expect((await ask(down.app, query)).value).toBe(
      await raw.runQuery('default', query).then((r) => (r as { value: number }).value),
    );
    const text = await (await down.app.request('/metrics')).text();
    expect(text).toMatch(/sa_query_cache_lookups_total\{result="bypass"\} 1/);
    await down.cache.close();
  });
});

describe('query cache configuration', () => {
  it('caches only where every write reaches it, unless told otherwise', async () => {
    const settings = (env: Env) => parseCacheEnv(env).cache;
    const shared = { ...raw, kind: 'postgres' as const };
    const kind = async (cache: ReturnType<typeof queryCacheFromConfig>) => {
      await cache?.close();
      return cache
        ? cache.metrics.registry.getSingleMetric('sa_query_cache_entries')
          ? 'memory'
          : 'redis'
        : 'off';
    };
    expect(await kind(queryCacheFromConfig(settings({}), null, raw, log))).toBe('memory');
    expect(await kind(queryCacheFromConfig(settings({}), null, shared, log))).toBe('off');
    expect(await kind(queryCacheFromConfig(settings({ QUERY_CACHE: 'on' }), null, shared, log))).toBe(
      'memory',
    );
    expect(await kind(queryCacheFromConfig(settings({ QUERY_CACHE: 'off' }), null, raw, log))).toBe('off');
    expect(await kind(queryCacheFromConfig(settings({}), 'redis://127.0.0.1:1', shared, log))).toBe('redis');
  });

  it('names each bad variable', () => {
    const { issues } = parseCacheEnv({
      QUERY_CACHE: 'yes',
      QUERY_CACHE_MAX_MB: '0',
      QUERY_CACHE_TTL_SECONDS: 'x',
    });
    expect(issues).toEqual([
      expect.stringMatching(/^QUERY_CACHE must be auto, on or off/),
      expect.stringMatching(/^QUERY_CACHE_MAX_MB must be a whole number from 1 to/),
      expect.stringMatching(/^QUERY_CACHE_TTL_SECONDS must be a whole number/),
    ]);
  });
});
