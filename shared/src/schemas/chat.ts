import { z } from 'zod';
import { IsoDateTime } from './enums.ts';
import { AnalyticsQuery, Filters, TimeZone } from './query.ts';
import { QueryResult } from './result.ts';

export const PROVIDERS = ['openai', 'gemini', 'local'] as const;
export const Provider = z.enum(PROVIDERS);
export type Provider = z.infer<typeof Provider>;

export const ChatRequest = z
  .object({
    message: z.string().trim().min(1).max(2000),
    conversation_id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'conversation_id: 1-64 letters, digits, _ or -')
      .optional(),
    provider: Provider.optional(),
    time_zone: TimeZone.optional(),
    now: IsoDateTime.optional(),
  })
  .strict();
export type ChatRequest = z.infer<typeof ChatRequest>;

export const ExecutedQuery = z.object({ query: AnalyticsQuery, result: QueryResult });
export type ExecutedQuery = z.infer<typeof ExecutedQuery>;

/** The final object of `POST /v1/chat` (analytics.md, "Chat answer"). */
export const ChatAnswer = z.object({
  answer: z.string(),
  queries: z.array(ExecutedQuery),
  context: z.object({ filters: Filters.partial() }),
  provider: Provider,
  grounded: z.boolean(),
  conversation_id: z.string().optional(),
  /** Why another provider than the one asked for answered (e.g. a timeout), if so. */
  fallback_reason: z.string().optional(),
});
export type ChatAnswer = z.infer<typeof ChatAnswer>;
