import { ChatRequest } from '@sa/shared';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { answerChat, type ChatDeps } from '../../chat/chat.ts';
import type { ChatEventName } from '../../chat/events.ts';
import { StoreUnavailableError } from '../../store/errors.ts';
import { KB, readJsonBody } from '../body.ts';
import type { AppEnv } from '../env.ts';
import { errorBody, validationError } from '../errors.ts';

export const CHAT_BODY_LIMIT = 16 * KB;

export interface ChatRouteDeps extends ChatDeps {
  /** ALLOW_CLOCK_OVERRIDE=1: honour the request's `now` (tests and evaluation only). */
  allowClockOverride: boolean;
}

/**
 * `POST /v1/chat`: server-sent events (`status`, `tool`, `delta`, then `final` with the ChatAnswer, or
 * `error`), or with `Accept: application/json` only the final ChatAnswer.
 */
export function chatRoutes(deps: ChatRouteDeps) {
  return new Hono<AppEnv>().post('/v1/chat', async (c) => {
    const parsed = ChatRequest.safeParse(await readJsonBody(c, CHAT_BODY_LIMIT));
    if (!parsed.success) throw validationError(parsed.error, 'chat request');
    const request = parsed.data;
    const now = deps.allowClockOverride && request.now ? new Date(request.now) : new Date();
    const site = c.get('site');
    const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
    if (wantsJson) return c.json(await answerChat(deps, { request, site, now }));

    return streamSSE(c, async (stream) => {
      let id = 0;
      const send = (event: ChatEventName | 'error', data: unknown) =>
        stream.writeSSE({ event, data: JSON.stringify(data), id: String(id++) });
      const pending: Promise<void>[] = [];
      try {
        await answerChat(deps, {
          request,
          site,
          now,
          events: { emit: (event, data) => void pending.push(send(event, data)) },
        });
      } catch (error) {
        const body =
          error instanceof StoreUnavailableError
            ? errorBody('store_unavailable', 'the database cannot be reached; retry shortly')
            : errorBody(
                'internal',
                `internal error; quote request id ${c.get('requestId')} when reporting it`,
              );
        c.get('log')?.error('chat failed', { error: error instanceof Error ? error.message : String(error) });
        pending.push(send('error', body));
      }
      await Promise.all(pending);
    });
  });
}
