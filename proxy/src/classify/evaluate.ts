import { SENTIMENTS, type Sentiment, TOPICS, type Topic } from '@sa/shared';

/** Gold or predicted labels of one message. */
export interface LabelSet {
  topics: readonly Topic[];
  sentiment: Sentiment;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Gold occurrences. */
  support: number;
  /** Predicted occurrences. */
  predicted: number;
}

export interface EvaluationReport {
  count: number;
  topics: {
    per_topic: Record<Topic, ClassScores>;
    micro: { precision: number; recall: number; f1: number };
    /** Mean F1 over the topics that occur in the gold or the predicted labels (others have nothing to score). */
    macro_f1: number;
    /** Share of messages whose predicted topic set equals the gold set exactly. */
    exact_match: number;
  };
  sentiment: {
    accuracy: number;
    per_sentiment: Record<Sentiment, ClassScores>;
    /** confusion[gold][predicted] = number of messages. */
    confusion: Record<Sentiment, Record<Sentiment, number>>;
  };
}

/** a / b, or 0 when b is 0: a class never predicted has precision 0, one never seen has recall 0. */
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function scores(tp: number, support: number, predicted: number): ClassScores {
  const precision = ratio(tp, predicted);
  const recall = ratio(tp, support);
  return { precision, recall, f1: f1Of(precision, recall), support, predicted };
}

/**
 * Multi-label topic metrics and single-label sentiment metrics of predictions against gold labels,
 * message by message (`gold[i]` is the truth for `predicted[i]`).
 */
export function evaluateClassifier(
  gold: readonly LabelSet[],
  predicted: readonly LabelSet[],
): EvaluationReport {
  if (gold.length !== predicted.length) {
    throw new RangeError(`${gold.length} gold labels but ${predicted.length} predictions; they must pair up`);
  }
  if (gold.length === 0) throw new RangeError('nothing to evaluate: no labelled messages');

  const tp = new Map<Topic, number>(TOPICS.map((t) => [t, 0]));
  const support = new Map<Topic, number>(TOPICS.map((t) => [t, 0]));
  const predictedCount = new Map<Topic, number>(TOPICS.map((t) => [t, 0]));
  const confusion = Object.fromEntries(
    SENTIMENTS.map((g) => [g, Object.fromEntries(SENTIMENTS.map((p) => [p, 0]))]),
  ) as Record<Sentiment, Record<Sentiment, number>>;
  let exact = 0;
  let correctSentiment = 0;

  gold.forEach((g, i) => {
    const p = predicted[i] as LabelSet;
    const goldSet = new Set(g.topics);
    const predSet = new Set(p.topics);
    for (const t of goldSet) support.set(t, (support.get(t) ?? 0) + 1);
    for (const t of predSet) {
      predictedCount.set(t, (predictedCount.get(t) ?? 0) + 1);
      if (goldSet.has(t)) tp.set(t, (tp.get(t) ?? 0) + 1);
    }
    if (goldSet.size === predSet.size && [...goldSet].every((t) => predSet.has(t))) exact++;
    confusion[g.sentiment][p.sentiment]++;
    if (g.sentiment === p.sentiment) correctSentiment++;
  });

  const perTopic = Object.fromEntries(
    TOPICS.map((t) => [t, scores(tp.get(t) ?? 0, support.get(t) ?? 0, predictedCount.get(t) ?? 0)]),
  ) as Record<Topic, ClassScores>;
  const sum = (m: Map<Topic, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const microP = ratio(sum(tp), sum(predictedCount));
  const microR = ratio(sum(tp), sum(support));
  const scored = TOPICS.filter((t) => perTopic[t].support > 0 || perTopic[t].predicted > 0);
  const macroF1 = ratio(
    scored.reduce((a, t) => a + perTopic[t].f1, 0),
    scored.length,
  );

  const perSentiment = Object.fromEntries(
    SENTIMENTS.map((s) => {
      const row = confusion[s];
      const goldCount = SENTIMENTS.reduce((a, p) => a + row[p], 0);
      const predCount = SENTIMENTS.reduce((a, g) => a + confusion[g][s], 0);
      return [s, scores(row[s], goldCount, predCount)];
    }),
  ) as Record<Sentiment, ClassScores>;

  return {
    count: gold.length,
    topics: {
      per_topic: perTopic,
      micro: { precision: microP, recall: microR, f1: f1Of(microP, microR) },
      macro_f1: macroF1,
      exact_match: exact / gold.length,
    },
    sentiment: { accuracy: correctSentiment / gold.length, per_sentiment: perSentiment, confusion },
  };
}
