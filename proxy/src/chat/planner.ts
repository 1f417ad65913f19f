import {
  AnalyticsQuery,
  type AuthorRole,
  defaultWindow,
  formatIso,
  fromCivil,
  inferCalendarUnit,
  MAX_TIMESERIES_BUCKETS,
  type Metric,
  previousWindow,
  type ResolvedWindow,
  resolveTimeWindow,
  type Sentiment,
  type ShareOf,
  type Source,
  TimeWindowError,
  type Topic,
  toCivil,
} from '@sa/shared';
import { findHits, type Hit, type Mentioned, mentioned } from './extract.ts';
import {
  comparisonStrength,
  contrastsSources,
  type MetricIntent,
  readLimit,
  readMetric,
  withoutReportNames,
} from './intent.ts';
import { EMOJI_WORDS } from './lexicon.ts';
import { REFUSAL_TEXT, type RefusalKind, refusalFor } from './scope.ts';
import { hasWords, normalize, tokens } from './text.ts';

export interface Clock {
  now: Date;
  timeZone: string;
}

/** Where the queried window came from: the question's own time words, the conversation, or the default. */
export type WindowOrigin = 'words' | 'inherited' | 'default';

export type Plan =
  | { kind: 'query'; query: AnalyticsQuery; windowOrigin: WindowOrigin; followUp: boolean }
  | { kind: 'refusal'; reason: RefusalKind; answer: string }
  | { kind: 'clarify'; answer: string };

export const CLARIFY_TEXT =
  'I answer questions about this site’s support messages. Try e.g. “How many withdrawal complaints last week?”, “Top topics this month by volume”, “Share of angry messages on Telegram yesterday”, “Deposit messages per day since Monday” or “Show me examples of KYC complaints”.';

const DAY_MS = 86_400_000;
const BUCKET_MS = { day: DAY_MS, week: 7 * DAY_MS, hour: DAY_MS / 24 } as const;

const has = hasWords;

const SMALL_TALK =
  /^(?:hi|hello|hey|hiya|yo|thanks?|thank you|thx|ty|ok|okay|cool|great|nice|perfect|awesome|good|bye|cheers|got it|understood|sure|yes|no|help|what can you do|who are you)(?: (?:there|you|so much|a lot|bot|again|please|thanks))*$/;

const ANALYTIC_WORDS =
  'messages?|msgs?|chats?|tickets?|contacts?|conversations?|requests?|queries|inquiries|enquiries|questions|cases|volume|stats|statistics|numbers|figures|players?|customers?|users?|clients?|support|traffic|mentions?|how many|how much|people';

const FOLLOW_UP_START =
  'and|what about|how about|same|only|just|now|also|but|ok|okay|then|so|plus|vs|versus|compare|compared|what if|break|split|drop|remove|clear|forget|undo|make it|y|und|e|и|а|of those|of them|of these|among them|among those|those|them|these|excluding|exclude|except|without|instead|switch|narrow|filter|limit|restrict|drill|again|do the same|what was it|by|per|in|on|for|with|from|over|during|across|including|include|show me those|show those|show them|same thing|ditto|repeat|redo|rerun';
const ANAPHORA = 'those|them|these|same|the ones|ones|that number|that figure|the same|instead';
const CLEAR_SOURCES =
  'all sources|both sources|both channels|all channels|any source|any channel|every channel|everywhere|all platforms|both platforms|regardless of (?:the )?(?:source|channel)';
const CLEAR_TOPICS = 'all topics|any topic|every topic|regardless of (?:the )?topic|all categories';
const CLEAR_SENTIMENTS =
  'all sentiments|any sentiment|every sentiment|regardless of (?:the )?sentiment|whatever the sentiment|all moods';
// Not "in total": "how many in total?" after a series asks for the same messages' sum.
const CLEAR_ALL =
  'all messages|everything|overall|in general|across the board|no filters?|without filters?|reset';
const UNION = 'too|as well|also include|include|including|add|plus|and also';

/** Finds the question's time words in reading order; a second window matters for "last month vs this month". */
function findWindows(
  question: string,
  clock: Clock,
): { first: ResolvedWindow | null; second: ResolvedWindow | null } {
  const one = resolveTimeWindow(question, clock.now, clock.timeZone);
  if (!one) return { first: null, second: null };
  const at = question.toLowerCase().indexOf(one.phrase.toLowerCase());
  const rest =
    at >= 0
      ? `${question.slice(0, at)}${' '.repeat(one.phrase.length)}${question.slice(at + one.phrase.length)}`
      : '';
  const two = rest.trim() === '' ? null : resolveTimeWindow(rest, clock.now, clock.timeZone);
  if (!two) return { first: one, second: null };
  const atTwo = rest.toLowerCase().indexOf(two.phrase.toLowerCase());
  return atTwo < at ? { first: two, second: one } : { first: one, second: two };
}

function withoutPhrases(question: string, phrases: string[]): string {
  let text = question;
  for (const phrase of phrases) {
    const at = text.toLowerCase().indexOf(phrase.toLowerCase());
    if (at >= 0) text = `${text.slice(0, at)} ${text.slice(at + phrase.length)}`;
  }
  return text;
}

const COMPARE_MARKER = /\b(?:compar\w*|vs\.?|versus|against|than|relative to)\b/i;

/**
 * The window asked about. With a comparison, "last month vs this month" asks about this month (compared with
 * the one before), and "compared to last week" names the period compared with: the question is about the
 * period after it (this week so far).
 */
function currentWindow(
  question: string,
  first: ResolvedWindow,
  second: ResolvedWindow | null,
  comparing: boolean,
  clock: Clock,
): ResolvedWindow {
  if (!comparing) return first;
  if (second && Date.parse(second.from) > Date.parse(first.from)) return second;
  if (second) return first;
  const marker = COMPARE_MARKER.exec(question);
  const at = question.toLowerCase().indexOf(first.phrase.toLowerCase());
  const gap = marker ? question.slice(marker.index + marker[0].length, at).trim() : '';
  if (
    marker &&
    at > marker.index &&
    /^(?:to|with|against|the|and)?$/i.test(gap) &&
    first.unit &&
    !first.to_date
  ) {
    const words = first.unit === 'day' ? 'today' : `this ${first.unit}`;
    const after = resolveTimeWindow(words, clock.now, clock.timeZone);
    if (after && after.from === first.to) return after;
  }
  return first;
}

const SHARE_WORDS = new Set([
  'percent',
  'percentage',
  '%',
  'share',
  'proportion',
  'fraction',
  'ratio',
  'rate',
  'part',
  'portion',
  'pct',
]);
const SEGMENT_OPENERS = new Set(['of', 'among', 'for', 'within', 'amongst']);
/** Words that end a denominator phrase ("of all deposit messages, what percent…"). */
const SEGMENT_BREAK = new Set(['what', 'how', 'which', ...SHARE_WORDS]);
const SEGMENT_SKIP = new Set(['the', 'all', 'our', 'total', 'those', 'these', 'them']);
const SEGMENT_END = new Set([
  'were',
  'was',
  'are',
  'is',
  'came',
  'come',
  'had',
  'have',
  'got',
  'get',
  'that',
  'which',
  'who',
  'where',
  'turned',
  'ended',
  'mention',
  'mentioned',
  'mentioning',
  'involve',
  'involved',
  'related',
  'concerned',
  'about',
  'on',
  'in',
  'during',
  'from',
  'via',
  'through',
  'with',
  'by',
  'did',
  'do',
  'does',
  'sent',
  'flagged',
  'labelled',
  'labeled',
  'classified',
  'tagged',
  'showed',
  'show',
  'contain',
  'contained',
  'containing',
]);

/** A source after these words narrows the numerator ("came from Telegram"); "on Telegram" narrows both. */
const SOURCE_VERBS = new Set([
  'came',
  'come',
  'comes',
  'from',
  'via',
  'through',
  'arrived',
  'sent',
  'were',
  'was',
  'are',
  'is',
]);

/** The token span of a share's denominator: "what % of [withdrawal messages] were angry", "angry rate for [bonuses]". */
function denominatorSpan(toks: string[]): [number, number] | null {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as string;
    const opensAfterShareWord = SHARE_WORDS.has(t) && SEGMENT_OPENERS.has(toks[i + 1] ?? '');
    const opensAlone =
      t === 'among' || t === 'amongst' || (t === 'out' && toks[i + 1] === 'of') || (i === 0 && t === 'of');
    if (!opensAfterShareWord && !opensAlone) continue;
    let start = opensAlone && t !== 'out' ? i + 1 : i + 2;
    while (SEGMENT_SKIP.has(toks[start] ?? '')) start++;
    let end = start;
    while (
      end < toks.length &&
      !SEGMENT_END.has(toks[end] as string) &&
      !SEGMENT_BREAK.has(toks[end] as string)
    )
      end++;
    if (end > start) return [start, end];
  }
  return null;
}

function shareOfFromSpan(
  toks: string[],
  hits: Hit[],
  span: [number, number] | null,
): { inside: Mentioned; outside: Hit[] } | null {
  if (!span) return null;
  const inside = hits.filter((h) => h.start >= span[0] && h.end <= span[1]);
  const outside = hits.filter(
    (h) =>
      (h.end <= span[0] || h.start >= span[1]) &&
      !h.negated &&
      h.dimension !== 'roles' &&
      (h.dimension !== 'sources' ||
        SOURCE_VERBS.has(toks[h.start - 1] ?? '') ||
        SOURCE_VERBS.has(toks[h.start - 2] ?? '')),
  );
  if (inside.length === 0 || outside.length === 0) return null;
  return { inside: mentioned(inside), outside };
}

/**
 * "what % of withdrawal msgs on telegram were angry": a source named with "on" narrows the denominator too, so it
 * belongs in share_of (a share_of without sources counts every source, analytics.md); "came from telegram"
 * narrows only the numerator.
 */
function withSharedSources(
  share: ShareOf | undefined,
  numeratorOnly: Hit[],
  sources: Source[] | undefined,
): ShareOf | undefined {
  if (!share || share.sources || !sources || numeratorOnly.some((h) => h.dimension === 'sources'))
    return share;
  return { ...share, sources };
}

function shareOf(
  parts: Partial<Record<'topics' | 'sentiments' | 'sources', string[] | null | undefined>>,
): ShareOf | undefined {
  const share: ShareOf = {};
  if (parts.topics?.length) share.topics = parts.topics as Topic[];
  if (parts.sentiments?.length) share.sentiments = parts.sentiments as Sentiment[];
  if (parts.sources?.length) share.sources = parts.sources as Source[];
  return Object.keys(share).length > 0 ? share : undefined;
}

function sameSet(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((v) => b.includes(v));
}

/** A share whose denominator only restates the filter's sources is the plain share (analytics.md). */
function simplifyShareOf(share: ShareOf | undefined, sources: Source[] | undefined): ShareOf | undefined {
  if (!share) return undefined;
  if (!share.topics && !share.sentiments && sameSet(share.sources, sources)) return undefined;
  return share;
}

const TEXT_STOP_WORDS = new Set(
  'the a an it that this them those these something anything about on in of for to regarding re with from by any some'.split(
    ' ',
  ),
);

/** Common time words in other languages, put into English before the shared resolver reads them. */
const FOREIGN_TIME_WORDS: [RegExp, string][] = [
  [
    /\b(?:la semana pasada|semana pasada|a semana passada|semana passada|letzte woche|la semaine derni[eè]re|la settimana scorsa|geçen hafta)\b/giu,
    'last week',
  ],
  [/(?:на прошлой неделе|прошлая неделя|за прошлую неделю)/giu, 'last week'],
  [/\b(?:esta semana|diese woche|cette semaine|questa settimana|bu hafta)\b/giu, 'this week'],
  [/(?:на этой неделе|эта неделя)/giu, 'this week'],
  [
    /\b(?:el mes pasado|mes pasado|o m[eê]s passado|letzten monat|le mois dernier|il mese scorso|geçen ay)\b/giu,
    'last month',
  ],
  [/(?:в прошлом месяце|за прошлый месяц)/giu, 'last month'],
  [/\b(?:este mes|este m[eê]s|diesen monat|ce mois-ci|questo mese|bu ay)\b/giu, 'this month'],
  [/(?:в этом месяце|за этот месяц)/giu, 'this month'],
  [/\b(?:ayer|ontem|gestern|hier|ieri|d[üu]n)\b/giu, 'yesterday'],
  [/(?:вчера)/giu, 'yesterday'],
  [/\b(?:hoy|hoje|heute|aujourd'hui|oggi|bug[üu]n)\b/giu, 'today'],
  [/(?:сегодня)/giu, 'today'],
];

/** Chat shorthand for time words ("this wk", "yday"). */
const SHORTHAND: [RegExp, string][] = [
  [/\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s\b/giu, 'on $1'],
  [/\b(yesterday|today)['’]s\b/giu, '$1'],
  [/\b(this|last|past|next|per|a|each|prev(?:ious)?)\s+wk\b/giu, '$1 week'],
  [/\b(this|last|past|next|per|a|each|prev(?:ious)?)\s+mth\b/giu, '$1 month'],
  [/\b(this|last|past|per|a|each|prev(?:ious)?)\s+(?:qtr|qrt)\b/giu, '$1 quarter'],
  [/\b(this|last|past|per|a|each|prev(?:ious)?)\s+yr\b/giu, '$1 year'],
  [/\b(\d+)\s*(?:wks)\b/giu, '$1 weeks'],
  [/\b(\d+)\s*(?:d)\b/giu, '$1 days'],
  [/\b(?:yday|ystd|yest)\b/giu, 'yesterday'],
  [/\b(?:tdy|2day)\b/giu, 'today'],
];

function englishTimeWords(question: string): string {
  let text = question;
  for (const [pattern, word] of EMOJI_WORDS) text = text.replace(pattern, word);
  for (const [pattern, english] of SHORTHAND) text = text.replace(pattern, english);
  for (const [pattern, english] of FOREIGN_TIME_WORDS) text = text.replace(pattern, english);
  return text;
}

const QUOTED = /["“”«»]([^"“”«»]{2,80})["“”«»]|(?:^|\s)'([^']{2,80})'(?:\s|$|[?.!,])/;

/** A quoted phrase is searched for as text, not read as topic or sentiment words. */
function quotedPhrase(question: string): { phrase: string; whole: string } | null {
  const m = QUOTED.exec(question);
  const phrase = m?.[1] ?? m?.[2];
  return m && phrase ? { phrase: phrase.trim(), whole: m[0] } : null;
}

/**
 * The text a question searches for: a quoted phrase, "the word X", or the word after "mentioning" /
 * "containing" when it is not a lexicon word. `remove` is what the lexicon must not read as a topic.
 */
function readTextFilter(question: string): { text: string; remove: string | null } | null {
  const quoted = quotedPhrase(question);
  if (quoted) return { text: quoted.phrase, remove: quoted.whole };
  const marker =
    /\b(?:(?:mention(?:s|ing|ed)?|contain(?:s|ing)?|say(?:s|ing)?|referr?ing to|that reference)\s+(?:(?:the|a|an|any|their|a\s+possible)\s+)?((?:word|phrase|term|keyword)s?\s+)?|with\s+(?:the\s+)?((?:word|phrase|term|keyword)s?\s+)|((?:key)?word|term)\s+)([\p{L}\p{N}][\p{L}\p{N}._@-]{1,40})/iu.exec(
      question,
    );
  const word = marker?.[4];
  if (!marker || !word || TEXT_STOP_WORDS.has(normalize(word))) return null;
  if (marker[1] || marker[2] || marker[3]) return { text: word, remove: word };
  // "mentioning withdrawals" names a topic; "mentioning chargeback" searches the words, not the tone they carry.
  const named = findHits(tokens(normalize(word)));
  if (named.some((h) => h.dimension === 'topics' || h.dimension === 'sources')) return null;
  return { text: word, remove: named.length > 0 ? word : null };
}

function isFollowUp(
  text: string,
  intent: MetricIntent | null,
  hits: Hit[],
  hasWindow: boolean,
  hasText: boolean,
): boolean {
  // A question that names no filter and no time ("show me examples", "trend per week") is about the same messages.
  if (hits.length === 0 && !hasWindow && !hasText) return true;
  if (new RegExp(`^(?:${FOLLOW_UP_START})(?: |$)`).test(text)) return true;
  if (has(text, ANAPHORA)) return true;
  if (
    /^(?:how many|what percent\w*|what share|what %|how much|what proportion)(?: of them| of those| were| are| was| is| came| come| did)(?: |$)/.test(
      text,
    )
  ) {
    return true;
  }
  const words = tokens(text).length;
  const asksFresh =
    /^(?:how|what|which|show|give|list|count|tell|where|when|who|why|is|are|was|were|did|do|does|can|could|please)(?: |$)/.test(
      text,
    );
  return !asksFresh && intent === null && words <= 5 && (hits.length > 0 || hasWindow);
}

interface Built {
  metric: Metric;
  intent: MetricIntent | null;
  topics?: Topic[];
  sources?: Source[];
  sentiments?: Sentiment[];
  roles?: AuthorRole[];
  text?: string;
  share_of?: ShareOf;
  compare: boolean;
  limit?: number;
}

function metricOf(intent: MetricIntent | null): Metric {
  return intent?.metric ?? 'count';
}

const CONTRAST_WORDS = new Set(['vs', 'versus', 'or', 'against', 'compared', 'compare']);

/** "deposits vs withdrawals", "angry or negative?" asked as a contrast: a breakdown over the values named. */
function contrastedDimension(toks: string[], hits: Hit[]): 'topic' | 'sentiment' | null {
  for (let i = 1; i < hits.length; i++) {
    const a = hits[i - 1] as Hit;
    const b = hits[i] as Hit;
    if (a.dimension !== b.dimension || a.negated || b.negated) continue;
    if (a.dimension !== 'topics' && a.dimension !== 'sentiments') continue;
    const between = toks.slice(a.end, b.start).filter((t) => t !== 'to' && t !== 'with' && t !== 'the');
    if (between.length === 1 && CONTRAST_WORDS.has(between[0] as string) && between[0] !== 'or') {
      return a.dimension === 'topics' ? 'topic' : 'sentiment';
    }
  }
  return null;
}

const PERIOD_UNIT = '(week|month|day|quarter|year|period|fortnight)';
const PERIOD_BEFORE = new RegExp(
  `(?:^| )(?:the )?(?:${PERIOD_UNIT} (?:before|prior)(?: that| it| this| then)?|(?:previous|prior|preceding) ${PERIOD_UNIT}|one before(?: that)?)(?= |$)`,
);
const ASKS_COMPARISON = /(?:^| )(?:compar\w*|vs|versus|against|relative|with the|to the)(?: |$)/;
const DAY_LENGTHS: Record<string, number> = { day: 1, week: 7, fortnight: 14 };

/**
 * "and the week before?" after a question about last week: the same question for the period just before the
 * inherited window (the previous unit of the same kind, analytics.md), unless it asks for a comparison.
 */
function periodBefore(normalized: string, previous: AnalyticsQuery, clock: Clock): ResolvedWindow | null {
  const m = PERIOD_BEFORE.exec(normalized);
  if (!m || ASKS_COMPARISON.test(normalized)) return null;
  const word = m[1] ?? m[2] ?? 'period';
  const { from, to } = previous.filters;
  const unit = inferCalendarUnit(from, to, clock.timeZone, clock.now);
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  const fits = unit
    ? word === 'period' || word === unit.unit
    : word === 'period' || Math.abs(days - (DAY_LENGTHS[word] ?? Number.NaN)) < 0.1;
  if (!fits) return null;
  // Asked after "this week" (to date), "the week before" is all of last week, not its first days.
  const before = previousWindow(
    { from, to, unit: unit?.unit ?? null, to_date: unit?.to_date ?? false },
    clock.timeZone,
  );
  const whole = unit?.to_date ? { ...before, to: from, to_date: false } : before;
  return { ...whole, phrase: m[0].trim(), label: '' };
}

/** "yesterday vs the same day last week": compare_previous would take the day before, so this is read apart. */
const SAME_DAY_LAST_WEEK =
  /(?:\b(?:vs\.?|versus|compared\s+(?:to|with)|against|and)\s+)?(?:the\s+)?same\s+(?:day|weekday)\s+(?:(?:of\s+)?last|a|the\s+previous|previous|the)\s+week(?:\s+before)?\b/i;

/** The start of the day seven days before `from` in the zone (a calendar week back, DST-safe). */
function weekEarlier(from: string, timeZone: string): string {
  const day = toCivil(Date.parse(from), timeZone);
  const back = new Date(Date.UTC(day.year, day.month - 1, day.day - 7));
  return formatIso(
    fromCivil(
      {
        year: back.getUTCFullYear(),
        month: back.getUTCMonth() + 1,
        day: back.getUTCDate(),
        hour: 0,
        minute: 0,
        second: 0,
        millisecond: 0,
      },
      timeZone,
    ),
    timeZone,
  );
}

/** Turns one question (and the conversation's last query, for follow-ups) into a query, a refusal or a hint. */
export function planQuestion(asked: string, previous: AnalyticsQuery | null, clock: Clock): Plan {
  const spoken = englishTimeWords(asked);
  const sameDayLastWeek = SAME_DAY_LAST_WEEK.test(spoken);
  const question = sameDayLastWeek ? spoken.replace(SAME_DAY_LAST_WEEK, ' ') : spoken;
  const normalized = normalize(question);
  // Words searched for ("mentioning competitors", "containing 'ignore all rules'") are data, not the ask.
  const searchedFor = readTextFilter(question);
  const asks = searchedFor
    ? normalize(question.replace(searchedFor.remove ?? searchedFor.text, ' '))
    : normalized;
  const refusal = refusalFor(asks, asked);
  if (refusal) return { kind: 'refusal', reason: refusal, answer: REFUSAL_TEXT[refusal] };
  if (normalized === '' || SMALL_TALK.test(normalized)) return { kind: 'clarify', answer: CLARIFY_TEXT };

  let windows: { first: ResolvedWindow | null; second: ResolvedWindow | null };
  const shifted = previous ? periodBefore(normalized, previous, clock) : null;
  try {
    windows = shifted ? { first: shifted, second: null } : findWindows(question, clock);
  } catch (error) {
    if (error instanceof TimeWindowError) {
      return { kind: 'clarify', answer: `I couldn’t read the time frame: ${error.message}.` };
    }
    throw error;
  }
  const phrases = [windows.first?.phrase, windows.second?.phrase].filter((p): p is string => Boolean(p));
  const searched = searchedFor;
  const text = withoutReportNames(
    normalize(withoutPhrases(question, searched?.remove ? [...phrases, searched.remove] : phrases)),
  );
  const toks = tokens(text);
  const hits = findHits(toks);
  const named = mentioned(hits);
  let intent = readMetric(text);
  const contrast = contrastsSources(text);
  const explicitKey = has(text, 'topics?|categor(?:y|ies)|sentiments?|moods?');
  if (contrast && intent?.metric !== 'timeseries' && intent?.metric !== 'examples' && !explicitKey) {
    intent = { metric: 'breakdown', group_by: 'source' };
  }
  const contrasted = contrastedDimension(toks, hits);
  if (contrasted && (intent === null || intent.metric === 'count' || intent.metric === 'share')) {
    intent = { metric: 'breakdown', group_by: contrasted };
  }
  const strength =
    contrast || contrasted
      ? comparisonStrength(
          text.replace(
            /telegram|live ?chat|\bvs\b|versus|\bor\b|compared (?:to|with)|against|\bcompar(?:e|ing)(?= (?:the )?(?:telegram|live ?chat|tg|lc)\b)/g,
            '',
          ),
        )
      : comparisonStrength(text);
  const textFilter = searched?.text ?? null;
  const followUp =
    previous !== null && isFollowUp(text, intent, hits, windows.first !== null, textFilter !== null);
  const hasContent =
    hits.length > 0 ||
    intent !== null ||
    windows.first !== null ||
    strength !== null ||
    textFilter !== null ||
    (previous !== null && readLimit(text, 'breakdown') !== null) ||
    has(text, ANALYTIC_WORDS);
  if (!hasContent) return { kind: 'clarify', answer: CLARIFY_TEXT };

  const built =
    followUp && previous
      ? buildFollowUp(text, toks, hits, named, intent, strength, textFilter, previous)
      : buildFresh(text, toks, hits, named, intent, strength, textFilter);
  if (contrast && built.metric === 'breakdown' && built.intent?.group_by === 'source') delete built.sources;

  let windowOrigin: WindowOrigin;
  let from: string;
  let to: string;
  if (
    windows.first &&
    sameDayLastWeek &&
    windows.first.unit === 'day' &&
    (built.metric === 'count' || built.metric === 'timeseries')
  ) {
    // One query holds both days: a daily series from that weekday a week earlier to the day asked about.
    from = weekEarlier(windows.first.from, clock.timeZone);
    to = windows.first.to;
    windowOrigin = 'words';
    built.metric = 'timeseries';
    built.intent = { metric: 'timeseries', group_by: 'day' };
    built.compare = false;
  } else if (windows.first) {
    const w = currentWindow(question, windows.first, windows.second, built.compare, clock);
    ({ from, to } = w);
    windowOrigin = 'words';
  } else if (followUp && previous) {
    ({ from, to } = previous.filters);
    windowOrigin = 'inherited';
  } else {
    ({ from, to } = defaultWindow(clock.now, clock.timeZone));
    windowOrigin = 'default';
  }

  const query: Record<string, unknown> = {
    metric: built.metric,
    filters: {
      from,
      to,
      ...(built.topics ? { topics: built.topics } : {}),
      ...(built.sources ? { sources: built.sources } : {}),
      ...(built.sentiments ? { sentiments: built.sentiments } : {}),
      ...(built.roles ? { roles: built.roles } : {}),
      ...(built.text ? { text: built.text } : {}),
    },
    time_zone: clock.timeZone,
  };
  if (built.metric === 'breakdown' || built.metric === 'timeseries') {
    let groupBy = built.intent?.group_by ?? (built.metric === 'timeseries' ? 'day' : 'topic');
    if (built.metric === 'timeseries')
      groupBy = fitBucket(
        groupBy as 'day' | 'week' | 'hour',
        from,
        to,
        Boolean(built.intent && has(text, 'hourly|per hour|by hour|daily|per day|by day|each day')),
      );
    query.group_by = groupBy;
    if (built.metric === 'timeseries' && built.intent?.series_by) query.series_by = built.intent.series_by;
  }
  const share = built.metric === 'share' ? simplifyShareOf(built.share_of, built.sources) : undefined;
  if (share) query.share_of = share;
  if (built.compare && built.metric !== 'examples') query.compare_previous = true;
  if (built.limit && (built.metric === 'examples' || built.metric === 'breakdown')) query.limit = built.limit;

  const parsed = AnalyticsQuery.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'clarify',
      answer: `I couldn’t turn that into a query: ${issue?.message ?? 'invalid query'}.`,
    };
  }
  return { kind: 'query', query: parsed.data, windowOrigin, followUp };
}

/** Keeps a trend within the bucket limit: an implicit bucket grows to weeks for long windows. */
function fitBucket(
  bucket: 'day' | 'week' | 'hour',
  from: string,
  to: string,
  explicit: boolean,
): 'day' | 'week' | 'hour' {
  const span = Date.parse(to) - Date.parse(from);
  if (!explicit && bucket === 'day' && span > 93 * DAY_MS) return 'week';
  if (span / BUCKET_MS[bucket] <= MAX_TIMESERIES_BUCKETS) return bucket;
  return span / BUCKET_MS.day <= MAX_TIMESERIES_BUCKETS ? 'day' : 'week';
}

/** "include agents" adds to the authors counted (customers by default); "agent messages" replaces them. */
function withRoles(
  text: string,
  previous: AuthorRole[] | undefined,
  named: AuthorRole[],
): AuthorRole[] | undefined {
  const base: AuthorRole[] = previous ?? ['customer'];
  return nonCustomerRoles(has(text, UNION) ? [...new Set([...base, ...named])] : named);
}

function nonCustomerRoles(roles: AuthorRole[] | null): AuthorRole[] | undefined {
  if (!roles) return undefined;
  return roles.length === 1 && roles[0] === 'customer' ? undefined : roles;
}

function buildFresh(
  text: string,
  toks: string[],
  hits: Hit[],
  named: Mentioned,
  intent: MetricIntent | null,
  strength: 'strong' | 'weak' | null,
  textFilter: string | null,
): Built {
  const metric = metricOf(intent);
  const built: Built = {
    metric,
    intent,
    compare: strength !== null && (metric !== 'timeseries' || strength === 'strong'),
  };
  if (named.topics) built.topics = named.topics;
  if (named.sources) built.sources = named.sources;
  if (named.sentiments) built.sentiments = named.sentiments;
  const roles = named.roles ? withRoles(text, undefined, named.roles) : undefined;
  if (roles) built.roles = roles;
  if (textFilter) built.text = textFilter;
  if (metric === 'share') {
    const split = shareOfFromSpan(toks, hits, denominatorSpan(toks));
    if (split) built.share_of = withSharedSources(shareOf(split.inside), split.outside, built.sources);
  }
  const limit = readLimit(text, metric);
  if (limit) built.limit = limit;
  return built;
}

/** "what % of all messages is that": a share's denominator, not a request to drop the filters. */
const DENOMINATOR_WORDS =
  /(?:^| )(?:of|out of|among|from|versus|vs|to) (?:all|the total|total|every)(?: of)?(?: (?:the|our))?(?: \p{L}+)?(?= |$)/gu;

function mergeDimension<T extends string>(
  text: string,
  previous: T[] | undefined,
  named: T[] | null,
  clear: string,
): T[] | undefined {
  const asked = text.replace(DENOMINATOR_WORDS, ' ');
  if (has(asked, clear) || has(asked, CLEAR_ALL)) return named ?? undefined;
  if (!named) return previous;
  if (previous && has(text, UNION)) return [...new Set([...previous, ...named])];
  return named;
}

/**
 * "drop the telegram filter": values named after a removal verb leave the inherited filter, and a filter left
 * with nothing is no filter. Undefined when the follow-up removes nothing the filter had (then it excludes).
 */
function withoutRemoved<T extends string>(
  hits: Hit[],
  dimension: 'topics' | 'sources' | 'sentiments',
  previous: T[] | undefined,
): { values: T[] | undefined } | undefined {
  const removed = hits.filter((h) => h.dimension === dimension && h.removed).flatMap((h) => h.values);
  if (!previous || !removed.some((v) => previous.includes(v as T))) return undefined;
  const rest = previous.filter((v) => !removed.includes(v));
  return { values: rest.length > 0 ? rest : undefined };
}

function buildFollowUp(
  text: string,
  toks: string[],
  hits: Hit[],
  named: Mentioned,
  intent: MetricIntent | null,
  strength: 'strong' | 'weak' | null,
  textFilter: string | null,
  previous: AnalyticsQuery,
): Built {
  const prev = previous.filters;
  let nextIntent: MetricIntent | null = intent;
  if (
    intent?.metric === 'breakdown' &&
    previous.metric === 'timeseries' &&
    intent.group_by &&
    ['topic', 'source', 'sentiment'].includes(intent.group_by) &&
    !has(text, 'top|which|most|biggest|main')
  ) {
    nextIntent = {
      metric: 'timeseries',
      group_by: previous.group_by ?? 'day',
      series_by: intent.group_by as 'topic',
    };
  }
  if (
    intent?.metric === 'count' &&
    previous.metric !== 'count' &&
    !has(text, 'how many|number of|counts?|totals?|numbers|absolute|raw')
  )
    nextIntent = null;
  if (!nextIntent) {
    nextIntent = {
      metric: previous.metric,
      ...(previous.group_by ? { group_by: previous.group_by } : {}),
      ...(previous.series_by ? { series_by: previous.series_by } : {}),
    };
  }
  const metric = nextIntent.metric;
  const built: Built = { metric, intent: nextIntent, compare: false };
  const regrouped =
    metric === 'breakdown' && nextIntent.group_by !== previous.group_by ? nextIntent.group_by : null;
  const merged = <T extends string>(
    dimension: 'topics' | 'sources' | 'sentiments',
    previousValues: T[] | undefined,
    namedValues: T[] | null,
    clear: string,
  ): T[] | undefined => {
    const removal = withoutRemoved(hits, dimension, previousValues);
    return removal ? removal.values : mergeDimension(text, previousValues, namedValues, clear);
  };
  const topics = merged('topics', prev.topics, named.topics, CLEAR_TOPICS);
  const sources = merged('sources', prev.sources, named.sources, CLEAR_SOURCES);
  const sentiments = merged('sentiments', prev.sentiments, named.sentiments, CLEAR_SENTIMENTS);
  // "now group by sentiment" over messages filtered to one sentiment would be one bar: the filter gives way.
  const single = (values: string[] | undefined, key: string, namedNow: string[] | null) =>
    regrouped === key && !namedNow && values?.length === 1;
  if (topics && !single(topics, 'topic', named.topics)) built.topics = topics;
  if (sources && !single(sources, 'source', named.sources)) built.sources = sources;
  if (sentiments && !single(sentiments, 'sentiment', named.sentiments)) built.sentiments = sentiments;
  const roles = named.roles ? withRoles(text, prev.roles, named.roles) : prev.roles;
  if (roles) built.roles = roles;
  const text_ = textFilter ?? (has(text, CLEAR_ALL) ? undefined : prev.text);
  if (text_) built.text = text_;

  if (strength === 'strong' || (strength === 'weak' && metric !== 'timeseries')) built.compare = true;
  else if (previous.compare_previous && intent?.metric !== 'examples') built.compare = true;

  if (metric === 'share') {
    const ofThose = has(
      text,
      'of (?:them|those|these)|among (?:them|those|these)|out of (?:them|those|these)',
    );
    // "deposit msgs on telegram" then "what % were angry": a share of the messages just counted.
    const ofEverything = has(text, 'of all|out of all|of (?:the )?total|of everything|overall|across all');
    const narrowsThose = hits.some((h) => h.dimension !== 'roles') && !ofEverything;
    if ((ofThose || narrowsThose) && previous.metric !== 'share') {
      built.share_of = shareOf({ topics: prev.topics, sentiments: prev.sentiments, sources: prev.sources });
    } else if (previous.metric !== 'share' && !ofEverything && hits.length === 0 && prev.sentiments) {
      // "withdrawal complaints" then "as a percentage": the tone's share of those withdrawal messages.
      built.share_of = shareOf({ topics: prev.topics, sources: prev.sources });
    } else if (previous.metric === 'share') {
      const old = previous.share_of;
      if (old) {
        built.share_of = shareOf({
          topics: sameSet(old.topics, prev.topics) ? topics : old.topics,
          sentiments: sameSet(old.sentiments, prev.sentiments) ? sentiments : old.sentiments,
          sources: sameSet(old.sources, prev.sources) ? sources : old.sources,
        });
      }
    } else {
      const split = shareOfFromSpan(toks, hits, denominatorSpan(toks));
      if (split) built.share_of = shareOf(split.inside);
    }
  }
  const limit = readLimit(text, metric) ?? (metric === previous.metric ? previous.limit : undefined);
  if (limit) built.limit = limit;
  return built;
}
