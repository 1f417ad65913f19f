import type { MessageInput, Sentiment, Source, Topic } from '@sa/shared';
import { AGENT_REPLIES, BOT_REPLIES } from './banks/replies.ts';
import { NUDGES } from './banks/tone.ts';
import { composeCustomerMessage, TOPIC_BANKS } from './compose.ts';
import { type DemoIncident, demoIncidents } from './incidents.ts';
import { addNoise } from './noise.ts';
import { createRng, type Rng } from './random.ts';
import { fillTemplate } from './slots.ts';
import {
  incidentLabels,
  ordinaryLabels,
  sampleIncidentTime,
  sampleTime,
  type TrafficLabels,
} from './traffic.ts';

export interface DemoOptions {
  /** Customer messages to generate (agent and bot replies come on top). */
  count?: number;
  /** Length of the range ending at `now`. */
  days?: number;
  seed?: number | string;
  now?: Date;
}

/** A generated message: always labelled, by the generator itself. */
export type DemoMessage = MessageInput & { topics: Topic[]; sentiment: Sentiment };

export interface DemoData {
  messages: DemoMessage[];
  incidents: DemoIncident[];
}

export const DEMO_DEFAULTS = { count: 50_000, days: 120, seed: 42 } as const;
export const DEMO_MODEL_VERSION = 'demo-generator-1';

const FOREIGN_RATE = 0.05;
const LIVECHAT_SHARE = 0.62;
const MINUTE = 60_000;
const GREETING_BOT = BOT_REPLIES[0] ?? { topic: 'other', text: 'Hi! How can we help you today?' };
const QUEUE_BOTS = BOT_REPLIES.filter((b) => b.topic === 'other').slice(1);

interface Conversation {
  source: Source;
  id: string;
  nextEvent: number;
}

function openConversation(index: number, rng: Rng): Conversation {
  const source: Source = rng.chance(LIVECHAT_SHARE) ? 'livechat' : 'telegram';
  const id =
    source === 'livechat'
      ? `R${(index * 7919 + 100_000).toString(36).toUpperCase()}`
      : String(400_000_000 + index);
  return { source, id, nextEvent: source === 'telegram' ? rng.int(1, 5000) : 1 };
}

function messageId(c: Conversation): string {
  const event = c.nextEvent++;
  return c.source === 'livechat' ? `livechat:${c.id}:${c.id}_${event}` : `telegram:${c.id}:${event}`;
}

function agentReply(topic: Topic, rng: Rng): { text: string; sentiment: Sentiment } {
  const bank = AGENT_REPLIES[topic];
  const sentiment: Sentiment = rng.chance(0.22) ? 'positive' : 'neutral';
  return { text: fillTemplate(rng.pick(bank[sentiment]), rng), sentiment };
}

/**
 * Generates demo support traffic for one site: deterministic for a given
 * seed, `now`, `count` and `days`. Returns messages sorted by time and the
 * incidents placed in the range.
 */
export function generateDemoMessages(options: DemoOptions = {}): DemoData {
  const count = options.count ?? DEMO_DEFAULTS.count;
  const days = options.days ?? DEMO_DEFAULTS.days;
  const now = options.now ?? new Date();
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  if (!(days > 0)) throw new RangeError(`days must be > 0, got ${days}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');

  const root = createRng(options.seed ?? DEMO_DEFAULTS.seed);
  const timeRng = root.fork('time');
  const labelRng = root.fork('labels');
  const textRng = root.fork('text');
  const shapeRng = root.fork('shape');
  const endMs = now.getTime();
  const startMs = endMs - days * 86_400_000;
  const incidents = demoIncidents(now, days);
  const incidentQuota = incidents.map((i) => Math.round(i.extraShare * count));

  const messages: DemoMessage[] = [];
  let customers = 0;
  let index = 0;
  const push = (
    c: Conversation,
    role: MessageInput['author_role'],
    ms: number,
    labelled: TrafficLabels & { text: string },
  ) => {
    messages.push({
      id: messageId(c),
      source: c.source,
      conversation_id: c.id,
      author_role: role,
      created_at: new Date(ms).toISOString(),
      text: labelled.text,
      topics: labelled.topics,
      sentiment: labelled.sentiment,
      model_version: DEMO_MODEL_VERSION,
    });
  };

  while (customers < count) {
    const incidentIndex = incidentQuota.findIndex((q) => q > 0);
    const incident = incidents[incidentIndex];
    let t: number;
    let wanted: TrafficLabels;
    if (incident) {
      incidentQuota[incidentIndex] = (incidentQuota[incidentIndex] ?? 0) - 1;
      t = sampleIncidentTime(incident, timeRng);
      wanted = incidentLabels(incident, labelRng);
    } else {
      t = sampleTime(startMs, endMs, timeRng);
      wanted = ordinaryLabels(t, incidents, labelRng);
    }
    const c = openConversation(index++, shapeRng);

    if (c.source === 'livechat' && shapeRng.chance(0.25) && t - 5000 >= startMs) {
      push(c, 'bot', t - 5000, {
        text: GREETING_BOT.text,
        topics: [GREETING_BOT.topic],
        sentiment: 'neutral',
      });
    }
    const first = composeCustomerMessage(wanted, textRng, { foreignRate: FOREIGN_RATE });
    push(c, 'customer', t, first);
    customers++;

    let clock = t;
    const followUps = shapeRng.chance(0.2) ? (shapeRng.chance(0.2) ? 2 : 1) : 0;
    for (let n = 0; n < followUps && customers < count; n++) {
      clock += shapeRng.int(1, 6) * MINUTE;
      if (clock >= endMs) break;
      const upset = first.sentiment === 'negative' || first.sentiment === 'angry';
      const follow = shapeRng.chance(0.55)
        ? composeCustomerMessage({ topics: first.topics, sentiment: first.sentiment }, textRng, {
            foreignRate: 0,
          })
        : {
            text: addNoise(
              textRng.pick(upset ? NUDGES.negative : NUDGES.neutral),
              upset ? 'negative' : 'neutral',
              textRng,
            ),
            topics: ['other'] as Topic[],
            sentiment: (upset ? 'negative' : 'neutral') as Sentiment,
          };
      push(c, 'customer', clock, follow);
      customers++;
    }

    if (c.source === 'telegram' && shapeRng.chance(0.12)) {
      clock += 2000;
      if (clock < endMs) {
        const specific = BOT_REPLIES.filter((b) => b.topic === first.topics[0]);
        const bot =
          specific.length > 0 && shapeRng.chance(0.5) ? shapeRng.pick(specific) : shapeRng.pick(QUEUE_BOTS);
        push(c, 'bot', clock, {
          text: fillTemplate(bot.text, textRng),
          topics: [bot.topic],
          sentiment: 'neutral',
        });
      }
    }

    if (!shapeRng.chance(0.86)) continue;
    clock += shapeRng.int(1, 15) * MINUTE;
    if (clock >= endMs) continue;
    const topic = first.topics[0] ?? 'other';
    const reply = agentReply(topic, textRng);
    push(c, 'agent', clock, { ...reply, topics: [topic] });

    if (reply.sentiment === 'positive' && customers < count && shapeRng.chance(0.5)) {
      clock += shapeRng.int(1, 4) * MINUTE;
      if (clock >= endMs) continue;
      const thanks =
        topic !== 'other' && shapeRng.chance(0.5)
          ? { text: textRng.pick(TOPIC_BANKS[topic].positive), topics: [topic] }
          : { text: textRng.pick(TOPIC_BANKS.other.positive), topics: ['other'] as Topic[] };
      push(c, 'customer', clock, {
        text: addNoise(fillTemplate(thanks.text, textRng), 'positive', textRng),
        topics: thanks.topics,
        sentiment: 'positive',
      });
      customers++;
    }
  }

  messages.sort((a, b) =>
    a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1,
  );
  return { messages, incidents };
}
