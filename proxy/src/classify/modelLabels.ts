import { Topic } from '@sa/shared';
import type { ClassificationResult } from '@sa/shared/classifier';
import type { ModelLabels, PendingMessage } from '../store/Store.ts';

const isTopic = (label: string): label is Topic => Topic.safeParse(label).success;

/**
 * The built-in part of a result, as the store keeps it: custom-topic labels (if the classifier has
 * any) stay out, and a message left with no built-in topic is `other`, as the taxonomy requires.
 */
export function builtInLabels(
  result: ClassificationResult,
): Pick<ModelLabels, 'topics' | 'topic_scores' | 'sentiment'> {
  const topics = result.topics.filter(isTopic);
  const topicScores: ModelLabels['topic_scores'] = {};
  for (const [label, score] of Object.entries(result.topic_scores)) {
    if (isTopic(label)) topicScores[label] = score;
  }
  return {
    topics: topics.length > 0 ? topics : ['other'],
    topic_scores: topicScores,
    sentiment: result.sentiment,
  };
}

export function toModelLabels(message: PendingMessage, result: ClassificationResult): ModelLabels {
  return {
    site: message.site,
    id: message.id,
    ...builtInLabels(result),
    model_version: result.model_version,
  };
}
