import { z } from 'zod';
import { envIssueLines, wholeNumberVar } from '../config/envVars.ts';
import type { CacheLimits } from './resultCache.ts';

/** The query cache's settings (README, "Environment variables"). */
export interface CacheSettings extends CacheLimits {
  /**
   * `auto` (the default): in Redis when REDIS_URL is set; else in memory on the embedded store, which only this
   * process can write; else off, since other instances' writes to a shared database would not reach this
   * process's memory. `on` caches in memory anyway (one instance per database); `off` never caches.
   */
  mode: 'auto' | 'on' | 'off';
}

const CacheEnv = z.object({
  QUERY_CACHE: z
    .string()
    .trim()
    .optional()
    .pipe(z.enum(['auto', 'on', 'off', ''], 'must be auto, on or off').optional()),
  QUERY_CACHE_MAX_ENTRIES: wholeNumberVar(5000, 1, 10_000_000),
  QUERY_CACHE_MAX_MB: wholeNumberVar(64, 1, 65_536),
  QUERY_CACHE_TTL_SECONDS: wholeNumberVar(300, 1, 86_400),
});

/** Parses the cache variables; one issue line per bad value, naming the variable, instead of throwing. */
export function parseCacheEnv(env: Record<string, string | undefined>): {
  cache: CacheSettings;
  issues: string[];
} {
  const parsed = CacheEnv.safeParse(env);
  if (!parsed.success) {
    const issues = envIssueLines(parsed.error, env);
    return { cache: { mode: 'off', maxEntries: 1, maxBytes: 1, ttlSeconds: 1 }, issues };
  }
  const vars = parsed.data;
  return {
    cache: {
      mode: vars.QUERY_CACHE || 'auto',
      maxEntries: vars.QUERY_CACHE_MAX_ENTRIES,
      maxBytes: vars.QUERY_CACHE_MAX_MB * 1024 * 1024,
      ttlSeconds: vars.QUERY_CACHE_TTL_SECONDS,
    },
    issues: [],
  };
}
