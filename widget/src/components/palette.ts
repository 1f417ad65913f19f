import type { SentimentId, TopicId } from '@sa/shared/taxonomy';

/** Topic colours: distinct hues at similar lightness so no topic shouts louder than another. */
export const TOPIC_COLORS: Record<TopicId, string> = {
  deposit: '#3b82c4',
  withdrawal: '#12a08a',
  verification: '#8b6fd6',
  account_access: '#e07b39',
  bonus: '#d4a72c',
  game_issue: '#d6567a',
  technical: '#4aa3c9',
  responsible_gambling: '#6f9a3a',
  account_details: '#a47c5b',
  other: '#8c96a8',
};

export const SENTIMENT_COLORS: Record<SentimentId, string> = {
  angry: '#d64545',
  negative: '#e5953a',
  neutral: '#8c96a8',
  positive: '#2f9e69',
};

export const SOURCE_COLORS: Record<string, string> = { livechat: '#ff5a1f', telegram: '#2a9fd8' };

export function colorFor(kind: 'topic' | 'sentiment' | 'source', key: string): string {
  const table: Record<string, string> =
    kind === 'topic' ? TOPIC_COLORS : kind === 'sentiment' ? SENTIMENT_COLORS : SOURCE_COLORS;
  return table[key] ?? '#8c96a8';
}
