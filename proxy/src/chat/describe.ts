import {
  type AnalyticsQuery,
  AUTHOR_ROLES,
  describeWindow,
  type Filters,
  SENTIMENT_INFO,
  SENTIMENTS,
  type ShareOf,
  SOURCES,
  TOPIC_INFO,
  TOPICS,
  type Window,
} from '@sa/shared';

/** Words for what a query counts, shared by the templates and the LLM's system prompt. */

export const SOURCE_LABELS: Record<string, string> = { livechat: 'LiveChat', telegram: 'Telegram' };
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatPercent(fraction: number): string {
  return `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`;
}

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function andList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const isAll = (values: readonly string[] | undefined, universe: readonly string[]) =>
  !values || universe.every((v) => values.includes(v));

function topicWords(topics: readonly string[] | undefined): string | null {
  if (isAll(topics, TOPICS)) return null;
  const ordered = TOPICS.filter((t) => topics?.includes(t));
  return `about ${orList(ordered.map((t) => TOPIC_INFO[t].label.toLowerCase()))}`;
}

function sentimentWords(sentiments: readonly string[] | undefined): string | null {
  if (isAll(sentiments, SENTIMENTS)) return null;
  const ordered = SENTIMENTS.filter((s) => sentiments?.includes(s));
  return orList(ordered.map((s) => SENTIMENT_INFO[s].label.toLowerCase()));
}

function sourceWords(sources: readonly string[] | undefined): string | null {
  if (isAll(sources, SOURCES)) return null;
  return `on ${orList((sources ?? []).map((s) => SOURCE_LABELS[s] ?? s))}`;
}

function roleNoun(roles: readonly string[] | undefined): string {
  const r = roles ?? ['customer'];
  if (isAll(r, AUTHOR_ROLES)) return 'messages (customers, agents and bots)';
  return `${orList(r.map((role) => role))} messages`;
}

type Subject = Pick<Filters, 'topics' | 'sources' | 'sentiments' | 'roles' | 'text'>;

/** "angry customer messages about withdrawals on Telegram mentioning “skrill”" */
export function describeSubject(f: Subject): string {
  const parts = [
    sentimentWords(f.sentiments),
    roleNoun(f.roles),
    topicWords(f.topics),
    sourceWords(f.sources),
  ];
  if (f.text) parts.push(`mentioning “${f.text}”`);
  return parts.filter(Boolean).join(' ');
}

/** What narrows a share's numerator beyond its denominator: "angry", "about withdrawals and on Telegram". */
export function describeQualifier(filters: Filters, share: ShareOf | undefined): string {
  const parts: string[] = [];
  const sentiments = share?.sentiments ? undefined : sentimentWords(filters.sentiments);
  if (sentiments) parts.push(sentiments);
  const topics = share?.topics ? null : topicWords(filters.topics);
  if (topics) parts.push(topics);
  const sources = share && !share.sources ? sourceWords(filters.sources) : null;
  if (sources) parts.push(sources);
  if (filters.text) parts.push(`mentioning “${filters.text}”`);
  return andList(parts);
}

/** The denominator of a share in words (analytics.md: share_of, or the same sources and roles). */
export function describeDenominator(query: AnalyticsQuery): string {
  const share = query.share_of;
  if (!share) return describeSubject({ sources: query.filters.sources, roles: query.filters.roles });
  return describeSubject({ ...share, roles: query.filters.roles });
}

/** "in 16–22 Nov 2026", "yesterday (24 Nov)". */
export function windowWords(window: Window, timeZone: string, now: Date): string {
  const text = describeWindow(window.from, window.to, timeZone, now);
  return /^(?:today|yesterday)\b/.test(text) ? text : `in ${text}`;
}

export function keyLabel(groupBy: string, key: string): string {
  switch (groupBy) {
    case 'topic':
      return TOPIC_INFO[key as keyof typeof TOPIC_INFO]?.label ?? key;
    case 'sentiment':
      return SENTIMENT_INFO[key as keyof typeof SENTIMENT_INFO]?.label ?? key;
    case 'source':
      return SOURCE_LABELS[key] ?? key;
    case 'weekday': {
      const n = Number(key);
      if (Number.isInteger(n) && n >= 0 && n <= 7) return WEEKDAY_NAMES[(n + 6) % 7] as string;
      return key.charAt(0).toUpperCase() + key.slice(1);
    }
    case 'hour_of_day': {
      const n = Number(key);
      return Number.isInteger(n) ? `${String(n).padStart(2, '0')}:00` : key;
    }
    default:
      return key;
  }
}
