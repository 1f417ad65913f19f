import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness } from '../http/harness.ts';
import {
  LIVECHAT_SECRET,
  livechatIncomingChat,
  livechatIncomingEvent,
  TELEGRAM_SECRET,
  telegramUpdate,
} from '../ingest/fixtures.ts';
import { expectGraceful, FUZZ_RUNS, FUZZ_SEED, jsonBodies, requestInit, statusTally } from './fuzzHarness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

const env = { LIVECHAT_WEBHOOK_SECRET: LIVECHAT_SECRET, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET };

describe('fuzz webhook receivers', () => {
  it(`LiveChat: ${FUZZ_RUNS} generated and mutated deliveries, no 5xx, errors as JSON with a code`, async () => {
    const app = h.app(env);
    const tally = statusTally();
    const seeds = [
      livechatIncomingEvent('FZ1', { id: 'E1', text: 'where is my withdrawal?' }),
      livechatIncomingEvent('FZ2', { id: 'E2', type: 'file' }),
      livechatIncomingChat('FZ3', [
        { id: 'E3', text: 'hi' },
        { id: 'E4', text: 'bonus not credited', author_id: 'anna.agent@casino.example' },
      ]),
    ];
    await fc.assert(
      fc.asyncProperty(jsonBodies(seeds, { valid: 1, mutated: 10 }), async (body) => {
        tally.add(await expectGraceful(await app.request('/v1/ingest/livechat', requestInit('POST', body))));
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(
      tally.count((s) => s === 200),
      JSON.stringify(tally.summary()),
    ).toBeGreaterThan(100);
    expect(tally.count((s) => s >= 400)).toBeGreaterThan(FUZZ_RUNS / 2);
  }, 180_000);

  it(`Telegram: ${FUZZ_RUNS} generated and mutated updates, no 5xx, errors as JSON with a code`, async () => {
    const app = h.app(env);
    const tally = statusTally();
    const seeds = [
      telegramUpdate(1, 'message', { messageId: 10, text: 'deposit failed twice' }),
      telegramUpdate(2, 'edited_message', { messageId: 10, text: 'deposit failed 3x', editDate: 1764064900 }),
      telegramUpdate(3, 'channel_post', { messageId: 11, caption: 'new promo' }),
    ];
    const secret = fc.constantFrom(TELEGRAM_SECRET, TELEGRAM_SECRET, TELEGRAM_SECRET, 'wrong', '');
    await fc.assert(
      fc.asyncProperty(jsonBodies(seeds, { valid: 1, mutated: 10 }), secret, async (body, token) => {
        const headers: Record<string, string> = token ? { 'x-telegram-bot-api-secret-token': token } : {};
        tally.add(
          await expectGraceful(await app.request('/v1/ingest/telegram', requestInit('POST', body, headers))),
        );
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(
      tally.count((s) => s === 200),
      JSON.stringify(tally.summary()),
    ).toBeGreaterThan(100);
    expect(tally.count((s) => s === 403)).toBeGreaterThan(100);
  }, 180_000);
});
