import { describe, expect, it } from 'vitest';
import { classifyWithRetry } from '../src/content/retry.ts';
import type { ClassifyReply } from '../src/messages.ts';

const ok: ClassifyReply = { ok: true, results: [] };

function script(...outcomes: (ClassifyReply | Error)[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    attempt: async () => {
      const next = outcomes[Math.min(calls++, outcomes.length - 1)] as ClassifyReply | Error;
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

describe('classifyWithRetry', () => {
  it('retries a failing classifier with doubling waits until it answers', async () => {
    const waits: number[] = [];
    const retries: [number, string][] = [];
    const s = script(
      new Error('Could not establish connection. Receiving end does not exist.'),
      { ok: false, error: 'model is loading' },
      ok,
    );
    const reply = await classifyWithRetry(
      s.attempt,
      {
        sleep: async (ms) => {
          waits.push(ms);
        },
        onRetry: (n, _ms, error) => retries.push([n, error]),
      },
      [10, 20, 40],
    );
    expect(reply).toEqual(ok);
    expect(s.calls).toBe(3);
    expect(waits).toEqual([10, 20]);
    expect(retries).toEqual([
      [1, 'Could not establish connection. Receiving end does not exist.'],
      [2, 'model is loading'],
    ]);
  });

  it('gives up after the last delay and returns the last error instead of throwing', async () => {
    const s = script({ ok: false, error: 'timeout' });
    const reply = await classifyWithRetry(s.attempt, { sleep: async () => {}, onRetry: () => {} }, [1, 2]);
    expect(reply).toEqual({ ok: false, error: 'timeout' });
    expect(s.calls).toBe(3);
  });
});
