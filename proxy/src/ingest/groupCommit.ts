import type { InboxAcceptResult, InboxDelivery, Store } from '../store/Store.ts';

interface Waiting {
  delivery: InboxDelivery;
  resolve: (result: InboxAcceptResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the receivers: a delivery that arrives while a commit is in flight waits for the next
 * one, which takes every delivery queued by then (up to `maxDeliveries`). A lone delivery commits at once,
 * so this adds no latency when traffic is light, and under load the store sees one transaction per batch
 * instead of one per webhook. Each caller still hears back only once its own rows are committed, and a
 * failed commit fails every delivery in it (all get 503 and are retried by their platform).
 */
export function createGroupCommit(store: Pick<Store, 'acceptInbox'>, maxDeliveries = 500) {
  const queue: Waiting[] = [];
  let committing = false;

  async function flush(): Promise<void> {
    committing = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxDeliveries);
      try {
        const results = await store.acceptInbox(batch.map((w) => w.delivery));
        batch.forEach((w, i) => {
          w.resolve(results[i] as InboxAcceptResult);
        });
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    committing = false;
  }

  return function accept(delivery: InboxDelivery): Promise<InboxAcceptResult> {
    return new Promise((resolve, reject) => {
      queue.push({ delivery, resolve, reject });
      if (!committing) void flush();
    });
  };
}
