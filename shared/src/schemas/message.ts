import { z } from 'zod';
import { AuthorRole, IsoDateTime, Sentiment, Source, Topic } from './enums.ts';

export const MAX_TEXT_LENGTH = 8000;

export const MessageText = z
  .string()
  .trim()
  .min(1, 'text is empty after trimming')
  .max(MAX_TEXT_LENGTH, `text is longer than ${MAX_TEXT_LENGTH} characters after trimming`);

export const MessageId = z.string().min(1).max(300);

export const TopicScores = z.partialRecord(Topic, z.number().min(0).max(1));

/** A stored, labelled message (analytics.md, "Message"). */
export const Message = z.object({
  id: MessageId,
  source: Source,
  conversation_id: z.string().min(1).max(300),
  author_role: AuthorRole,
  created_at: IsoDateTime,
  text: MessageText,
  topics: z.array(Topic),
  topic_scores: TopicScores,
  sentiment: Sentiment,
  model_version: z.string(),
});
export type Message = z.infer<typeof Message>;

/**
 * A message as it arrives (API ingest, CSV import, webhooks). Labels are
 * optional: given ones are human labels and are never overwritten by the model;
 * missing ones are filled in by the server-side classifier.
 */
export const MessageInput = Message.extend({
  topics: z.array(Topic).min(1).optional(),
  topic_scores: TopicScores.optional(),
  sentiment: Sentiment.optional(),
  model_version: z.string().optional(),
}).strict();
export type MessageInput = z.infer<typeof MessageInput>;

/** A message as the store returns it: labels may still be pending classification. */
export const StoredMessage = Message.extend({
  topics: z.array(Topic),
  sentiment: Sentiment.nullable(),
  model_version: z.string().nullable(),
  labelled_by: z.enum(['human', 'model', 'pending']),
});
export type StoredMessage = z.infer<typeof StoredMessage>;
