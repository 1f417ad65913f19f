import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGroupCommit } from '../../src/ingest/groupCommit.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { InboxItem, Store } from '../../src/store/Store.ts';

let store: Store;
beforeAll(async () => {
  store = await openPGliteStore(null);
}, 60_000);
afterAll(async () => {
  await store?.close();
});

const item = (id: string, revision = 0): InboxItem => ({ id, revision, payload: { n: id } });

it('commits concurrent deliveries together and answers each with its own counts', async () => {
  const batches: number[] = [];
  const accept = createGroupCommit({
    acceptInbox: async (deliveries) => {
      batches.push(deliveries.length);
      return store.acceptInbox(deliveries);
    },
  });
  const results = await Promise.all([
    accept({ site: 'a', items: [item('m1'), item('m2')] }),
    ...Array.from({ length: 20 }, (_, i) => accept({ site: 'a', items: [item(`n${i}`)] })),
    // The same revision twice in one batch, and a new revision of m1: one row each.
    accept({ site: 'a', items: [item('m2'), item('m1', 5)] }),
    accept({ site: 'b', items: [item('m1')] }),
  ]);
  // Deliveries that arrive in the same event-loop turn share one transaction.
  expect(batches).toEqual([23]);
  expect(results[0]).toEqual({ accepted: 2, duplicates: 0 });
  expect(results[21]).toEqual({ accepted: 1, duplicates: 1 });
  expect(results[22]).toEqual({ accepted: 1, duplicates: 0 });
  expect((await store.inboxStats()).pending).toBe(2 + 20 + 1 + 1);
  expect(await accept({ site: 'a', items: [item('m1'), item('n3')] })).toEqual({
    accepted: 0,
    duplicates: 2,
  });
});

it('puts deliveries that arrive during a commit into the next one', async () => {
  const batches: number[] = [];
  let release: () => void = () => undefined;
  const accept = createGroupCommit({
    acceptInbox: async (deliveries) => {
      batches.push(deliveries.length);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return store.acceptInbox(deliveries);
    },
  });
  const first = accept({ site: 'd', items: [item('a')] });
  await new Promise((r) => setImmediate(r));
  const later = Array.from({ length: 5 }, (_, i) => accept({ site: 'd', items: [item(`b${i}`)] }));
  release();
  expect(await first).toEqual({ accepted: 1, duplicates: 0 });
  expect(await Promise.all(later)).toEqual(Array(5).fill({ accepted: 1, duplicates: 0 }));
  expect(batches).toEqual([1, 5]);
});

it('fails every delivery of a batch the store refuses, and commits the next batch', async () => {
  let fail = true;
  const accept = createGroupCommit({
    acceptInbox: async (deliveries) => {
      if (fail) throw new Error('database away');
      return store.acceptInbox(deliveries);
    },
  });
  const first = accept({ site: 'c', items: [item('x')] });
  const queued = accept({ site: 'c', items: [item('y')] });
  await expect(first).rejects.toThrow('database away');
  await expect(queued).rejects.toThrow('database away');
  fail = false;
  expect(await accept({ site: 'c', items: [item('x')] })).toEqual({ accepted: 1, duplicates: 0 });
});
