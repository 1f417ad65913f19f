import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config/index.ts';
import { createApp } from '../src/http/app.ts';
import { createJsonLogger } from '../src/http/logger.ts';
import { createRedisLimiter } from '../src/security/redisLimiter.ts';
import { createMemoryLimiter, type RateLimiter } from '../src/security/tokenBucket.ts';
import { openPGliteStore } from '../src/store/pglite.ts';
import { type Benchmark, type BenchReport, percentile, publish, round } from './harness.ts';

const REQUESTS = 3000;
const ROUNDS = 5;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * What rate limiting adds to a request: the full /v1 middleware chain (CORS gate, per-IP bucket, key check,
 * per-key bucket) on a route that then answers 404, so nothing else is timed. Variants run interleaved
 * round by round so machine noise hits them alike; medians of the per-round medians.
 */
export const rateLimitBenchmark: Benchmark = {
  name: 'ratelimit',
  async run(): Promise<BenchReport[]> {
    const dir = await mkdtemp(path.join(tmpdir(), 'sa-bench-rl-'));
    const store = await openPGliteStore(path.join(dir, 'db'));
    const log = createJsonLogger('silent');
    const redis = createRedisLimiter(REDIS_URL, { prefix: `sa-bench:${process.pid}:` });
    const variants: { name: string; limiter: RateLimiter | null }[] = [
      { name: 'no limits', limiter: null },
      { name: 'memory buckets', limiter: createMemoryLimiter() },
      { name: 'redis buckets', limiter: redis },
    ];
    const apps = variants.map(({ limiter }) =>
      createApp({
        store,
        log,
        config: loadConfig(
          { LOG_LEVEL: 'silent', RATE_LIMITS: limiter ? 'on' : 'off', IP_RATE_LIMIT_PER_MINUTE: '999999999' },
          { cwd: dir, db: path.join(dir, 'db') },
        ),
        ...(limiter ? { rateLimiter: limiter } : {}),
      }),
    );
    const medians: number[][] = variants.map(() => []);
    const p99s: number[][] = variants.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [index, app] of apps.entries()) {
        const samples: number[] = [];
        for (let i = 0; i < REQUESTS; i++) {
          const start = performance.now();
          await app.request('/v1/bench-nothing-here');
          samples.push((performance.now() - start) * 1000);
        }
        medians[index]?.push(percentile(samples, 50));
        p99s[index]?.push(percentile(samples, 99));
      }
    }
    await redis.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
    const base = percentile(medians[0] ?? [], 50);
    return [
      {
        name: 'ratelimit',
        notes: [
          `in-process app.request through the /v1 middleware chain, ${REQUESTS} requests x ${ROUNDS} interleaved rounds`,
          `Redis at ${REDIS_URL} on loopback; microseconds`,
        ],
        rows: variants.map((variant, index) => {
          const p50 = percentile(medians[index] ?? [], 50);
          return {
            variant: variant.name,
            p50_us: round(p50, 1),
            p99_us: round(percentile(p99s[index] ?? [], 50), 1),
            overhead_p50_us: round(p50 - base, 1),
          };
        }),
      },
    ];
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const report of await rateLimitBenchmark.run()) await publish(report);
}
