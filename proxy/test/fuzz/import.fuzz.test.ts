import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, openHarness } from '../http/harness.ts';
import { expectGraceful, FUZZ_RUNS, FUZZ_SEED, statusTally } from './fuzzHarness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

const HEADER = 'id,source,conversation_id,author_role,created_at,text,topics,sentiment';
const SEEDS = [
  `${HEADER}\nlivechat:F1:1,livechat,F1,customer,2026-11-20T18:01:00Z,"my withdrawal, again",withdrawal,negative\n`,
  `${HEADER}\ntelegram:9:2,telegram,9,agent,2026-11-20T18:02:00Z,"we are on it ""today""",,\nlivechat:F2:1,livechat,F2,customer,2026-11-21T08:00:00Z,bonus code?,bonus,neutral\n`,
  `\ufeffid,text,source,conversation_id,author_role,created_at\nlivechat:F3:1,"multi\nline",livechat,F3,customer,2026-11-22T00:00:00Z\n`,
];
const FRAGMENTS = [
  '"',
  ',',
  '\n',
  '\r\n',
  ';',
  '\u0000',
  '\ud800',
  '""',
  'id',
  ',,,,',
  '\t',
  'x'.repeat(300),
];

/** CSV text mutated at the character level: inserted fragments, cut ranges, swapped lines. */
const csvBodies = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(
      fc.tuple(
        fc.nat(2),
        fc.nat(),
        fc.nat(),
        fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([seed, edits]) => {
    let text = seed;
    for (const [op, at, length, fragment] of edits) {
      const i = at % (text.length + 1);
      if (op === 0) text = text.slice(0, i) + fragment + text.slice(i);
      else if (op === 1) text = text.slice(0, i) + text.slice(i + (length % 20));
      else text = text.split('\n').reverse().join('\n');
    }
    return text;
  });

const contentTypes = fc.constantFrom(
  'text/csv',
  'text/csv',
  'text/csv',
  'text/csv; charset=utf-8',
  'text/csv; charset=latin1',
  'application/json',
  undefined,
);

describe('fuzz POST /v1/import', () => {
  it(`answers ${FUZZ_RUNS} mutated CSV files without a 5xx, errors as JSON with a code`, async () => {
    const app = h.app();
    const tally = statusTally();
    await fc.assert(
      fc.asyncProperty(csvBodies, contentTypes, async (body, contentType) => {
        const response = await app.request('/v1/import', {
          method: 'POST',
          headers: contentType ? { 'content-type': contentType } : {},
          body,
        });
        tally.add(await expectGraceful(response));
      }),
      { numRuns: FUZZ_RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    expect(
      tally.count((s) => s === 200),
      JSON.stringify(tally.summary()),
    ).toBeGreaterThan(100);
    expect(tally.count((s) => s >= 400)).toBeGreaterThan(100);
  }, 180_000);
});
