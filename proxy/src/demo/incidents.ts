import type { Sentiment, Topic } from '@sa/shared';

/**
 * The events a manager should be able to spot on the dashboard. Each one adds
 * extra conversations in its window and tilts the labels of the ordinary
 * traffic there, so it shows up as a spike in volume, topic and sentiment.
 */
export interface DemoIncident {
  id: 'kyc_backlog' | 'bonus_campaign' | 'withdrawal_delays' | 'site_outage';
  title: string;
  /** Inclusive start, ISO 8601 UTC. */
  from: string;
  /** Exclusive end, ISO 8601 UTC. */
  to: string;
  /** The topic that spikes. */
  topic: Topic;
  /** Extra customer conversations, as a share of the requested count. */
  extraShare: number;
  /** Sentiment of the incident's own conversations. */
  sentiment: Partial<Record<Sentiment, number>>;
  /** Other topics that come with it in the same message, and how often. */
  companions: Partial<Record<Topic, number>>;
  /** Weight multiplier for the topic in ordinary traffic during the window. */
  baseBoost: number;
}

const DAY_MS = 86_400_000;

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Places the incidents at fixed fractions of the generated range (so they fit
 * any `days`), aligned to whole UTC days; the outage is an evening window.
 */
export function demoIncidents(now: Date, days: number): DemoIncident[] {
  const end = now.getTime();
  const start = end - days * DAY_MS;
  const at = (fraction: number) => startOfUtcDay(start + fraction * (end - start));
  const span = (fraction: number, lengthDays: number): [number, number] => {
    const from = Math.max(start, at(fraction));
    return [from, Math.min(end, from + Math.max(1, Math.round(lengthDays)) * DAY_MS)];
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  const weekLength = Math.min(7, days * 0.06);
  const [kycFrom, kycTo] = span(0.15, weekLength);
  const [bonusFrom, bonusTo] = span(0.36, weekLength);
  const [wdFrom, wdTo] = span(0.62, weekLength);
  const outageDay = at(0.84);
  const outageFrom = Math.max(start, outageDay + 17 * 3_600_000);
  const outageTo = Math.min(end, outageDay + 23 * 3_600_000);
  const incidents: DemoIncident[] = [
    {
      id: 'kyc_backlog',
      title: 'KYC backlog: document checks delayed',
      from: iso(kycFrom),
      to: iso(kycTo),
      topic: 'verification',
      extraShare: 0.02,
      sentiment: { neutral: 0.35, negative: 0.45, angry: 0.17, positive: 0.03 },
      companions: { withdrawal: 0.3, account_access: 0.08 },
      baseBoost: 1.8,
    },
    {
      id: 'bonus_campaign',
      title: 'Free spins campaign',
      from: iso(bonusFrom),
      to: iso(bonusTo),
      topic: 'bonus',
      extraShare: 0.03,
      sentiment: { neutral: 0.55, negative: 0.17, angry: 0.05, positive: 0.23 },
      companions: { deposit: 0.25, game_issue: 0.05 },
      baseBoost: 1.6,
    },
    {
      id: 'withdrawal_delays',
      title: 'Withdrawal processing delays',
      from: iso(wdFrom),
      to: iso(wdTo),
      topic: 'withdrawal',
      extraShare: 0.045,
      sentiment: { neutral: 0.22, negative: 0.43, angry: 0.33, positive: 0.02 },
      companions: { verification: 0.08, deposit: 0.05 },
      baseBoost: 1.5,
    },
    {
      id: 'site_outage',
      title: 'Site outage',
      from: iso(outageFrom),
      to: iso(outageTo),
      topic: 'technical',
      extraShare: 0.012,
      sentiment: { neutral: 0.3, negative: 0.4, angry: 0.28, positive: 0.02 },
      companions: { account_access: 0.12, game_issue: 0.1, deposit: 0.04 },
      baseBoost: 4,
    },
  ];
  return incidents.filter((i) => i.from < i.to);
}
