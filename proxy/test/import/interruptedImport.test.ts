import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

/** Runs the import in a child process that SIGKILLs itself during batch `KILL_AFTER / BATCH + 1`. */
function importUntilKilled(dataDir: string, file: string): Promise<{ signal: NodeJS.Signals | null }> {
  // node with tsx as a loader (not the tsx wrapper), so the signal seen here is the importer's own.
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./importChild.ts', import.meta.url)),
      dataDir,
      file,
      String(BATCH),
      String(KILL_AFTER / BATCH),
    ],
    { cwd: proxyRoot, stdio: ['ignore', 'inherit', 'inherit'] },
  );
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
    // Whole batches only: the one being written when the process died is either all there or absent.
    expect([KILL_AFTER, KILL_AFTER + BATCH]).toContain(committed);

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
