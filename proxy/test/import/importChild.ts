/**
 * Runs one CSV import in its own process so a test can SIGKILL it mid-way:
 * `tsx importChild.ts <dataDir> <file.csv> <batchSize>`. Prints one JSON line
 * per committed batch, then the summary. The file is read in small, slowed
 * chunks so the kill lands while rows are still being written.
 */
import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { importCsv } from '../../src/import/importCsv.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';

const [dataDir, file, batchSize] = process.argv.slice(2);
if (!dataDir || !file || !batchSize)
  throw new Error('usage: importChild.ts <dataDir> <file.csv> <batchSize>');
const store = await openPGliteStore(dataDir);
async function* slowly(path: string) {
  for await (const chunk of createReadStream(path, { highWaterMark: 2048 })) {
    await sleep(25);
    yield chunk as Buffer;
  }
}
const summary = await importCsv(slowly(file), store, 'default', {
  batchSize: Number(batchSize),
  onProgress: (p) => process.stdout.write(`${JSON.stringify({ committed: p.imported })}\n`),
});
process.stdout.write(`${JSON.stringify({ summary })}\n`);
await store.close();
