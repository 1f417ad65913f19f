import { SENTIMENTS, type Sentiment, type Source, TOPICS, type Topic } from '@sa/shared';

/** A labelled message row as the bulk loader writes it. */
export interface SyntheticMessage {
  id: string;
  source: Source;
  conversation_id: string;
  author_role: 'customer' | 'agent' | 'bot';
  created_at: string;
  text: string;
  topics: Topic[];
  sentiment: Sentiment;
}

/** mulberry32: small, fast and deterministic, so every run loads the same rows. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const PHRASES = [
  'my withdrawal is still pending',
  'deposit not credited after 2 hours',
  'cannot log in, code never arrives',
  'where is my free spins bonus',
  'game froze mid spin',
  'please verify my documents',
  'site is down again',
  'I want to set a deposit limit',
  'change my email please',
  'thanks for the help',
];
// Skewed so breakdowns have a clear order, as real traffic does.
const TOPIC_WEIGHTS = [18, 16, 8, 9, 14, 10, 7, 3, 5, 10];
const SENTIMENT_WEIGHTS = [8, 22, 55, 15];

function weighted<T>(items: readonly T[], weights: number[], r: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = r * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i] ?? 0;
    if (x < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

/**
 * `count` messages spread over [fromMs, toMs) with an evening peak, ~20% of them with two topics, ~40% agent or
 * bot replies: enough structure for rollups to compress the way real traffic does.
 */
export function* syntheticMessages(
  count: number,
  fromMs: number,
  toMs: number,
  seed = 1,
): Generator<SyntheticMessage> {
  const next = random(seed);
  const span = toMs - fromMs;
  for (let i = 0; i < count; i++) {
    let t = fromMs + Math.floor(next() * span);
    // Pull a third of the traffic towards 18:00-23:00 UTC.
    if (next() < 0.33) t = t - (t % 86_400_000) + 18 * 3_600_000 + Math.floor(next() * 5 * 3_600_000);
    if (t >= toMs) t = toMs - 1;
    const topic = weighted(TOPICS, TOPIC_WEIGHTS, next());
    const topics: Topic[] = [topic];
    if (next() < 0.2) {
      const second = weighted(TOPICS, TOPIC_WEIGHTS, next());
      if (second !== topic) topics.push(second);
    }
    const role = next();
    yield {
      id: `bench:${seed}:${i}`,
      source: next() < 0.7 ? 'livechat' : 'telegram',
      conversation_id: `conv:${Math.floor(i / 6)}`,
      author_role: role < 0.6 ? 'customer' : role < 0.95 ? 'agent' : 'bot',
      created_at: new Date(t).toISOString(),
      text: `${PHRASES[TOPICS.indexOf(topic)]} #${i % 9973}`,
      topics,
      sentiment: weighted(SENTIMENTS, SENTIMENT_WEIGHTS, next()),
    };
  }
}
