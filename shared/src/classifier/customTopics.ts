import type { CustomScore } from './decode.ts';
import type { ParsedCustomTopic } from './schemas.ts';

/** A custom topic ready for scoring: its examples' embeddings reduced to one unit-length centroid. */
export interface CustomTopicVector {
  name: string;
  threshold: number;
  centroid: Float32Array;
}

/**
 * Custom topics scored in one embedding space. `background` is the mean embedding of generic
 * support text: sentence embeddings of a fine-tuned encoder share a large common direction (any two
 * messages have a high raw cosine), so similarities are taken after subtracting it.
 */
export interface CustomTopicIndex {
  background: Float32Array;
  topics: CustomTopicVector[];
}

function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm === 0) return v;
  return v.map((x) => x / norm);
}

/** Element-wise mean of equally long vectors. */
export function meanOf(vectors: ArrayLike<number>[]): Float32Array {
  const first = vectors[0];
  if (!first) throw new RangeError('a mean needs at least one embedding');
  const sum = new Float32Array(first.length);
  for (const v of vectors) {
    if (v.length !== sum.length) throw new RangeError('embeddings differ in dimension');
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (v[i] as number) / vectors.length;
  }
  return sum;
}

/** Mean of the embeddings, L2-normalised, so scoring is one cosine per topic. */
export function centroidOf(embeddings: ArrayLike<number>[]): Float32Array {
  return normalise(meanOf(embeddings));
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

function minus(v: ArrayLike<number>, background: Float32Array): Float32Array {
  return Float32Array.from(background, (b, i) => (v[i] as number) - b);
}

export function toCustomTopicVector(
  topic: ParsedCustomTopic,
  exampleEmbeddings: ArrayLike<number>[],
  background: Float32Array,
): CustomTopicVector {
  return {
    name: topic.name,
    threshold: topic.threshold,
    centroid: centroidOf(exampleEmbeddings.map((e) => minus(e, background))),
  };
}

/** Scores are the background-centred cosine similarity to each centroid, clamped to [0,1]. */
export function scoreCustomTopics(embedding: ArrayLike<number>, index: CustomTopicIndex): CustomScore[] {
  if (index.topics.length === 0) return [];
  const centred = minus(embedding, index.background);
  return index.topics.map((t) => {
    const similarity = cosineSimilarity(centred, t.centroid);
    return { name: t.name, score: Math.min(1, Math.max(0, similarity)), passed: similarity >= t.threshold };
  });
}
