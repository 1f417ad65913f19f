import { SENTIMENTS, type SentimentId, TOPICS, type TopicId } from '../taxonomy.ts';
import type { LabelLayout } from './labelLayout.ts';
import type { ClassificationResult, ModelThresholds, SentimentScores } from './schemas.ts';

export type Labels = Omit<ClassificationResult, 'model_version'>;

/** A custom topic's score for one text and whether it passed the topic's threshold. */
export interface CustomScore {
  name: string;
  score: number;
  passed: boolean;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Turns one row of raw logits (sigmoid per topic, softmax over sentiments) and the custom-topic
 * scores into labels. A topic is given when its score reaches its tuned threshold; `other` is given
 * only when no specific topic (built-in or custom) applies, so it never sits beside a real topic.
 */
export function decodeLogits(
  row: ArrayLike<number>,
  layout: LabelLayout,
  thresholds: ModelThresholds,
  custom: CustomScore[] = [],
): Labels {
  const topicScores: Record<string, number> = {};
  const given: { label: string; score: number }[] = [];
  for (const topic of TOPICS) {
    const score = sigmoid(row[layout.topic[topic]] as number);
    topicScores[topic] = score;
    if (topic !== 'other' && score >= thresholds.topics[topic]) given.push({ label: topic, score });
  }
  for (const c of custom) {
    topicScores[c.name] = c.score;
    if (c.passed) given.push({ label: c.name, score: c.score });
  }
  given.sort((a, b) => b.score - a.score);
  const topics = given.length > 0 ? given.map((g) => g.label) : ['other' satisfies TopicId];

  const sentimentLogits = SENTIMENTS.map((s) => row[layout.sentiment[s]] as number);
  const max = Math.max(...sentimentLogits);
  const exps = sentimentLogits.map((x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const sentimentScores = Object.fromEntries(
    SENTIMENTS.map((s, i) => [s, (exps[i] as number) / sum]),
  ) as SentimentScores;
  let sentiment: SentimentId = SENTIMENTS[0];
  for (const s of SENTIMENTS) if (sentimentScores[s] > sentimentScores[sentiment]) sentiment = s;

  return { topics, topic_scores: topicScores, sentiment, sentiment_scores: sentimentScores };
}
