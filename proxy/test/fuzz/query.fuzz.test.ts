import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, message, openHarness } from '../http/harness.ts';
import { expectGraceful, FUZZ_RUNS, FUZZ_SEED, jsonBodies, requestInit, statusTally } from './fuzzHarness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await h.store.upsertMessages(
    'default',
    Array.from({ length: 20 }, (_, n) => message(n, { topics: ['withdrawal'], sentiment: 'negative' })),
  );
});
afterAll(async () => {
  await h?.cleanup();
});

const window = { from: '2026-09-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
const SEEDS = [
  { metric: 'count', filters: window },
  { metric: 'share', filters: { ...window, sources: ['livechat'] }, share_of: { topics: ['withdrawal'] } },
  { metric: 'timeseries', filters: window, group_by: 'day', time_zone: 'Europe/Malta' },
  { metric: 'breakdown', filters: { ...window, sentiments: ['negative'] }, group_by: 'topic', limit: 5 },
  { metric: 'examples', filters: { ...window, text: 'pending', roles: ['customer'] }, limit: 3 },
  { metric: 'count', filters: { ...window, topics: ['withdrawal'] }, compare_previous: true },
];

describe('fuzz POST /v1/query', () => {
  it(`answers ${FUZZ_RUNS} generated and mutated bodies without a 5xx, errors as JSON with a code`, async () => {
    const app = h.app();
    const tally = statusTally();
    await fc.assert(
      fc.asyncProperty(jsonBodies(SEEDS), async (body) => {
        tally.add(await expectGraceful(await app.request('/v1/query', requestInit('POST', body))));
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(
      tally.count((s) => s === 200),
      JSON.stringify(tally.summary()),
    ).toBeGreaterThan(100);
    expect(tally.count((s) => s >= 400)).toBeGreaterThan(FUZZ_RUNS / 2);
  }, 120_000);
});
