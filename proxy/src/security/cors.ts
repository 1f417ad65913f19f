import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { SiteKey } from '../config/index.ts';
import type { AppEnv } from '../http/env.ts';
import { HttpError } from '../http/errors.ts';
import { keyId } from './keyId.ts';

const ALLOWED_HEADERS = 'Authorization, X-Site-Key, Content-Type, Accept, X-Request-Id, Last-Event-ID';
const EXPOSED_HEADERS = 'Retry-After, X-Request-Id';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface CorsOptions {
  siteKeys: SiteKey[];
  openLocalMode: boolean;
}

/** The page is served by this proxy itself (the demo page): the browser still sends Origin on POST. */
function sameOrigin(c: Context, origin: string): boolean {
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}

function isLoopback(origin: string): boolean {
  try {
    return LOOPBACK.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function forbiddenOrigin(origin: string, why: string): HttpError {
  return new HttpError(403, 'forbidden', `origin ${origin} is not allowed ${why}`, { origin });
}

/**
 * First gate for browsers, before any key is read: answers preflights, and refuses an Origin no key lists
 * (open local mode: any page not on loopback, so a website the operator visits cannot read local data).
 * Allowed origins get CORS headers on every answer, errors included, so the widget can show 401s and 429s.
 */
export function corsGate({ siteKeys, openLocalMode }: CorsOptions) {
  const anyKeyOrigins = new Set(siteKeys.flatMap((entry) => entry.origins));
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    const allowed = sameOrigin(c, origin) || (openLocalMode ? isLoopback(origin) : anyKeyOrigins.has(origin));
    if (!allowed) throw forbiddenOrigin(origin, 'to call this proxy');
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Vary', 'Origin');
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    return next();
  });
}

/**
 * Second gate, after the key is known: a key is used from the origins it lists only, so a viewer key
 * copied out of one operator's page does not work from another site.
 */
export function keyOriginCheck({ siteKeys, openLocalMode }: CorsOptions) {
  const originsByKey = new Map(siteKeys.map((entry) => [keyId(entry.key), new Set(entry.origins)]));
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined || openLocalMode || sameOrigin(c, origin)) return next();
    const origins = originsByKey.get(c.get('keyId'));
    if (!origins?.has(origin)) throw forbiddenOrigin(origin, 'for this site key');
    return next();
  });
}
