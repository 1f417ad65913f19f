import {
  addDays,
  addMonths,
  addUnits,
  type CivilDate,
  type CivilDateTime,
  compareDates,
  isoWeekday,
  startOfUnit,
  withTimeOf,
} from './calendar.ts';
import {
  ANCHOR_RE,
  DATE_RE,
  DAY_ONLY_RE,
  earliestEndOnOrAfter,
  latestStart,
  type PartialDate,
  parsePartialDate,
  STRICT_DATE_RE,
  weekdayOnOrBefore,
} from './dates.ts';
import { TimeWindowError } from './errors.ts';
import type { CalendarUnit } from './types.ts';
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
  type RollingUnit,
  rollingUnit,
  UNIT_RE,
  WEEKDAY_RE,
  weekdayNumber,
} from './words.ts';
import { fromCivil, startOfDay } from './zoned.ts';

/*
 * How the rules read time words (the table in analytics.md, plus these choices where English is loose):
 * - "last N days/weeks/months" step back on the calendar and keep the time of day (a day is 23 or 25 hours
 *   across a DST change); "last N hours/minutes" are exact durations. "past week" = last 7 days, while
 *   "last week" is the previous Monday-to-Monday week.
 * - A date, month or quarter without a year is the latest one that has begun ("in December" asked in January
 *   is last December); "last <Month>" is the latest one before the current month.
 * - "on Monday" / "since Monday" is the latest Monday, today included; "last Monday" excludes today.
 * - "the weekend" / "this weekend" is the current weekend on Saturday or Sunday, else the one just gone;
 *   "last weekend" is the latest weekend that is over.
 * - Numeric dates are day first (16/11/2026); without "on", "since", "between" or "from" they need a year.
 * - A range's end may borrow the start's missing parts and vice versa ("between 1 and 10 Nov", "16–22 Nov");
 *   the end is the first such day on or after the start ("between 20 Dec and 5 Jan" spans new year).
 */

/** What a rule is resolved against: "now" in the site's zone. */
export interface Clock {
  nowMs: number;
  now: CivilDateTime;
  today: CivilDate;
  timeZone: string;
}

/**
 * A rule's window. `unit`: the calendar unit the words name, null for rolling windows, 'infer' when only the
 * dates decide (between 1 and 30 Nov is a whole month). `name`: how the label starts ("last week"), null when
 * the dates say it all.
 */
export interface RuleWindow {
  from: number;
  to: number;
  unit: CalendarUnit | null | 'infer';
  name: string | null;
}

export interface Rule {
  pattern: string;
  /** null when the match turns out not to be time words ("may" as a verb). */
  resolve: (groups: (string | undefined)[], clock: Clock, phrase: string) => RuleWindow | null;
}

const LEAD = '(?:(?:in|during|over|for|within|throughout|from|on|at|earlier|so\\s+far)\\s+)?(?:the\\s+)?';
const QUARTER_YEAR = "(?:\\s*(?:of\\s+)?[-/]?\\s*(\\d{4}|'\\d{2}))?";

const dayStart = (clock: Clock, d: CivilDate) => startOfDay(d, clock.timeZone);

/** The window of one unit `offset` units from now's; the current one (offset 0) runs to now. */
function unitWindow(clock: Clock, unit: CalendarUnit, offset: number, name: string): RuleWindow {
  const start = addUnits(startOfUnit(clock.today, unit), unit, offset);
  const from = dayStart(clock, start);
  const to = offset === 0 ? clock.nowMs : dayStart(clock, addUnits(start, unit, 1));
  return { from, to, unit, name };
}

/** One whole named unit ("Q3 2026"); the current one is cut at now like every other window. */
function calendarWindow(clock: Clock, start: CivilDate, unit: CalendarUnit, name: string): RuleWindow {
  return { from: dayStart(clock, start), to: dayStart(clock, addUnits(start, unit, 1)), unit, name };
}

// "past week" is the table's "now − 7 days": its label says so.
const ROLLING_ONE: Record<RollingUnit, string> = {
  minute: 'the past minute',
  hour: 'the past hour',
  day: 'the past day',
  week: 'last 7 days',
  fortnight: 'last 14 days',
  month: 'the past month',
  quarter: 'the past quarter',
  year: 'the past year',
};

/** now − n units: hours and minutes are exact durations; days and longer are calendar steps at the same time. */
export function rollingWindow(clock: Clock, n: number, unit: RollingUnit, phrase: string): RuleWindow {
  if (!(n >= 1 && n <= 10_000)) {
    throw new TimeWindowError(`the number of ${unit}s must be from 1 to 10000`, phrase);
  }
  const name = n > 1 ? `last ${n} ${unit}s` : ROLLING_ONE[unit];
  if (unit === 'minute' || unit === 'hour') {
    const ms = n * (unit === 'minute' ? 60_000 : 3_600_000);
    return { from: clock.nowMs - ms, to: clock.nowMs, unit: null, name };
  }
  const start =
    unit === 'day'
      ? addDays(clock.today, -n)
      : unit === 'week'
        ? addDays(clock.today, -7 * n)
        : unit === 'fortnight'
          ? addDays(clock.today, -14 * n)
          : addMonths(clock.today, -n * (unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12));
  if (start.year < 1970) throw new TimeWindowError('the window would start before 1970', phrase);
  return {
    from: fromCivil(withTimeOf(start, clock.now), clock.timeZone),
    to: clock.nowMs,
    unit: null,
    name,
  };
}

function sinceWindow(clock: Clock, start: CivilDate, phrase: string, unit: RuleWindow['unit']): RuleWindow {
  const from = dayStart(clock, start);
  if (from >= clock.nowMs) throw new TimeWindowError('that day has not begun yet', phrase);
  return {
    from,
    to: clock.nowMs,
    unit,
    name: phrase.replace(/\s+/g, ' ').replace(/\b[a-z0-9]+\b/g, properName),
  };
}

function dayWindow(clock: Clock, day: CivilDate, name: string | null): RuleWindow {
  return { from: dayStart(clock, day), to: dayStart(clock, addDays(day, 1)), unit: 'day', name };
}

/** Month and weekday names capitalised, everything else as written. */
function properName(word: string): string {
  if (/^q[1-4]$/.test(word)) return word.toUpperCase();
  return weekdayNumber(word) !== undefined || (monthNumber(word) !== undefined && word.length > 2)
    ? capitalize(word)
    : word;
}

function withoutLead(phrase: string): string {
  return phrase
    .replace(new RegExp(`^${LEAD}`), '')
    .replace(/\s+/g, ' ')
    .replace(/\b[a-z0-9]+\b/g, properName);
}

const UNIT_OF: Record<string, CalendarUnit> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
};
const TO_DATE_ABBR: Record<string, CalendarUnit> = { wtd: 'week', mtd: 'month', qtd: 'quarter', ytd: 'year' };

/** Start of the weekend (Saturday) the words mean: the current one on a weekend, else the one just gone. */
function weekendStart(today: CivilDate, previous: boolean): CivilDate {
  const weekday = isoWeekday(today);
  const saturday = weekday >= 6 ? addDays(today, 6 - weekday) : addDays(today, -(weekday + 1));
  return previous && weekday >= 6 ? addDays(saturday, -7) : saturday;
}

function quarterStart(quarter: number, year: number): CivilDate {
  return { year, month: quarter * 3 - 2, day: 1 };
}

function yearOf(text: string | undefined): number | undefined {
  if (!text) return undefined;
  return text.startsWith("'") ? 2000 + Number(text.slice(1)) : Number(text);
}

function range(clock: Clock, startText: string, endText: string): RuleWindow {
  const end = parsePartialDate(endText);
  const written = parsePartialDate(startText);
  // A start that omits what the end states takes it from the end: "between 1 and 10 Nov 2025".
  if (written.weekday === undefined && written.month === undefined && end.month === undefined) {
    throw new TimeWindowError(`${startText} needs a month`, startText);
  }
  const startDate: PartialDate =
    written.weekday !== undefined ? written : { ...written, month: written.month ?? end.month };
  if (startDate.weekday === undefined && startDate.year === undefined && end.year !== undefined) {
    const month = startDate.month ?? 1;
    const day = startDate.day ?? 1;
    const endMonth = end.month ?? 12;
    const sameYear = month < endMonth || (month === endMonth && day <= (end.day ?? 31));
    startDate.year = sameYear ? end.year : end.year - 1;
  }
  const first = latestStart(startDate, clock.today, startText);
  const last = earliestEndOnOrAfter(end, first, `${startText} … ${endText}`);
  if (compareDates(last, first) < 0) {
    throw new TimeWindowError(`${endText} is before ${startText}`, endText);
  }
  return { from: dayStart(clock, first), to: dayStart(clock, addDays(last, 1)), unit: 'infer', name: null };
}

function monthWindow(
  clock: Clock,
  monthWord: string,
  yearText: string | undefined,
  which?: string,
): RuleWindow {
  const month = monthNumber(monthWord) ?? 1;
  const { today } = clock;
  const year = yearText
    ? Number(yearText)
    : which === 'this'
      ? today.year
      : which === 'last'
        ? month < today.month
          ? today.year
          : today.year - 1
        : month <= today.month
          ? today.year
          : today.year - 1;
  return calendarWindow(clock, { year, month, day: 1 }, 'month', `${MONTH_NAMES[month - 1]} ${year}`);
}

function isYear(text: string): boolean {
  const year = Number(text);
  return year >= 1970 && year <= 2100;
}

export const RULES: Rule[] = [
  {
    pattern: `${LEAD}(?:this\\s+)?(?:last|past|previous|prior|trailing)\\s+(${NUMBER_RE})\\s*(${UNIT_RE})`,
    resolve: ([n = '', unit = ''], clock, phrase) =>
      rollingWindow(clock, parseNumber(n), rollingUnit(unit) ?? 'day', phrase),
  },
  {
    pattern: `${LEAD}(?:this\\s+)?(?:last|past)\\s+(hour|day|fortnight)|${LEAD}(?:this\\s+)?past\\s+(week|month|quarter|year)`,
    resolve: ([a, b], clock, phrase) => rollingWindow(clock, 1, rollingUnit(a ?? b ?? '') ?? 'day', phrase),
  },
  {
    pattern: `${LEAD}(?:last|previous|prior)\\s+(?:(?:calendar|full|whole|complete)\\s+)?(week|month|quarter|year)`,
    resolve: ([unit = ''], clock) => unitWindow(clock, UNIT_OF[unit] ?? 'week', -1, `last ${unit}`),
  },
  {
    pattern: `${LEAD}(week|month|quarter|year)\\s+before\\s+last`,
    resolve: ([unit = ''], clock) =>
      unitWindow(clock, UNIT_OF[unit] ?? 'week', -2, `the ${unit} before last`),
  },
  {
    pattern: `${LEAD}(?:this|current)\\s+(week|month|quarter|year)(?:\\s+so\\s+far|\\s+to\\s+date)?|${LEAD}(week|month|quarter|year)[\\s-]to[\\s-]date|(wtd|mtd|qtd|ytd)|since\\s+the\\s+(?:start|beginning)\\s+of\\s+(?:the|this)\\s+(week|month|quarter|year)`,
    resolve: ([a, b, abbr, c], clock) => {
      const unit = UNIT_OF[a ?? b ?? c ?? ''] ?? TO_DATE_ABBR[abbr ?? ''] ?? 'month';
      return unitWindow(clock, unit, 0, `this ${unit}`);
    },
  },
  {
    pattern: `${LEAD}today`,
    resolve: (_g, clock) => unitWindow(clock, 'day', 0, 'today'),
  },
  {
    pattern: `${LEAD}yesterday`,
    resolve: (_g, clock) => unitWindow(clock, 'day', -1, 'yesterday'),
  },
  {
    pattern: `${LEAD}day\\s+before\\s+yesterday`,
    resolve: (_g, clock) => unitWindow(clock, 'day', -2, 'the day before yesterday'),
  },
  {
    pattern: `(?:(?:over|during|on|at|for)\\s+)?(the|this|last|(?:this\\s+)?past|previous)\\s+weekend`,
    resolve: ([which = ''], clock) => {
      const previous = which !== 'the' && which !== 'this';
      const saturday = weekendStart(clock.today, previous);
      return {
        from: dayStart(clock, saturday),
        to: dayStart(clock, addDays(saturday, 2)),
        unit: null,
        name: previous ? 'last weekend' : 'the weekend',
      };
    },
  },
  {
    pattern: `(?:(in|during|for|throughout|over)\\s+(?:the\\s+month\\s+of\\s+)?)?(?:(last|this)\\s+)?(${MONTH_RE})\\.?(?:,?\\s+(?:of\\s+)?(\\d{4}))?`,
    resolve: ([lead, which, month = '', year], clock) => {
      // A bare month word must be a full, unambiguous name ("November", not "Jan" the agent or "may" the verb).
      const bare = !lead && !year && which !== 'last';
      if (bare && (AMBIGUOUS_MONTH_WORDS.has(month) || !MONTH_NAMES.some((m) => m.toLowerCase() === month))) {
        return null;
      }
      if (year && !isYear(year)) return null;
      return monthWindow(clock, month, year, which);
    },
  },
  {
    pattern: '(?:(?:in|during|for|throughout)\\s+(?:the\\s+year\\s+)?|the\\s+year\\s+)(\\d{4})',
    resolve: ([year = ''], clock) =>
      isYear(year) ? calendarWindow(clock, { year: Number(year), month: 1, day: 1 }, 'year', year) : null,
  },
  {
    pattern: `${LEAD}(?:q([1-4])|(${ORDINAL_QUARTER_RE})\\s+quarter)${QUARTER_YEAR}|${LEAD}(\\d{4})\\s*[-/]?\\s*q([1-4])`,
    resolve: ([q1, ordinal, y1, y2, q2], clock) => {
      const quarter = q1 ? Number(q1) : q2 ? Number(q2) : quarterNumber(ordinal ?? '');
      const given = yearOf(y1 ?? y2);
      const { today } = clock;
      const year = given ?? (quarter * 3 - 2 <= today.month ? today.year : today.year - 1);
      return calendarWindow(clock, quarterStart(quarter, year), 'quarter', `Q${quarter} ${year}`);
    },
  },
  {
    pattern: `since\\s+(?:the\\s+(?:start|beginning)\\s+of\\s+)?(last|previous)\\s+(week|month|quarter|year)`,
    resolve: ([, unit = ''], clock, phrase) => {
      const u = UNIT_OF[unit] ?? 'week';
      return sinceWindow(clock, addUnits(startOfUnit(clock.today, u), u, -1), phrase, null);
    },
  },
  {
    pattern: `since\\s+(yesterday|today|this\\s+morning)`,
    resolve: ([word = ''], clock, phrase) =>
      sinceWindow(clock, word === 'yesterday' ? addDays(clock.today, -1) : clock.today, phrase, 'infer'),
  },
  {
    pattern: `since\\s+last\\s+(${WEEKDAY_RE})`,
    resolve: ([weekday = ''], clock, phrase) =>
      sinceWindow(clock, weekdayOnOrBefore(weekdayNumber(weekday) ?? 1, clock.today, true), phrase, 'infer'),
  },
  {
    pattern: `since\\s+(?:the\\s+)?(${ANCHOR_RE})`,
    resolve: ([anchor = ''], clock, phrase) =>
      sinceWindow(clock, latestStart(parsePartialDate(anchor), clock.today, anchor), phrase, 'infer'),
  },
  {
    pattern: 'since\\s+the\\s+(\\d{1,2}(?:st|nd|rd|th))',
    resolve: ([day = ''], clock, phrase) =>
      sinceWindow(clock, latestStart(parsePartialDate(day), clock.today, day), phrase, 'infer'),
  },
  {
    pattern: `since\\s+(?:q([1-4])${QUARTER_YEAR}|(\\d{4}))`,
    resolve: ([q, qYear, year], clock, phrase) => {
      if (year) {
        return isYear(year)
          ? sinceWindow(clock, { year: Number(year), month: 1, day: 1 }, phrase, 'infer')
          : null;
      }
      const quarter = Number(q);
      const given = yearOf(qYear);
      const { today } = clock;
      const start = quarterStart(
        quarter,
        given ?? (quarter * 3 - 2 <= today.month ? today.year : today.year - 1),
      );
      return sinceWindow(clock, start, phrase, 'infer');
    },
  },
  {
    pattern: `since\\s+(${NUMBER_RE}|an?)\\s+(day|week|month)s?\\s+ago`,
    resolve: ([n = '', unit = ''], clock, phrase) =>
      sinceWindow(clock, addUnits(clock.today, UNIT_OF[unit] ?? 'day', -parseNumber(n)), phrase, 'infer'),
  },
  {
    pattern: `between\\s+(?:the\\s+)?(${ANCHOR_RE}|${DAY_ONLY_RE})\\s+and\\s+(?:the\\s+)?(${ANCHOR_RE})`,
    resolve: ([a = '', b = ''], clock) => range(clock, a, b),
  },
  {
    pattern: `(?:from\\s+)?(?:the\\s+)?(${ANCHOR_RE}|${DAY_ONLY_RE})\\s*(?:-|to|until|till|through|thru)\\s*(?:the\\s+)?(${ANCHOR_RE})`,
    resolve: ([a = '', b = ''], clock, phrase) => {
      // Without "from", a range needs a month name or an ISO date: "24/7 to 365" and "Monday to Friday
      // support hours" are no windows.
      const named = new RegExp(`${MONTH_RE}|\\d{4}-`);
      return phrase.startsWith('from') || named.test(a) || named.test(b) ? range(clock, a, b) : null;
    },
  },
  {
    pattern: `(?:from\\s+)?(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|to|until|till|through|thru)\\s*(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4}))?`,
    resolve: ([month = '', first = '', last = '', year], clock) =>
      range(clock, `${first} ${month}${year ? ` ${year}` : ''}`, `${last} ${month}${year ? ` ${year}` : ''}`),
  },
  {
    pattern: `(?:on\\s+)?(?:the\\s+)?(${STRICT_DATE_RE})|on\\s+(?:the\\s+)?(${DATE_RE})`,
    resolve: ([strict, any], clock) => {
      const written = strict ?? any ?? '';
      const date = parsePartialDate(written);
      const month = new RegExp(`(${MONTH_RE})`).exec(written)?.[1];
      // "top 5 may be…": an everyday word as a month needs a year or an ordinal ("5th May") to be a date.
      if (
        month &&
        AMBIGUOUS_MONTH_WORDS.has(month) &&
        date.year === undefined &&
        !/\d(?:st|nd|rd|th)/.test(written)
      ) {
        return null;
      }
      return dayWindow(clock, latestStart(date, clock.today, written), null);
    },
  },
  {
    // A weekday needs "on", "last" or "this": promotions are named after days ("Free Spins Friday").
    pattern: `(last|this\\s+past|this)\\s+(${FULL_WEEKDAY_RE})|on\\s+(?:(last|this)\\s+)?(${WEEKDAY_RE})`,
    resolve: ([which1, full, which2, abbr], clock, phrase) => {
      const which = which1 ?? which2;
      const weekday = weekdayNumber(full ?? abbr ?? '') ?? 1;
      const strict = which !== undefined && which !== 'this';
      return dayWindow(clock, weekdayOnOrBefore(weekday, clock.today, strict), withoutLead(phrase));
    },
  },
  {
    pattern: `(${NUMBER_RE}|an?)\\s+(day|week)s?\\s+ago`,
    resolve: ([n = '', unit = ''], clock, phrase) =>
      dayWindow(clock, addUnits(clock.today, UNIT_OF[unit] ?? 'day', -parseNumber(n)), withoutLead(phrase)),
  },
];
