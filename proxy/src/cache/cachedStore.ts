import type { QueryResult } from '@sa/shared';
import type { Logger } from '../http/logger.ts';
import type { SiteId, Store } from '../store/Store.ts';
import type { CacheMetrics } from './cacheMetrics.ts';
import { queryCacheKey } from './queryKey.ts';
import type { ResultCache } from './resultCache.ts';

export interface QueryCacheOptions {
  cache: ResultCache;
  metrics: CacheMetrics;
  /** The clock the store's engine reads for compare_previous (the same one, or keys would disagree with it). */
  now?: () => Date;
  log?: Logger;
}

/**
 * How each Store member meets the cache. A member added to Store fails typecheck here until it is placed, and a
 * `wrapped` one until withQueryCache wraps it: anything that changes messages, labels or rollups must be
 * wrapped to invalidate what it changes (inbox bookkeeping, conversations and key lookups pass through).
 */
const MEMBERS = {
  kind: 'passes',
  siteKeys: 'passes',
  migrate: 'passes',
  ping: 'passes',
  close: 'passes',
  runQuery: 'wrapped',
  upsertMessages: 'wrapped',
  listMessages: 'passes',
  exportMessages: 'passes',
  countMessages: 'passes',
  pendingClassification: 'passes',
  saveModelLabels: 'wrapped',
  markForReclassification: 'wrapped',
  loadConversation: 'passes',
  saveConversation: 'passes',
  acceptInbox: 'passes',
  claimInbox: 'wrapped',
  completeInbox: 'wrapped',
  failInbox: 'passes',
  inboxStats: 'passes',
  deadLetters: 'passes',
  retryDeadLetter: 'passes',
  pruneInbox: 'passes',
  lastEventId: 'passes',
  eventsAfter: 'passes',
} as const satisfies Record<keyof Store, 'passes' | 'wrapped'>;
type Wrapped = {
  [K in keyof typeof MEMBERS]: (typeof MEMBERS)[K] extends 'wrapped' ? K : never;
}[keyof typeof MEMBERS];

// Inbox leases whose sites are remembered between claim and completion; past this, a completion whose claim
// was forgotten invalidates every site, which is always correct, only slower.
const MAX_TRACKED_CLAIMS = 1000;
const WARN_EVERY_MS = 60_000;

/**
 * The store with analytics results cached per (site, query). Every method that changes messages, rollups or
 * labels moves the sites it touched to a new cache generation once it returns (or fails: a failed write may
 * still have committed), so every write path of the proxy (POST /v1/messages, CSV import, webhook inbox,
 * background and re-classification) invalidates without knowing about the cache. Identical queries in flight
 * at once run once. Callers get their own parsed copy, never a shared object.
 */
export function withQueryCache(store: Store, options: QueryCacheOptions): Store {
  const { cache, metrics } = options;
  const now = options.now ?? (() => new Date());
  const inFlight = new Map<string, Promise<string>>();
  const claimedSites = new Map<string, SiteId[]>();
  let warnedAt = Number.NEGATIVE_INFINITY;

  function warnOnce(message: string, error: unknown): void {
    if (Date.now() - warnedAt < WARN_EVERY_MS) return;
    warnedAt = Date.now();
    options.log?.warn(message, { error: { name: (error as Error).name, message: (error as Error).message } });
  }

  async function invalidate(sites: readonly SiteId[] | 'all'): Promise<void> {
    if (sites !== 'all' && sites.length === 0) return;
    try {
      await cache.invalidate(sites);
    } catch (error) {
      warnOnce('query cache invalidation failed', error);
    }
    metrics.invalidated(sites === 'all' ? 'all' : 'site');
  }

  /** Runs a write, then invalidates `sites` unless `changed` says it changed nothing; a failure may have committed. */
  async function write<T>(
    sites: readonly SiteId[] | 'all',
    run: () => Promise<T>,
    changed: (result: T) => boolean = () => true,
  ): Promise<T> {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      await invalidate(sites);
      throw error;
    }
    if (changed(result)) await invalidate(sites);
    return result;
  }

  async function runQuery(site: SiteId, query: Parameters<Store['runQuery']>[1]): Promise<QueryResult> {
    const key = queryCacheKey(query, now());
    let generation: string;
    try {
      const found = await cache.get(site, key);
      if (found.value !== null) {
        metrics.lookup('hit');
        return JSON.parse(found.value) as QueryResult;
      }
      generation = found.generation;
    } catch (error) {
      metrics.lookup('bypass');
      warnOnce('query cache unavailable; answering from the store', error);
      return store.runQuery(site, query);
    }
    const flight = `${site}\u0000${generation}\u0000${key}`;
    const running = inFlight.get(flight);
    if (running) {
      metrics.lookup('coalesced');
      return JSON.parse(await running) as QueryResult;
    }
    metrics.lookup('miss');
    const computing = (async () => {
      const value = JSON.stringify(await store.runQuery(site, query));
      await cache.set(site, generation, key, value).catch((error: unknown) => {
        warnOnce('query cache could not store a result', error);
      });
      return value;
    })();
    inFlight.set(flight, computing);
    try {
      return JSON.parse(await computing) as QueryResult;
    } finally {
      inFlight.delete(flight);
    }
  }

  const wrapped: Pick<Store, Wrapped> = {
    runQuery,
    upsertMessages: (site, messages) =>
      write(
        [site],
        () => store.upsertMessages(site, messages),
        (r) => r.inserted + r.updated > 0,
      ),
    saveModelLabels: (labels) =>
      write(
        [...new Set(labels.map((l) => l.site))],
        () => store.saveModelLabels(labels),
        (written) => written > 0,
      ),
    markForReclassification: (site) =>
      write(
        site === undefined ? 'all' : [site],
        () => store.markForReclassification(site),
        (marked) => marked > 0,
      ),
    async claimInbox(limit, leaseSeconds) {
      const claim = await store.claimInbox(limit, leaseSeconds);
      if (claim.items.length > 0) {
        claimedSites.set(claim.token, [...new Set(claim.items.map((item) => item.site))]);
        if (claimedSites.size > MAX_TRACKED_CLAIMS) {
          claimedSites.delete(claimedSites.keys().next().value as string);
        }
      }
      return claim;
    },
    completeInbox(token, results) {
      const sites = claimedSites.get(token) ?? 'all';
      claimedSites.delete(token);
      return write(
        sites,
        () => store.completeInbox(token, results),
        (r) => r.written > 0,
      );
    },
  };
  return { ...store, ...wrapped };
}
