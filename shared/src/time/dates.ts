import { addDays, addMonths, type CivilDate, compareDates, daysInMonth, isoWeekday } from './calendar.ts';
import { TimeWindowError } from './errors.ts';
import { MONTH_NAMES, MONTH_RE, monthNumber, WEEKDAY_RE, weekdayNumber } from './words.ts';

/**
 * A date as written, with the parts the words gave: "16 Nov" has no year, "November" no day, "Monday" only a
 * weekday. Numeric dates are day first (16/11/2026, 16.11.26), as in the operators' markets; ISO dates
 * (2026-11-16) are year first.
 */
export interface PartialDate {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
}

const ORDINAL_SUFFIX = '(?:st|nd|rd|th)?';
const YEAR = '\\d{4}';
const DAY_MONTH = `\\d{1,2}${ORDINAL_SUFFIX}\\s+(?:of\\s+)?${MONTH_RE}\\.?(?:,?\\s+${YEAR})?`;
const MONTH_DAY = `${MONTH_RE}\\.?\\s+\\d{1,2}${ORDINAL_SUFFIX}(?!\\d)(?:,?\\s+${YEAR})?`;
const ISO = `${YEAR}-\\d{1,2}-\\d{1,2}`;
const NUMERIC_WITH_YEAR = '\\d{1,2}[/.]\\d{1,2}[/.](?:\\d{4}|\\d{2})(?!\\d)';
const NUMERIC = '\\d{1,2}[/.]\\d{1,2}(?:[/.](?:\\d{4}|\\d{2}))?(?![\\d/.])';

/** A date that is unmistakably one even with no word before it. */
export const STRICT_DATE_RE = `(?:${ISO}|${NUMERIC_WITH_YEAR}|${DAY_MONTH}|${MONTH_DAY})`;
/** Any single date; "16/11" is only a date after a word such as "since" or "on". */
export const DATE_RE = `(?:${ISO}|${NUMERIC}|${DAY_MONTH}|${MONTH_DAY})`;
/** A month, with or without its year: "November", "Nov 2025". */
const MONTH_YEAR_RE = `(?:${MONTH_RE}\\.?(?:,?\\s+(?:of\\s+)?${YEAR})?)`;
/** What "since", "between … and …" and "from … to …" accept. */
export const ANCHOR_RE = `(?:${DATE_RE}|${MONTH_YEAR_RE}|${WEEKDAY_RE})`;
/** A bare day of the month, as in "between 1 and 10 Nov" or "16–22 Nov". */
export const DAY_ONLY_RE = `(?:\\d{1,2}${ORDINAL_SUFFIX})`;

function fullYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

function checked(date: PartialDate, written: string): PartialDate {
  const { year, month, day } = date;
  if (month !== undefined && !(month >= 1 && month <= 12)) {
    throw new TimeWindowError(
      `${written} has no month ${month} (numeric dates are day first: 16/11/2026 is 16 November)`,
      written,
    );
  }
  if (day !== undefined) {
    // With no year yet, 29 February stays possible: it resolves to the latest leap year.
    const max = month === undefined ? 31 : daysInMonth(year ?? 2000, month);
    if (!(day >= 1 && day <= max)) {
      const where = month === undefined ? 'a month' : `${MONTH_NAMES[month - 1]}${year ? ` ${year}` : ''}`;
      throw new TimeWindowError(`${written} is not a date: ${where} has no day ${day}`, written);
    }
  }
  return date;
}

const PARSERS: [RegExp, (m: RegExpExecArray) => PartialDate][] = [
  [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })],
  [
    /^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?$/,
    (m) => ({ day: Number(m[1]), month: Number(m[2]), ...(m[3] ? { year: fullYear(m[3]) } : {}) }),
  ],
  [
    new RegExp(`^(\\d{1,2})${ORDINAL_SUFFIX}\\s+(?:of\\s+)?(${MONTH_RE})\\.?(?:,?\\s+(${YEAR}))?$`),
    (m) => ({ day: Number(m[1]), month: monthNumber(m[2] ?? ''), ...(m[3] ? { year: Number(m[3]) } : {}) }),
  ],
  [
    new RegExp(`^(${MONTH_RE})\\.?\\s+(\\d{1,2})${ORDINAL_SUFFIX}(?:,?\\s+(${YEAR}))?$`),
    (m) => ({ month: monthNumber(m[1] ?? ''), day: Number(m[2]), ...(m[3] ? { year: Number(m[3]) } : {}) }),
  ],
  [
    new RegExp(`^(${MONTH_RE})\\.?(?:,?\\s+(?:of\\s+)?(${YEAR}))?$`),
    (m) => ({ month: monthNumber(m[1] ?? ''), ...(m[2] ? { year: Number(m[2]) } : {}) }),
  ],
  [new RegExp(`^(${WEEKDAY_RE})$`), (m) => ({ weekday: weekdayNumber(m[1] ?? '') })],
  [new RegExp(`^(\\d{1,2})${ORDINAL_SUFFIX}$`), (m) => ({ day: Number(m[1]) })],
];

/** Reads one of the date forms above (lower-case, as matched); throws TimeWindowError for impossible dates. */
export function parsePartialDate(text: string): PartialDate {
  const normalized = text.trim().replace(/\s+/g, ' ');
  for (const [re, build] of PARSERS) {
    const m = re.exec(normalized);
    if (m) return checked(build(m), text.trim());
  }
  throw new TimeWindowError(`${text} is not a date`, text);
}

function isValid(year: number, month: number, day: number): boolean {
  return day <= daysInMonth(year, month);
}

/** The weekday on or before `day` (strictly before when `strict`). */
export function weekdayOnOrBefore(weekday: number, day: CivilDate, strict: boolean): CivilDate {
  const back = (isoWeekday(day) - weekday + 7) % 7;
  return addDays(day, back === 0 && strict ? -7 : -back);
}

/** "the 30th" alone: the latest month whose 30th has begun. */
function latestDayOfMonth(day: number, today: CivilDate, written: string): CivilDate {
  for (let back = 0; back <= 12; back++) {
    const { year, month } = addMonths(today, -back);
    const candidate = { year, month, day };
    if (isValid(year, month, day) && compareDates(candidate, today) <= 0) return candidate;
  }
  throw new TimeWindowError(`${written} is not a day of the month`, written);
}

/**
 * The first day a written date can mean: with a year, exactly that; without one, the latest such day that has
 * begun by `today` ("in December" asked in January is last December). A month alone means its 1st.
 */
export function latestStart(date: PartialDate, today: CivilDate, written: string): CivilDate {
  if (date.weekday !== undefined) return weekdayOnOrBefore(date.weekday, today, false);
  if (date.month === undefined && date.day !== undefined) return latestDayOfMonth(date.day, today, written);
  const month = date.month ?? today.month;
  const day = date.day ?? 1;
  if (date.year !== undefined) return { year: date.year, month, day };
  for (let year = today.year; year >= today.year - 8; year--) {
    const candidate = { year, month, day };
    if (isValid(year, month, day) && compareDates(candidate, today) <= 0) return candidate;
  }
  throw new TimeWindowError(`${written} is not a date in the last 8 years`, written);
}

/**
 * The last day of a written range's end, on or after `start`: "between 20 Dec and 5 Jan" ends in the January
 * after; a month alone means its last day.
 */
export function earliestEndOnOrAfter(date: PartialDate, start: CivilDate, written: string): CivilDate {
  if (date.weekday !== undefined) return addDays(start, (date.weekday - isoWeekday(start) + 7) % 7);
  const month = date.month ?? start.month;
  const lastDay = (year: number) => date.day ?? daysInMonth(year, month);
  const years = date.year !== undefined ? [date.year] : [start.year, start.year + 1, start.year + 4];
  for (const year of years) {
    const candidate = { year, month, day: lastDay(year) };
    if (isValid(year, month, candidate.day) && compareDates(candidate, start) >= 0) return candidate;
  }
  throw new TimeWindowError(`${written} ends before it starts`, written);
}
