import { ApiError } from '@sa/shared';
import fc from 'fast-check';
import { expect } from 'vitest';

/** Inputs per endpoint: the floor (FUZZ_RUNS may raise it for a longer hunt). */
export const FUZZ_RUNS = Math.max(10_000, Number(process.env.FUZZ_RUNS ?? 0));
/** Fixed so a failure in CI reproduces locally; FUZZ_SEED overrides to explore further. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261125);

/** Values that break naive handlers: wrong types, extremes, prototype keys, odd strings. */
const awkward = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    '',
    ' ',
    '\u0000',
    '\ud800',
    '__proto__',
    'constructor',
    '2026-13-45T25:61:00Z',
    '1970-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    'Europe/Nowhere',
    '<script>alert(1)</script>',
    "'; drop table messages; --",
    'x'.repeat(5000),
    [],
    {},
    [[[[[]]]]],
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Json = unknown;

interface Slot {
  parent: Record<string, Json> | Json[];
  key: string | number;
}

function slots(value: Json, into: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      into.push({ parent: value, key: index });
      slots(item, into);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.push({ parent: value as Record<string, Json>, key });
      slots(item, into);
    }
  }
  return into;
}

type Mutation = [op: number, at: number, value: Json, name: string];

/** Applies mutations to a deep copy: drop a field, replace it with an awkward value, add an unknown one, duplicate. */
function applyMutations(seed: Json, mutations: Mutation[]): Json {
  const root = { value: structuredClone(seed) as Json };
  for (const [op, at, value, name] of mutations) {
    const all = slots(root.value);
    const slot = all[at % Math.max(1, all.length)];
    if (!slot) {
      root.value = value;
      continue;
    }
    const { parent, key } = slot;
    if (op % 4 === 0) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else if (op % 4 === 1) {
      (parent as Record<string | number, Json>)[key] = value;
    } else if (op % 4 === 2) {
      if (Array.isArray(parent)) parent.push(value);
      else parent[name] = value;
    } else if (Array.isArray(parent)) {
      parent.push(structuredClone(parent[Number(key)]));
    } else {
      (parent as Record<string | number, Json>)[key] = [parent[key as string]];
    }
  }
  return root.value;
}

/** Valid seeds with one to three mutations each: inputs close enough to valid to reach deep code. */
export function mutatedFrom(seeds: Json[]): fc.Arbitrary<Json> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.nat(), fc.nat(), awkward, fc.string({ minLength: 1, maxLength: 8 })), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([seed, mutations]) => applyMutations(seed, mutations));
}

export interface FuzzBody {
  contentType: string | undefined;
  body: string | Uint8Array;
}

const asJson = (value: Json): FuzzBody => ({
  contentType: 'application/json',
  body: JSON.stringify(value) ?? '',
});

/**
 * Request bodies for a JSON endpoint: mostly mutated valid documents, then arbitrary JSON, broken text
 * (truncated documents, invalid UTF-8) and wrong media types. `valid` are sent unchanged now and then
 * so the success path is fuzzed alongside the errors.
 */
export function jsonBodies(seeds: Json[], weights = { valid: 1, mutated: 12 }): fc.Arbitrary<FuzzBody> {
  return fc.oneof(
    { weight: weights.valid, arbitrary: fc.constantFrom(...seeds).map(asJson) },
    { weight: weights.mutated, arbitrary: mutatedFrom(seeds).map(asJson) },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(asJson) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([seed, cut]) => {
        const text = JSON.stringify(seed);
        return { contentType: 'application/json', body: text.slice(0, cut % text.length) };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 64 })
        .map((bytes) => ({ contentType: 'application/json', body: bytes })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            undefined,
            'text/plain',
            'application/xml',
            'multipart/form-data',
            'application/json; charset=latin1',
            '*/*',
          ),
          fc.constantFrom(...seeds),
        )
        .map(([contentType, seed]) => ({
          contentType,
          body: JSON.stringify(seed),
        })),
    },
  );
}

export function requestInit(
  method: string,
  input: FuzzBody,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    headers: { ...(input.contentType ? { 'content-type': input.contentType } : {}), ...headers },
    body: input.body as RequestInit['body'],
  };
}

/** The contract every answer keeps: never a 5xx, and every rejection a JSON error with a known code. */
export async function expectGraceful(response: Response): Promise<number> {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers.get('content-type')).toContain('application/json');
    const parsed = ApiError.safeParse(JSON.parse(text));
    expect(parsed.success, text).toBe(true);
  }
  return response.status;
}

/** Counts statuses so each test can show its inputs reached both the success and the error paths. */
export function statusTally() {
  const counts = new Map<number, number>();
  return {
    add(status: number) {
      counts.set(status, (counts.get(status) ?? 0) + 1);
    },
    count(predicate: (status: number) => boolean) {
      let total = 0;
      for (const [status, n] of counts) if (predicate(status)) total += n;
      return total;
    },
    summary: () => Object.fromEntries([...counts].sort(([a], [b]) => a - b)),
  };
}
