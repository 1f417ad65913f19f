import { createHash } from 'node:crypto';
import { connectFailFastRedis } from '../redis/failFastRedis.ts';
import type { SiteId } from '../store/Store.ts';
import type { CacheLimits, CacheLookup, ResultCache } from './resultCache.ts';

/**
 * A generation is Redis's clock in microseconds when it was made (one more than the last if the clock has not
 * moved): a generation key lost to eviction or a restart comes back larger than any generation before it, never
 * as an old one whose values might still be there.
 */
const GENERATION = `
local function fresh(key)
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local last = tonumber(redis.call('GET', key) or '0')
  local next = math.max(now, last + 1)
  redis.call('SET', key, string.format('%.0f', next))
  return string.format('%.0f', next)
end
local function current(key)
  return redis.call('GET', key) or fresh(key)
end
`;

/** KEYS: epoch, site generation. ARGV: value key prefix, key hash. Returns the generation and the value. */
const GET_SCRIPT = `${GENERATION}
local generation = current(KEYS[1]) .. '.' .. current(KEYS[2])
return { generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2]) }
`;

/** KEYS: epoch, site generation. ARGV: value key prefix, key hash, generation read, value, ttl seconds. */
const SET_SCRIPT = `${GENERATION}
local generation = current(KEYS[1]) .. '.' .. current(KEYS[2])
if generation ~= ARGV[3] then return 0 end
redis.call('SET', ARGV[1] .. generation .. ':' .. ARGV[2], ARGV[4], 'EX', tonumber(ARGV[5]))
return 1
`;

/** KEYS: generation keys to move on. */
const INVALIDATE_SCRIPT = `${GENERATION}
for _, key in ipairs(KEYS) do fresh(key) end
return #KEYS
`;

export interface RedisCacheOptions {
  /** Prepended to every key, so tests and deployments sharing a Redis stay apart. */
  prefix?: string;
  /** Told when an invalidation could not reach Redis (it is retried before this instance reads again). */
  onInvalidationError?: (error: Error) => void;
}

interface Scripts {
  saCacheGet(epoch: string, site: string, prefix: string, hash: string): Promise<[string, string | null]>;
  saCacheSet(
    epoch: string,
    site: string,
    prefix: string,
    hash: string,
    generation: string,
    value: string,
    ttl: number,
  ): Promise<number>;
  saCacheInvalidate(count: number, ...keys: string[]): Promise<number>;
}

/**
 * Results in Redis, shared by every proxy instance pointing at it: an instance reads the site's generation and
 * the value in one round trip, so a write on any instance is seen by the next query on every instance. Values
 * expire after the TTL; Redis's own memory policy bounds the rest.
 */
export function createRedisCache(
  url: string,
  limits: CacheLimits,
  options: RedisCacheOptions = {},
): ResultCache {
  const prefix = options.prefix ?? 'sa:qc:';
  // A lookup that fails bypasses the cache.
  const redis = connectFailFastRedis(url);
  redis.defineCommand('saCacheGet', { numberOfKeys: 2, lua: GET_SCRIPT });
  redis.defineCommand('saCacheSet', { numberOfKeys: 2, lua: SET_SCRIPT });
  redis.defineCommand('saCacheInvalidate', { lua: INVALIDATE_SCRIPT });
  const scripts = redis as unknown as Scripts;

  const epochKey = `${prefix}epoch`;
  const siteKey = (site: SiteId) => `${prefix}gen:${encodeURIComponent(site)}`;
  const valuePrefix = (site: SiteId) => `${prefix}v:${encodeURIComponent(site)}:`;
  const hash = (key: string) => createHash('sha256').update(key).digest('base64url');

  // Generation keys whose move failed: moved before this instance reads from Redis again, so at least its own
  // readers never see what its writers replaced.
  const unsent = new Set<string>();
  async function send(keys: string[]): Promise<void> {
    for (const key of keys) unsent.add(key);
    const pending = [...unsent];
    await scripts.saCacheInvalidate(pending.length, ...pending);
    for (const key of pending) unsent.delete(key);
  }

  return {
    kind: 'redis',
    async get(site, key): Promise<CacheLookup> {
      if (unsent.size > 0) await send([]);
      const [generation, value] = await scripts.saCacheGet(
        epochKey,
        siteKey(site),
        valuePrefix(site),
        hash(key),
      );
      return { generation, value };
    },
    async set(site, generation, key, value) {
      if (value.length > limits.maxBytes) return;
      await scripts.saCacheSet(
        epochKey,
        siteKey(site),
        valuePrefix(site),
        hash(key),
        generation,
        value,
        limits.ttlSeconds,
      );
    },
    async invalidate(sites) {
      const keys = sites === 'all' ? [epochKey] : [...new Set(sites)].map(siteKey);
      if (keys.length === 0) return;
      try {
        await send(keys);
      } catch (error) {
        options.onInvalidationError?.(error as Error);
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
