import type { Config } from '../config/index.ts';
import type { Logger } from '../http/logger.ts';
import { createRedisLimiter } from './redisLimiter.ts';
import { createMemoryLimiter, type RateLimiter } from './tokenBucket.ts';

/** Redis buckets when REDIS_URL is set (limits shared by every instance), else this process's memory. */
export function rateLimiterFromConfig(config: Config, log: Logger): RateLimiter {
  if (!config.redisUrl) return createMemoryLimiter();
  let warned = false;
  return createRedisLimiter(config.redisUrl, {
    onFallback: (error) => {
      // Once per outage is enough; every request would otherwise log it.
      if (warned) return;
      warned = true;
      log.warn('redis rate limiter unavailable; limiting in memory on this instance', {
        error: { name: error.name, message: error.message },
      });
      setTimeout(() => {
        warned = false;
      }, 60_000).unref();
    },
  });
}
