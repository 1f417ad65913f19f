import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, message, openHarness } from '../http/harness.ts';
import { expectGraceful, FUZZ_RUNS, FUZZ_SEED, jsonBodies, requestInit, statusTally } from './fuzzHarness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

const SEEDS = [
  [message(1)],
  [
    message(2, { topics: ['withdrawal', 'verification'], sentiment: 'negative', source: 'telegram' }),
    message(3),
  ],
  [message(4, { author_role: 'agent', text: 'Thanks for waiting 🙏' })],
];

const PARAMS = [
  'limit',
  'cursor',
  'from',
  'to',
  'topics',
  'sentiments',
  'sources',
  'roles',
  'text',
  'labelled_by',
  'conversation_id',
  'site_key',
];
const paramValue = fc.oneof(
  fc.constantFrom(
    '10',
    '0',
    '-1',
    '1001',
    '2026-10-01T00:00:00Z',
    'withdrawal',
    'negative',
    'livechat',
    'abc',
    '',
  ),
  fc.string({ maxLength: 30 }),
);

describe('fuzz /v1/messages', () => {
  it(`POST: ${FUZZ_RUNS} generated and mutated batches, no 5xx, errors as JSON with a code, nothing half-written`, async () => {
    const app = h.app();
    const tally = statusTally();
    let inserted = 0;
    await fc.assert(
      fc.asyncProperty(jsonBodies(SEEDS, { valid: 1, mutated: 8 }), async (body) => {
        const response = await app.request('/v1/messages', requestInit('POST', body));
        if (response.status === 200)
          inserted += ((await response.clone().json()) as { inserted: number }).inserted;
        tally.add(await expectGraceful(response));
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(
      tally.count((s) => s === 200),
      JSON.stringify(tally.summary()),
    ).toBeGreaterThan(100);
    expect(tally.count((s) => s >= 400)).toBeGreaterThan(FUZZ_RUNS / 2);
    // Rejected batches stored none of their items: the store holds exactly what accepted ones inserted.
    expect(await h.store.countMessages('default')).toBe(inserted);
  }, 180_000);

  it(`GET: ${FUZZ_RUNS} generated filter query strings, no 5xx, errors as JSON with a code`, async () => {
    const app = h.app();
    const tally = statusTally();
    const query = fc.array(
      fc.tuple(fc.oneof(fc.constantFrom(...PARAMS), fc.string({ maxLength: 8 })), paramValue),
      {
        maxLength: 5,
      },
    );
    await fc.assert(
      fc.asyncProperty(query, async (pairs) => {
        const search = new URLSearchParams(pairs).toString();
        tally.add(await expectGraceful(await app.request(`/v1/messages?${search}`)));
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(
      tally.count((s) => s === 200),
      JSON.stringify(tally.summary()),
    ).toBeGreaterThan(100);
    expect(tally.count((s) => s === 400)).toBeGreaterThan(100);
  }, 180_000);
});
