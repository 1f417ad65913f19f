import { fileURLToPath } from 'node:url';
import type { StoredMessage } from '@sa/shared';
import { Classifier } from '@sa/shared/classifier';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveSignals, type LiveSignals } from '../../src/events/liveSignals.ts';
import { createApp } from '../../src/http/app.ts';
import type { AppEnv } from '../../src/http/env.ts';
import { eventRoutes } from '../../src/http/routes/events.ts';
import { listen, type RunningServer } from '../../src/http/server.ts';
import { InboxWorker } from '../../src/ingest/inboxWorker.ts';
import { type Harness, json, openHarness } from '../http/harness.ts';
import { TELEGRAM_DATE, TELEGRAM_SECRET, telegramUpdate } from '../ingest/fixtures.ts';
import { connectSse, type SseFrame } from './sseClient.ts';

const MODEL = fileURLToPath(new URL('../../../models/default', import.meta.url));

let h: Harness;
let classifier: Classifier;
let signals: LiveSignals;
let worker: InboxWorker;
let server: RunningServer;
let nextMessage = 1;

/** Posts `count` Telegram messages through the receiver, each a minute newer; returns their ids in order. */
async function post(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = nextMessage++;
    const update = telegramUpdate(n, 'message', {
      chatId: 77,
      messageId: n,
      date: TELEGRAM_DATE + n * 60,
      text: `message ${n}: my deposit has not arrived`,
    });
    const response = await fetch(
      `${server.url}/v1/ingest/telegram`,
      json(update, { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET }),
    );
    expect(response.status).toBe(200);
    ids.push(`telegram:77:${n}`);
  }
  return ids;
}

const idsOf = (frames: SseFrame[]) => frames.map((f) => (JSON.parse(f.data as string) as StoredMessage).id);
const seqsOf = (frames: SseFrame[]) => frames.map((f) => Number(f.id));

beforeAll(async () => {
  h = await openHarness();
  classifier = await Classifier.load({ model: MODEL });
  signals = createLiveSignals();
  worker = new InboxWorker({ store: h.store, classifier, signals, batchSize: 8 });
  const config = h.config({ TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET });
  server = await listen(createApp({ store: h.store, config, log: h.log, signals }), '127.0.0.1', 0);
  worker.start();
}, 60_000);
afterAll(async () => {
  await server?.close();
  await worker?.stop();
  await classifier?.dispose();
  await h?.cleanup();
});

describe('GET /v1/events', () => {
  it('streams messages ingested after a client connected, labelled and in order', async () => {
    const client = await connectSse(`${server.url}/v1/events`);
    try {
      expect(client.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const ids = await post(30);
      const frames = await client.next(30);
      expect(idsOf(frames)).toEqual(ids);
      expect(frames.every((f) => f.event === 'message.created')).toBe(true);
      const seqs = seqsOf(frames);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(30);
      const first = JSON.parse(frames[0]?.data as string) as StoredMessage;
      expect(first.labelled_by).toBe('model');
      expect(first.sentiment).not.toBeNull();
    } finally {
      client.close();
    }
  });

  it('resumes after Last-Event-ID without missing or repeating an event', async () => {
    const first = await connectSse(`${server.url}/v1/events`);
    const ids = await post(20);
    const seen = await first.next(8);
    first.close();
    const moreIds = await post(10);
    const lastSeen = seen.at(-1)?.id as string;
    const resumed = await connectSse(`${server.url}/v1/events`, { 'last-event-id': lastSeen });
    try {
      const rest = await resumed.next(22);
      expect([...idsOf(seen), ...idsOf(rest)]).toEqual([...ids, ...moreIds]);
      expect(seqsOf(rest)[0]).toBeGreaterThan(Number(lastSeen));
    } finally {
      resumed.close();
    }
    // The same through ?last_event_id= for clients that cannot set headers.
    const byQuery = await connectSse(`${server.url}/v1/events?last_event_id=${lastSeen}`);
    try {
      expect(idsOf(await byQuery.next(22))).toEqual([...ids.slice(8), ...moreIds]);
    } finally {
      byQuery.close();
    }
  });

  it('sends an edit as message.updated with the new text', async () => {
    const client = await connectSse(`${server.url}/v1/events`);
    try {
      const edit = telegramUpdate(9999, 'edited_message', {
        chatId: 77,
        messageId: 1,
        date: TELEGRAM_DATE + 60,
        editDate: TELEGRAM_DATE + 3600,
        text: 'message 1, edited: deposit arrived, thanks',
      });
      await fetch(
        `${server.url}/v1/ingest/telegram`,
        json(edit, { 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET }),
      );
      const [frame] = await client.next(1);
      expect(frame?.event).toBe('message.updated');
      expect(JSON.parse(frame?.data as string)).toMatchObject({ id: 'telegram:77:1', text: /edited/ });
    } finally {
      client.close();
    }
  });

  it('refuses a Last-Event-ID that is not an event id', async () => {
    const response = await fetch(`${server.url}/v1/events`, { headers: { 'last-event-id': 'abc' } });
    expect(response.status).toBe(400);
  });

  it('sends heartbeats while idle', async () => {
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set('site', 'quiet');
        await next();
      })
      .route('/', eventRoutes({ store: h.store, signals, heartbeatMs: 50 }));
    const quiet = await listen(app, '127.0.0.1', 0);
    const client = await connectSse(`${quiet.url}/v1/events`);
    try {
      // Waits for the heartbeats themselves (however slow a loaded machine makes them), not a fixed delay.
      await client.untilComments('heartbeat', 3);
      expect(client.comments.filter((c) => c === 'heartbeat')).toHaveLength(3);
      expect(client.pending).toBe(0);
    } finally {
      client.close();
      await quiet.close();
    }
  });
});
