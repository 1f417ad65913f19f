import { TimeWindowError } from './errors.ts';
import { clockAt, finishWindow } from './named.ts';
import { RULES } from './rules.ts';
import type { Instant, ResolvedWindow } from './types.ts';
import type { WordsWindow } from './windows.ts';

export { DEFAULT_WINDOW_DAYS, defaultWindow } from './named.ts';

const COMPILED = RULES.map((rule) => ({
  rule,
  // Whole words only ("last 7 days" must not match inside "blast 7 days"). The word boundary before is a
  // captured group, not a lookbehind, which Safari before 16.4 cannot parse.
  re: new RegExp(`(^|[^\\p{L}\\p{N}])(${rule.pattern})(?![\\p{L}\\p{N}])`, 'gu'),
}));

/** Lower case and plain dashes, keeping every character's position so the phrase can be cut from the text. */
function normalize(text: string): string {
  return Array.from(text, (c) => {
    if (c === '–' || c === '—' || c === '−') return '-';
    if (c === '’') return "'";
    const lower = c.toLowerCase();
    return lower.length === c.length ? lower : c;
  }).join('');
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
    if (window) return finishWindow(window, phrase, clock);
  }
  return null;
}
