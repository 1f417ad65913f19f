import type { Logger } from '../http/logger.ts';
import type { Store } from '../store/Store.ts';
import type { CacheSettings } from './cacheConfig.ts';
import { withQueryCache } from './cachedStore.ts';
import { type CacheMetrics, createCacheMetrics } from './cacheMetrics.ts';
import { createMemoryCache } from './memoryCache.ts';
import { createRedisCache } from './redisCache.ts';
import type { ResultCache } from './resultCache.ts';

export interface QueryCache {
  /** The store every part of the proxy should use: its writes invalidate, its queries are cached. */
  store: Store;
  metrics: CacheMetrics;
  close(): Promise<void>;
}

/**
 * The query cache for one proxy: in Redis when REDIS_URL is set (every instance sees every instance's writes at
 * its next query, and results computed by one serve all), in this process's memory where only this process
 * writes (see CacheSettings.mode). Null when off.
 */
export function queryCacheFromConfig(
  settings: CacheSettings,
  redisUrl: string | null,
  store: Store,
  log: Logger,
): QueryCache | null {
  if (settings.mode === 'off') return null;
  if (settings.mode === 'auto' && !redisUrl && store.kind !== 'pglite') {
    log.info(
      'query cache off: a shared database without REDIS_URL (set REDIS_URL, or QUERY_CACHE=on for one instance)',
    );
    return null;
  }
  let reportedAt = Number.NEGATIVE_INFINITY;
  const cache: ResultCache = redisUrl
    ? createRedisCache(redisUrl, settings, {
        onInvalidationError: (error) => {
          // Once a minute is enough to page someone; every write of an outage would otherwise log it.
          if (Date.now() - reportedAt < 60_000) return;
          reportedAt = Date.now();
          log.error(
            'query cache invalidation did not reach Redis; other instances may serve older results until it does or the TTL ends',
            { error: { name: error.name, message: error.message } },
          );
        },
      })
    : createMemoryCache(settings);
  const metrics = createCacheMetrics(cache);
  return { store: withQueryCache(store, { cache, metrics, log }), metrics, close: () => cache.close() };
}

/**
 * For a process that writes beside running proxies without serving (`sa import`): with REDIS_URL its writes
 * move the shared cache's generations too, so every proxy's next query sees them. Without Redis nothing to
 * tell: proxies on a shared database then do not cache (QUERY_CACHE=auto), and the embedded store is one
 * process's alone. Closing the store closes the connection to Redis as well.
 */
export function invalidatingWrites(
  store: Store,
  options: { settings: CacheSettings; redisUrl: string | null; log: Logger; prefix?: string },
): Store {
  const { settings, redisUrl, log } = options;
  if (settings.mode === 'off' || !redisUrl) return store;
  const cache = createRedisCache(redisUrl, settings, options.prefix ? { prefix: options.prefix } : {});
  const cached = withQueryCache(store, { cache, metrics: createCacheMetrics(cache), log });
  return {
    ...cached,
    async close() {
      await cache.close();
      await store.close();
    },
  };
}
