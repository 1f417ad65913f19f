import type { SiteId, Store, UpsertResult } from '../store/Store.ts';
import type { DemoMessage } from './generate.ts';

export interface SeedOptions {
  batchSize?: number;
  /** Called after each committed batch with the number of messages written so far. */
  onProgress?: (written: number) => void;
}

/**
 * Writes demo messages in batches, one transaction each (upsert by id), so an
 * interrupted seed leaves whole batches only and a re-run completes it.
 */
export async function seedStore(
  store: Store,
  site: SiteId,
  messages: readonly DemoMessage[],
  options: SeedOptions = {},
): Promise<UpsertResult> {
  const batchSize = options.batchSize ?? 2000;
  const total: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < messages.length; i += batchSize) {
    const result = await store.upsertMessages(site, messages.slice(i, i + batchSize));
    total.inserted += result.inserted;
    total.updated += result.updated;
    total.unchanged += result.unchanged;
    options.onProgress?.(Math.min(i + batchSize, messages.length));
  }
  return total;
}
