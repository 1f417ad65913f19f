import type { SiteId } from '../store/Store.ts';
import type { CacheLimits, CacheLookup, ResultCache } from './resultCache.ts';

interface Entry {
  site: SiteId;
  value: string;
  bytes: number;
  expiresAt: number;
}

/**
 * This process's cache: a least-recently-used map bounded by entries and bytes. A write drops the site's
 * entries at once (memory goes back immediately) and bumps its generation, so a result still being computed
 * from before the write is not stored.
 */
export function createMemoryCache(limits: CacheLimits, clock: () => number = Date.now): ResultCache {
  // Map order is the recency order: a hit moves its entry to the end, eviction takes from the front.
  const entries = new Map<string, Entry>();
  const keysBySite = new Map<SiteId, Set<string>>();
  const generations = new Map<SiteId, number>();
  let epoch = 0;
  let bytes = 0;

  const generationOf = (site: SiteId) => `${epoch}.${generations.get(site) ?? 0}`;
  // Sites may contain any character; a NUL cannot appear in a JSON query key, so the pair stays unambiguous.
  const entryKey = (site: SiteId, key: string) => `${site}\u0000${key}`;

  function remove(id: string): void {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    bytes -= entry.bytes;
    const siteKeys = keysBySite.get(entry.site);
    siteKeys?.delete(id);
    if (siteKeys?.size === 0) keysBySite.delete(entry.site);
  }

  return {
    kind: 'memory',
    async get(site, key): Promise<CacheLookup> {
      const id = entryKey(site, key);
      const entry = entries.get(id);
      if (entry && entry.expiresAt <= clock()) remove(id);
      else if (entry) {
        entries.delete(id);
        entries.set(id, entry);
        return { generation: generationOf(site), value: entry.value };
      }
      return { generation: generationOf(site), value: null };
    },
    async set(site, generation, key, value) {
      if (generation !== generationOf(site)) return;
      // Characters, not UTF-8 bytes: results are mostly ASCII, and V8 keeps such strings one byte a character.
      const size = value.length + key.length + site.length;
      if (size > limits.maxBytes) return;
      const id = entryKey(site, key);
      remove(id);
      entries.set(id, { site, value, bytes: size, expiresAt: clock() + limits.ttlSeconds * 1000 });
      bytes += size;
      let siteKeys = keysBySite.get(site);
      if (!siteKeys) {
        siteKeys = new Set();
        keysBySite.set(site, siteKeys);
      }
      siteKeys.add(id);
      while (entries.size > limits.maxEntries || bytes > limits.maxBytes) {
        const oldest = entries.keys().next().value as string;
        remove(oldest);
      }
    },
    async invalidate(sites) {
      if (sites === 'all') {
        epoch++;
        entries.clear();
        keysBySite.clear();
        bytes = 0;
        return;
      }
      for (const site of sites) {
        generations.set(site, (generations.get(site) ?? 0) + 1);
        for (const id of keysBySite.get(site) ?? []) remove(id);
      }
    },
    size: () => ({ entries: entries.size, bytes }),
    async close() {
      entries.clear();
      keysBySite.clear();
      bytes = 0;
    },
  };
}
