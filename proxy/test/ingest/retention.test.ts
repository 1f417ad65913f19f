import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Classifier } from '@sa/shared/classifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboxWorker } from '../../src/ingest/inboxWorker.ts';
import { parseInboxRetention, startInboxRetention } from '../../src/ingest/retention.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { InboxItem, Store } from '../../src/store/Store.ts';

const MODEL = fileURLToPath(new URL('../../../models/default', import.meta.url));
const proxyRoot = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

let dir: string;
let store: Store;
let classifier: Classifier;

function item(n: number, text = `my withdrawal number ${n} is pending`): InboxItem {
  const message = {
    id: `telegram:5:${n}`,
    source: 'telegram',
    conversation_id: '5',
    author_role: 'customer',
    created_at: '2026-11-25T10:00:00.000Z',
    text,
  };
  return { id: message.id, revision: 0, payload: { message, event: { message_id: n } } };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sa-retention-'));
  store = await openPGliteStore(path.join(dir, 'db'));
  classifier = await Classifier.load({ model: MODEL });
}, 60_000);
afterAll(async () => {
  await store?.close();
  await classifier?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('inbox retention', () => {
  it('prunes done rows and old events, keeps pending rows and dead letters, and a later redelivery stays one message', async () => {
    await store.acceptInbox([{ site: 'default', items: [item(1), item(2), item(3, 'y'.repeat(9000))] }]);
    const worker = new InboxWorker({ store, classifier });
    expect(await worker.drain()).toBe(2);
    await store.acceptInbox([{ site: 'default', items: [item(4)] }]);

    // Nothing is old enough yet under a week's retention.
    expect(await store.pruneInbox(7 * 24 * 3600, 100)).toEqual({ inbox: 0, events: 0 });
    expect(await store.pruneInbox(0, 100)).toEqual({ inbox: 2, events: 2 });
    expect(await store.inboxStats()).toMatchObject({ pending: 1, dead: 1 });
    expect(await store.deadLetters('default', 10)).toHaveLength(1);

    // The platform redelivers message 1 after its row was pruned: accepted again, never a second message or event.
    expect(await store.acceptInbox([{ site: 'default', items: [item(1)] }])).toEqual([
      { accepted: 1, duplicates: 0 },
    ]);
    const before = (await store.lastEventId('default')) ?? 0;
    expect(await worker.drain()).toBe(1); // message 4
    const events = await store.eventsAfter('default', before, 10);
    expect(events.map((e) => e.message.id)).toEqual(['telegram:5:4']);
    expect(await store.countMessages('default')).toBe(3);
  });

  it('runs passes in chunks until the backlog is gone', async () => {
    await store.acceptInbox([{ site: 'default', items: [10, 11, 12, 13, 14].map((n) => item(n)) }]);
    await new InboxWorker({ store, classifier }).drain();
    const pruned = await new Promise<{ inbox: number; events: number }>((resolve, reject) => {
      const retention = startInboxRetention({
        store,
        olderThanSeconds: 0,
        chunk: 2,
        onPruned: (result) => void retention.stop().then(() => resolve(result)),
        onError: reject,
      });
    });
    // Done rows 1, 4 and 10-14 (row 1's redelivery included), and their events.
    expect(pruned.inbox).toBe(7);
    expect(pruned.events).toBe(6);
    expect(await store.pruneInbox(0, 100)).toEqual({ inbox: 0, events: 0 });
  });

  it('reads INBOX_RETENTION_HOURS, refusing what is not a whole number of hours', () => {
    expect(parseInboxRetention({})).toEqual({ seconds: 168 * 3600, issues: [] });
    expect(parseInboxRetention({ INBOX_RETENTION_HOURS: '0' })).toEqual({ seconds: 0, issues: [] });
    expect(parseInboxRetention({ INBOX_RETENTION_HOURS: '1.5' }).issues[0]).toMatch(
      /INBOX_RETENTION_HOURS must be a whole number of hours .* \(got "1.5"\)/,
    );
  });
});

describe('dead letters', () => {
  /** `pnpm sa inbox …` on this test's store, as a child process. */
  async function sa(args: string[]) {
    try {
      const { stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', '--db', path.join(dir, 'db'), 'inbox', ...args],
        { cwd: proxyRoot, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' } },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('are listed and retried from the CLI; a retried row is stored once the cause is gone', {
    timeout: 180_000,
  }, async () => {
    // The model folder was missing for a while: every attempt failed and the row went to the dead letters.
    await store.acceptInbox([{ site: 'default', items: [item(20, 'the bonus never arrived')] }]);
    const broken = new InboxWorker({
      store,
      classifier: async () => {
        throw new Error('model folder models/default has no model.onnx');
      },
      maxAttempts: 1,
    });
    await expect(broken.runOnce()).rejects.toThrow(/model\.onnx/);
    const [dead] = await store.deadLetters('default', 1);
    expect(dead).toMatchObject({ id: 'telegram:5:20', error: expect.stringMatching(/model\.onnx/) });
    const seq = dead?.seq as number;

    // One process owns an embedded store at a time: the CLI opens it while the test's handle is closed.
    await store.close();
    try {
      const listed = await sa(['dead-letters']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`^${seq}\\ttelegram:5:20\\t.*model\\.onnx`, 'm'));
      const asJson = JSON.parse((await sa(['dead-letters', '--json'])).stdout) as { seq: number }[];
      expect(asJson.map((d) => d.seq)).toContain(seq);

      const missing = await sa(['retry', '999999']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/no dead letter with seq 999999/);
      const retried = await sa(['retry', String(seq)]);
      expect(retried.code).toBe(0);
      expect(retried.stdout).toMatch(/queued again/);
    } finally {
      store = await openPGliteStore(path.join(dir, 'db'));
    }
    expect(await store.deadLetters('default', 10)).not.toContainEqual(expect.objectContaining({ seq }));
    expect(await new InboxWorker({ store, classifier }).drain()).toBe(1);
    expect(await store.inboxStats()).toMatchObject({ pending: 0 });
  });
});
