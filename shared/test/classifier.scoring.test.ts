import { describe, expect, it } from 'vitest';
import {
  meanOf,
  plainCosineSpace,
  toCustomTopicVector,
  whitenedSpace,
} from '../src/classifier/customTopics.ts';
import {
  ClassifierInputError,
  ClassifyRequest,
  CustomTopicList,
  centroidOf,
  cosineSimilarity,
  decodeLogits,
  EmbeddingSpace,
  parseLabelLayout,
  scoreCustomTopics,
} from '../src/classifier/index.ts';
import { createProgressTracker } from '../src/classifier/progress.ts';
import type { LoadProgress } from '../src/classifier/schemas.ts';
import { SENTIMENTS, TOPICS } from '../src/taxonomy.ts';

const id2label = Object.fromEntries(
  [...TOPICS.map((t) => `topic:${t}`), ...SENTIMENTS.map((s) => `sentiment:${s}`)].map((name, i) => [
    String(i),
    name,
  ]),
);
const layout = (() => {
  const l = parseLabelLayout(id2label);
  if (typeof l === 'string') throw new Error(l);
  return l;
})();
const thresholds = {
  topics: Object.fromEntries(TOPICS.map((t) => [t, 0.5])) as Record<(typeof TOPICS)[number], number>,
};
const logit = (p: number) => Math.log(p / (1 - p));

/** A logits row from probabilities per topic (default 0.1) and raw sentiment logits. */
function row(topicProbs: Partial<Record<(typeof TOPICS)[number], number>>, sentimentLogits = [0, 0, 5, 0]) {
  return [...TOPICS.map((t) => logit(topicProbs[t] ?? 0.1)), ...sentimentLogits];
}

describe('parseLabelLayout', () => {
  it('maps every taxonomy label to its index, in any order', () => {
    const shuffled = Object.fromEntries(
      Object.entries(id2label).map(([k, v]) => [String(13 - Number(k)), v]),
    );
    const l = parseLabelLayout(shuffled);
    expect(typeof l).toBe('object');
    if (typeof l === 'string') return;
    expect(l.topic.deposit).toBe(13);
    expect(l.sentiment.positive).toBe(0);
    expect(l.width).toBe(14);
  });

  it('names what is missing, extra or duplicated', () => {
    const { '3': _dropped, ...missing } = id2label;
    expect(parseLabelLayout(missing)).toBe('id2label lacks topic:account_access');
    expect(parseLabelLayout({ ...id2label, '14': 'topic:sportsbook' })).toMatch(
      /outside the taxonomy: topic:sportsbook/,
    );
    expect(parseLabelLayout({ ...id2label, '3': 'topic:deposit' })).toMatch(/twice/);
    expect(parseLabelLayout({ ...id2label, x: 'topic:nope' })).toMatch(/not an index/);
  });
});

describe('decodeLogits', () => {
  it('gives every topic at or above its threshold, highest score first', () => {
    const labels = decodeLogits(row({ deposit: 0.7, bonus: 0.9, withdrawal: 0.49 }), layout, thresholds);
    expect(labels.topics).toEqual(['bonus', 'deposit']);
    expect(labels.topic_scores.deposit).toBeCloseTo(0.7, 10);
    expect(Object.keys(labels.topic_scores).sort()).toEqual([...TOPICS].sort());
  });

  it('respects per-topic thresholds', () => {
    const strict = { topics: { ...thresholds.topics, deposit: 0.8, withdrawal: 0.2 } };
    const labels = decodeLogits(row({ deposit: 0.7, withdrawal: 0.25 }), layout, strict);
    expect(labels.topics).toEqual(['withdrawal']);
  });

  it('gives other only when no specific topic applies, whatever its own score', () => {
    expect(decodeLogits(row({ other: 0.05 }), layout, thresholds).topics).toEqual(['other']);
    expect(decodeLogits(row({ other: 0.99, deposit: 0.6 }), layout, thresholds).topics).toEqual(['deposit']);
  });

  it('lets a passing custom topic replace other and keeps its score', () => {
    const custom = [{ name: 'sportsbook_odds', score: 0.8, passed: true }];
    const labels = decodeLogits(row({}), layout, thresholds, custom);
    expect(labels.topics).toEqual(['sportsbook_odds']);
    expect(labels.topic_scores.sportsbook_odds).toBe(0.8);
    const failing = decodeLogits(row({}), layout, thresholds, [
      { name: 'sportsbook_odds', score: 0.3, passed: false },
    ]);
    expect(failing.topics).toEqual(['other']);
    expect(failing.topic_scores.sportsbook_odds).toBe(0.3);
  });

  it('softmaxes the sentiment logits and picks the largest', () => {
    const labels = decodeLogits(row({}, [1, 2, 3, Math.log(0.5)]), layout, thresholds);
    const e = [Math.E, Math.E ** 2, Math.E ** 3, 0.5];
    const sum = e.reduce((a, b) => a + b, 0);
    expect(labels.sentiment).toBe('neutral');
    expect(labels.sentiment_scores.angry).toBeCloseTo(Math.E / sum, 10);
    expect(labels.sentiment_scores.positive).toBeCloseTo(0.5 / sum, 10);
  });
});

describe('custom topic scoring', () => {
  it('builds a unit centroid and scores by clamped cosine similarity', () => {
    const c = centroidOf([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(c[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(c[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(c[2]).toBe(0);
    expect(cosineSimilarity([1, 0, 0], c)).toBeCloseTo(Math.SQRT1_2, 6);
    const index = {
      space: plainCosineSpace,
      topics: [{ name: 'odds', threshold: 0.9, centroid: c }],
    };
    const near = scoreCustomTopics([1, 1, 0], index);
    expect(near[0]).toMatchObject({ name: 'odds', passed: true });
    expect(near[0]?.score).toBeCloseTo(1, 6);
    expect(scoreCustomTopics([-1, -1, 0], index)[0]).toEqual({ name: 'odds', score: 0, passed: false });
  });

  it('measures similarity in the whitened space, where the direction every embedding shares no longer dominates', () => {
    // Raw cosines are all high because of the shared first axis; whitened, only the examples' own direction counts.
    const space = whitenedSpace(
      EmbeddingSpace.parse({
        method: 'whitening',
        default_threshold: 0.5,
        margin: -2,
        prototypes: {},
        mean: [10, 0, 0],
        matrix: [
          [0.1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
      }),
    );
    const examples = [
      [10, 1, 0],
      [10, 1.2, 0.1],
    ];
    const topic = toCustomTopicVector(
      { name: 'odds', description: 'd', examples: ['a', 'b'] },
      examples,
      space,
    );
    expect(topic.threshold).toBe(0.5);
    const index = { space, topics: [topic] };
    expect(cosineSimilarity([10, 0, 1], [10, 1, 0])).toBeGreaterThan(0.98);
    expect(scoreCustomTopics([10, 0, 1], index)[0]?.passed).toBe(false);
    expect(scoreCustomTopics([10, 0.9, 0], index)[0]?.passed).toBe(true);
    expect(
      toCustomTopicVector(
        { name: 'odds', description: 'd', examples: ['a'], threshold: 0.9 },
        examples,
        space,
      ).threshold,
    ).toBe(0.9);
    expect(
      Array.from(
        meanOf([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toEqual([2, 3]);
  });

  it('gives a custom topic only to messages not much nearer a built-in topic', () => {
    // The custom topic lies between the withdrawal prototype and its own direction, as crypto payouts do.
    const space = whitenedSpace(
      EmbeddingSpace.parse({
        method: 'whitening',
        default_threshold: 0.5,
        margin: 0,
        prototypes: { withdrawal: [1, 0, 0] },
        mean: [0, 0, 0],
        matrix: [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
      }),
    );
    const topic = toCustomTopicVector(
      { name: 'crypto_payout', description: 'd', examples: ['a'] },
      [[1, 1, 0]],
      space,
    );
    const index = { space, topics: [topic] };
    // cos 0.71 to the topic, above its threshold, but 1.0 to the withdrawal prototype.
    expect(scoreCustomTopics([1, 0, 0], index)[0]).toMatchObject({ passed: false });
    expect(scoreCustomTopics([1, 0, 0], index)[0]?.score).toBeCloseTo(Math.SQRT1_2, 6);
    expect(scoreCustomTopics([1, 1.2, 0], index)[0]?.passed).toBe(true);
  });

  it('names the file and the fix when the embedding space does not fit the model', () => {
    const space = whitenedSpace({
      method: 'whitening',
      default_threshold: 0.5,
      margin: 0,
      prototypes: {},
      mean: [0, 0],
      matrix: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(() => space.map([1, 2, 3])).toThrow(
      /3 dimensions but embedding_space.json has 2.*--embedding-space/,
    );
    const base = { method: 'whitening', default_threshold: 0.5, margin: 0, mean: [0, 0] };
    const bad = EmbeddingSpace.safeParse({ ...base, prototypes: {}, matrix: [[1, 0]] });
    expect(bad.error?.issues[0]?.message).toMatch(/matrix must be 2 x 2/);
    const badPrototype = EmbeddingSpace.safeParse({
      ...base,
      prototypes: { bonus: [1] },
      matrix: [
        [1, 0],
        [0, 1],
      ],
    });
    expect(badPrototype.error?.issues[0]).toMatchObject({
      path: ['prototypes', 'bonus'],
      message: 'prototype must have 2 numbers, the length of mean',
    });
  });

  it('rejects embeddings of different sizes and an empty example set', () => {
    expect(() => centroidOf([])).toThrow(RangeError);
    expect(() => centroidOf([[1, 2], [1]])).toThrow(/dimension/);
  });

  it('validates custom topic definitions with messages a person can act on', () => {
    const ok = { name: 'sportsbook_odds', description: 'odds questions', examples: ['what are the odds'] };
    expect(CustomTopicList.parse([{ ...ok, threshold: 0.4 }])[0]?.threshold).toBe(0.4);
    const clash = CustomTopicList.safeParse([{ ...ok, name: 'deposit' }]);
    expect(clash.error?.issues[0]?.message).toMatch(/collides with a built-in topic/);
    const twice = CustomTopicList.safeParse([ok, ok]);
    expect(twice.error?.issues[0]?.message).toMatch(/defined twice/);
    const empty = CustomTopicList.safeParse([{ ...ok, examples: ['  '] }]);
    expect(empty.error?.issues[0]?.path).toEqual([0, 'examples', 0]);
  });
});

describe('ClassifyRequest', () => {
  it('takes 1 to 64 non-empty texts of at most 8,000 characters', () => {
    expect(ClassifyRequest.safeParse({ texts: ['hi'] }).success).toBe(true);
    expect(ClassifyRequest.safeParse({ texts: [] }).success).toBe(false);
    expect(ClassifyRequest.safeParse({ texts: Array(65).fill('x') }).success).toBe(false);
    expect(ClassifyRequest.safeParse({ texts: ['x'.repeat(8001)] }).error?.issues[0]?.path).toEqual([
      'texts',
      0,
    ]);
    expect(ClassifyRequest.safeParse({ texts: ['x'], extra: 1 }).success).toBe(false);
  });

  it('turns zod issues into a ClassifierInputError naming the place', () => {
    const parsed = ClassifyRequest.safeParse({ texts: ['ok', ''] });
    if (parsed.success) throw new Error('expected a failure');
    const error = ClassifierInputError.fromZod('texts', parsed.error);
    expect(error.message).toBe('texts: text is empty after trimming at texts.1');
    expect(error.issues[0]?.path).toEqual(['texts', 1]);
  });
});

describe('createProgressTracker', () => {
  it('sums bytes over files and ends with ready', () => {
    const seen: LoadProgress[] = [];
    const tracker = createProgressTracker((p) => seen.push(p));
    tracker.onRuntimeEvent({ status: 'initiate', file: 'config.json' });
    tracker.onRuntimeEvent({ status: 'progress', file: 'a.onnx', loaded: 50, total: 100 });
    tracker.onRuntimeEvent({ status: 'progress', file: 'tokenizer.json', loaded: 0, total: 100 });
    tracker.onRuntimeEvent({ status: 'done', file: 'tokenizer.json' });
    tracker.ready();
    expect(seen.map((p) => [p.status, p.loaded, p.total, p.fraction])).toEqual([
      ['loading', 50, 100, 0.5],
      ['loading', 50, 200, 0.25],
      ['loading', 150, 200, 0.75],
      ['ready', 200, 200, 1],
    ]);
  });
});
