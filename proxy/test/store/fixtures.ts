import type { MessageInput } from '@sa/shared';

/** The clock the contract suite gives every store (compare_previous "to date" windows are relative to it). */
export const NOW = new Date('2026-11-25T12:00:00Z');

type Labels = Pick<MessageInput, 'topics' | 'sentiment'>;

function message(
  id: string,
  created_at: string,
  source: MessageInput['source'],
  text: string,
  labels: Labels,
  author_role: MessageInput['author_role'] = 'customer',
): MessageInput {
  return { id, source, conversation_id: `c-${id}`, author_role, created_at, text, ...labels };
}

/**
 * A week of traffic (Mon 16 – Sun 22 Nov 2026, UTC) small enough to count by hand; the expectations in
 * storeContract.ts are worked out from this list. Labels given here are human labels.
 */
export const WEEK: MessageInput[] = [
  message('m1', '2026-11-16T09:15:00Z', 'livechat', 'Where is my WITHDRAWAL, thieves', {
    topics: ['withdrawal'],
    sentiment: 'angry',
  }),
  message('m2', '2026-11-16T09:45:00Z', 'livechat', 'withdrawal stuck waiting for KYC', {
    topics: ['withdrawal', 'verification'],
    sentiment: 'negative',
  }),
  message('m3', '2026-11-17T14:00:00Z', 'telegram', 'how to deposit with USDT', {
    topics: ['deposit'],
    sentiment: 'neutral',
  }),
  message('m4', '2026-11-18T20:30:00Z', 'telegram', 'thanks for the free spins', {
    topics: ['bonus'],
    sentiment: 'positive',
  }),
  message('m5', '2026-11-20T23:59:59Z', 'livechat', 'withdrawal pending 3 days', {
    topics: ['withdrawal'],
    sentiment: 'negative',
  }),
  message('m6', '2026-11-22T10:00:00Z', 'livechat', 'deposit bonus 100% never came', {
    topics: ['deposit', 'bonus'],
    sentiment: 'angry',
  }),
  // Unlabelled: counted, but under no topic or sentiment.
  message('p1', '2026-11-19T08:00:00Z', 'livechat', 'hello??', {}),
  message(
    'a1',
    '2026-11-16T09:20:00Z',
    'livechat',
    'we are checking your withdrawal',
    {
      topics: ['withdrawal'],
      sentiment: 'neutral',
    },
    'agent',
  ),
  message(
    'b1',
    '2026-11-17T14:01:00Z',
    'telegram',
    'Hi! How can I help?',
    {
      topics: ['other'],
      sentiment: 'neutral',
    },
    'bot',
  ),
  // `to` is exclusive: this one is in the next week.
  message('n1', '2026-11-23T00:00:00Z', 'livechat', 'still no withdrawal', {
    topics: ['withdrawal'],
    sentiment: 'angry',
  }),
  // The week before.
  message('w1', '2026-11-10T12:00:00Z', 'livechat', 'withdrawal question', {
    topics: ['withdrawal'],
    sentiment: 'negative',
  }),
  message('w2', '2026-11-15T23:30:00Z', 'telegram', 'deposit limits?', {
    topics: ['deposit'],
    sentiment: 'neutral',
  }),
];

export const WEEK_WINDOW = { from: '2026-11-16T00:00:00Z', to: '2026-11-23T00:00:00Z' };

/** Around the end of summer time in Berlin (Sun 25 Oct 2026, 03:00 CEST → 02:00 CET). */
export const DST_AUTUMN: MessageInput[] = [
  // 23:30 CET on the 25th (a naive +02:00 would put it on the 26th).
  message('d1', '2026-10-25T22:30:00Z', 'livechat', 'late night deposit', {
    topics: ['deposit'],
    sentiment: 'neutral',
  }),
  // 00:30 CET on the 26th.
  message('d2', '2026-10-25T23:30:00Z', 'livechat', 'after midnight deposit', {
    topics: ['deposit'],
    sentiment: 'neutral',
  }),
  // 02:30 CEST and 02:30 CET: the same wall-clock hour twice, two separate hour buckets.
  message('d3', '2026-10-25T00:30:00Z', 'livechat', 'first 02:30', {
    topics: ['deposit'],
    sentiment: 'neutral',
  }),
  message('d4', '2026-10-25T01:30:00Z', 'livechat', 'second 02:30', {
    topics: ['deposit'],
    sentiment: 'neutral',
  }),
];

export function unlabelled(id: string, created_at: string, text = `text of ${id}`): MessageInput {
  return { id, source: 'livechat', conversation_id: 'c', author_role: 'customer', created_at, text };
}
