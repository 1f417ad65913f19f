import { type ExecutedQuery, type QueryResult, toCivil, type Window } from '@sa/shared';

export interface GroundingIssue {
  kind: 'number' | 'date';
  /** The words in the answer that could not be traced to a result. */
  text: string;
}

export interface GroundingReport {
  grounded: boolean;
  issues: GroundingIssue[];
}

interface Numbers {
  counts: number[];
  percents: number[];
}

const DAY_MS = 86_400_000;
const MONTH =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const MONTH_INDEX = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthOf(word: string): number {
  return MONTH_INDEX.indexOf(word.slice(0, 3).toLowerCase()) + 1;
}

function pctChange(current: number, previous: number, out: Numbers): void {
  out.counts.push(Math.abs(current - previous), current + previous);
  if (previous > 0)
    out.percents.push((Math.abs(current - previous) / previous) * 100, (current / previous) * 100);
  if (current > 0) out.percents.push((previous / current) * 100);
}

function windowNumbers(w: Window, out: Numbers): void {
  const days = (Date.parse(w.to) - Date.parse(w.from)) / DAY_MS;
  out.counts.push(
    Math.round(days),
    Math.floor(days),
    Math.ceil(days),
    Math.round(days / 7),
    Math.round(days / 30.44),
  );
  out.counts.push(Math.round(days * 24));
}

function collect(executed: ExecutedQuery[]): Numbers {
  const out: Numbers = { counts: [], percents: [] };
  for (const { query, result } of executed) {
    if (query.limit) out.counts.push(query.limit);
    windowNumbers(result.window, out);
    collectResult(result, out);
  }
  return out;
}

function collectResult(r: QueryResult, out: Numbers): void {
  switch (r.metric) {
    case 'count':
      out.counts.push(r.value);
      if (r.previous) {
        out.counts.push(r.previous.value);
        windowNumbers(r.previous.window, out);
        pctChange(r.value, r.previous.value, out);
      }
      return;
    case 'share':
      out.counts.push(r.numerator, r.denominator, r.denominator - r.numerator);
      if (r.value !== null) out.percents.push(r.value * 100, 100 - r.value * 100);
      if (r.previous) {
        const p = r.previous;
        out.counts.push(p.numerator, p.denominator, r.denominator + p.denominator);
        windowNumbers(p.window, out);
        pctChange(r.numerator, p.numerator, out);
        if (p.value !== null) {
          out.percents.push(p.value * 100);
          if (r.value !== null) {
            out.percents.push(Math.abs(r.value - p.value) * 100);
            if (p.value > 0) out.percents.push((Math.abs(r.value - p.value) / p.value) * 100);
          }
        }
      }
      return;
    case 'breakdown': {
      out.counts.push(r.total, r.rows.length);
      for (let i = 1; i <= r.rows.length; i++) out.counts.push(i);
      const before = new Map(r.previous?.rows.map((row) => [row.key, row.count]) ?? []);
      for (const row of r.rows) {
        out.counts.push(row.count);
        if (/^\d+$/.test(row.key)) out.counts.push(Number(row.key));
        if (r.total > 0) out.percents.push((row.count / r.total) * 100);
        if (r.previous) {
          // A key the previous period has no row for had none there: "was 0" is a result.
          const was = before.get(row.key) ?? 0;
          out.counts.push(was);
          pctChange(row.count, was, out);
        }
      }
      if (r.previous) {
        out.counts.push(r.previous.total);
        windowNumbers(r.previous.window, out);
        pctChange(r.total, r.previous.total, out);
        for (const row of r.previous.rows) {
          out.counts.push(row.count);
          if (r.previous.total > 0) out.percents.push((row.count / r.previous.total) * 100);
        }
      }
      return;
    }
    case 'timeseries': {
      const add = (part: { buckets: { count: number }[]; total: number }) => {
        out.counts.push(part.total, part.buckets.length);
        for (const b of part.buckets) {
          out.counts.push(b.count);
          if (part.total > 0) out.percents.push((b.count / part.total) * 100);
        }
        if (part.buckets.length > 0) out.counts.push(part.total / part.buckets.length);
      };
      add(r);
      for (const s of r.series ?? []) {
        const total = s.counts.reduce((a, b) => a + b, 0);
        out.counts.push(total, ...s.counts);
        if (r.total > 0) out.percents.push((total / r.total) * 100);
      }
      if (r.previous) {
        add(r.previous);
        windowNumbers(r.previous.window, out);
        pctChange(r.total, r.previous.total, out);
      }
      return;
    }
    case 'examples':
      out.counts.push(r.messages.length);
      return;
  }
}

function windowsOf(executed: ExecutedQuery[]): Window[] {
  return executed.flatMap(({ result }) => {
    const own = [result.window];
    if ('previous' in result && result.previous) own.push(result.previous.window);
    // Week buckets start on the Monday on or before the window's start.
    if (result.metric === 'timeseries') {
      for (const part of [result, result.previous]) {
        const first = part?.buckets[0];
        if (part && first) own.push({ from: first.start, to: part.window.to });
      }
    }
    return own;
  });
}

interface DayRange {
  first: number;
  last: number;
  years: number[];
}

function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

function dayRanges(windows: Window[], timeZone: string): DayRange[] {
  return windows.map((w) => {
    const f = toCivil(Date.parse(w.from), timeZone);
    const t = toCivil(Date.parse(w.to), timeZone);
    return {
      first: epochDayOf(f.year, f.month, f.day),
      last: epochDayOf(t.year, t.month, t.day),
      years: [...new Set([f.year, t.year])],
    };
  });
}

/** A date without a year is read in whichever window year makes it fit. */
function dateFits(ranges: DayRange[], month: number, day: number, year: number | null): boolean {
  if (month < 1 || day < 1 || day > 31) return false;
  return ranges.some((r) =>
    (year === null ? r.years : [year]).some((y) => {
      const d = epochDayOf(y, month, day);
      return d >= r.first && d <= r.last;
    }),
  );
}

function monthFits(ranges: DayRange[], month: number, year: number | null): boolean {
  return ranges.some((r) =>
    (year === null ? r.years : [year]).some((y) => {
      const first = epochDayOf(y, month, 1);
      const last = epochDayOf(y, month + 1, 1) - 1;
      return first <= r.last && last >= r.first;
    }),
  );
}

function blank(text: string, start: number, length: number): string {
  return text.slice(0, start) + ' '.repeat(length) + text.slice(start + length);
}

function flatten(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Customer words quoted from example results are data, not claims: numbers inside them are not checked. */
function withoutQuotedExamples(answer: string, executed: ExecutedQuery[]): string {
  const texts = executed.flatMap(({ result }) =>
    result.metric === 'examples' ? result.messages.map((m) => flatten(m.text)) : [],
  );
  if (texts.length === 0) return answer;
  return answer.replace(/[“"«]([^”"»]+)[”"»]/g, (whole, inner: string) => {
    const body = flatten(inner).replace(/(?:…|\.\.\.)$/, '');
    return texts.some((t) => t.includes(body)) ? ' '.repeat(whole.length) : whole;
  });
}

function clockTimes(windows: Window[], executed: ExecutedQuery[], timeZone: string): Set<string> {
  const times = new Set<string>();
  const add = (ms: number) => {
    const c = toCivil(ms, timeZone);
    times.add(`${c.hour}:${String(c.minute).padStart(2, '0')}`);
  };
  for (const w of windows) {
    add(Date.parse(w.from));
    add(Date.parse(w.to));
  }
  for (const { result } of executed) {
    if (result.metric === 'breakdown' && result.group_by === 'hour_of_day') {
      for (const row of result.rows) {
        times.add(`${Number(row.key)}:00`);
        times.add(`${(Number(row.key) + 1) % 24}:00`);
      }
    }
    if (result.metric === 'timeseries' && result.group_by === 'hour') {
      for (const b of result.buckets) {
        add(Date.parse(b.start));
        add(Date.parse(b.start) + 3_600_000);
      }
    }
  }
  return times;
}

function matches(value: number, decimals: number, extraTolerance: number, candidates: number[]): boolean {
  const tolerance = 0.5 * 10 ** -decimals + extraTolerance + 1e-9;
  return candidates.some((c) => Math.abs(Math.abs(c) - value) <= tolerance);
}

/**
 * Checks every number and date in an answer against the queries that ran: a number must be exact in a result
 * or derivable from one (a share as a percentage, a difference or percent change between the window and the
 * previous one, a total, an average per bucket) within the rounding it is written with; a date must lie in a
 * queried window. Numbers inside quoted example messages are the customers' words and are skipped.
 */
export function verifyGrounding(
  answer: string,
  executed: ExecutedQuery[],
  timeZone = 'UTC',
): GroundingReport {
  const issues: GroundingIssue[] = [];
  const windows = windowsOf(executed);
  const ranges = dayRanges(windows, timeZone);
  let text = withoutQuotedExamples(answer, executed);

  const datePatterns: { re: RegExp; check: (m: RegExpExecArray) => boolean }[] = [
    {
      re: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/gi,
      check: (m) => dateFits(ranges, Number(m[2]), Number(m[3]), Number(m[1])),
    },
    {
      re: new RegExp(
        `(?<![\\d:])\\b(\\d{1,2})(?:st|nd|rd|th)?[ \\t]*[–—-][ \\t]*(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH})\\.?(?:,?\\s+(\\d{4}))?\\b`,
        'gi',
      ),
      check: (m) => {
        const year = m[4] ? Number(m[4]) : null;
        const month = monthOf(m[3] as string);
        return dateFits(ranges, month, Number(m[1]), year) && dateFits(ranges, month, Number(m[2]), year);
      },
    },
    {
      re: new RegExp(
        `(?<![\\d:])\\b(\\d{1,2})(?:st|nd|rd|th)?[ \\t]+(?:of[ \\t]+)?(${MONTH})\\.?(?:,?\\s+(\\d{4}))?\\b`,
        'gi',
      ),
      check: (m) => dateFits(ranges, monthOf(m[2] as string), Number(m[1]), m[3] ? Number(m[3]) : null),
    },
    {
      re: new RegExp(
        `\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:[ \\t]*[–—-][ \\t]*(\\d{1,2})(?:st|nd|rd|th)?)?(?:,?\\s+(\\d{4}))?\\b(?!:)`,
        'gi',
      ),
      check: (m) => {
        const year = m[4] ? Number(m[4]) : null;
        const month = monthOf(m[1] as string);
        return (
          dateFits(ranges, month, Number(m[2]), year) &&
          (!m[3] || dateFits(ranges, month, Number(m[3]), year))
        );
      },
    },
    {
      re: new RegExp(`\\b(${MONTH})\\.?,?\\s+(\\d{4})\\b`, 'gi'),
      check: (m) => monthFits(ranges, monthOf(m[1] as string), Number(m[2])),
    },
    {
      re: /\bQ([1-4])(?:\s+(\d{4}))?\b/g,
      check: (m) => {
        const q = Number(m[1]);
        return [1, 2, 3].some((k) => monthFits(ranges, (q - 1) * 3 + k, m[2] ? Number(m[2]) : null));
      },
    },
  ];
  for (const { re, check } of datePatterns) {
    for (const m of text.matchAll(re)) {
      if (!check(m as RegExpExecArray)) issues.push({ kind: 'date', text: m[0] });
      text = blank(text, m.index ?? 0, m[0].length);
    }
  }

  const times = clockTimes(windows, executed, timeZone);
  for (const m of text.matchAll(/\b([01]?\d|2[0-3]):([0-5]\d)\b/g)) {
    if (!times.has(`${Number(m[1])}:${m[2]}`)) issues.push({ kind: 'date', text: m[0] });
    text = blank(text, m.index ?? 0, m[0].length);
  }
  const years = new Set(ranges.flatMap((r) => r.years));
  for (const m of text.matchAll(/(?<![\p{L}\p{N}.,])(20\d{2}|19\d{2})(?![\p{L}\p{N}%]|[.,]\d)/gu)) {
    if (years.has(Number(m[1]))) text = blank(text, m.index ?? 0, m[0].length);
  }

  const numbers = collect(executed);
  const numberRe =
    /(?<![\p{L}\p{N}.,])[-+−]?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(\s?%|\s?percent(?:age points?)?|\s?points?|\s?pp|k\b)?(?![\p{L}\p{N}]|[.,]\d)/gu;
  for (const m of text.matchAll(numberRe)) {
    const decimals = m[2]?.length ?? 0;
    let value = Number(`${(m[1] as string).replace(/,/g, '')}${m[2] ? `.${m[2]}` : ''}`);
    const suffix = (m[3] ?? '').trim().toLowerCase();
    let ok: boolean;
    if (suffix === 'k') {
      value *= 1000;
      ok = matches(value, 0, 0.5 * 10 ** (3 - decimals), numbers.counts);
    } else if (suffix !== '') {
      ok = matches(value, decimals, 0.05, numbers.percents);
    } else {
      ok =
        matches(value, decimals, 0, numbers.counts) ||
        (decimals > 0 && matches(value, decimals, 0.05, numbers.percents));
    }
    if (!ok) issues.push({ kind: 'number', text: m[0].trim() });
  }
  return { grounded: issues.length === 0, issues };
}
