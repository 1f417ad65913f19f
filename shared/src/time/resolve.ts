import { dateOf } from './calendar.ts';
import { describeWindow } from './describe.ts';
import { TimeWindowError } from './errors.ts';
import { inferCalendarUnit } from './previous.ts';
import { RULES } from './rules.ts';
import type { Instant, ResolvedWindow } from './types.ts';
import { type Clock, rollingWindow, type WordsWindow } from './windows.ts';
import { formatIso, toCivil, toMs } from './zoned.ts';

/** Questions with no time words use the last 30 days (analytics.md). */
export const DEFAULT_WINDOW_DAYS = 30;

const COMPILED = RULES.map((rule) => ({
  rule,
  // Whole words only ("last 7 days" must not match inside "blast 7 days"). The word boundary before is a
  // captured group, not a lookbehind, which Safari before 16.4 cannot parse.
  re: new RegExp(`(^|[^\\p{L}\\p{N}])(${rule.pattern})(?![\\p{L}\\p{N}])`, 'gu'),
}));

function clockAt(now: Instant, timeZone: string): Clock {
  const nowMs = toMs(now, 'now');
  const civil = toCivil(nowMs, timeZone);
  return { nowMs, now: civil, today: dateOf(civil), timeZone };
}

/** Lower case and plain dashes, keeping every character's position so the phrase can be cut from the text. */
function normalize(text: string): string {
  return Array.from(text, (c) => {
    if (c === '–' || c === '—' || c === '−') return '-';
    if (c === '’') return "'";
    const lower = c.toLowerCase();
    return lower.length === c.length ? lower : c;
  }).join('');
}

function finish(window: WordsWindow, phrase: string, clock: Clock): ResolvedWindow {
  const { timeZone, nowMs } = clock;
  // A calendar unit that has begun but not ended stops at now ("in November" asked in November, Q4 asked in Q4):
  // there is no data after now, and compare_previous then cuts at the same point. A range whose last day the
  // person stated keeps that end, as analytics.md's "between" row says.
  const running = window.from < nowMs && nowMs < window.to;
  const end = running && !window.statedEnd ? nowMs : window.to;
  const from = new Date(window.from);
  const to = new Date(end);
  // A stated range running past now ("between Monday and Wednesday" asked on Wednesday) is a unit to date.
  const inferred = window.unit === 'infer' ? inferCalendarUnit(from, to, timeZone, new Date(nowMs)) : null;
  const unit = window.unit === 'infer' ? (inferred?.unit ?? null) : window.unit;
  const label = window.name
    ? `${window.name} (${describeWindow(from, to, timeZone)})`
    : describeWindow(from, to, timeZone, new Date(nowMs));
  return {
    from: formatIso(window.from, timeZone),
    to: formatIso(end, timeZone),
    unit,
    to_date: inferred?.to_date ?? end === nowMs,
    phrase,
    label,
  };
}

/**
 * The window the time words in a question mean ("how many withdrawal complaints came from Telegram last
 * week?" → last week), resolved against `now` in `timeZone`; null when the question has no time words.
 * Words the table in analytics.md lists, and their common paraphrases, are understood anywhere in the text;
 * when several phrases match, the longest wins. Impossible dates ("31 Feb", "16/13/2026") throw a
 * TimeWindowError naming the words.
 */
export function resolveTimeWindow(text: string, now: Instant, timeZone: string): ResolvedWindow | null {
  const clock = clockAt(now, timeZone);
  const normalized = normalize(text);
  const matches = COMPILED.flatMap(({ rule, re }, order) =>
    Array.from(normalized.matchAll(re), (m) => {
      const words = m[2] ?? '';
      return { rule, order, words, start: m.index + (m[1] ?? '').length, groups: m.slice(3) };
    }),
  ).sort((a, b) => b.words.length - a.words.length || a.start - b.start || a.order - b.order);
  for (const { rule, words, start, groups } of matches) {
    const phrase = text.slice(start, start + words.length);
    let window: WordsWindow | null;
    try {
      window = rule.resolve(groups, clock, words);
    } catch (error) {
      // Rules see lower-cased text; the error should quote the person's own words.
      if (error instanceof TimeWindowError)
        throw new TimeWindowError(`"${phrase}": ${error.message}`, phrase);
      throw error;
    }
    if (window) return finish(window, phrase, clock);
  }
  return null;
}

/** The window for a question with no time words: the last 30 days to now. */
export function defaultWindow(now: Instant, timeZone: string): ResolvedWindow {
  const clock = clockAt(now, timeZone);
  return finish(rollingWindow(clock, DEFAULT_WINDOW_DAYS, 'day', ''), '', clock);
}
