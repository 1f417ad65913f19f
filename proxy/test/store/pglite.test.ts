import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/openStore.ts';
import { NOW, unlabelled } from './fixtures.ts';
import { describeStoreContract } from './storeContract.ts';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sa-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describeStoreContract('PGlite', async () => {
  const store = await openStore(await tempDir(), { now: () => NOW });
  return { store, close: () => store.close() };
});

describe('PGlite store directory', () => {
  it('keeps messages, rollups and conversations across a reopen', async () => {
    const dir = await tempDir();
    const first = await openStore({ kind: 'pglite', dataDir: dir });
    await first.upsertMessages('keep', [
      { ...unlabelled('k1', '2026-11-01T10:00:00Z'), topics: ['deposit'], sentiment: 'neutral' },
    ]);
    await first.saveConversation({
      id: 'c',
      site: 'keep',
      turns: [],
      summary: 's',
      updated_at: '2026-11-01T10:00:00.000Z',
    });
    await first.close();

    const second = await openStore(dir);
    expect(await second.countMessages('keep')).toBe(1);
    expect(
      await second.runQuery('keep', {
        metric: 'breakdown',
        group_by: 'topic',
        filters: { from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' },
      }),
    ).toMatchObject({ rows: [{ key: 'deposit', count: 1 }] });
    expect(await second.loadConversation('keep', 'c')).toMatchObject({ summary: 's' });
    await second.close();
  });
});
