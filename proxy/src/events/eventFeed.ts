import type { LiveEvent, SiteId, Store } from '../store/Store.ts';
import { type LiveSignals, waitForSignal } from './liveSignals.ts';

export interface EventFeedOptions {
  store: Pick<Store, 'eventsAfter'>;
  signals: LiveSignals;
  site: SiteId;
  /** Events after this id are delivered, in id order. */
  after: number;
  /** How often to look for events other proxies appended, when no in-process signal came. */
  pollMs?: number;
  pageSize?: number;
  abort: AbortSignal;
}

/**
 * A site's live events in id order from `after` on, without end: pages through what is stored, then waits
 * for a signal or the poll interval. Ids only grow and become visible in order (sa_inbox_complete appends
 * under a lock), so resuming after the last id seen misses nothing and repeats nothing.
 */
export async function* followEventFeed(options: EventFeedOptions): AsyncGenerator<LiveEvent[]> {
  const { store, signals, site, abort } = options;
  const pollMs = options.pollMs ?? 1000;
  const pageSize = options.pageSize ?? 500;
  let after = options.after;
  while (!abort.aborted) {
    // Subscribed before reading, so a signal that fires while the read is in flight is not missed.
    let signalled = false;
    const unsubscribe = signals.onAppended(() => {
      signalled = true;
    });
    const events = await store.eventsAfter(site, after, pageSize);
    if (events.length > 0) {
      unsubscribe();
      after = (events.at(-1) as LiveEvent).seq;
      yield events;
      continue;
    }
    if (signalled) {
      unsubscribe();
      continue;
    }
    await waitForSignal(
      (listener) => {
        unsubscribe();
        return signals.onAppended(listener);
      },
      pollMs,
      abort,
    );
  }
}
