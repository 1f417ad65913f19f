import { SENTIMENTS, TOPICS, Topic } from '@sa/shared';
import { describe, expect, it } from 'vitest';
import { COMBOS } from '../../src/demo/banks/combos.ts';
import { FOREIGN } from '../../src/demo/banks/languages.ts';
import {
  AGENT_REPLIES,
  BOT_GREETING,
  BOT_POINTERS,
  BOT_QUEUE_NOTICES,
} from '../../src/demo/banks/replies.ts';
import { ANGRY_TAILS, CONTEXT_LINES, NEGATIVE_TAILS } from '../../src/demo/banks/tone.ts';
import { TOPIC_BANKS } from '../../src/demo/compose.ts';
import { createRng } from '../../src/demo/random.ts';
import { fillTemplate } from '../../src/demo/slots.ts';

const rng = createRng('banks');
const everyTemplate = [
  ...Object.values(TOPIC_BANKS).flatMap((bank) => SENTIMENTS.flatMap((s) => bank[s])),
  ...COMBOS.map((c) => c.text),
  ...Object.values(FOREIGN).flatMap((lines) => lines.map((l) => l.text)),
  ...Object.values(AGENT_REPLIES).flatMap((r) => [...r.neutral, ...r.positive]),
  BOT_GREETING,
  ...BOT_QUEUE_NOTICES,
  ...Object.values(BOT_POINTERS),
  ...ANGRY_TAILS,
  ...NEGATIVE_TAILS,
  ...CONTEXT_LINES,
];

describe('template banks', () => {
  it('give every topic lines for every sentiment', () => {
    for (const topic of TOPICS) {
      for (const sentiment of SENTIMENTS)
        expect(TOPIC_BANKS[topic][sentiment].length, `${topic}/${sentiment}`).toBeGreaterThan(0);
    }
  });

  it('use only known slots and fill them all', () => {
    for (const template of everyTemplate) {
      const text = fillTemplate(template, rng);
      expect(text, template).not.toMatch(/[{}]/);
    }
  });

  it('hold no duplicate lines within a bank', () => {
    for (const [topic, bank] of Object.entries(TOPIC_BANKS)) {
      const lines = SENTIMENTS.flatMap((s) => bank[s]);
      expect(new Set(lines).size, topic).toBe(lines.length);
    }
  });

  it('label hand-written lines with valid, specific topics (never `other` beside another topic)', () => {
    const labelled = [...COMBOS, ...Object.values(FOREIGN).flat()];
    for (const line of labelled) {
      for (const topic of line.topics) expect(Topic.safeParse(topic).success, line.text).toBe(true);
      if (line.topics.length > 1) expect(line.topics, line.text).not.toContain('other');
    }
    for (const combo of COMBOS) expect(combo.topics.length, combo.text).toBeGreaterThan(1);
  });

  it('cover at least five other languages', () => {
    expect(Object.keys(FOREIGN).filter((k) => k !== 'mixed').length).toBeGreaterThanOrEqual(5);
  });
});
