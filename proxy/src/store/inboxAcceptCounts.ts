import { z } from 'zod';
import type { InboxAcceptResult, InboxDelivery } from './Store.ts';

/** What sa_inbox_accept_batch returns: the [site, id, revision] of every row it inserted. */
export const InsertedInboxKeys = z.array(z.tuple([z.string(), z.string(), z.coerce.number()]));

const keyOf = (site: string, id: string, revision: number) => `${site}\u0000${id}\u0000${revision}`;

/**
 * Each delivery's accepted items and duplicates, given the keys the batch inserted. The batch inserts items in
 * delivery order and stores the first mention of a key, so a key counts as accepted once, for its first
 * mention; every other mention, and every item already in the inbox, is a duplicate.
 */
export function countAccepted(
  deliveries: InboxDelivery[],
  inserted: z.infer<typeof InsertedInboxKeys>,
): InboxAcceptResult[] {
  const fresh = new Set(inserted.map(([site, id, revision]) => keyOf(site, id, revision)));
  return deliveries.map(({ site, items }) => {
    let accepted = 0;
    for (const item of items) {
      if (fresh.delete(keyOf(site, item.id, item.revision))) accepted++;
    }
    return { accepted, duplicates: items.length - accepted };
  });
}
