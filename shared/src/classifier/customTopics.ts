import type { CustomScore } from './decode.ts';
import type { EmbeddingSpace, ParsedCustomTopic } from './schemas.ts';

/**
 * Where custom-topic similarities are measured. A topic-fine-tuned encoder's embeddings are
 * anisotropic (a few directions, the built-in topics among them, carry most of the variance), so raw
 * cosines are high for any two messages and a topic that resembles a built-in one fires on all of
 * that topic's traffic. The model's `embedding_space.json` whitens them against a broad reference
 * corpus, which weighs every direction equally. Whitened, a custom topic that is a kind of a built-in
 * one (crypto payouts, a kind of withdrawal) is still near that topic's ordinary messages, so a message
 * must also be at least `margin` more similar to the custom topic than to every built-in topic's
 * prototype. Threshold and margin are calibrated per model (models/sa_train/embedding_space.py).
 */
export interface ScoringSpace {
  /** The embedding in this space, unit length. */
  map(embedding: ArrayLike<number>): Float32Array;
  /** The threshold of a topic that names none. */
  defaultThreshold: number;
  /** The built-in topics' prototypes in this space, unit length. */
  prototypes: Float32Array[];
  margin: number;
}

/** A custom topic ready for scoring: its examples' mapped embeddings reduced to one unit-length centroid. */
export interface CustomTopicVector {
  name: string;
  threshold: number;
  centroid: Float32Array;
}

export interface CustomTopicIndex {
  space: ScoringSpace;
  topics: CustomTopicVector[];
}

/**
 * Raw cosine's default threshold, for models exported before `embedding_space.json` existed: their
 * unrelated messages already reach 0.5-0.7, so only a high bar keeps such a topic from firing on most
 * traffic.
 */
export const PLAIN_COSINE_THRESHOLD = 0.8;

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

/** The space of a model without `embedding_space.json`: plain cosine similarity. */
export const plainCosineSpace: ScoringSpace = {
  map: (embedding) => normalise(Float32Array.from(embedding)),
  defaultThreshold: PLAIN_COSINE_THRESHOLD,
  prototypes: [],
  margin: 0,
};

/** `(embedding - mean) · matrix`, unit length; the file's shape is checked against the model's embedding. */
export function whitenedSpace(space: EmbeddingSpace): ScoringSpace {
  const dim = space.mean.length;
  const mean = Float32Array.from(space.mean);
  const matrix = Float32Array.from(space.matrix.flat());
  return {
    defaultThreshold: space.default_threshold,
    prototypes: Object.values(space.prototypes).flatMap((p) => (p ? [normalise(Float32Array.from(p))] : [])),
    margin: space.margin,
    map(embedding) {
      if (embedding.length !== dim) {
        throw new RangeError(
          `the model's sentence embedding has ${embedding.length} dimensions but embedding_space.json has ${dim}; ` +
            'rewrite it for this model with `python -m sa_train --embedding-space <model dir>`',
        );
      }
      const out = new Float32Array(dim);
      for (let i = 0; i < dim; i++) {
        const centred = (embedding[i] as number) - (mean[i] as number);
        if (centred === 0) continue;
        const row = i * dim;
        for (let j = 0; j < dim; j++) out[j] = (out[j] as number) + centred * (matrix[row + j] as number);
      }
      return normalise(out);
    },
  };
}

export function toCustomTopicVector(
  topic: ParsedCustomTopic,
  exampleEmbeddings: ArrayLike<number>[],
  space: ScoringSpace,
): CustomTopicVector {
  return {
    name: topic.name,
    threshold: topic.threshold ?? space.defaultThreshold,
    centroid: centroidOf(exampleEmbeddings.map((e) => space.map(e))),
  };
}

/**
 * Scores are the cosine similarity to each centroid in the topics' space, clamped to [0,1]; a topic
 * passes at its threshold when the message is also at least the space's margin more similar to it than
 * to the nearest built-in topic's prototype.
 */
export function scoreCustomTopics(embedding: ArrayLike<number>, index: CustomTopicIndex): CustomScore[] {
  if (index.topics.length === 0) return [];
  const { space } = index;
  const mapped = space.map(embedding);
  let nearestBuiltIn = Number.NEGATIVE_INFINITY;
  for (const p of space.prototypes) nearestBuiltIn = Math.max(nearestBuiltIn, cosineSimilarity(mapped, p));
  return index.topics.map((t) => {
    const similarity = cosineSimilarity(mapped, t.centroid);
    const passed = similarity >= t.threshold && similarity - nearestBuiltIn >= space.margin;
    return { name: t.name, score: Math.min(1, Math.max(0, similarity)), passed };
  });
}
