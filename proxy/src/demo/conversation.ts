import type { AuthorRole, Sentiment, Source, Topic } from '@sa/shared';
import { AGENT_REPLIES, BOT_GREETING, BOT_POINTERS, BOT_QUEUE_NOTICES } from './banks/replies.ts';
import { NUDGES } from './banks/tone.ts';
import { composeCustomerMessage, type Labelled, TOPIC_BANKS } from './compose.ts';
import type { DemoMessage } from './generate.ts';
import { addNoise } from './noise.ts';
import type { Rng } from './random.ts';
import { fillTemplate } from './slots.ts';
import type { TrafficLabels } from './traffic.ts';

/**
 * One support conversation: an optional bot greeting, the customer's message,
 * sometimes follow-ups while waiting, an agent reply and sometimes a thank-you.
 * Nothing is written at or after `endMs` (a reply that has not happened yet).
 */

/** Stored as `model_version`, so demo rows are recognisable as generated. */
export const MODEL_VERSION = 'demo-generator-1';

const FOREIGN_RATE = 0.05;
const LIVECHAT_SHARE = 0.62;
const MINUTE = 60_000;

export interface ConversationContext {
  startMs: number;
  endMs: number;
  textRng: Rng;
  shapeRng: Rng;
  /** Customer messages still allowed, so the total comes out exact. */
  customerBudget: number;
}

interface Thread {
  source: Source;
  id: string;
  nextEvent: number;
  messages: DemoMessage[];
}

function openThread(index: number, rng: Rng): Thread {
  const source: Source = rng.chance(LIVECHAT_SHARE) ? 'livechat' : 'telegram';
  const id =
    source === 'livechat'
      ? `R${(index * 7919 + 100_000).toString(36).toUpperCase()}`
      : String(400_000_000 + index);
  return { source, id, nextEvent: source === 'telegram' ? rng.int(1, 5000) : 1, messages: [] };
}

function post(thread: Thread, role: AuthorRole, ms: number, labelled: Labelled): void {
  const event = thread.nextEvent++;
  thread.messages.push({
    id:
      thread.source === 'livechat'
        ? `livechat:${thread.id}:${thread.id}_${event}`
        : `telegram:${thread.id}:${event}`,
    source: thread.source,
    conversation_id: thread.id,
    author_role: role,
    created_at: new Date(ms).toISOString(),
    text: labelled.text,
    topics: labelled.topics,
    sentiment: labelled.sentiment,
    model_version: MODEL_VERSION,
  });
}

function followUp(first: Labelled, ctx: ConversationContext): Labelled {
  if (ctx.shapeRng.chance(0.55)) {
    return composeCustomerMessage({ topics: first.topics, sentiment: first.sentiment }, ctx.textRng, {
      foreignRate: 0,
    });
  }
  const sentiment: Sentiment =
    first.sentiment === 'negative' || first.sentiment === 'angry' ? 'negative' : 'neutral';
  return {
    text: addNoise(ctx.textRng.pick(NUDGES[sentiment]), sentiment, ctx.textRng),
    topics: ['other'],
    sentiment,
  };
}

function botNotice(topic: Topic, rng: Rng): Labelled {
  const pointer = BOT_POINTERS[topic];
  if (pointer && rng.chance(0.5)) return { text: pointer, topics: [topic], sentiment: 'neutral' };
  return { text: fillTemplate(rng.pick(BOT_QUEUE_NOTICES), rng), topics: ['other'], sentiment: 'neutral' };
}

function agentReply(topic: Topic, rng: Rng): Labelled {
  const sentiment: Sentiment = rng.chance(0.22) ? 'positive' : 'neutral';
  return { text: fillTemplate(rng.pick(AGENT_REPLIES[topic][sentiment]), rng), topics: [topic], sentiment };
}

function thanks(topic: Topic, rng: Rng): Labelled {
  const own = topic !== 'other' && rng.chance(0.5);
  const text = rng.pick(own ? TOPIC_BANKS[topic].positive : TOPIC_BANKS.other.positive);
  return {
    text: addNoise(fillTemplate(text, rng), 'positive', rng),
    topics: own ? [topic] : ['other'],
    sentiment: 'positive',
  };
}

/** Writes conversation number `index`, opened by a customer at `start` with the `wanted` labels. */
export function writeConversation(
  index: number,
  start: number,
  wanted: TrafficLabels,
  ctx: ConversationContext,
): DemoMessage[] {
  const { shapeRng, textRng } = ctx;
  const thread = openThread(index, shapeRng);
  let budget = ctx.customerBudget;
  if (budget <= 0) return [];

  if (thread.source === 'livechat' && shapeRng.chance(0.25) && start - 5000 >= ctx.startMs) {
    post(thread, 'bot', start - 5000, { text: BOT_GREETING, topics: ['other'], sentiment: 'neutral' });
  }
  const first = composeCustomerMessage(wanted, textRng, { foreignRate: FOREIGN_RATE });
  post(thread, 'customer', start, first);
  budget--;

  let clock = start;
  const followUps = shapeRng.chance(0.2) ? (shapeRng.chance(0.2) ? 2 : 1) : 0;
  for (let n = 0; n < followUps && budget > 0; n++) {
    clock += shapeRng.int(1, 6) * MINUTE;
    if (clock >= ctx.endMs) return thread.messages;
    post(thread, 'customer', clock, followUp(first, ctx));
    budget--;
  }

  const topic = first.topics[0] ?? 'other';
  if (thread.source === 'telegram' && shapeRng.chance(0.12)) {
    clock += 2000;
    if (clock >= ctx.endMs) return thread.messages;
    post(thread, 'bot', clock, botNotice(topic, shapeRng));
  }

  if (!shapeRng.chance(0.86)) return thread.messages;
  clock += shapeRng.int(1, 15) * MINUTE;
  if (clock >= ctx.endMs) return thread.messages;
  const reply = agentReply(topic, textRng);
  post(thread, 'agent', clock, reply);

  if (reply.sentiment === 'positive' && budget > 0 && shapeRng.chance(0.5)) {
    clock += shapeRng.int(1, 4) * MINUTE;
    if (clock < ctx.endMs) post(thread, 'customer', clock, thanks(topic, textRng));
  }
  return thread.messages;
}
