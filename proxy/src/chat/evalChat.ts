import {
  AnalyticsQuery,
  AUTHOR_ROLES,
  type ChatAnswer,
  IsoDateTime,
  type Provider,
  SENTIMENTS,
  SOURCES,
  TimeZone,
  TOPICS,
  withQueryDefaults,
} from '@sa/shared';
import { z } from 'zod';
import type { SiteId } from '../store/Store.ts';
import { answerChat, type ChatDeps } from './chat.ts';

/**
 * One line of a question set (JSONL). Lines sharing `conversation` run in file order as one conversation.
 * Either `expected` (the analytics query the turn must run) or `refusal: true` (it must run none).
 */
export const EvalLine = z
  .object({
    id: z.string().optional(),
    conversation: z.string().min(1).optional(),
    question: z.string().trim().min(1),
    now: IsoDateTime.optional(),
    time_zone: TimeZone.optional(),
    expected: AnalyticsQuery.optional(),
    refusal: z.literal(true).optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((l) => (l.expected ? !l.refusal : l.refusal), {
    message: 'give exactly one of `expected` (a query) or `refusal: true`',
  });
export type EvalLine = z.infer<typeof EvalLine>;

const ALIASES: Record<string, string> = {
  message: 'question',
  conversation_id: 'conversation',
  conversation_key: 'conversation',
  expected_query: 'expected',
  expect: 'expected',
  query: 'expected',
  expected_refusal: 'refusal',
  expect_refusal: 'refusal',
};

export class EvalDataError extends Error {
  override readonly name = 'EvalDataError';
}

/** Parses a JSONL question set; every bad line is reported with its line number. */
export function parseEvalLines(content: string): EvalLine[] {
  const lines: EvalLine[] = [];
  const errors: string[] = [];
  content.split(/\r?\n/).forEach((text, index) => {
    if (text.trim() === '' || text.trim().startsWith('//')) return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      errors.push(`line ${index + 1}: not JSON (${(error as Error).message})`);
      return;
    }
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const renamed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw)) renamed[ALIASES[key] ?? key] = value;
      if (renamed.expected === 'refusal') {
        delete renamed.expected;
        renamed.refusal = true;
      }
      raw = renamed;
    }
    const parsed = EvalLine.safeParse(raw);
    if (parsed.success) lines.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      errors.push(`line ${index + 1}: ${issue?.path.join('.') || '(line)'} ${issue?.message ?? 'invalid'}`);
    }
  });
  if (errors.length > 0) throw new EvalDataError(`bad question set: ${errors.slice(0, 20).join('; ')}`);
  if (lines.length === 0) throw new EvalDataError('the question set has no lines');
  return lines;
}

function sortedOrNull(values: readonly string[] | undefined, universe: readonly string[]): string[] | null {
  if (!values) return null;
  const set = [...new Set(values)].sort();
  return universe.every((v) => set.includes(v)) ? null : set;
}

/**
 * A query in canonical form for scoring: defaults applied, instants as epoch ms, lists as sorted sets, a list
 * naming every value the same as none, and a share denominator that only restates the filter's sources
 * dropped (analytics.md: it is the same denominator).
 */
export function canonicalQuery(query: AnalyticsQuery, timeZone: string): unknown {
  const q = withQueryDefaults({ time_zone: timeZone, ...query });
  const f = q.filters;
  const sources = sortedOrNull(f.sources, SOURCES);
  let share: Record<string, string[] | null> | null = q.share_of
    ? {
        topics: sortedOrNull(q.share_of.topics, TOPICS),
        sentiments: sortedOrNull(q.share_of.sentiments, SENTIMENTS),
        sources: sortedOrNull(q.share_of.sources, SOURCES),
      }
    : null;
  if (
    share &&
    !share.topics &&
    !share.sentiments &&
    JSON.stringify(share.sources) === JSON.stringify(sources)
  )
    share = null;
  if (share && !share.topics && !share.sentiments && !share.sources) share = null;
  return {
    metric: q.metric,
    from: Date.parse(f.from),
    to: Date.parse(f.to),
    topics: sortedOrNull(f.topics, TOPICS),
    sources,
    sentiments: sortedOrNull(f.sentiments, SENTIMENTS),
    roles: sortedOrNull(f.roles, AUTHOR_ROLES),
    text: f.text?.toLowerCase() ?? null,
    group_by: q.group_by ?? null,
    series_by: q.series_by ?? null,
    share_of: share,
    compare_previous: q.compare_previous ?? false,
    limit: q.limit ?? null,
    time_zone: q.time_zone ?? 'UTC',
  };
}

export interface TurnScore {
  line: number;
  id?: string;
  question: string;
  expected: 'refusal' | AnalyticsQuery;
  got: 'refusal' | AnalyticsQuery;
  correct: boolean;
  grounded: boolean;
  /** Canonical fields that differ. */
  diff?: string[];
}

export interface EvalReport {
  turns: number;
  correct: number;
  accuracy: number;
  refusals: { expected: number; right: number };
  /** Turns refused though a query was expected. */
  false_refusals: number;
  ungrounded: number;
  provider: Provider;
  failures: TurnScore[];
}

function differences(a: unknown, b: unknown): string[] {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys(x).filter((k) => JSON.stringify(x[k]) !== JSON.stringify(y[k]));
}

export interface EvalOptions {
  deps: ChatDeps;
  site: SiteId;
  provider: Provider;
  /** Prefix for conversation ids, so repeated runs never continue each other's conversations. */
  runId: string;
  /** The clock when a line gives no `now`. */
  now: Date;
}

/** Runs every line through the chat (multi-turn lines in one conversation each) and scores the queries run. */
export async function runEval(lines: EvalLine[], options: EvalOptions): Promise<EvalReport> {
  const scores: TurnScore[] = [];
  const conversations = new Map<string, string>();
  const clocks = new Map<string, Date>();
  let n = 0;
  for (const line of lines) {
    n++;
    const key = line.conversation ?? `line-${n}`;
    const conversationId = conversations.get(key) ?? `${options.runId}-${conversations.size}`.slice(0, 64);
    conversations.set(key, conversationId);
    const now = line.now ? new Date(line.now) : (clocks.get(key) ?? options.now);
    clocks.set(key, now);
    const answer: ChatAnswer = await answerChat(options.deps, {
      request: {
        message: line.question,
        conversation_id: conversationId,
        provider: options.provider,
        ...(line.time_zone ? { time_zone: line.time_zone } : {}),
      },
      site: options.site,
      now,
    });
    const ran = answer.queries[answer.queries.length - 1]?.query;
    const timeZone = line.time_zone ?? 'UTC';
    let correct: boolean;
    let diff: string[] | undefined;
    if (line.refusal) correct = !ran;
    else if (!ran || !line.expected) correct = false;
    else {
      const want = canonicalQuery(line.expected, timeZone);
      const got = canonicalQuery(ran, timeZone);
      diff = differences(want, got);
      correct = diff.length === 0;
    }
    scores.push({
      line: n,
      ...(line.id ? { id: line.id } : {}),
      question: line.question,
      expected: line.refusal ? 'refusal' : (line.expected as AnalyticsQuery),
      got: ran ?? 'refusal',
      correct,
      grounded: answer.grounded,
      ...(diff && diff.length > 0 ? { diff } : {}),
    });
  }
  const refusalTurns = scores.filter((s) => s.expected === 'refusal');
  const correct = scores.filter((s) => s.correct).length;
  return {
    turns: scores.length,
    correct,
    accuracy: scores.length === 0 ? 0 : correct / scores.length,
    refusals: { expected: refusalTurns.length, right: refusalTurns.filter((s) => s.correct).length },
    false_refusals: scores.filter((s) => s.expected !== 'refusal' && s.got === 'refusal').length,
    ungrounded: scores.filter((s) => !s.grounded).length,
    provider: options.provider,
    failures: scores.filter((s) => !s.correct || !s.grounded),
  };
}

export function formatEvalReport(report: EvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows = [
    ['turns', String(report.turns)],
    ['correct', `${report.correct} (${pct(report.accuracy)})`],
    ['refusals right', `${report.refusals.right} / ${report.refusals.expected}`],
    ['false refusals', String(report.false_refusals)],
    ['ungrounded answers', String(report.ungrounded)],
    ['provider', report.provider],
  ];
  const width = Math.max(...rows.map(([k]) => (k as string).length));
  const lines = rows.map(([k, v]) => `${(k as string).padEnd(width)}  ${v}`);
  for (const f of report.failures) {
    lines.push('', `✗ line ${f.line}${f.id ? ` (${f.id})` : ''}: ${f.question}`);
    if (!f.grounded) lines.push('  answer not grounded');
    if (f.diff) lines.push(`  differs in: ${f.diff.join(', ')}`);
    lines.push(`  expected: ${JSON.stringify(f.expected)}`, `  got:      ${JSON.stringify(f.got)}`);
  }
  return lines.join('\n');
}
