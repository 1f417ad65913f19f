import type { CustomScore } from './decode.ts';
import type { ParsedCustomTopic } from './schemas.ts';

/** A custom topic ready for scoring: its examples' embeddings reduced to one unit-length centroid. */
export interface CustomTopicVector {
  name: string;
  threshold: number;
  centroid: Float32Array;
}

function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm === 0) return v;
  return v.map((x) => x / norm);
}

/** Mean of the examples' embeddings, L2-normalised, so scoring is one dot product per topic. */
export function centroidOf(embeddings: ArrayLike<number>[]): Float32Array {
  const first = embeddings[0];
  if (!first) throw new RangeError('a centroid needs at least one embedding');
  const sum = new Float32Array(first.length);
  for (const e of embeddings) {
    if (e.length !== sum.length) throw new RangeError('embeddings differ in dimension');
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (e[i] as number);
  }
  return normalise(sum);
}

export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function toCustomTopicVector(topic: ParsedCustomTopic, exampleEmbeddings: ArrayLike<number>[]) {
  return { name: topic.name, threshold: topic.threshold, centroid: centroidOf(exampleEmbeddings) };
}

/** Scores are cosine similarities clamped to [0,1], the range every topic score shares. */
export function scoreCustomTopics(embedding: ArrayLike<number>, topics: CustomTopicVector[]): CustomScore[] {
  return topics.map((t) => {
    const similarity = cosineSimilarity(embedding, t.centroid);
    return { name: t.name, score: Math.min(1, Math.max(0, similarity)), passed: similarity >= t.threshold };
  });
}
