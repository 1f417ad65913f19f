import type { SiteId } from '../store/Store.ts';

/** What a lookup found: the site's current generation, and the value cached for the key in it, if any. */
export interface CacheLookup {
  generation: string;
  value: string | null;
}

/**
 * Serialized analytics results per (site, query key), in generations: every write to a site's messages moves
 * the site to a new generation, and values are only ever read from, and stored into, the current one. A reader
 * takes the generation before it queries the database and a writer moves it after its commit, so a result
 * computed before a write can at worst be stored under a generation nobody reads any more.
 */
export interface ResultCache {
  readonly kind: 'memory' | 'redis';
  get(site: SiteId, key: string): Promise<CacheLookup>;
  /** Keeps `value` only while the site is still at `generation`. */
  set(site: SiteId, generation: string, key: string, value: string): Promise<void>;
  /** Moves the sites (or every site) to a new generation; entries of older ones are never served again. */
  invalidate(sites: readonly SiteId[] | 'all'): Promise<void>;
  /** Entries and bytes held, where this process holds them (the memory cache). */
  size?(): { entries: number; bytes: number };
  close(): Promise<void>;
}

export interface CacheLimits {
  /** Most entries held; the least recently used go first. */
  maxEntries: number;
  /** Most bytes of serialized results held (a larger single result is not cached). */
  maxBytes: number;
  /** Seconds an entry lives at most: the bound on staleness for writes that bypass this proxy. */
  ttlSeconds: number;
}
