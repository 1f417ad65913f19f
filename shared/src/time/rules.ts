import { addDays, addUnits } from './calendar.ts';
import {
  ANCHOR_RE,
  DATE_RE,
  DAY_ONLY_RE,
  latestStart,
  parsePartialDate,
  STRICT_DATE_RE,
  weekdayOnOrBefore,
} from './dates.ts';
import type { CalendarUnit as Unit } from './types.ts';
import {
  type Clock,
  dayWindow,
  monthWindow,
  previousUnitStart,
  quarterStart,
  quarterWindow,
  rangeWindow,
  rollingWindow,
  sinceWindow,
  unitWindow,
  type WordsWindow,
  weekendWindow,
  yearWindow,
} from './windows.ts';
import {
  AMBIGUOUS_MONTH_WORDS,
  capitalize,
  FULL_WEEKDAY_RE,
  MONTH_NAMES,
  MONTH_RE,
  monthNumber,
  NUMBER_RE,
  ORDINAL_QUARTER_RE,
  parseNumber,
  quarterNumber,
  rollingUnit,
  UNIT_RE,
  WEEKDAY_RE,
  weekdayNumber,
} from './words.ts';

/*
 * How the rules read time words (the table in analytics.md, plus these choices where English is loose):
 * - "last N days/weeks/months" step back on the calendar and keep the time of day (a day is 23 or 25 hours
 *   across a DST change); "last N hours/minutes" are exact durations. "past week" = last 7 days, while
 *   "last week" is the previous Monday-to-Monday week.
 * - A date, month or quarter without a year is the latest one that has begun ("in December" asked in January
 *   is last December); "last <Month>" is the latest one before the current month.
 * - "on Monday" / "since Monday" is the latest Monday, today included; "last Monday" excludes today. A weekday
 *   needs such a word before it: promotions are named after days ("Free Spins Friday").
 * - "the weekend" / "this weekend" is the current weekend on Saturday or Sunday, else the one just gone;
 *   "last weekend" is the latest weekend that is over. "3 days ago" is that one day.
 * - Numeric dates are day first (16/11/2026); without "on", "since", "between" or "from" they need a year.
 * - A range's start may borrow the end's month and year ("between 1 and 10 Nov", "16–22 Nov"); the end is the
 *   first such day on or after the start ("between 20 Dec and 5 Jan" spans new year).
 */

export interface Rule {
  pattern: string;
  /** `phrase` is the matched text, lower-cased; null when it turns out not to be time words ("may" the verb). */
  resolve: (groups: (string | undefined)[], clock: Clock, phrase: string) => WordsWindow | null;
}

const LEAD = '(?:(?:in|during|over|for|within|throughout|from|on|at|earlier|so\\s+far)\\s+)?(?:the\\s+)?';
const QUARTER_YEAR = "(?:\\s*(?:of\\s+)?[-/]?\\s*(\\d{4}|'\\d{2}))?";
const UNIT = '(week|month|quarter|year)';
const TO_DATE_ABBR: Record<string, Unit> = { wtd: 'week', mtd: 'month', qtd: 'quarter', ytd: 'year' };

const unit = (word: string | undefined) => (word ?? 'week') as Unit;

function yearOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  return text.startsWith("'") ? 2000 + Number(text.slice(1)) : Number(text);
}

/** Four digits that plausibly name a year of support data ("in 2025", not "in 4000 messages"). */
function plausibleYear(text: string): boolean {
  const year = Number(text);
  return year >= 1970 && year <= 2100;
}

/** Month, weekday and quarter names as a person writes them; everything else as it came. */
function properName(word: string): string {
  if (/^q[1-4]$/.test(word)) return word.toUpperCase();
  const named = weekdayNumber(word) !== undefined || (monthNumber(word) !== undefined && word.length > 2);
  return named ? capitalize(word) : word;
}

/** A label name from the words: "since monday" → "since Monday", "on  tuesday" → "Tuesday". */
function nameOf(phrase: string, dropLead = false): string {
  const words = dropLead ? phrase.replace(new RegExp(`^${LEAD}`), '') : phrase;
  return words.replace(/\s+/g, ' ').replace(/\b[a-z0-9]+\b/g, properName);
}

export const RULES: Rule[] = [
  {
    pattern: `${LEAD}(?:this\\s+)?(?:last|past|previous|prior|trailing)\\s+(${NUMBER_RE})\\s*(${UNIT_RE})`,
    resolve: ([n = '', word = ''], clock, phrase) =>
      rollingWindow(clock, parseNumber(n), rollingUnit(word) ?? 'day', phrase),
  },
  {
    pattern: `${LEAD}(?:this\\s+)?(?:last|past)\\s+(hour|day|fortnight)|${LEAD}(?:this\\s+)?past\\s+${UNIT}`,
    resolve: ([a, b], clock, phrase) => rollingWindow(clock, 1, rollingUnit(a ?? b ?? '') ?? 'day', phrase),
  },
  {
    pattern: `${LEAD}(?:last|previous|prior)\\s+(?:(?:calendar|full|whole|complete)\\s+)?${UNIT}`,
    resolve: ([word], clock) => unitWindow(clock, unit(word), -1, `last ${word}`),
  },
  {
    pattern: `${LEAD}${UNIT}\\s+before\\s+last`,
    resolve: ([word], clock) => unitWindow(clock, unit(word), -2, `the ${word} before last`),
  },
  {
    pattern: `${LEAD}(?:this|current)\\s+${UNIT}(?:\\s+so\\s+far|\\s+to\\s+date)?|${LEAD}${UNIT}[\\s-]to[\\s-]date|(wtd|mtd|qtd|ytd)|since\\s+the\\s+(?:start|beginning)\\s+of\\s+(?:the|this)\\s+${UNIT}`,
    resolve: ([a, b, abbr, c], clock) => {
      const u = TO_DATE_ABBR[abbr ?? ''] ?? unit(a ?? b ?? c);
      return unitWindow(clock, u, 0, `this ${u}`);
    },
  },
  { pattern: `${LEAD}today`, resolve: (_g, clock) => unitWindow(clock, 'day', 0, 'today') },
  { pattern: `${LEAD}yesterday`, resolve: (_g, clock) => unitWindow(clock, 'day', -1, 'yesterday') },
  {
    pattern: `${LEAD}day\\s+before\\s+yesterday`,
    resolve: (_g, clock) => unitWindow(clock, 'day', -2, 'the day before yesterday'),
  },
  {
    pattern: '(?:(?:over|during|on|at|for)\\s+)?(the|this|last|(?:this\\s+)?past|previous)\\s+weekend',
    resolve: ([which], clock) => weekendWindow(clock, which !== 'the' && which !== 'this'),
  },
  {
    pattern: `(?:(in|during|for|throughout|over)\\s+(?:the\\s+month\\s+of\\s+)?)?(?:(last|this)\\s+)?(${MONTH_RE})\\.?(?:,?\\s+(?:of\\s+)?(\\d{4}))?`,
    resolve: ([lead, which, word = '', year], clock) => {
      // Without a preposition or year, only a full, unambiguous name is a month ("November", not "Jan" the
      // agent or "may" the verb).
      const bare = !lead && !year && which !== 'last';
      if (bare && (AMBIGUOUS_MONTH_WORDS.has(word) || !MONTH_NAMES.some((m) => m.toLowerCase() === word))) {
        return null;
      }
      if (year && !plausibleYear(year)) return null;
      return monthWindow(clock, monthNumber(word) ?? 1, yearOf(year), which === 'last');
    },
  },
  {
    pattern: '(?:(?:in|during|for|throughout)\\s+(?:the\\s+year\\s+)?|the\\s+year\\s+)(\\d{4})',
    resolve: ([year = ''], clock) => (plausibleYear(year) ? yearWindow(clock, Number(year)) : null),
  },
  {
    pattern: `${LEAD}(?:q([1-4])|(${ORDINAL_QUARTER_RE})\\s+quarter)${QUARTER_YEAR}|${LEAD}(\\d{4})\\s*[-/]?\\s*q([1-4])`,
    resolve: ([q1, ordinal, y1, y2, q2], clock) => {
      const quarter = q1 ? Number(q1) : q2 ? Number(q2) : quarterNumber(ordinal ?? '');
      return quarterWindow(clock, quarter, yearOf(y1 ?? y2));
    },
  },
  {
    pattern: `since\\s+(?:the\\s+(?:start|beginning)\\s+of\\s+)?(?:last|previous)\\s+${UNIT}`,
    resolve: ([word], clock, phrase) =>
      sinceWindow(clock, previousUnitStart(clock, unit(word)), nameOf(phrase)),
  },
  {
    pattern: 'since\\s+(yesterday|today|this\\s+morning)',
    resolve: ([word], clock, phrase) =>
      sinceWindow(clock, word === 'yesterday' ? addDays(clock.today, -1) : clock.today, nameOf(phrase)),
  },
  {
    pattern: `since\\s+last\\s+(${WEEKDAY_RE})`,
    resolve: ([word = ''], clock, phrase) =>
      sinceWindow(clock, weekdayOnOrBefore(weekdayNumber(word) ?? 1, clock.today, true), nameOf(phrase)),
  },
  {
    pattern: `since\\s+(?:the\\s+)?(${ANCHOR_RE}|\\d{1,2}(?:st|nd|rd|th))`,
    resolve: ([anchor = ''], clock, phrase) =>
      sinceWindow(clock, latestStart(parsePartialDate(anchor), clock.today, anchor), nameOf(phrase)),
  },
  {
    pattern: `from\\s+(?:the\\s+)?(${ANCHOR_RE}|\\d{1,2}(?:st|nd|rd|th))\\s+onwards?`,
    resolve: ([anchor = ''], clock, phrase) =>
      sinceWindow(clock, latestStart(parsePartialDate(anchor), clock.today, anchor), nameOf(phrase)),
  },
  {
    pattern: `since\\s+(?:q([1-4])${QUARTER_YEAR}|(\\d{4}))`,
    resolve: ([q, qYear, year], clock, phrase) => {
      if (year && !plausibleYear(year)) return null;
      const start = year
        ? { year: Number(year), month: 1, day: 1 }
        : quarterStart(Number(q), yearOf(qYear), clock.today);
      return sinceWindow(clock, start, nameOf(phrase));
    },
  },
  {
    pattern: `since\\s+(${NUMBER_RE}|an?)\\s+(day|week|month)s?\\s+ago`,
    resolve: ([n = '', word = 'day'], clock, phrase) =>
      sinceWindow(clock, addUnits(clock.today, word as Unit, -parseNumber(n)), nameOf(phrase)),
  },
  {
    pattern: `between\\s+(?:the\\s+)?(${ANCHOR_RE}|${DAY_ONLY_RE})\\s+and\\s+(?:the\\s+)?(${ANCHOR_RE})`,
    resolve: ([a = '', b = ''], clock) => rangeWindow(clock, a, b),
  },
  {
    pattern: `(?:from\\s+)?(?:the\\s+)?(${ANCHOR_RE}|${DAY_ONLY_RE})\\s*(?:-|to|until|till|through|thru)\\s*(?:the\\s+)?(${ANCHOR_RE})`,
    resolve: ([a = '', b = ''], clock, phrase) => {
      // Without "from", a range needs a month name or an ISO date: "24/7 to 365" and "Monday to Friday
      // support hours" are no windows.
      const named = new RegExp(`${MONTH_RE}|\\d{4}-`);
      return phrase.startsWith('from') || named.test(a) || named.test(b) ? rangeWindow(clock, a, b) : null;
    },
  },
  {
    pattern: `(?:from\\s+)?(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|to|until|till|through|thru)\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?`,
    resolve: ([month = '', first = '', last = '', year], clock) => {
      const suffix = year ? ` ${year}` : '';
      return rangeWindow(clock, `${first} ${month}${suffix}`, `${last} ${month}${suffix}`);
    },
  },
  {
    pattern: `(?:on\\s+)?(?:the\\s+)?(${STRICT_DATE_RE})|on\\s+(?:the\\s+)?(${DATE_RE})`,
    resolve: ([strict, any], clock) => {
      const written = strict ?? any ?? '';
      const date = parsePartialDate(written);
      const month = new RegExp(`(${MONTH_RE})`).exec(written)?.[1];
      // "top 5 may be…": an everyday word as a month needs a year or an ordinal ("5th May") to be a date.
      const ambiguous = month !== undefined && AMBIGUOUS_MONTH_WORDS.has(month);
      if (ambiguous && date.year === undefined && !/\d(?:st|nd|rd|th)/.test(written)) return null;
      return dayWindow(clock, latestStart(date, clock.today, written), null);
    },
  },
  {
    pattern: `(last|this\\s+past|this)\\s+(${FULL_WEEKDAY_RE})|on\\s+(?:(last|this)\\s+)?(${WEEKDAY_RE})`,
    resolve: ([which1, full, which2, abbr], clock, phrase) => {
      const which = which1 ?? which2;
      const weekday = weekdayNumber(full ?? abbr ?? '') ?? 1;
      const excludeToday = which !== undefined && which !== 'this';
      return dayWindow(clock, weekdayOnOrBefore(weekday, clock.today, excludeToday), nameOf(phrase, true));
    },
  },
  {
    pattern: `(${NUMBER_RE}|an?)\\s+(day|week)s?\\s+ago`,
    resolve: ([n = '', word = 'day'], clock, phrase) =>
      dayWindow(clock, addUnits(clock.today, word as Unit, -parseNumber(n)), nameOf(phrase)),
  },
];
