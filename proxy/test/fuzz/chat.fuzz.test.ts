import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, message, openHarness } from '../http/harness.ts';
import { expectGraceful, FUZZ_RUNS, FUZZ_SEED, jsonBodies, requestInit, statusTally } from './fuzzHarness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await h.store.upsertMessages('default', [
    message(1),
    message(2, { topics: ['bonus'], sentiment: 'neutral' }),
  ]);
});
afterAll(async () => {
  await h?.cleanup();
});

const SEEDS = [
  { message: 'how many withdrawal complaints this week?' },
  { message: 'and compared to last month?', time_zone: 'Europe/Malta', provider: 'local' },
  { message: 'show me a few angry ones', conversation_id: 'c-fuzz-1' },
];

describe('fuzz POST /v1/chat', () => {
  it(`answers ${FUZZ_RUNS} generated and mutated bodies without a 5xx, errors as JSON with a code`, async () => {
    const app = h.app();
    const tally = statusTally();
    const accept = fc.constantFrom(
      'application/json',
      'application/json',
      'application/json',
      'text/event-stream',
    );
    await fc.assert(
      fc.asyncProperty(jsonBodies(SEEDS, { valid: 1, mutated: 6 }), accept, async (body, wants) => {
        const response = await app.request('/v1/chat', requestInit('POST', body, { accept: wants }));
        if (response.status === 200 && wants === 'text/event-stream') {
          const stream = await response.text();
          expect(stream).toContain('event: final');
          expect(stream).not.toContain('"code":"internal"');
          tally.add(200);
        } else {
          tally.add(await expectGraceful(response));
        }
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(
      tally.count((s) => s === 200),
      JSON.stringify(tally.summary()),
    ).toBeGreaterThan(50);
    expect(tally.count((s) => s >= 400)).toBeGreaterThan(FUZZ_RUNS / 2);
  }, 180_000);
});
