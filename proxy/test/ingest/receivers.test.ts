import { fileURLToPath } from 'node:url';
import { Classifier } from '@sa/shared/classifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveSignals } from '../../src/events/liveSignals.ts';
import { createApp } from '../../src/http/app.ts';
import { InboxWorker } from '../../src/ingest/inboxWorker.ts';
import { errorOf, type Harness, json, openHarness } from '../http/harness.ts';
import {
  AGENT_ID,
  LIVECHAT_SECRET,
  livechatEventUpdated,
  livechatIncomingChat,
  livechatIncomingEvent,
  TELEGRAM_DATE,
  TELEGRAM_SECRET,
  telegramUpdate,
} from './fixtures.ts';

const MODEL = fileURLToPath(new URL('../../../models/default', import.meta.url));
const ENV = { LIVECHAT_WEBHOOK_SECRET: LIVECHAT_SECRET, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET };

let h: Harness;
let classifier: Classifier;
let app: ReturnType<typeof createApp>;
let worker: InboxWorker;

const tg = (body: unknown, secret = TELEGRAM_SECRET) =>
  app.request('/v1/ingest/telegram', json(body, { 'x-telegram-bot-api-secret-token': secret }));
const lc = (body: unknown, query = '') => app.request(`/v1/ingest/livechat${query}`, json(body));

async function stored(id: string) {
  const page = await h.store.listMessages('default', { filters: {}, limit: 1000 });
  return page.messages.filter((m) => m.id === id);
}

beforeAll(async () => {
  h = await openHarness();
  classifier = await Classifier.load({ model: MODEL });
  app = createApp({ store: h.store, config: h.config(ENV), log: h.log, signals: createLiveSignals() });
  worker = new InboxWorker({ store: h.store, classifier, maxAttempts: 2, backoffMs: 1 });
}, 60_000);
afterAll(async () => {
  await classifier?.dispose();
  await h?.cleanup();
});

describe('webhook receivers', () => {
  it('accept a LiveChat message into the inbox; the worker stores it labelled', async () => {
    const response = await lc(
      livechatIncomingEvent('CH1', { id: 'E1', text: 'my withdrawal is still pending' }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, accepted: 1, duplicates: 0, ignored: false });
    expect(await stored('livechat:CH1:E1')).toEqual([]);
    expect(await worker.drain()).toBe(1);
    const [message] = await stored('livechat:CH1:E1');
    expect(message).toMatchObject({ source: 'livechat', conversation_id: 'CH1', labelled_by: 'model' });
    expect(message?.sentiment).not.toBeNull();
    expect(message?.topics.length).toBeGreaterThan(0);
  });

  it('store an incoming_chat thread and a Telegram caption with the right roles', async () => {
    await lc(
      livechatIncomingChat('CH2', [
        { id: 'A', text: 'I cannot log in to my account' },
        { id: 'B', text: 'Please try resetting your password', author_id: AGENT_ID },
      ]),
    );
    await tg(telegramUpdate(100, 'message', { chatId: 9, messageId: 1, caption: 'the game froze here' }));
    expect(await worker.drain()).toBe(3);
    expect((await stored('livechat:CH2:B'))[0]?.author_role).toBe('agent');
    expect((await stored('telegram:9:1'))[0]).toMatchObject({
      text: 'the game froze here',
      labelled_by: 'model',
    });
  });

  it('acknowledge a redelivery without a second row or event', async () => {
    const body = telegramUpdate(101, 'message', { chatId: 9, messageId: 2, text: 'where is my bonus' });
    expect(await (await tg(body)).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await (await tg(body)).json()).toMatchObject({ accepted: 0, duplicates: 1 });
    const before = (await h.store.lastEventId('default')) ?? 0;
    await worker.drain();
    expect(await stored('telegram:9:2')).toHaveLength(1);
    expect(await h.store.eventsAfter('default', before, 100)).toHaveLength(1);
  });

  it('update the text on an edit and relabel it; a late original never overwrites the edit', async () => {
    const original = telegramUpdate(102, 'message', {
      chatId: 9,
      messageId: 3,
      text: 'thanks, all good now',
    });
    const edit = telegramUpdate(103, 'edited_message', {
      chatId: 9,
      messageId: 3,
      text: 'this is a scam, my withdrawal was rejected again and I am furious',
      editDate: TELEGRAM_DATE + 60,
    });
    await tg(original);
    await worker.drain();
    const first = (await stored('telegram:9:3'))[0];
    await tg(edit);
    await worker.drain();
    const edited = (await stored('telegram:9:3'))[0];
    expect(edited?.text).toMatch(/scam/);
    expect(edited?.labelled_by).toBe('model');
    expect([edited?.topics, edited?.sentiment]).not.toEqual([first?.topics, first?.sentiment]);

    // Out of order: the edit of message 4 arrives before the original.
    await tg(
      telegramUpdate(104, 'edited_message', {
        chatId: 9,
        messageId: 4,
        text: 'edited text',
        editDate: TELEGRAM_DATE + 5,
      }),
    );
    await tg(telegramUpdate(105, 'message', { chatId: 9, messageId: 4, text: 'original text' }));
    await worker.drain();
    expect((await stored('telegram:9:4')).map((m) => m.text)).toEqual(['edited text']);
  });

  it('update a LiveChat message on event_updated and relabel it; a redelivered original never overwrites it', async () => {
    const original = livechatIncomingEvent('CH9', { id: 'E1', text: 'thanks, all sorted now' });
    await lc(original);
    await worker.drain();
    const first = (await stored('livechat:CH9:E1'))[0];
    const before = (await h.store.lastEventId('default')) ?? 0;
    const edit = livechatEventUpdated('CH9', {
      id: 'E1',
      text: 'this is a scam, my withdrawal was rejected again and I am furious',
    });
    expect(await (await lc(edit)).json()).toMatchObject({ accepted: 1, ignored: false });
    await worker.drain();
    const edited = await stored('livechat:CH9:E1');
    expect(edited).toHaveLength(1);
    expect(edited[0]?.text).toMatch(/scam/);
    expect([edited[0]?.topics, edited[0]?.sentiment]).not.toEqual([first?.topics, first?.sentiment]);
    const events = await h.store.eventsAfter('default', before, 10);
    expect(events.map((e) => [e.kind, e.message.id])).toEqual([['message.updated', 'livechat:CH9:E1']]);

    // LiveChat retries the original (revision 0) after the edit: acknowledged, the edit stays.
    expect(await (await lc(original)).json()).toMatchObject({ accepted: 0, duplicates: 1 });
    await worker.drain();
    expect((await stored('livechat:CH9:E1')).map((m) => m.text)).toEqual([edited[0]?.text]);
  });

  it('acknowledge unknown events and messages without text, storing nothing', async () => {
    const unknownLc = {
      ...livechatIncomingEvent('CH3', { id: 'E1', text: 'x' }),
      action: 'chat_deactivated',
    };
    expect(await (await lc(unknownLc)).json()).toEqual({
      ok: true,
      accepted: 0,
      duplicates: 0,
      ignored: true,
    });
    const callback = { update_id: 106, callback_query: { id: '4382bfdwdsb323b2d9', data: 'ok' } };
    expect((await tg(callback)).status).toBe(200);
    expect((await tg(telegramUpdate(107, 'message', { messageId: 5 }))).status).toBe(200);
    expect((await h.store.inboxStats()).pending).toBe(0);
  });

  it('refuse bad secrets with 403, malformed bodies with 400 and a reason, huge bodies with 413', async () => {
    const wrong = await lc(livechatIncomingEvent('CH4', { id: 'E1', text: 'hi' }, { secret: 'guess' }));
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).message).toMatch(/secret_key/);
    expect((await tg(telegramUpdate(108, 'message', { messageId: 6, text: 'hi' }), 'nope')).status).toBe(403);
    const missing = await app.request(
      '/v1/ingest/telegram',
      json(telegramUpdate(109, 'message', { messageId: 6, text: 'x' })),
    );
    expect(missing.status).toBe(403);

    const notJson = await app.request('/v1/ingest/telegram', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
      body: '{"update_id": 1, "message": ',
    });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).message).toMatch(/not valid JSON/);
    const noUpdateId = await tg({ message: { message_id: 1 } });
    expect(noUpdateId.status).toBe(400);
    expect(await errorOf(noUpdateId)).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/update_id/),
    });
    const badLivechat = await lc({
      ...livechatIncomingEvent('CH4', { id: 'E1', text: 'x' }),
      payload: { chat_id: 'CH4' },
    });
    expect(badLivechat.status).toBe(400);
    expect((await errorOf(badLivechat)).details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'payload.thread_id' })]),
    );

    const huge = telegramUpdate(110, 'message', { messageId: 7, text: 'x'.repeat(2 * 1024 * 1024) });
    expect((await tg(huge)).status).toBe(413);
    expect((await h.store.inboxStats()).pending).toBe(0);
  });

  it('refuse a site the proxy does not serve, and answer 503 while a secret is not configured', async () => {
    expect((await lc(livechatIncomingEvent('CH5', { id: 'E1', text: 'hi' }), '?site=other')).status).toBe(
      400,
    );
    const unconfigured = createApp({ store: h.store, config: h.config(), log: h.log });
    const response = await unconfigured.request(
      '/v1/ingest/telegram',
      json(telegramUpdate(111, 'message', { messageId: 8, text: 'hi' }), {
        'x-telegram-bot-api-secret-token': TELEGRAM_SECRET,
      }),
    );
    expect(response.status).toBe(503);
    expect((await errorOf(response)).message).toMatch(/TELEGRAM_WEBHOOK_SECRET is not set/);
  });

  it('take webhooks for a keyed site without a site key, by ?site=', async () => {
    const keyed = createApp({
      store: h.store,
      config: h.config({ ...ENV, SITE_KEYS: 'k-0123456789abcdef:brand_a:admin' }),
      log: h.log,
    });
    const response = await keyed.request(
      '/v1/ingest/livechat?site=brand_a',
      json(livechatIncomingEvent('CH6', { id: 'E1', text: 'is my deposit lost?' })),
    );
    expect(response.status).toBe(200);
    await worker.drain();
    expect((await h.store.listMessages('brand_a', { filters: {}, limit: 10 })).messages).toHaveLength(1);
  });

  it('dead-letter a message the store cannot take, with the reason, and go on with the rest', async () => {
    await lc(
      livechatIncomingChat('CH7', [
        { id: 'long', text: 'y'.repeat(9000) },
        { id: 'fine', text: 'bonus not credited' },
      ]),
    );
    await worker.drain();
    expect(await stored('livechat:CH7:fine')).toHaveLength(1);
    expect(await stored('livechat:CH7:long')).toHaveLength(0);
    const [dead] = await h.store.deadLetters('default', 10);
    expect(dead).toMatchObject({ id: 'livechat:CH7:long', attempts: 1 });
    expect(dead?.error).toMatch(/text is longer than 8000/);
    const stats = await h.store.inboxStats();
    expect(stats).toMatchObject({ pending: 0, dead: 1, lag_ms: 0 });
  });

  it('report inbox depth and lag on /healthz', async () => {
    await tg(telegramUpdate(112, 'message', { chatId: 9, messageId: 9, text: 'verification takes forever' }));
    const health = (await (await app.request('/healthz')).json()) as { inbox: Record<string, unknown> };
    expect(health.inbox).toMatchObject({ pending: 1, dead: 1 });
    expect(health.inbox.oldest_pending_at).toEqual(expect.any(String));
    await worker.drain();
    expect((await (await app.request('/healthz')).json()) as object).toMatchObject({
      inbox: { pending: 0, lag_ms: 0 },
    });
  });
});
