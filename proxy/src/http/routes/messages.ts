import { MessageInput } from '@sa/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../../store/Store.ts';
import { MB, readJsonBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { HttpError, issueDetails } from '../errors.ts';
import { filterParamsShape, parseParams, pickFilters } from '../filterParams.ts';

export const MESSAGES_BODY_LIMIT = 10 * MB;
export const MAX_MESSAGES_PER_REQUEST = 5000;
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const MessageListParams = z
  .object({
    ...filterParamsShape,
    cursor: z.string().min(1).max(1000).optional().describe('next_cursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  })
  .strict();

export interface ItemIssue {
  index: number;
  path: string;
  message: string;
}

/**
 * Checks a batch before anything is written: every item must be a valid MessageInput and ids must
 * be unique within the batch (an upsert cannot touch one row twice). Returns every problem found.
 */
export function checkMessageBatch(body: unknown): { messages: MessageInput[]; issues: ItemIssue[] } {
  if (!Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', 'body must be a JSON array of messages');
  }
  if (body.length === 0)
    throw new HttpError(400, 'bad_request', 'body is an empty array; send at least one message');
  if (body.length > MAX_MESSAGES_PER_REQUEST) {
    throw new HttpError(
      413,
      'payload_too_large',
      `${body.length} messages in one request; send at most ${MAX_MESSAGES_PER_REQUEST}`,
    );
  }
  const messages: MessageInput[] = [];
  const issues: ItemIssue[] = [];
  const firstIndexOfId = new Map<string, number>();
  body.forEach((item, index) => {
    const parsed = MessageInput.safeParse(item);
    if (!parsed.success) {
      for (const detail of issueDetails(parsed.error)) issues.push({ index, ...detail });
      return;
    }
    const earlier = firstIndexOfId.get(parsed.data.id);
    if (earlier !== undefined) {
      issues.push({ index, path: 'id', message: `same id as item ${earlier}; each id once per request` });
      return;
    }
    firstIndexOfId.set(parsed.data.id, index);
    messages.push(parsed.data);
  });
  return { messages, issues };
}

/** `GET /v1/messages` (filters, cursor pages) and `POST /v1/messages` (all-or-nothing ingest). */
export function messageRoutes(store: Store, onStored: (site: string, count: number) => void = () => {}) {
  return new Hono<AppEnv>()
    .get('/v1/messages', async (c) => {
      const params = parseParams(c.req.queries(), MessageListParams);
      const page = await store.listMessages(c.get('site'), {
        filters: pickFilters(params),
        limit: params.limit,
        ...(params.cursor ? { cursor: params.cursor } : {}),
      });
      return c.json(page);
    })
    .post('/v1/messages', async (c) => {
      const { messages, issues } = checkMessageBatch(await readJsonBody(c, MESSAGES_BODY_LIMIT));
      if (issues.length > 0) {
        const items = new Set(issues.map((issue) => issue.index)).size;
        const first = issues[0] as ItemIssue;
        throw new HttpError(
          400,
          'bad_request',
          `${items} of ${messages.length + items} messages invalid, none stored; first: item ${first.index} ${first.path}: ${first.message}`,
          issues,
        );
      }
      const site = c.get('site');
      const result = await store.upsertMessages(site, messages);
      onStored(site, messages.length);
      return c.json({ received: messages.length, ...result });
    });
}
