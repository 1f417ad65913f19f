import type { AnalyticsQuery } from '@sa/shared';
import { describe, expect, it } from 'vitest';
import {
  appendExchange,
  KEEP_TURNS,
  lastQuery,
  MAX_SUMMARY_CHARS,
  newConversation,
} from '../../src/chat/conversation.ts';

const query: AnalyticsQuery = {
  metric: 'count',
  filters: { from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z', topics: ['bonus'] },
};

describe('conversation context', () => {
  it('keeps the newest turns, folds older ones into a bounded summary and never loses the last query', () => {
    let conversation = newConversation('default', 'c', '2026-11-25T12:00:00Z');
    conversation = appendExchange(
      conversation,
      [
        { role: 'user', content: 'bonus messages last week', at: 't' },
        { role: 'assistant', content: 'There were 12.', at: 't', filters: query.filters, query },
      ],
      't',
    );
    for (let i = 0; i < 60; i++) {
      conversation = appendExchange(
        conversation,
        [
          { role: 'user', content: `what is the weather ${i} ${'x'.repeat(200)}`, at: 't' },
          { role: 'assistant', content: 'Out of scope.', at: 't' },
        ],
        't',
      );
    }
    expect(conversation.turns.length).toBeLessThanOrEqual(KEEP_TURNS + 1);
    expect(conversation.summary?.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
    expect(conversation.summary).toContain('weather 55');
    expect(conversation.summary).not.toContain('weather 0 ');
    expect(lastQuery(conversation)).toEqual(query);
  });
});
