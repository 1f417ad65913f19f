import { Counter, Gauge, Registry } from 'prom-client';
import type { ResultCache } from './resultCache.ts';

export type LookupOutcome = 'hit' | 'miss' | 'coalesced' | 'bypass';

export interface CacheMetrics {
  /** Rendered with the app's own metrics at /metrics. */
  registry: Registry;
  lookup(outcome: LookupOutcome): void;
  invalidated(scope: 'site' | 'all'): void;
}

/** Prometheus counters of the query cache; entries and bytes where this process holds them. */
export function createCacheMetrics(cache: ResultCache): CacheMetrics {
  const registry = new Registry();
  const lookups = new Counter({
    name: 'sa_query_cache_lookups_total',
    help: 'Analytics queries by cache outcome: hit, miss (computed), coalesced (joined an identical query in flight), bypass (cache unreachable).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const invalidations = new Counter({
    name: 'sa_query_cache_invalidations_total',
    help: 'Writes that moved a site (or every site) to a new cache generation.',
    labelNames: ['scope'] as const,
    registers: [registry],
  });
  // Every outcome shows from the start, so a rate over the counters has a series to begin with.
  for (const result of ['hit', 'miss', 'coalesced', 'bypass'] as const) lookups.inc({ result }, 0);
  const size = cache.size?.bind(cache);
  if (size) {
    new Gauge({
      name: 'sa_query_cache_entries',
      help: 'Results held in this process.',
      registers: [registry],
      collect() {
        this.set(size().entries);
      },
    });
    new Gauge({
      name: 'sa_query_cache_bytes',
      help: 'Characters of serialized results held in this process.',
      registers: [registry],
      collect() {
        this.set(size().bytes);
      },
    });
  }
  return {
    registry,
    lookup: (outcome) => lookups.inc({ result: outcome }),
    invalidated: (scope) => invalidations.inc({ scope }),
  };
}
