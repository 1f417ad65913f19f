import type { Sentiment, Topic } from '@sa/shared';
import { ACCOUNT_ACCESS, ACCOUNT_DETAILS, VERIFICATION } from './banks/account.ts';
import { OTHER, RESPONSIBLE_GAMBLING } from './banks/care.ts';
import { COMBOS, CONNECTORS } from './banks/combos.ts';
import { FOREIGN } from './banks/languages.ts';
import { DEPOSIT, WITHDRAWAL } from './banks/money.ts';
import { BONUS, GAME_ISSUE, TECHNICAL } from './banks/play.ts';
import {
  ANGRY_LEADS,
  ANGRY_TAILS,
  CONTEXT_LINES,
  GREETINGS,
  NEGATIVE_LEADS,
  NEGATIVE_TAILS,
  NEUTRAL_CLOSERS,
  POSITIVE_CLOSERS,
} from './banks/tone.ts';
import type { ComboLine, TopicBank } from './banks/types.ts';
import { addNoise } from './noise.ts';
import type { Rng } from './random.ts';
import { fillTemplate } from './slots.ts';

export const TOPIC_BANKS: Readonly<Record<Topic, TopicBank>> = {
  deposit: DEPOSIT,
  withdrawal: WITHDRAWAL,
  verification: VERIFICATION,
  account_access: ACCOUNT_ACCESS,
  bonus: BONUS,
  game_issue: GAME_ISSUE,
  technical: TECHNICAL,
  responsible_gambling: RESPONSIBLE_GAMBLING,
  account_details: ACCOUNT_DETAILS,
  other: OTHER,
};

export interface Labelled {
  text: string;
  topics: Topic[];
  sentiment: Sentiment;
}

export interface ComposeOptions {
  /** Probability of a message in another language or mixing languages. */
  foreignRate: number;
}

const FOREIGN_LINES: readonly ComboLine[] = Object.values(FOREIGN).flat();

function sameTopics(a: readonly Topic[], b: readonly Topic[]): boolean {
  return a.length === b.length && a.every((t) => b.includes(t));
}

/** A core line carrying `sentiment` on its own or through a topic-free lead / tail. */
function core(topic: Topic, sentiment: Sentiment, rng: Rng): string {
  const bank = TOPIC_BANKS[topic];
  switch (sentiment) {
    case 'neutral':
    case 'positive':
      return rng.pick(bank[sentiment]);
    case 'negative': {
      if (topic === 'other' || rng.chance(0.55)) return rng.pick(bank.negative);
      return rng.chance(0.6)
        ? joinSentences(rng.pick(bank.neutral), ', ', rng.pick(NEGATIVE_TAILS))
        : `${rng.pick(NEGATIVE_LEADS)} ${rng.pick(bank.neutral)}`;
    }
    case 'angry': {
      const roll = rng.next();
      if (topic === 'other' || roll < 0.4) return rng.pick(bank.angry);
      const base = roll < 0.85 ? rng.pick(bank.negative) : rng.pick(bank.neutral);
      return rng.chance(0.7)
        ? joinSentences(base, '. ', rng.pick(ANGRY_TAILS))
        : `${rng.pick(ANGRY_LEADS)} ${base}`;
    }
  }
}

function wrap(body: string, sentiment: Sentiment, rng: Rng): string {
  let text = body;
  if (sentiment !== 'angry' && rng.chance(0.06)) text = `${rng.pick(CONTEXT_LINES)} ${text}`;
  if (sentiment !== 'angry' && rng.chance(0.28))
    text = `${rng.pick(GREETINGS)}${rng.pick([', ', ' ', '\n', '! '])}${text}`;
  if (sentiment === 'neutral' && rng.chance(0.22))
    text = joinSentences(text, rng.pick([', ', '. ', ' ']), rng.pick(NEUTRAL_CLOSERS));
  if (sentiment === 'positive' && rng.chance(0.3))
    text = joinSentences(text, rng.pick([' ', '! ', ', ']), rng.pick(POSITIVE_CLOSERS));
  if (sentiment === 'angry' && rng.chance(0.15)) text = joinSentences(text, '. ', rng.pick(ANGRY_TAILS));
  return text;
}

/** Joins two thoughts without doubling punctuation ("deposit??. also" → "deposit?? also"). */
function joinSentences(first: string, connector: string, second: string): string {
  const glue =
    /[?!.]$/.test(first) && /^[.,!]/.test(connector) ? connector.replace(/^[.,!]+/, '') : connector;
  return `${first}${glue}${second}`;
}

function twoTopicBody(topics: readonly Topic[], sentiment: Sentiment, rng: Rng): string {
  const [first, ...rest] = topics;
  if (!first) throw new Error('twoTopicBody needs at least one topic');
  const restSentiment: Sentiment = sentiment === 'positive' ? 'positive' : 'neutral';
  return rest.reduce(
    (text, topic) => joinSentences(text, rng.pick(CONNECTORS), core(topic, restSentiment, rng)),
    core(first, sentiment, rng),
  );
}

/**
 * Writes a customer message with the given labels. A foreign-language or
 * hand-written multi-topic line may replace them (its own labels are then
 * returned), so the caller must use the returned labels.
 */
export function composeCustomerMessage(
  wanted: { topics: Topic[]; sentiment: Sentiment },
  rng: Rng,
  options: ComposeOptions,
): Labelled {
  const [primary] = wanted.topics;
  if (!primary) throw new Error('a customer message needs at least one topic');
  if (rng.chance(options.foreignRate)) {
    const matching = FOREIGN_LINES.filter((l) => l.topics.includes(primary));
    const line = rng.pick(matching.length > 0 ? matching : FOREIGN_LINES);
    return {
      text: addNoise(fillTemplate(line.text, rng), line.sentiment, rng),
      topics: [...line.topics],
      sentiment: line.sentiment,
    };
  }
  if (wanted.topics.length > 1) {
    const combos = COMBOS.filter(
      (c) => sameTopics(c.topics, wanted.topics) && c.sentiment === wanted.sentiment,
    );
    if (combos.length > 0 && rng.chance(0.45)) {
      const line = rng.pick(combos);
      return labelled(wrap(line.text, line.sentiment, rng), [...line.topics], line.sentiment, rng);
    }
    return labelled(
      wrap(twoTopicBody(wanted.topics, wanted.sentiment, rng), wanted.sentiment, rng),
      wanted.topics,
      wanted.sentiment,
      rng,
    );
  }
  return labelled(
    wrap(core(primary, wanted.sentiment, rng), wanted.sentiment, rng),
    wanted.topics,
    wanted.sentiment,
    rng,
  );
}

function labelled(template: string, topics: Topic[], sentiment: Sentiment, rng: Rng): Labelled {
  return { text: addNoise(fillTemplate(template, rng), sentiment, rng), topics, sentiment };
}
