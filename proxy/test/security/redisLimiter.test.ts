import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisLimiter } from '../../src/security/redisLimiter.ts';

const URL = 'redis://127.0.0.1:6379';
const prefix = `sa-test:${randomUUID()}:`;
const admin = new Redis(URL);

afterAll(async () => {
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
});

describe('Redis token buckets', () => {
  it('share one budget between proxy instances', async () => {
    const first = createRedisLimiter(URL, { prefix });
    const second = createRedisLimiter(URL, { prefix });
    const limit = { capacity: 3, refillPerSecond: 0.01 };
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await (i % 2 === 0 ? first : second).take('key:shared', limit));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[3]?.retryAfterMs).toBeGreaterThan(60_000);
    expect(await admin.pttl(`${prefix}key:shared`)).toBeGreaterThan(0);
    await first.close();
    await second.close();
  });

  it('refills with time', async () => {
    const limiter = createRedisLimiter(URL, { prefix });
    const limit = { capacity: 1, refillPerSecond: 20 };
    expect((await limiter.take('key:refill', limit)).allowed).toBe(true);
    expect((await limiter.take('key:refill', limit)).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await limiter.take('key:refill', limit)).allowed).toBe(true);
    await limiter.close();
  });

  it('keeps limiting in memory when Redis cannot be reached, and says so', async () => {
    const failures: Error[] = [];
    const limiter = createRedisLimiter('redis://127.0.0.1:1', {
      prefix,
      onFallback: (e) => failures.push(e),
    });
    const limit = { capacity: 1, refillPerSecond: 0.01 };
    expect((await limiter.take('key:down', limit)).allowed).toBe(true);
    expect((await limiter.take('key:down', limit)).allowed).toBe(false);
    expect(failures.length).toBeGreaterThan(0);
    await limiter.close();
  });
});
