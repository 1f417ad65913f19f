import type { GroupBy, Metric, SeriesBy } from '@sa/shared';
import { hasWords } from './text.ts';

/** What the question asks to compute, read from its wording; null when it names no metric. */
export interface MetricIntent {
  metric: Metric;
  group_by?: GroupBy;
  series_by?: SeriesBy;
}

const has = hasWords;

const TOPIC_KEY =
  'topics?|categor(?:y|ies)|issues?|reasons?|themes?|subjects?|problems?|kinds?|types?|labels?|areas?|complaints?|questions?|requests?|contact reasons?';
const SOURCE_KEY = 'sources?|channels?|platforms?|origins?';
const SENTIMENT_KEY = 'sentiments?|moods?|tones?|emotions?|feelings?|attitudes?';
const GROUPING =
  'by|per|across|split by|split|broken down by|break(?:ing)? (?:it |that |them |this )?down by|breakdown by|grouped by|group by|for each|each|for every|every';
const RANKING =
  'top|most common|most frequent|most popular|main|biggest|largest|leading|frequent|common|which|what|distribution of|mix of';

const COUNT_WORD = '(?:\\d{1,3}|three|five|ten) ';

function keyAfter(text: string, words: string): SeriesBy | null {
  const lead = `(?:${words}) (?:the )?(?:${COUNT_WORD})?(?:most )?(?:common |frequent |popular |main |biggest )?`;
  if (has(text, `${lead}(?:${TOPIC_KEY})`)) return 'topic';
  if (has(text, `${lead}(?:${SOURCE_KEY})`)) return 'source';
  if (has(text, `${lead}(?:${SENTIMENT_KEY})`)) return 'sentiment';
  return null;
}

/** "sentiment breakdown", "topic split": the key named before the breakdown word. */
function keyBefore(text: string): SeriesBy | null {
  const tail = ' (?:breakdown|break down|split|distribution|mix|composition)';
  if (has(text, `(?:${TOPIC_KEY})${tail}`)) return 'topic';
  if (has(text, `(?:${SOURCE_KEY})${tail}`)) return 'source';
  if (has(text, `(?:${SENTIMENT_KEY})${tail}`)) return 'sentiment';
  return null;
}

const EXAMPLES =
  'examples?|example messages|samples?|sample messages|quotes?|verbatims?|verbatim|excerpts?|' +
  'what (?:are|were|did|do|have) (?:the )?(?:\\w+ ){0,2}(?:they|people|players|customers|users|clients|folks) (?:actually )?(?:say|saying|said|write|writing|wrote|written|tell|telling|told|asking|complaining|talking)|' +
  'what (?:the )?(?:\\w+ ){0,2}(?:people|players|customers|users|clients) (?:actually )?(?:say|said|wrote|write|are saying|are writing|have written|told us)|show (?:me )?what|' +
  'word for word|ejemplos?|beispiele?|примеры|(?:ok |so |and |now )?(?:show|give|list|pull) (?:me )?(?:a few|some|a couple|a couple of them|more|a sample|\\d+)$';
/** "show me 5 angry withdrawal messages": a listing, unless the question names another metric too. */
const SHOW_MESSAGES =
  '(?:show|list|pull|pull up|give|display|read|see|find) (?:me )?(?:\\w+ ){0,5}(?:messages|msgs|chats|texts|ones|them|those|these|conversations|complaints|tickets)';
const WEEKDAY = 'weekdays?|day of (?:the )?week|days of (?:the )?week|week ?days?|which days? of the week';
const HOUR_OF_DAY =
  'hours? of (?:the )?day|times? of (?:the )?day|time of day|which hours?|what hours?|busiest hours?|peak hours?|quietest hours?|what time|which time|hour of day';
const HOURLY = 'hourly|per hour|by hour|by the hour|each hour|every hour|hour by hour';
const WEEKLY = 'weekly|per week|by week|each week|every week|week by week';
const DAILY =
  'daily|per day|by day|each day|every day|day by day|per date|by date|day to day|which day|what day|busiest day|quietest day';
const TREND =
  'trends?|trending|over time|timeline|time series|timeseries|chart|graph|plot|evolution|evolved|evolving|developed|development|history|curve|spikes?|spiked|peaks?|progression|tendenc\\w+|dynamics';
const BREAKDOWN_WORDS =
  'breakdown|break down|broken down|break it down|break that down|distribution|split|mix|composition|group by|grouped';
const ABOUT_WHAT =
  'what (?:were|are|was|is) (?:they|those|these|them|it|that) (?:all |mostly |mainly )?about|what (?:topics|issues) (?:were|are) (?:they|those|these)|' +
  'what (?:are|were|is|was|do|did) (?:people|customers|players|they|users|clients|folks) (?:mostly |mainly |usually )?(?:complaining|asking|writing|talking|contacting us|messaging|reaching out|angry|upset|happy|unhappy|mad) about|' +
  'what (?:do|did) (?:people|customers|players|they|users|clients) (?:mostly |mainly )?(?:complain|ask|write|talk) about|why (?:are|were|do|did) (?:people|customers|players|they) (?:contact|write|complain)';
const SHARE =
  'percent|percentage|percentages|pct|%|share|proportion|fraction|ratio|rate|part of|portion|how much of|how big a part|what part|porcentaje|prozent|процент\\w*';

const REPORT_NAMES =
  /(^| )(?:weekly|daily|monthly|quarterly|yearly|annual)(?= (?:report|reports|reporting|meeting|review|update|deck|call|standup|sync|email|slides)(?: |$))/g;

/** "the weekly report", "our daily standup" name a document, not a bucket: the adjective is dropped. */
export function withoutReportNames(text: string): string {
  return text.replace(REPORT_NAMES, '$1').replace(/ {2,}/g, ' ').trim();
}

/** Reads the metric, grouping and series split a question asks for. */
export function readMetric(text: string): MetricIntent | null {
  // "what do people write about (on Telegram)?" asks for topics; "what do people write about free spins" for examples.
  if (
    has(
      text,
      `(?:${ABOUT_WHAT})(?= (?:on|in|via|from|lately|recently|mostly|most|the most|now|today|yesterday)(?: |$)|$)`,
    )
  ) {
    return { metric: 'breakdown', group_by: 'topic' };
  }
  if (
    has(
      text,
      'why (?:are|were|do|did|does|is) (?:people|customers|players|they|users|clients|everyone) (?:contact|writ|complain|messag|reach)\\w*',
    )
  ) {
    return { metric: 'breakdown', group_by: 'topic' };
  }
  if (has(text, EXAMPLES)) return { metric: 'examples' };
  if (has(text, 'where (?:are|were|do|did|does|is|was) (?:\\w+ ){0,5}(?:coming|come|came|comes)(?: from)?')) {
    return { metric: 'breakdown', group_by: 'source' };
  }
  const other = readOtherMetric(text);
  if (other && other.metric !== 'count') return other;
  if (has(text, SHOW_MESSAGES) && !other) return { metric: 'examples' };
  return other;
}

function readOtherMetric(text: string): MetricIntent | null {
  if (has(text, WEEKDAY)) return { metric: 'breakdown', group_by: 'weekday' };
  if (has(text, HOUR_OF_DAY)) return { metric: 'breakdown', group_by: 'hour_of_day' };
  const hourly = has(text, HOURLY);
  const weekly = has(text, WEEKLY);
  const daily = has(text, DAILY);
  if (hourly || weekly || daily || has(text, TREND)) {
    const group_by: GroupBy = hourly ? 'hour' : weekly ? 'week' : 'day';
    const series = keyAfter(text, GROUPING);
    return { metric: 'timeseries', group_by, ...(series ? { series_by: series } : {}) };
  }
  const grouped =
    keyAfter(text, GROUPING) ??
    keyAfter(text, RANKING) ??
    (has(text, '(?:most|least) (?:\\w+ ){1,2}(?:topics?|categor(?:y|ies)|issues?|reasons?|complaints?)')
      ? 'topic'
      : null);
  if (grouped) return { metric: 'breakdown', group_by: grouped };
  if (has(text, BREAKDOWN_WORDS)) {
    return { metric: 'breakdown', group_by: keyBefore(text) ?? keyAfter(text, 'of|in|across') ?? 'topic' };
  }
  if (has(text, 'overview|summary|summari[sz]e|recap|rundown|wrap up|highlights')) {
    return { metric: 'breakdown', group_by: 'topic' };
  }
  if (has(text, SHARE)) return { metric: 'share' };
  if (
    has(
      text,
      'how many|number of|count|counts|total|volume|amount of|cuantos|cuantas|wie viele|сколько|quantos',
    )
  ) {
    return { metric: 'count' };
  }
  // A bare key ("the sentiment for deposits", "topics on Telegram") asks for a breakdown by it.
  if (has(text, SENTIMENT_KEY)) return { metric: 'breakdown', group_by: 'sentiment' };
  if (has(text, 'sources|channels|platforms')) return { metric: 'breakdown', group_by: 'source' };
  if (has(text, 'topics|categories|themes')) return { metric: 'breakdown', group_by: 'topic' };
  return null;
}

const STRONG_COMPARISON =
  'compare\\w*|comparison|vs|versus|against|relative to|week over week|month over month|day over day|wow|mom|dod|period before|previous period|prior period|the (?:week|month|day|quarter|year|period) before|side by side';
const WEAK_COMPARISON =
  'than|how (?:has|have|did|do|does) (?:\\w+ ){0,6}(?:chang\\w*|develop\\w*|evolv\\w*|move[ds]?|compare)|increase[ds]?|decrease[ds]?|went up|gone up|go up|going up|went down|gone down|go down|going down|grow|grew|growth|growing|rise|rose|risen|rising|up or down|more or less|better or worse|trending (?:up|down)|' +
  '^(?:so |and |ok )?(?:are|is|were|was|have|has) (?:\\w+ ){1,5}(?:up|down|higher|lower|rising|falling|climbing|dropping)';

/** "compare with…", "vs last week" (strong) or "did it go up" (weak: not enough on its own for a trend). */
export function comparisonStrength(text: string): 'strong' | 'weak' | null {
  if (has(text, STRONG_COMPARISON)) return 'strong';
  return has(text, WEAK_COMPARISON) ? 'weak' : null;
}

/** "Telegram vs LiveChat": both sources named side by side means a breakdown by source. */
export function contrastsSources(text: string): boolean {
  return (
    has(
      text,
      '(?:telegram|tg) (?:vs|versus|or|and|compared to|compared with|against) (?:on |in |via |from )?(?:live ?chat|lc)',
    ) ||
    has(
      text,
      '(?:live ?chat|lc) (?:vs|versus|or|and|compared to|compared with|against) (?:on |in |via |from )?(?:telegram|tg)',
    ) ||
    has(text, 'which (?:source|channel|platform)')
  );
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  fifty: 50,
  hundred: 100,
};

/** "top 5", "10 examples", "three messages": the limit a question asks for. */
export function readLimit(text: string, metric: Metric): number | null {
  const num = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|fifty|hundred)';
  const patterns =
    metric === 'examples'
      ? [
          `(?:^| )${num} (?:[\\p{L}]+ ){0,3}(?:examples?|messages?|msgs|quotes?|samples?|chats?|ones|texts?|verbatims?|complaints?)(?: |$)`,
          `(?:^| )(?:top|first|last|latest|newest) ${num}(?: |$)`,
        ]
      : [
          `(?:^| )(?:top|first|best|worst|biggest) ${num}(?: |$)`,
          `(?:^| )${num} (?:most|biggest|top|main|largest)(?: |$)`,
        ];
  for (const p of patterns) {
    const m = new RegExp(p, 'u').exec(text);
    if (m?.[1]) {
      const n = /^\d+$/.test(m[1]) ? Number(m[1]) : (NUMBER_WORDS[m[1]] ?? 0);
      if (n >= 1 && n <= 100) return n;
    }
  }
  return null;
}
