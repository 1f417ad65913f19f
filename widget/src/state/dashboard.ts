import type { AnalyticsQuery, Filters, QueryResult } from '@sa/shared';
import type { ProxyClient } from '../api/client.ts';
import { bucketFor } from './presets.ts';

type Breakdown = Extract<QueryResult, { metric: 'breakdown' }>;
type Timeseries = Extract<QueryResult, { metric: 'timeseries' }>;

export interface Row {
  key: string;
  count: number;
  previous: number | null;
}

export interface DashboardData {
  window: { from: string; to: string };
  previousWindow: { from: string; to: string } | null;
  total: number;
  previousTotal: number | null;
  topics: Row[];
  sources: Row[];
  sentiments: Row[];
  bucket: 'hour' | 'day' | 'week';
  buckets: string[];
  series: { key: string; counts: number[] }[];
}

/** The four queries behind the dashboard, named so tests can run the same ones against `/v1/query`. */
export function dashboardQueries(filters: Filters, timeZone: string) {
  const base = { filters, time_zone: timeZone } as const;
  return {
    topics: { ...base, metric: 'breakdown', group_by: 'topic', compare_previous: true },
    sentiments: { ...base, metric: 'breakdown', group_by: 'sentiment', compare_previous: true },
    sources: { ...base, metric: 'breakdown', group_by: 'source', compare_previous: true },
    series: {
      ...base,
      metric: 'timeseries',
      group_by: bucketFor(filters.from, filters.to),
      series_by: 'topic',
    },
  } satisfies Record<string, AnalyticsQuery>;
}

function rows(result: Breakdown): Row[] {
  const prev = new Map(result.previous?.rows.map((r) => [r.key, r.count]) ?? []);
  return result.rows.map((r) => ({
    key: r.key,
    count: r.count,
    previous: result.previous ? (prev.get(r.key) ?? 0) : null,
  }));
}

function expect<M extends QueryResult['metric']>(
  result: QueryResult,
  metric: M,
): Extract<QueryResult, { metric: M }> {
  if (result.metric !== metric)
    throw new Error(`The proxy answered a ${result.metric} query where ${metric} was asked`);
  return result as Extract<QueryResult, { metric: M }>;
}

export function combine(results: {
  topics: QueryResult;
  sentiments: QueryResult;
  sources: QueryResult;
  series: QueryResult;
}): DashboardData {
  const topics = expect(results.topics, 'breakdown');
  const sentiments = expect(results.sentiments, 'breakdown');
  const sources = expect(results.sources, 'breakdown');
  const series: Timeseries = expect(results.series, 'timeseries');
  return {
    window: topics.window,
    previousWindow: topics.previous?.window ?? null,
    total: topics.total,
    previousTotal: topics.previous?.total ?? null,
    topics: rows(topics),
    sentiments: rows(sentiments),
    sources: rows(sources),
    bucket: series.group_by as DashboardData['bucket'],
    buckets: series.buckets.map((b) => b.start),
    series: series.series ?? [{ key: 'all', counts: series.buckets.map((b) => b.count) }],
  };
}

export async function loadDashboard(
  client: ProxyClient,
  filters: Filters,
  timeZone: string,
  signal: AbortSignal,
): Promise<DashboardData> {
  const q = dashboardQueries(filters, timeZone);
  const [topics, sentiments, sources, series] = await Promise.all(
    [q.topics, q.sentiments, q.sources, q.series].map((query) =>
      client.query(query, signal).then((r) => r.result),
    ),
  );
  return combine({ topics: topics!, sentiments: sentiments!, sources: sources!, series: series! });
}

export interface Kpi {
  id: string;
  label: string;
  /** A count, or a fraction in [0,1] when `kind` is share. */
  value: number | null;
  previous: number | null;
  kind: 'count' | 'share';
  /** Whether a rise is bad news (angry share), for colouring the change. */
  riseIsBad: boolean;
}

/** Headline cards: message volume, the share of the top topics, and the angry share, each with the previous period. */
export function kpis(data: DashboardData, topicLabel: (id: string) => string, topN = 2): Kpi[] {
  const share = (n: number, d: number | null) => (d ? n / d : null);
  const cards: Kpi[] = [
    {
      id: 'messages',
      label: 'Messages',
      value: data.total,
      previous: data.previousTotal,
      kind: 'count',
      riseIsBad: false,
    },
  ];
  // "Other" (greetings, thanks) is rarely what a manager acts on: headline the real topics.
  for (const row of data.topics.filter((r) => r.key !== 'other').slice(0, topN)) {
    cards.push({
      id: `topic:${row.key}`,
      label: topicLabel(row.key),
      value: share(row.count, data.total),
      previous: row.previous === null ? null : share(row.previous, data.previousTotal),
      kind: 'share',
      riseIsBad: false,
    });
  }
  const angry = data.sentiments.find((r) => r.key === 'angry');
  cards.push({
    id: 'angry',
    label: 'Angry',
    value: share(angry?.count ?? 0, data.total),
    previous: data.previousTotal === null ? null : share(angry?.previous ?? 0, data.previousTotal),
    kind: 'share',
    riseIsBad: true,
  });
  return cards;
}

/** Relative change for counts, percentage-point change for shares; null when there is nothing to compare. */
export function change(kpi: Kpi): { text: string; direction: 'up' | 'down' | 'flat' } | null {
  if (kpi.value === null || kpi.previous === null) return null;
  if (kpi.kind === 'share') {
    const pts = (kpi.value - kpi.previous) * 100;
    const rounded = Math.round(pts * 10) / 10;
    if (rounded === 0) return { text: '±0 pts', direction: 'flat' };
    return {
      text: `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)} pts`,
      direction: rounded > 0 ? 'up' : 'down',
    };
  }
  if (kpi.previous === 0)
    return kpi.value === 0 ? { text: '±0%', direction: 'flat' } : { text: 'new', direction: 'up' };
  const pct = Math.round(((kpi.value - kpi.previous) / kpi.previous) * 100);
  if (pct === 0) return { text: '±0%', direction: 'flat' };
  return { text: `${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`, direction: pct > 0 ? 'up' : 'down' };
}
