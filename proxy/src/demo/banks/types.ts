import type { Sentiment, Topic } from '@sa/shared';

/**
 * Customer message cores for one topic, one list per sentiment. A core is a
 * whole thought; the composer adds greetings, tails and noise around it. Each
 * line must be about its topic alone (a line that names another topic's words
 * without being about it is a deliberate decoy) and carry its sentiment on its
 * own, because the generated labels are the classifier's training targets.
 */
export type TopicBank = Record<Sentiment, readonly string[]>;

/** A message that is genuinely about several topics at once. */
export interface ComboLine {
  topics: readonly Topic[];
  sentiment: Sentiment;
  text: string;
}
