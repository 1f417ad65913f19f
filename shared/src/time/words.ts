/** The English vocabulary of time words: month and weekday names, numbers written as words, unit names. */

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MONTH_WORDS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
MONTH_NAMES.forEach((name, i) => {
  MONTH_WORDS[name.toLowerCase()] = i + 1;
});

/** Month words that are also everyday English ("may", "march"): only taken as months with more context. */
export const AMBIGUOUS_MONTH_WORDS = new Set(['may', 'march', 'mar']);

const WEEKDAY_WORDS: Record<string, number> = {
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};

const SMALL_NUMBERS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** Longest first, so an alternation never stops at a prefix ("sept" before "sep"). */
function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

export const MONTH_RE = `(?:${alternation(Object.keys(MONTH_WORDS))})`;
export const WEEKDAY_RE = `(?:${alternation(Object.keys(WEEKDAY_WORDS))})`;
export const FULL_WEEKDAY_RE = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
export const NUMBER_RE = `(?:\\d+|(?:${TENS.join('|')})(?:[\\s-](?:${alternation(SMALL_NUMBERS.slice(1, 10))}))?|${alternation(SMALL_NUMBERS)}|(?:a\\s+)?couple(?:\\s+of)?|(?:a\\s+)?few)`;
export const ORDINAL_QUARTER_RE = '(?:first|second|third|fourth|1st|2nd|3rd|4th)';

export function monthNumber(word: string): number | undefined {
  return MONTH_WORDS[word.replace(/\.$/, '')];
}

export function weekdayNumber(word: string): number | undefined {
  return WEEKDAY_WORDS[word];
}

export function quarterNumber(word: string): number {
  return ORDINALS[word] ?? Number.parseInt(word, 10);
}

/** "7" → 7, "twenty-one" → 21, "a couple of" → 2, "a few" → 3. */
export function parseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (/couple/.test(text)) return 2;
  // "the past few days": three, the smallest "few" that is more than a couple.
  if (/few/.test(text)) return 3;
  if (/^an?$/.test(text)) return 1;
  return text.split(/[\s-]+/).reduce((sum, word) => {
    const tens = TENS.indexOf(word);
    return sum + (tens >= 0 ? (tens + 2) * 10 : SMALL_NUMBERS.indexOf(word));
  }, 0);
}

export type RollingUnit = 'minute' | 'hour' | 'day' | 'week' | 'fortnight' | 'month' | 'quarter' | 'year';

const UNIT_WORDS: Record<string, RollingUnit> = {
  minutes: 'minute',
  minute: 'minute',
  mins: 'minute',
  min: 'minute',
  hours: 'hour',
  hour: 'hour',
  hrs: 'hour',
  hr: 'hour',
  h: 'hour',
  days: 'day',
  day: 'day',
  d: 'day',
  weeks: 'week',
  week: 'week',
  wks: 'week',
  wk: 'week',
  w: 'week',
  fortnights: 'fortnight',
  fortnight: 'fortnight',
  months: 'month',
  month: 'month',
  mos: 'month',
  mo: 'month',
  quarters: 'quarter',
  quarter: 'quarter',
  qtrs: 'quarter',
  qtr: 'quarter',
  years: 'year',
  year: 'year',
  yrs: 'year',
  yr: 'year',
  y: 'year',
};

export const UNIT_RE = `(?:${alternation(Object.keys(UNIT_WORDS))})`;

export function rollingUnit(word: string): RollingUnit | undefined {
  return UNIT_WORDS[word];
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
