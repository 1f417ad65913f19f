import type { MessageInput, Sentiment, Topic } from '@sa/shared';
import { writeConversation } from './conversation.ts';
import { type DemoIncident, demoIncidents } from './incidents.ts';
import { createRng } from './random.ts';
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
  const context = { startMs, endMs, textRng, shapeRng, customerBudget: count };
  for (let index = 0; context.customerBudget > 0; index++) {
    const incidentIndex = incidentQuota.findIndex((q) => q > 0);
    const incident = incidents[incidentIndex];
    let start: number;
    let wanted: TrafficLabels;
    if (incident) {
      incidentQuota[incidentIndex] = (incidentQuota[incidentIndex] ?? 0) - 1;
      start = sampleIncidentTime(incident, timeRng);
      wanted = incidentLabels(incident, labelRng);
    } else {
      start = sampleTime(startMs, endMs, timeRng);
      wanted = ordinaryLabels(start, incidents, labelRng);
    }
    const conversation = writeConversation(index, start, wanted, context);
    context.customerBudget -= conversation.filter((m) => m.author_role === 'customer').length;
    messages.push(...conversation);
  }

  messages.sort((a, b) =>
    a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1,
  );
  return { messages, incidents };
}
