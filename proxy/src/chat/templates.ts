import { type AnalyticsQuery, type QueryResult, toCivil } from '@sa/shared';
import {
  describeDenominator,
  describeQualifier,
  describeSubject,
  formatCount,
  formatPercent,
  keyLabel,
  SOURCE_LABELS,
  windowWords,
} from './describe.ts';
import type { WindowOrigin } from './planner.ts';

export interface AnswerContext {
  timeZone: string;
  now: Date;
  windowOrigin: WindowOrigin;
}

const MAX_BULLETS = 5;
const EXAMPLE_CHARS = 160;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dayLabel(iso: string, timeZone: string, withTime = false): string {
  const c = toCivil(Date.parse(iso), timeZone);
  const day = `${c.day} ${MONTHS[c.month - 1]}`;
  return withTime ? `${day} ${String(c.hour).padStart(2, '0')}:00` : day;
}

function change(current: number, previous: number): string {
  if (current === previous) return 'unchanged';
  const diff = current - previous;
  const direction = diff > 0 ? 'up' : 'down';
  if (previous === 0) return `${direction} ${formatCount(Math.abs(diff))}`;
  const pct = Math.round((Math.abs(diff) / previous) * 1000) / 10;
  return `${direction} ${formatCount(Math.abs(diff))} (${pct.toFixed(1)}%)`;
}

function defaultNote(ctx: AnswerContext): string {
  return ctx.windowOrigin === 'default' ? ' No time frame was given, so this covers the last 30 days.' : '';
}

function basis(n: number): string {
  return ` Based on ${formatCount(n)} message${n === 1 ? '' : 's'}.`;
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXAMPLE_CHARS ? `${flat.slice(0, EXAMPLE_CHARS - 1)}…` : flat;
}

/**
 * The answer for one executed query: a one-sentence headline with the number(s) and the window in words, the
 * comparison when asked (both windows named), a few bullets when relevant, and how many messages it rests on.
 */
export function renderAnswer(query: AnalyticsQuery, result: QueryResult, ctx: AnswerContext): string {
  const tz = ctx.timeZone;
  const when = (w: { from: string; to: string }) => windowWords(w, tz, ctx.now);
  const subject = describeSubject(query.filters);
  switch (result.metric) {
    case 'count': {
      let text = `There were ${formatCount(result.value)} ${subject} ${when(result.window)}.`;
      if (result.previous) {
        text += ` That is ${change(result.value, result.previous.value)} from ${formatCount(result.previous.value)} ${when(result.previous.window)}.`;
      }
      return text + defaultNote(ctx) + basis(result.value + (result.previous?.value ?? 0));
    }
    case 'share': {
      const denominator = describeDenominator(query);
      const qualifier = describeQualifier(query.filters, query.share_of) || 'matching';
      if (result.value === null) {
        return `There were no ${denominator} ${when(result.window)}, so there is no share to report.${defaultNote(ctx)}${basis(0)}`;
      }
      let text = `${formatPercent(result.value)} of ${denominator} ${when(result.window)} were ${qualifier} (${formatCount(result.numerator)} of ${formatCount(result.denominator)}).`;
      const prev = result.previous;
      if (prev) {
        if (prev.value === null) {
          text += ` There were no such messages ${when(prev.window)} to compare with.`;
        } else {
          const points = Math.round((result.value - prev.value) * 1000) / 10;
          text += ` ${when(prev.window)
            .replace(/^in /, 'In ')
            .replace(
              /^(today|yesterday)/,
              (m) => m[0]?.toUpperCase() + m.slice(1),
            )} it was ${formatPercent(prev.value)} (${formatCount(prev.numerator)} of ${formatCount(prev.denominator)}), ${points === 0 ? 'no change' : `${points > 0 ? 'up' : 'down'} ${Math.abs(points).toFixed(1)} points`}.`;
        }
      }
      return text + defaultNote(ctx) + basis(result.denominator + (prev?.denominator ?? 0));
    }
    case 'breakdown': {
      const groupBy = result.group_by;
      if (result.rows.length === 0) {
        return `There were no ${subject} ${when(result.window)}.${defaultNote(ctx)}${basis(0)}`;
      }
      const top = result.rows[0] as { key: string; count: number };
      const shown = result.rows.slice(0, Math.min(query.limit ?? MAX_BULLETS, 10));
      const previousCounts = new Map(result.previous?.rows.map((r) => [r.key, r.count]) ?? []);
      let text = `${keyLabel(groupBy, top.key)} leads the ${subject} by ${groupBy.replace(/_/g, ' ')} ${when(result.window)} with ${formatCount(top.count)} of ${formatCount(result.total)}.`;
      if (result.previous)
        text += ` Compared with ${when(result.previous.window).replace(/^in /, '')} (${formatCount(result.previous.total)} in total):`;
      for (const row of shown) {
        const share = result.total > 0 ? ` (${formatPercent(row.count / result.total)})` : '';
        const before = result.previous ? `, was ${formatCount(previousCounts.get(row.key) ?? 0)}` : '';
        text += `\n- ${keyLabel(groupBy, row.key)}: ${formatCount(row.count)}${share}${before}`;
      }
      if (groupBy === 'topic') text += '\nA message with several topics counts under each of them.';
      return `${text}${defaultNote(ctx).trimEnd() ? `\n${defaultNote(ctx).trim()}` : ''}\n${basis(result.total + (result.previous?.total ?? 0)).trim()}`;
    }
    case 'timeseries': {
      const hourly = result.group_by === 'hour';
      const label = (start: string) =>
        result.group_by === 'week' ? `week of ${dayLabel(start, tz)}` : dayLabel(start, tz, hourly);
      let text = `There were ${formatCount(result.total)} ${subject} ${when(result.window)}`;
      const buckets = result.buckets;
      if (buckets.length > 0 && result.total > 0) {
        const peak = buckets.reduce((a, b) => (b.count > a.count ? b : a));
        const low = buckets.reduce((a, b) => (b.count < a.count ? b : a));
        text += `; busiest ${result.group_by} ${label(peak.start)} with ${formatCount(peak.count)}, quietest ${label(low.start)} with ${formatCount(low.count)}`;
      }
      text += '.';
      if (result.previous)
        text += ` That is ${change(result.total, result.previous.total)} from ${formatCount(result.previous.total)} ${when(result.previous.window)}.`;
      if (result.series && result.series.length > 0 && query.series_by) {
        const totals = result.series
          .map((s) => ({ key: s.key, total: s.counts.reduce((a, b) => a + b, 0) }))
          .sort((a, b) => b.total - a.total)
          .slice(0, MAX_BULLETS);
        for (const s of totals) text += `\n- ${keyLabel(query.series_by, s.key)}: ${formatCount(s.total)}`;
      } else if (buckets.length <= 8) {
        for (const b of buckets) text += `\n- ${label(b.start)}: ${formatCount(b.count)}`;
      }
      const note = defaultNote(ctx).trim();
      return `${text}${note ? `\n${note}` : ''}\n${basis(result.total + (result.previous?.total ?? 0)).trim()}`;
    }
    case 'examples': {
      if (result.messages.length === 0)
        return `There were no ${subject} ${when(result.window)}.${defaultNote(ctx)}${basis(0)}`;
      let text = `Here ${result.messages.length === 1 ? 'is the newest' : `are the ${formatCount(result.messages.length)} newest`} ${subject} ${when(result.window)} (customer words quoted as written):`;
      for (const m of result.messages) {
        text += `\n- “${quote(m.text)}” (${SOURCE_LABELS[m.source] ?? m.source}, ${dayLabel(m.created_at, tz)})`;
      }
      const note = defaultNote(ctx).trim();
      return `${text}${note ? `\n${note}` : ''}\n${basis(result.messages.length).trim()}`;
    }
  }
}
