import { Redis } from 'ioredis';

/**
 * A Redis connection for work on a request's path (query cache, rate limits): a command Redis does not answer
 * within 250 ms fails, after one retry at most, so the caller falls back instead of holding the request.
 * Failures reach callers per command; the client's own error events are silenced, which ioredis would log.
 */
export function connectFailFastRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 250,
    connectTimeout: 2_000,
  });
  redis.on('error', () => {});
  return redis;
}
