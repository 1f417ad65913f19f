import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeLabelledCsv } from '../../src/demo/csv.ts';
import { generateDemoMessages } from '../../src/demo/generate.ts';
import { seedStore } from '../../src/demo/seed.ts';
import { importCsv } from '../../src/import/importCsv.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { Store } from '../../src/store/Store.ts';

const NOW = new Date('2026-11-25T12:00:00Z');
let store: Store;

beforeAll(async () => {
  store = await openPGliteStore(null);
});
afterAll(async () => {
  await store.close();
});

async function allMessages(site: string) {
  const rows = [];
  for await (const page of store.exportMessages(site, {}, 500)) rows.push(...page);
  return rows;
}

it('the labelled CSV imports back unchanged: same ids, texts and labels, kept as human labels', async () => {
  const { messages } = generateDemoMessages({ count: 300, days: 10, seed: 3, now: NOW });
  const csv = new PassThrough();
  const written = writeLabelledCsv(messages, csv);
  const summary = await importCsv(csv, store, 'round-trip', { batchSize: 128 });
  await written;
  expect(summary).toMatchObject({ rows: messages.length, imported: messages.length, error_count: 0 });

  const stored = new Map((await allMessages('round-trip')).map((m) => [m.id, m]));
  expect(stored.size).toBe(messages.length);
  for (const m of messages) {
    const back = stored.get(m.id);
    expect(back, m.id).toMatchObject({ text: m.text, sentiment: m.sentiment, labelled_by: 'human' });
    expect([...(back?.topics ?? [])].sort()).toEqual([...m.topics].sort());
    expect(Date.parse(back?.created_at ?? '')).toBe(Date.parse(m.created_at));
  }
});

it('seeds the store in batches and a second seed changes nothing', async () => {
  const { messages } = generateDemoMessages({ count: 200, days: 10, seed: 4, now: NOW });
  const progress: number[] = [];
  const first = await seedStore(store, 'seeded', messages, {
    batchSize: 150,
    onProgress: (n) => progress.push(n),
  });
  expect(first).toEqual({ inserted: messages.length, updated: 0, unchanged: 0 });
  expect(progress.at(-1)).toBe(messages.length);
  expect(progress).toHaveLength(Math.ceil(messages.length / 150));
  const again = await seedStore(store, 'seeded', messages);
  expect(again).toEqual({ inserted: 0, updated: 0, unchanged: messages.length });
  expect(await store.countMessages('seeded')).toBe(messages.length);
});
