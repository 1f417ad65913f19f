import { z } from 'zod';
import { Sentiment, Topic } from '../schemas/enums.ts';
import { MessageText } from '../schemas/message.ts';
import { TOPICS } from '../taxonomy.ts';

/** A site owner's own topic name: lowercase snake case, never one of the built-in topics. */
export const CustomTopicName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{1,39}$/,
    'custom topic name: 2-40 lowercase letters, digits or _, starting with a letter',
  )
  .refine((name) => !(TOPICS as readonly string[]).includes(name), {
    message: 'custom topic name collides with a built-in topic',
  });

/** A topic scored by embedding similarity to its examples' centroid, without retraining (taxonomy.md). */
export const CustomTopic = z
  .object({
    name: CustomTopicName,
    description: z.string().trim().min(1).max(300),
    examples: z.array(MessageText).min(1).max(200),
    /**
     * Similarity to the centroid at or above which the topic is given; by default the model's calibrated
     * one (`embedding_space.json`), since the scale of similarities differs from model to model.
     */
    threshold: z.number().min(0).max(1).optional(),
  })
  .strict();
export type CustomTopic = z.input<typeof CustomTopic>;
export type ParsedCustomTopic = z.output<typeof CustomTopic>;

export const CustomTopicList = z
  .array(CustomTopic)
  .max(50)
  .superRefine((topics, ctx) => {
    const seen = new Set<string>();
    topics.forEach((t, i) => {
      if (seen.has(t.name)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `custom topic "${t.name}" is defined twice`,
        });
      }
      seen.add(t.name);
    });
  });

/** A label the classifier can give: a built-in topic or a custom one. */
export const TopicLabel = z.union([Topic, CustomTopicName]);
export type TopicLabel = z.infer<typeof TopicLabel>;

const Probability = z.number().min(0).max(1);

export const SentimentScores = z.record(Sentiment, Probability);
export type SentimentScores = z.infer<typeof SentimentScores>;

/** What the classifier returns per text. */
export const ClassificationResult = z.object({
  topics: z.array(TopicLabel).min(1),
  /** Every built-in topic's sigmoid score, plus each custom topic's (clamped) cosine similarity. */
  topic_scores: z.record(z.string(), Probability),
  sentiment: Sentiment,
  sentiment_scores: SentimentScores,
  model_version: z.string().min(1),
});
export type ClassificationResult = z.infer<typeof ClassificationResult>;

/** `thresholds.json` shipped with the model: one tuned threshold per built-in topic. */
export const ModelThresholds = z.object({ topics: z.record(Topic, Probability) });
export type ModelThresholds = z.infer<typeof ModelThresholds>;

/**
 * `embedding_space.json` shipped with the model (models/sa_train/embedding_space.py): the whitening that
 * custom-topic similarities are measured after — `(embedding - mean) · matrix`, then unit length — each
 * built-in topic's prototype in that space, and the threshold and margin calibrated there on topics the
 * model never saw.
 */
export const EmbeddingSpace = z
  .object({
    method: z.literal('whitening'),
    default_threshold: Probability,
    /** How much more similar to the custom topic than to the nearest built-in prototype a message must be. */
    margin: z.number().min(-2).max(2),
    mean: z.array(z.number()).min(1),
    matrix: z.array(z.array(z.number())),
    prototypes: z.partialRecord(Topic, z.array(z.number())),
  })
  .superRefine((space, ctx) => {
    const dim = space.mean.length;
    if (space.matrix.length !== dim || space.matrix.some((row) => row.length !== dim)) {
      ctx.addIssue({
        code: 'custom',
        path: ['matrix'],
        message: `matrix must be ${dim} x ${dim}, the length of mean`,
      });
    }
    for (const [topic, prototype] of Object.entries(space.prototypes)) {
      if (prototype?.length !== dim) {
        ctx.addIssue({
          code: 'custom',
          path: ['prototypes', topic],
          message: `prototype must have ${dim} numbers, the length of mean`,
        });
      }
    }
  });
export type EmbeddingSpace = z.infer<typeof EmbeddingSpace>;

/** The part of the model's `config.json` the runtime relies on. */
export const ModelConfig = z.object({
  model_type: z.literal('distilbert'),
  id2label: z.record(z.string(), z.string()),
  sa_model_version: z.string().min(1),
});
export type ModelConfig = z.infer<typeof ModelConfig>;

export const CLASSIFIER_DEVICES = ['auto', 'cpu', 'wasm', 'webgpu'] as const;
export const ClassifierDevice = z.enum(CLASSIFIER_DEVICES);
export type ClassifierDevice = z.infer<typeof ClassifierDevice>;

/** Model download progress, summed over every file of the model. */
export const LoadProgress = z.object({
  status: z.enum(['loading', 'ready']),
  /** The file that last reported progress, when there is one. */
  file: z.string().optional(),
  loaded: z.number().nonnegative(),
  total: z.number().nonnegative(),
  /** loaded / total in [0,1]; 1 when ready. */
  fraction: Probability,
});
export type LoadProgress = z.infer<typeof LoadProgress>;

export const MAX_CLASSIFY_TEXTS = 64;

/** `POST /v1/classify` body. */
export const ClassifyRequest = z
  .object({
    texts: z.array(MessageText).min(1, 'texts is empty; send 1 to 64 texts').max(MAX_CLASSIFY_TEXTS),
  })
  .strict();
export type ClassifyRequest = z.infer<typeof ClassifyRequest>;

/** `POST /v1/classify` answer: one result per text, in order. */
export const ClassifyResponse = z.object({ results: z.array(ClassificationResult) });
export type ClassifyResponse = z.infer<typeof ClassifyResponse>;
