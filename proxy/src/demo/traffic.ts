import type { Sentiment, Topic } from '@sa/shared';
import type { DemoIncident } from './incidents.ts';
import type { Rng } from './random.ts';

/**
 * When players write and what about: evening peaks, busier weekends with more
 * sports-bet questions, slow growth over the range, and the incidents'
 * tilt on top.
 */
const HOUR_WEIGHT = [
  0.55, 0.4, 0.3, 0.22, 0.18, 0.18, 0.25, 0.35, 0.5, 0.6, 0.7, 0.75, 0.8, 0.8, 0.85, 0.9, 0.95, 1.05, 1.2,
  1.35, 1.45, 1.5, 1.3, 0.9,
];
/** Sunday first, as Date.getUTCDay() counts. */
const WEEKDAY_WEIGHT = [1.22, 0.92, 0.88, 0.9, 0.95, 1.05, 1.2];
const WEEKEND_SPORTS_HOURS = { from: 13, to: 22, factor: 1.3 };

const TOPIC_WEIGHT: Record<Topic, number> = {
  withdrawal: 22,
  deposit: 18,
  bonus: 13,
  game_issue: 11,
  verification: 9,
  account_access: 9,
  technical: 6,
  other: 7.5,
  account_details: 4,
  responsible_gambling: 2.5,
};

const SENTIMENT_BY_TOPIC: Record<Topic, Record<Sentiment, number>> = {
  withdrawal: { neutral: 0.44, negative: 0.3, angry: 0.14, positive: 0.12 },
  deposit: { neutral: 0.52, negative: 0.22, angry: 0.1, positive: 0.16 },
  bonus: { neutral: 0.52, negative: 0.2, angry: 0.1, positive: 0.18 },
  game_issue: { neutral: 0.45, negative: 0.27, angry: 0.16, positive: 0.12 },
  verification: { neutral: 0.55, negative: 0.24, angry: 0.08, positive: 0.13 },
  account_access: { neutral: 0.58, negative: 0.2, angry: 0.08, positive: 0.14 },
  technical: { neutral: 0.5, negative: 0.28, angry: 0.12, positive: 0.1 },
  responsible_gambling: { neutral: 0.55, negative: 0.3, angry: 0.05, positive: 0.1 },
  account_details: { neutral: 0.72, negative: 0.12, angry: 0.05, positive: 0.11 },
  other: { neutral: 0.52, negative: 0.09, angry: 0.07, positive: 0.32 },
};

/** Which topics a message about the key topic also touches, and how often relative to each other. */
const COMPANIONS: Record<Exclude<Topic, 'other'>, Partial<Record<Topic, number>>> = {
  deposit: { bonus: 4, withdrawal: 2, technical: 1.5, verification: 0.5 },
  withdrawal: { verification: 4, bonus: 2, deposit: 1.5, account_access: 1, account_details: 0.5 },
  verification: { withdrawal: 4, account_access: 2, account_details: 1.5 },
  account_access: { verification: 2, technical: 2.5, withdrawal: 1 },
  bonus: { deposit: 4, withdrawal: 2, game_issue: 2 },
  game_issue: { technical: 3, bonus: 2 },
  technical: { game_issue: 2, account_access: 2, deposit: 1.5 },
  responsible_gambling: { bonus: 1, deposit: 1, account_details: 1 },
  account_details: { verification: 2, withdrawal: 1 },
};

const MULTI_TOPIC_RATE = 0.25;
const THIRD_TOPIC_RATE = 0.08;

export interface TrafficLabels {
  topics: Topic[];
  sentiment: Sentiment;
}

function isWeekend(date: Date): boolean {
  const day = date.getUTCDay();
  return day === 0 || day === 6;
}

function timeWeight(ms: number, startMs: number, endMs: number): number {
  const date = new Date(ms);
  const hour = date.getUTCHours();
  const sports =
    isWeekend(date) && hour >= WEEKEND_SPORTS_HOURS.from && hour < WEEKEND_SPORTS_HOURS.to
      ? WEEKEND_SPORTS_HOURS.factor
      : 1;
  const trend = 0.85 + 0.25 * ((ms - startMs) / (endMs - startMs));
  return (HOUR_WEIGHT[hour] ?? 1) * (WEEKDAY_WEIGHT[date.getUTCDay()] ?? 1) * sports * trend;
}

const MAX_TIME_WEIGHT =
  Math.max(...HOUR_WEIGHT) * Math.max(...WEEKDAY_WEIGHT) * WEEKEND_SPORTS_HOURS.factor * 1.1;

/** A moment in [startMs, endMs) drawn by the daily and weekly rhythm (rejection sampling). */
export function sampleTime(startMs: number, endMs: number, rng: Rng): number {
  for (;;) {
    const ms = startMs + Math.floor(rng.next() * (endMs - startMs));
    if (rng.next() * MAX_TIME_WEIGHT < timeWeight(ms, startMs, endMs)) return ms;
  }
}

/** A moment inside an incident's window, following the hour-of-day rhythm. */
export function sampleIncidentTime(incident: DemoIncident, rng: Rng): number {
  const from = Date.parse(incident.from);
  const to = Date.parse(incident.to);
  for (;;) {
    const ms = from + Math.floor(rng.next() * (to - from));
    if (rng.next() * Math.max(...HOUR_WEIGHT) < (HOUR_WEIGHT[new Date(ms).getUTCHours()] ?? 1)) return ms;
  }
}

function addCompanions(primary: Topic, rng: Rng): Topic[] {
  if (primary === 'other' || !rng.chance(MULTI_TOPIC_RATE)) return [primary];
  const companions = COMPANIONS[primary];
  const second = rng.weighted(companions);
  const topics: Topic[] = [primary, second];
  if (rng.chance(THIRD_TOPIC_RATE)) {
    const rest = Object.fromEntries(Object.entries(companions).filter(([t]) => !topics.includes(t as Topic)));
    if (Object.keys(rest).length > 0) topics.push(rng.weighted(rest as Partial<Record<Topic, number>>));
  }
  return topics;
}

/** Labels for an ordinary conversation at `ms`, tilted by any incident running then. */
export function ordinaryLabels(ms: number, incidents: readonly DemoIncident[], rng: Rng): TrafficLabels {
  const weights: Record<Topic, number> = { ...TOPIC_WEIGHT };
  if (isWeekend(new Date(ms))) weights.game_issue *= 1.5;
  const active = incidents.filter((i) => Date.parse(i.from) <= ms && ms < Date.parse(i.to));
  for (const incident of active) weights[incident.topic] *= incident.baseBoost;
  const primary = rng.weighted(weights);
  const incident = active.find((i) => i.topic === primary);
  const sentiment = rng.weighted(
    incident && rng.chance(0.5) ? incident.sentiment : SENTIMENT_BY_TOPIC[primary],
  );
  return { topics: addCompanions(primary, rng), sentiment };
}

/** Labels for one of an incident's own extra conversations. */
export function incidentLabels(incident: DemoIncident, rng: Rng): TrafficLabels {
  const topics: Topic[] = [incident.topic];
  for (const [topic, rate] of Object.entries(incident.companions) as [Topic, number][]) {
    if (rng.chance(rate)) topics.push(topic);
  }
  return { topics, sentiment: rng.weighted(incident.sentiment) };
}
