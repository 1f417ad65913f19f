import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createJsonLogger } from '../../src/http/logger.ts';
import { openStore } from '../../src/store/openStore.ts';
import type { Store } from '../../src/store/Store.ts';
import { json } from '../http/harness.ts';
import {
  LIVECHAT_SECRET,
  livechatIncomingEvent,
  TELEGRAM_DATE,
  TELEGRAM_SECRET,
  telegramUpdate,
} from './fixtures.ts';

const proxyRoot = fileURLToPath(new URL('../../', import.meta.url));
const MODEL = fileURLToPath(new URL('../../../models/default', import.meta.url));
const ADMIN_URL = process.env.TEST_DATABASE_URL;
const MESSAGES = 240;
const EDITS = 40;
const KILLS = 3;

const TEXTS = [
  'my withdrawal is pending for three days',
  'deposit did not arrive',
  'cannot log in, password reset does not work',
  'where is my welcome bonus',
  'the slot froze during a free spin',
  'please close my account, I need a break',
];

/** Posts every webhook through the real receivers; returns the ids and the text each must end with. */
async function acceptWebhooks(store: Store): Promise<Map<string, string>> {
  const config = loadConfig(
    {
      LOG_LEVEL: 'silent',
      LIVECHAT_WEBHOOK_SECRET: LIVECHAT_SECRET,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    },
    { cwd: tmpdir() },
  );
  const app = createApp({ store, config, log: createJsonLogger('silent') });
  const expected = new Map<string, string>();
  const post = async (route: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await app.request(route, json(body, headers));
    expect(response.status).toBe(200);
  };
  const tgHeaders = { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET };
  for (let i = 0; i < MESSAGES; i++) {
    const text = `${TEXTS[i % TEXTS.length]} (#${i})`;
    if (i % 2 === 0) {
      await post('/v1/ingest/livechat', livechatIncomingEvent(`K${i % 7}`, { id: `E${i}`, text }));
      expected.set(`livechat:K${i % 7}:E${i}`, text);
    } else {
      await post(
        '/v1/ingest/telegram',
        telegramUpdate(i, 'message', { chatId: 5, messageId: i, text }),
        tgHeaders,
      );
      expected.set(`telegram:5:${i}`, text);
    }
  }
  // Edits of some Telegram messages, and a redelivery of everything in the first tenth.
  for (let e = 0; e < EDITS; e++) {
    const i = 2 * e + 1;
    const text = `edited: ${TEXTS[(i + 3) % TEXTS.length]} (#${i})`;
    await post(
      '/v1/ingest/telegram',
      telegramUpdate(10_000 + i, 'edited_message', {
        chatId: 5,
        messageId: i,
        text,
        editDate: TELEGRAM_DATE + 9,
      }),
      tgHeaders,
    );
    expected.set(`telegram:5:${i}`, text);
  }
  for (let i = 0; i < MESSAGES / 10; i += 2) {
    await post(
      '/v1/ingest/livechat',
      livechatIncomingEvent(`K${i % 7}`, { id: `E${i}`, text: `${TEXTS[i % TEXTS.length]} (#${i})` }),
    );
  }
  return expected;
}

interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Claims the child announced that it never finished: the kill landed mid-batch. */
  unfinished: number;
}

/** The worker in a child process; with `killAfterClaims`, SIGKILLed right after that many claims. */
function runWorker(db: string, mode: 'run' | 'drain', killAfterClaims?: number): Promise<ChildExit> {
  // node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild that a SIGKILL of
  // the CLI would leave running.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./workerChild.ts', import.meta.url)), db, MODEL, mode],
    { cwd: proxyRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let claims = 0;
  let rounds = 0;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as { claimed?: number[]; round?: unknown };
    if (event.round) rounds++;
    if (event.claimed && ++claims === killAfterClaims) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, unfinished: claims - rounds }));
  });
}

/** Every accepted message exactly once, at its newest text, labelled, with one created event and a done inbox. */
async function expectExactlyOnce(store: Store, expected: Map<string, string>) {
  const page = await store.listMessages('default', { filters: {}, limit: 1000 });
  expect(page.messages).toHaveLength(expected.size);
  for (const message of page.messages) {
    expect(message.text).toBe(expected.get(message.id));
    expect(message.labelled_by).toBe('model');
    expect(message.sentiment).not.toBeNull();
  }
  expect(await store.countMessages('default')).toBe(expected.size);
  const events = await store.eventsAfter('default', 0, 1000);
  const created = events.filter((e) => e.kind === 'message.created').map((e) => e.message.id);
  expect(created).toHaveLength(expected.size);
  expect(new Set(created).size).toBe(expected.size);
  expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
  expect(await store.inboxStats()).toMatchObject({ pending: 0, dead: 0 });
}

async function killAndRecover(
  db: string,
  open: () => Promise<Store>,
  options: { exclusive: boolean; finalWorkers: number },
) {
  let store = await open();
  const expected = await acceptWebhooks(store);
  // PGlite: one process owns a data directory, so the test lets go of it while a worker runs.
  if (options.exclusive) await store.close();
  let interruptedMidBatch = 0;
  for (let k = 0; k < KILLS; k++) {
    const { signal, unfinished } = await runWorker(db, 'run', 2 + k);
    expect(signal).toBe('SIGKILL');
    if (unfinished > 0) interruptedMidBatch++;
  }
  expect(interruptedMidBatch).toBeGreaterThan(0);
  const finals = await Promise.all(
    Array.from({ length: options.finalWorkers }, () => runWorker(db, 'drain')),
  );
  expect(finals.map((f) => f.code)).toEqual(finals.map(() => 0));
  if (options.exclusive) store = await open();
  await expectExactlyOnce(store, expected);
  await store.close();
}

describe('inbox worker killed mid-batch', () => {
  it('on PGlite: every accepted event stored exactly once with labels after restarts', {
    timeout: 300_000,
  }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sa-ingest-kill-'));
    try {
      const dataDir = path.join(dir, 'store');
      await killAndRecover(dataDir, () => openStore(dataDir), { exclusive: true, finalWorkers: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!ADMIN_URL)(
    'on PostgreSQL: the same, with two workers sharing the inbox at the end',
    { timeout: 300_000 },
    async () => {
      const name = `sa_test_ingest_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = postgres(ADMIN_URL as string, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const url = new URL(ADMIN_URL as string);
      url.pathname = `/${name}`;
      try {
        await killAndRecover(url.toString(), () => openStore(url.toString()), {
          exclusive: false,
          finalWorkers: 2,
        });
      } finally {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});
