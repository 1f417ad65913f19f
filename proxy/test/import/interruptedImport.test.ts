import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeLabelledCsv } from '../../src/demo/csv.ts';
import { generateDemoMessages } from '../../src/demo/generate.ts';
import { importCsv } from '../../src/import/importCsv.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';

const BATCH = 100;
const KILL_AFTER = 3 * BATCH;
const proxyRoot = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sa-import-kill-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the import in a child process and SIGKILLs it once `KILL_AFTER` rows are committed. */
function importUntilKilled(dataDir: string, file: string): Promise<{ signal: NodeJS.Signals | null }> {
  const child = spawn(
    path.join(proxyRoot, 'node_modules/.bin/tsx'),
    [fileURLToPath(new URL('./importChild.ts', import.meta.url)), dataDir, file, String(BATCH)],
    { cwd: proxyRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  createInterface({ input: child.stdout }).on('line', (line) => {
    const progress = JSON.parse(line) as { committed?: number };
    if ((progress.committed ?? 0) >= KILL_AFTER) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal }));
  });
}

it('an import killed mid-way leaves whole batches only, and a re-run completes it with exact counts', {
  timeout: 180_000,
}, async () => {
  const { messages } = generateDemoMessages({
    count: 600,
    days: 30,
    seed: 7,
    now: new Date('2026-11-25T12:00:00Z'),
  });
  const file = path.join(dir, 'messages.csv');
  await writeLabelledCsv(messages, createWriteStream(file));
  const dataDir = path.join(dir, 'store');

  const { signal } = await importUntilKilled(dataDir, file);
  expect(signal).toBe('SIGKILL');

  const store = await openPGliteStore(dataDir);
  try {
    const committed = await store.countMessages('default');
    expect(committed).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(committed).toBeLessThan(messages.length);
    expect(committed % BATCH).toBe(0);

    const summary = await importCsv(createReadStream(file), store, 'default', { batchSize: BATCH });
    expect(summary).toEqual({
      rows: messages.length,
      imported: messages.length - committed,
      updated: 0,
      unchanged: committed,
      errors: [],
      error_count: 0,
    });
    expect(await store.countMessages('default')).toBe(messages.length);
  } finally {
    await store.close();
  }
});
