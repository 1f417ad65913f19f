import type { AnalyticsQuery } from '@sa/shared';
import { SENTIMENT_LABELS, type SentimentId, TOPIC_LABELS, type TopicId } from '@sa/shared/taxonomy';
import { describeWindow } from '@sa/shared/time/describe';

export const SOURCE_LABELS: Record<string, string> = { livechat: 'LiveChat', telegram: 'Telegram' };

export function labelFor(kind: 'topic' | 'sentiment' | 'source', key: string): string {
  if (kind === 'topic') return TOPIC_LABELS[key as TopicId] ?? key;
  if (kind === 'sentiment') return SENTIMENT_LABELS[key as SentimentId] ?? key;
  return SOURCE_LABELS[key] ?? key;
}

const nf = new Intl.NumberFormat('en-GB');
export const formatCount = (n: number) => nf.format(n);
export const formatShare = (f: number | null) =>
  f === null ? '—' : `${(f * 100).toFixed(f < 0.1 ? 1 : 0)}%`;

/** A chat answer's query as a chip label: "Withdrawals · Telegram · Angry · 16–22 Nov 2026", in the query's zone. */
export function describeQuery(query: AnalyticsQuery, timeZone: string, now = new Date()): string {
  const f = query.filters;
  const parts: string[] = [];
  if (f.topics?.length) parts.push(f.topics.map((t) => labelFor('topic', t)).join(' + '));
  if (f.sources?.length) parts.push(f.sources.map((s) => labelFor('source', s)).join(' + '));
  if (f.sentiments?.length) parts.push(f.sentiments.map((s) => labelFor('sentiment', s)).join(' + '));
  if (f.text) parts.push(`“${f.text}”`);
  if (parts.length === 0) parts.push('All messages');
  parts.push(describeWindow(f.from, f.to, query.time_zone ?? timeZone, now));
  return parts.join(' · ');
}

/** "26 Nov, 14:05" on the site's clock, like the presets and the chart buckets. */
export function formatTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  return d.toLocaleString('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
