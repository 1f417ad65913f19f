import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { followEventFeed } from '../../events/eventFeed.ts';
import type { LiveSignals } from '../../events/liveSignals.ts';
import type { Store } from '../../store/Store.ts';
import type { AppEnv } from '../env.ts';
import { HttpError } from '../errors.ts';

export interface EventRouteDeps {
  store: Store;
  signals: LiveSignals;
  /** A comment line this often keeps proxies and load balancers from closing an idle stream. */
  heartbeatMs?: number;
  /** How often a stream looks for events appended by other proxies on the same database. */
  pollMs?: number;
}

/** What EventSource waits before reconnecting; it then sends Last-Event-ID and misses nothing. */
const RETRY_MS = 2000;

/**
 * `GET /v1/events`: server-sent events for the caller's site, `message.created` / `message.updated` with the
 * stored message as data and the event's sequence number as id. With `Last-Event-ID` (header, or
 * `?last_event_id=` for clients that cannot set headers) the stream resumes after that id; without, it starts
 * with the next event.
 */
export function eventRoutes({ store, signals, heartbeatMs = 15_000, pollMs = 1000 }: EventRouteDeps) {
  return new Hono<AppEnv>().get('/v1/events', async (c) => {
    const site = c.get('site');
    const given = c.req.header('last-event-id') ?? c.req.query('last_event_id');
    const after = given === undefined ? ((await store.lastEventId(site)) ?? 0) : eventId(given);
    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      const heartbeat = setInterval(() => {
        stream.write(': heartbeat\n\n').catch(() => abort.abort());
      }, heartbeatMs);
      try {
        await stream.write(`retry: ${RETRY_MS}\n: stream starts after event ${after}\n\n`);
        for await (const events of followEventFeed({
          store,
          signals,
          site,
          after,
          pollMs,
          abort: abort.signal,
        })) {
          for (const event of events) {
            await stream.writeSSE({
              id: String(event.seq),
              event: event.kind,
              data: JSON.stringify(event.message),
            });
          }
        }
      } finally {
        clearInterval(heartbeat);
      }
    });
  });
}

function eventId(value: string): number {
  const id = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(id)) {
    throw new HttpError(
      400,
      'bad_request',
      `Last-Event-ID must be an event id (a whole number), got "${value}"`,
    );
  }
  return id;
}
