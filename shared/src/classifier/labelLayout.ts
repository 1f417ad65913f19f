import { SENTIMENTS, type SentimentId, TOPICS, type TopicId } from '../taxonomy.ts';

/** Where each built-in topic and sentiment sits in the model's logits row. */
export interface LabelLayout {
  width: number;
  topic: Record<TopicId, number>;
  sentiment: Record<SentimentId, number>;
}

/**
 * Reads the model's `id2label` (`topic:<id>` / `sentiment:<id>`) and checks it names every topic and
 * sentiment of the taxonomy exactly once, so a model trained on another taxonomy fails at load, not
 * with silently shifted labels. Returns a description of the mismatch instead of throwing so the
 * caller can name the file.
 */
export function parseLabelLayout(id2label: Record<string, string>): LabelLayout | string {
  const byName = new Map<string, number>();
  for (const [key, name] of Object.entries(id2label)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0) return `id2label key "${key}" is not an index`;
    if (byName.has(name)) return `id2label names "${name}" twice`;
    byName.set(name, index);
  }
  const expected = [...TOPICS.map((t) => `topic:${t}`), ...SENTIMENTS.map((s) => `sentiment:${s}`)];
  const missing = expected.filter((name) => !byName.has(name));
  if (missing.length > 0) return `id2label lacks ${missing.join(', ')}`;
  const extra = [...byName.keys()].filter((name) => !expected.includes(name));
  if (extra.length > 0) return `id2label has labels outside the taxonomy: ${extra.join(', ')}`;
  const width = byName.size;
  if (Math.max(...byName.values()) !== width - 1) return 'id2label indices are not 0..n-1';
  const at = (name: string) => byName.get(name) as number;
  return {
    width,
    topic: Object.fromEntries(TOPICS.map((t) => [t, at(`topic:${t}`)])) as Record<TopicId, number>,
    sentiment: Object.fromEntries(SENTIMENTS.map((s) => [s, at(`sentiment:${s}`)])) as Record<
      SentimentId,
      number
    >,
  };
}
