import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  EvalDataError,
  formatEvalReport,
  parseEvalLines,
  runEval,
} from '../../src/chat/evalChat.ts';
import type { Store } from '../../src/store/Store.ts';
import { NOW, openDemoStore } from './fixtures.ts';

let store: Store;
beforeAll(async () => {
  store = await openDemoStore();
});
afterAll(async () => {
  await store.close();
});

/** Two sets by different authors: ours, and one in managers' voices (shorthand, typos, other languages). */
const QUESTION_SETS = [
  { file: 'chat-questions.jsonl', minTurns: 200, minRefusals: 20 },
  { file: 'chat-questions-managers.jsonl', minTurns: 150, minRefusals: 15 },
];

describe('the local planner on the question sets (eval-chat)', () => {
  it.each(QUESTION_SETS)(
    '$file: the expected query for at least 95% of turns, every out-of-scope ask refused, no ungrounded number',
    async ({ file, minTurns, minRefusals }) => {
      const lines = parseEvalLines(await readFile(new URL(`../../eval/${file}`, import.meta.url), 'utf8'));
      expect(lines.length).toBeGreaterThanOrEqual(minTurns);
      const report = await runEval(lines, {
        deps: { store, providers: {}, defaultProvider: 'local' },
        site: 'default',
        provider: 'local',
        runId: `test-eval-${file}`,
        now: NOW,
      });
      expect(report.accuracy, formatEvalReport(report)).toBeGreaterThanOrEqual(0.95);
      expect(report.refusals.right).toBe(report.refusals.expected);
      expect(report.refusals.expected).toBeGreaterThanOrEqual(minRefusals);
      expect(report.false_refusals).toBe(0);
      expect(report.ungrounded).toBe(0);
    },
  );
});

describe('question set format', () => {
  it('reports every bad line with its number', () => {
    const content = [
      '{"question":"how many deposits?","refusal":true}',
      'not json',
      '{"question":"x"}',
      '{"question":"y","expected":{"metric":"count","filters":{"from":"2026-01-02T00:00:00Z","to":"2026-01-01T00:00:00Z"}}}',
    ].join('\n');
    expect(() => parseEvalLines(content)).toThrow(EvalDataError);
    expect(() => parseEvalLines(content)).toThrow(
      /line 2: not JSON.*line 3: .*exactly one of.*line 4: expected\.filters\.to/,
    );
  });

  it('accepts the common aliases for fields', () => {
    const [line] = parseEvalLines('{"message":"hi","conversation_id":"a","expected":"refusal"}');
    expect(line).toMatchObject({ question: 'hi', conversation: 'a', refusal: true });
  });

  it('compares instants, sets and defaults, not spelling', () => {
    const a = canonicalQuery(
      {
        metric: 'share',
        filters: {
          from: '2026-11-16T01:00:00+01:00',
          to: '2026-11-23T00:00:00Z',
          sentiments: ['negative', 'angry'],
          sources: ['telegram'],
        },
        share_of: { sources: ['telegram'] },
      },
      'UTC',
    );
    const b = canonicalQuery(
      {
        metric: 'share',
        filters: {
          from: '2026-11-16T00:00:00Z',
          to: '2026-11-23T00:00:00.000Z',
          sentiments: ['angry', 'negative'],
          sources: ['telegram'],
          roles: ['customer'],
        },
        compare_previous: false,
        time_zone: 'UTC',
      },
      'UTC',
    );
    expect(a).toEqual(b);
    const c = canonicalQuery(
      {
        metric: 'count',
        filters: { from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z', sources: ['livechat'] },
      },
      'UTC',
    );
    const d = canonicalQuery(
      {
        metric: 'count',
        filters: { from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z', sources: ['telegram'] },
      },
      'UTC',
    );
    expect(c).not.toEqual(d);
  });
});
