import { connectFailFastRedis } from '../redis/failFastRedis.ts';
import { type BucketLimit, createMemoryLimiter, type RateLimiter } from './tokenBucket.ts';

/**
 * Refill-then-take in one atomic step on the server, with the server's clock, so every proxy instance
 * sees the same bucket whatever its own clock says. Tokens are kept as a decimal string (fractional refill).
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2]) / 1000
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(saved[1]) or capacity
local at = tonumber(saved[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local allowed = 0
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.ceil((cost - tokens) / per_ms)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / per_ms) + 1000)
return { allowed, math.floor(tokens), wait }
`;

export interface RedisLimiterOptions {
  /** Prepended to every bucket name, so tests and deployments sharing a Redis stay apart. */
  prefix?: string;
  /** Told when Redis fails and the in-process limiter answers instead. */
  onFallback?: (error: Error) => void;
}

type TakeReply = [number, number, number];

/**
 * Buckets in Redis, shared by every proxy pointing at it (the scale-out path). When Redis does not answer
 * quickly, each instance falls back to its own memory buckets: limits stay on, only no longer shared.
 */
export function createRedisLimiter(url: string, options: RedisLimiterOptions = {}): RateLimiter {
  const prefix = options.prefix ?? 'sa:rl:';
  // A command that fails is reported through onFallback and answered by the memory buckets.
  const redis = connectFailFastRedis(url);
  redis.defineCommand('saTakeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  const fallback = createMemoryLimiter();
  const take = (
    redis as unknown as {
      saTakeToken(key: string, capacity: number, refill: number, cost: number): Promise<TakeReply>;
    }
  ).saTakeToken.bind(redis);

  return {
    kind: 'redis',
    async take(bucket: string, limit: BucketLimit, cost = 1) {
      try {
        const [allowed, remaining, wait] = await take(
          prefix + bucket,
          limit.capacity,
          limit.refillPerSecond,
          cost,
        );
        return { allowed: allowed === 1, remaining, retryAfterMs: wait };
      } catch (error) {
        options.onFallback?.(error as Error);
        return fallback.take(bucket, limit, cost);
      }
    },
    async close() {
      await fallback.close();
      redis.disconnect();
    },
  };
}
