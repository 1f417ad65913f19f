import { describe, expect, it } from 'vitest';
import { AnalyticsQuery, AnalyticsQueryObject, MessageInput, TOPICS, toJsonSchema } from '../src/index.ts';

const window = { from: '2026-11-01T00:00:00Z', to: '2026-11-08T00:00:00Z' };

describe('AnalyticsQuery', () => {
  it('accepts a breakdown by topic', () => {
    const q = AnalyticsQuery.parse({ metric: 'breakdown', group_by: 'topic', filters: window });
    expect(q.group_by).toBe('topic');
  });

  it('rejects a window whose end is not after its start', () => {
    const r = AnalyticsQuery.safeParse({ metric: 'count', filters: { from: window.to, to: window.from } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['filters', 'to']);
  });

  it('rejects a breakdown by day and a timeseries by topic', () => {
    expect(AnalyticsQuery.safeParse({ metric: 'breakdown', group_by: 'day', filters: window }).success).toBe(
      false,
    );
    expect(
      AnalyticsQuery.safeParse({ metric: 'timeseries', group_by: 'topic', filters: window }).success,
    ).toBe(false);
  });

  it('rejects unknown topics, unknown fields and an unknown time zone', () => {
    expect(
      AnalyticsQuery.safeParse({ metric: 'count', filters: { ...window, topics: ['casino'] } }).success,
    ).toBe(false);
    expect(AnalyticsQuery.safeParse({ metric: 'count', filters: window, sql: 'drop' }).success).toBe(false);
    expect(
      AnalyticsQuery.safeParse({ metric: 'count', filters: window, time_zone: 'Mars/Base' }).success,
    ).toBe(false);
  });

  it('generates JSON Schema listing every topic', () => {
    const schema = JSON.stringify(toJsonSchema(AnalyticsQueryObject));
    for (const t of TOPICS) expect(schema).toContain(`"${t}"`);
  });
});

describe('MessageInput', () => {
  const base = {
    id: 'livechat:c1:e1',
    source: 'livechat',
    conversation_id: 'c1',
    author_role: 'customer',
    created_at: '2026-11-20T10:00:00+01:00',
  };
  it('trims text and rejects text over 8,000 characters', () => {
    expect(MessageInput.parse({ ...base, text: '  hi  ' }).text).toBe('hi');
    const r = MessageInput.safeParse({ ...base, text: 'x'.repeat(8001) });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/8000/);
  });
});
