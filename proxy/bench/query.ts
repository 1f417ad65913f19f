import { pathToFileURL } from 'node:url';
import type { AnalyticsQuery, MessageInput } from '@sa/shared';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { withQueryCache } from '../src/cache/cachedStore.ts';
import { type CacheMetrics, createCacheMetrics } from '../src/cache/cacheMetrics.ts';
import { createMemoryCache } from '../src/cache/memoryCache.ts';
import { createRedisCache } from '../src/cache/redisCache.ts';
import type { ResultCache } from '../src/cache/resultCache.ts';
import { loadConfig } from '../src/config/index.ts';
import { createApp } from '../src/http/app.ts';
import { createJsonLogger } from '../src/http/logger.ts';
import { listen } from '../src/http/server.ts';
import type { Store } from '../src/store/Store.ts';
import { type Benchmark, type BenchReport, percentile, publish, round } from './harness.ts';
import { load, NOW, pgliteTarget, SITE } from './store.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_QUERY_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_QUERY_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_QUERY_CONNECTIONS ?? 10);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const KEY = 'bench_query_key_000001';
const DAY_MS = 86_400_000;
const LIMITS = { maxEntries: 5000, maxBytes: 64 * 1024 * 1024, ttlSeconds: 300 };

/** What a dashboard asks on load (the widget's panels), over the last 30 and 90 days of the seeded site. */
function dashboardQueries(): AnalyticsQuery[] {
  const days = (n: number) => ({
    from: new Date(NOW - n * DAY_MS).toISOString(),
    to: new Date(NOW).toISOString(),
  });
  return [
    { metric: 'count', filters: days(30), compare_previous: true },
    { metric: 'breakdown', group_by: 'topic', filters: days(30) },
    { metric: 'breakdown', group_by: 'source', filters: days(30) },
    { metric: 'breakdown', group_by: 'sentiment', filters: days(90) },
    {
      metric: 'timeseries',
      group_by: 'day',
      series_by: 'topic',
      filters: days(30),
      time_zone: 'Europe/Berlin',
    },
    { metric: 'timeseries', group_by: 'week', filters: days(90) },
    { metric: 'share', filters: { ...days(30), sentiments: ['angry'] }, share_of: {} },
    { metric: 'count', filters: { ...days(90), topics: ['withdrawal'], sources: ['telegram'] } },
  ];
}

interface Variant {
  name: string;
  store: Store;
  metrics: CacheMetrics | null;
  cache: ResultCache | null;
  /** Runs beside the load (new messages arriving); returns what stops it. */
  during?: () => () => Promise<void>;
}

/** One new message for the site every `everyMs`, handed to `write`, as webhooks would bring them. */
function trickle(
  write: (message: MessageInput) => Promise<unknown>,
  everyMs: number,
): () => () => Promise<void> {
  let n = 0;
  return () => {
    let writing: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      n++;
      writing = write({
        // The store benchmark drops `import:` rows from a reused store, so reruns start from the same data.
        id: `import:query-bench:${process.pid}:${n}`,
        source: 'livechat',
        conversation_id: `query-bench-${n}`,
        author_role: 'customer',
        created_at: new Date(NOW - 3_600_000).toISOString(),
        text: 'my withdrawal is still pending',
        topics: ['withdrawal'],
        sentiment: 'negative',
      });
    }, everyMs);
    return async () => {
      clearInterval(timer);
      await writing;
    };
  };
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

function run(url: string, queries: AnalyticsQuery[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/v1/query`,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: queries.map((query) => ({
          method: 'POST',
          path: '/v1/query',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          body: JSON.stringify(query),
        })),
      },
      (error, result) => {
        if (error) reject(error);
        else
          resolve({
            rps: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
            non2xx: result.non2xx + result.errors,
          });
      },
    );
  });
}

/** Shares of lookups answered from the cache (hits and coalesced) and answered past it (Redis too slow). */
async function outcomes(metrics: CacheMetrics | null): Promise<{ hit: number; bypass: number } | null> {
  if (!metrics) return null;
  const [lookups] = (await metrics.registry.getMetricsAsJSON()).filter(
    (m) => m.name === 'sa_query_cache_lookups_total',
  );
  const counts = Object.fromEntries(
    (lookups?.values ?? []).map((v) => [String(v.labels.result), Number(v.value)]),
  );
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  return { hit: ((counts.hit ?? 0) + (counts.coalesced ?? 0)) / total, bypass: (counts.bypass ?? 0) / total };
}

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/**
 * POST /v1/query through the real server on loopback (autocannon, keep-alive, CONNECTIONS at once), cycling
 * through a dashboard's queries on BENCH_ROWS messages in the embedded store: without the cache, with it in
 * memory, with it in Redis. Variants run interleaved round by round so machine noise hits them alike; the
 * table has the medians of the rounds, after one warm-up request per query. "1 write/s" adds a new message for the
 * site every second through the cached store, so every cached answer of the site is recomputed once a second.
 */
export const queryBenchmark: Benchmark = {
  name: 'query',
  async run(): Promise<BenchReport[]> {
    const target = await pgliteTarget();
    await load(target);
    const log = createJsonLogger('silent');
    const config = loadConfig(
      {
        LOG_LEVEL: 'silent',
        SITE_KEYS: `${KEY}:${SITE}:viewer`,
        RATE_LIMIT_PER_MINUTE: '999999999',
        IP_RATE_LIMIT_PER_MINUTE: '999999999',
      },
      { db: ':memory:' },
    );
    const now = () => new Date(NOW);
    const cached = (cache: ResultCache, name: string): Variant => {
      const metrics = createCacheMetrics(cache);
      return { name, cache, metrics, store: withQueryCache(target.store, { cache, metrics, now, log }) };
    };
    const prefix = `sa-bench:qc:${process.pid}:`;
    const variants: Variant[] = [
      { name: 'no cache', store: target.store, metrics: null, cache: null },
      cached(createMemoryCache(LIMITS), 'cache in memory'),
      cached(createMemoryCache(LIMITS), 'cache in memory, 1 write/s'),
      ...((await redisReachable())
        ? [cached(createRedisCache(REDIS_URL, LIMITS, { prefix }), 'cache in Redis')]
        : []),
    ];
    // The writes go through that variant's cached store, and every other variant's cache hears of them too:
    // all share one database, and none may answer from before a write.
    const writer = variants[2] as Variant;
    writer.during = trickle(async (message) => {
      await writer.store.upsertMessages(SITE, [message]);
      await Promise.all(variants.filter((v) => v !== writer).map((v) => v.cache?.invalidate([SITE])));
    }, 1000);
    const servers = await Promise.all(
      variants.map((v) =>
        listen(
          createApp({ store: v.store, config, log, ...(v.metrics ? { metrics: [v.metrics.registry] } : {}) }),
          '127.0.0.1',
          0,
        ),
      ),
    );
    const queries = dashboardQueries();
    // Every query once on every server first: the store's pages are warm for all, and the cached variants
    // measure their steady state (a dashboard that is looked at again), not the first look.
    for (const server of servers) {
      for (const query of queries) {
        const response = await fetch(`${server.url}/v1/query`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
          body: JSON.stringify(query),
        });
        if (!response.ok)
          throw new Error(`warm-up query failed: ${response.status} ${await response.text()}`);
      }
    }
    const samples: Sample[][] = variants.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, server] of servers.entries()) {
        const stop = variants[i]?.during?.();
        samples[i]?.push(await run(server.url, queries));
        await stop?.();
      }
    }
    const rates = await Promise.all(variants.map((v) => outcomes(v.metrics)));
    for (const server of servers) await server.close();
    for (const v of variants) await v.cache?.close();
    if (variants.some((v) => v.cache?.kind === 'redis')) {
      const admin = new Redis(REDIS_URL);
      const keys = await admin.keys(`${prefix}*`);
      if (keys.length > 0) await admin.del(...keys);
      admin.disconnect();
    }
    await target.dispose();

    const median = (i: number, pick: (s: Sample) => number) => percentile((samples[i] ?? []).map(pick), 50);
    const base = median(0, (s) => s.rps);
    return [
      {
        name: 'query',
        notes: [
          `POST /v1/query on loopback against the real server, ${ROWS.toLocaleString('en-US')} messages in the embedded store (PGlite)`,
          `${queries.length} dashboard queries cycled after one warm-up each, ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} interleaved rounds, medians; latency in ms`,
          variants.some((v) => v.cache?.kind === 'redis')
            ? `Redis at ${REDIS_URL} on loopback; autocannon runs in the server's process; bypass: Redis lookups past their 250 ms timeout (a busy event loop counts too) answered from the store`
            : `Redis at ${REDIS_URL} not reachable: no Redis row`,
        ],
        rows: variants.map((v, i) => ({
          variant: v.name,
          req_per_s: round(
            median(i, (s) => s.rps),
            1,
          ),
          p50_ms: round(
            median(i, (s) => s.p50),
            2,
          ),
          p99_ms: round(
            median(i, (s) => s.p99),
            2,
          ),
          speedup: round(median(i, (s) => s.rps) / base, 1),
          hit_rate: rates[i] ? round(rates[i].hit, 4) : null,
          bypass_rate: rates[i] ? round(rates[i].bypass, 4) : null,
          non_2xx: samples[i]?.reduce((sum, s) => sum + s.non2xx, 0) ?? 0,
        })),
      },
    ];
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const report of await queryBenchmark.run()) await publish(report);
}
