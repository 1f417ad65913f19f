import type { ExecutedQuery } from '@sa/shared';
import { describe, expect, it } from 'vitest';
import { verifyGrounding } from '../../src/chat/grounding.ts';

const week = { from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z' };
const before = { from: '2026-11-09T00:00:00Z', to: '2026-11-16T00:00:00Z' };

const count: ExecutedQuery = {
  query: { metric: 'count', filters: { ...week, topics: ['withdrawal'] }, compare_previous: true },
  result: { metric: 'count', window: week, value: 1234, previous: { window: before, value: 1000 } },
};
const share: ExecutedQuery = {
  query: { metric: 'share', filters: { ...week, sentiments: ['angry'] } },
  result: { metric: 'share', window: week, numerator: 117, denominator: 500, value: 0.234 },
};
const examples: ExecutedQuery = {
  query: { metric: 'examples', filters: week, limit: 1 },
  result: {
    metric: 'examples',
    window: week,
    messages: [
      {
        id: 'x',
        source: 'telegram',
        conversation_id: 'c',
        author_role: 'customer',
        created_at: '2026-11-20T10:00:00Z',
        text: 'I deposited 500 EUR three days ago and it is still missing',
        topics: ['deposit'],
        topic_scores: {},
        sentiment: 'negative',
        model_version: 'm',
        labelled_by: 'model',
      },
    ],
  },
};

const breakdownVsBefore: ExecutedQuery = {
  query: { metric: 'breakdown', filters: week, group_by: 'topic', compare_previous: true },
  result: {
    metric: 'breakdown',
    group_by: 'topic',
    window: week,
    rows: [
      { key: 'withdrawal', count: 12 },
      { key: 'deposit', count: 7 },
    ],
    total: 19,
    previous: { window: before, rows: [{ key: 'withdrawal', count: 3 }], total: 3 },
  },
};

describe('verifyGrounding', () => {
  it('accepts "was 0" for a key the previous period has no row for, and nothing else from thin air', () => {
    expect(
      verifyGrounding('Deposits: 7, was 0. Withdrawals: 12, was 3.', [breakdownVsBefore], 'UTC').grounded,
    ).toBe(true);
    expect(verifyGrounding('Deposits: 7, was 5.', [breakdownVsBefore], 'UTC').grounded).toBe(false);
  });

  it('accepts numbers that are in a result or derived from one', () => {
    const answer =
      'There were 1,234 withdrawal messages in 16–22 Nov 2026, up 234 (23.4%) from 1,000 in 9–15 Nov 2026. Based on 2,234 messages.';
    expect(verifyGrounding(answer, [count])).toEqual({ grounded: true, issues: [] });
    expect(verifyGrounding('23.4% of messages were angry (117 of 500); about 23%.', [share]).grounded).toBe(
      true,
    );
  });

  it('flags a number no query returned', () => {
    const report = verifyGrounding('There were 1,500 withdrawal messages last week.', [count]);
    expect(report.grounded).toBe(false);
    expect(report.issues).toEqual([{ kind: 'number', text: '1,500' }]);
    expect(verifyGrounding('About 30% were angry.', [share]).issues).toEqual([
      { kind: 'number', text: '30%' },
    ]);
  });

  it('flags a date outside every queried window', () => {
    const report = verifyGrounding('There were 1,234 withdrawal messages between 1 Oct and 7 Oct 2026.', [
      count,
    ]);
    expect(report.issues.map((i) => i.kind)).toEqual(['date', 'date']);
    expect(verifyGrounding('There were 1,234 messages on 2026-11-18.', [count]).grounded).toBe(true);
    expect(verifyGrounding('There were 1,234 messages on 2026-12-18.', [count]).grounded).toBe(false);
  });

  it('does not check numbers inside quoted customer messages, only around them', () => {
    const quoted =
      '1 example: “I deposited 500 EUR three days ago and it is still missing” (Telegram, 20 Nov)';
    expect(verifyGrounding(quoted, [examples]).grounded).toBe(true);
    expect(verifyGrounding('“I deposited 600 EUR”', [examples]).grounded).toBe(false);
  });

  it('treats an answer with numbers but no query as ungrounded', () => {
    expect(verifyGrounding('There were 42 complaints.', []).grounded).toBe(false);
    expect(verifyGrounding('I can only answer questions about this site’s messages.', []).grounded).toBe(
      true,
    );
  });
});
