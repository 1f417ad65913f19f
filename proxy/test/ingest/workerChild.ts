/**
 * Runs the inbox worker in its own process so a test can SIGKILL it mid-batch:
 * `tsx workerChild.ts <dataDir|postgres-url> <modelDir> <mode: run|drain>`.
 * Prints one JSON line per claim (`{"claimed":[seq…]}`) and per finished round. Each classification is held
 * back by 150 ms so a kill after a claim line lands between claim and completion. `drain` exits once the
 * inbox has nothing pending (waiting out the leases of killed workers).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Classifier } from '@sa/shared/classifier';
import { InboxWorker } from '../../src/ingest/inboxWorker.ts';
import { openStore } from '../../src/store/openStore.ts';

const [db, modelDir, mode] = process.argv.slice(2);
if (!db || !modelDir || (mode !== 'run' && mode !== 'drain')) {
  throw new Error('usage: workerChild.ts <dataDir|postgres-url> <modelDir> <run|drain>');
}
const store = await openStore(db);
const model = await Classifier.load({ model: modelDir });
const slowed = {
  async classify(texts: readonly string[]) {
    await sleep(150);
    return model.classify(texts);
  },
};
const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const worker = new InboxWorker({
  store,
  classifier: slowed,
  batchSize: 16,
  maxBatchSize: 16,
  leaseSeconds: 1,
  onClaimed: (items) => out({ claimed: items.map((i) => i.seq) }),
  onCompleted: (round) => out({ round }),
});
out({ ready: true });
for (;;) {
  const round = await worker.runOnce();
  if (round.claimed > 0) continue;
  if (mode === 'drain' && (await store.inboxStats()).pending === 0) break;
  await sleep(100);
}
await model.dispose();
await store.close();
out({ done: true });
