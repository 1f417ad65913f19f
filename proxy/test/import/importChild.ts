/**
 * Runs one CSV import in its own process and SIGKILLs itself while the batch
 * after `killAfterBatches` committed ones is being written:
 * `tsx importChild.ts <dataDir> <file.csv> <batchSize> <killAfterBatches>`.
 * The kill comes from inside so it lands at the same point however loaded
 * the machine is; it is still a real SIGKILL, with no chance to clean up.
 */
import { createReadStream } from 'node:fs';
import { importCsv, type MessageSink } from '../../src/import/importCsv.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';

const [dataDir, file, batchSize, killAfterBatches] = process.argv.slice(2);
if (!dataDir || !file || !batchSize || !killAfterBatches) {
  throw new Error('usage: importChild.ts <dataDir> <file.csv> <batchSize> <killAfterBatches>');
}
const store = await openPGliteStore(dataDir);
let batches = 0;
const sink: MessageSink = {
  upsertMessages(site, messages) {
    if (batches++ === Number(killAfterBatches)) setImmediate(() => process.kill(process.pid, 'SIGKILL'));
    return store.upsertMessages(site, messages);
  },
};
await importCsv(createReadStream(file), sink, 'default', { batchSize: Number(batchSize) });
await store.close();
