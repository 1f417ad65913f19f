import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { EXTENSION_ORIGIN } from '../config/index.ts';
import type { AppEnv } from '../http/env.ts';
import { HttpError } from '../http/errors.ts';
import type { KeyDirectory } from './keyDirectory.ts';

const ALLOWED_HEADERS = 'Authorization, X-Site-Key, Content-Type, Accept, X-Request-Id, Last-Event-ID';
const EXPOSED_HEADERS = 'Retry-After, X-Request-Id';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface CorsOptions {
  keys: KeyDirectory;
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
 * Open local mode serves the person at this machine: loopback pages and their own browser's extensions
 * (the side panel). Websites they visit are refused, so none can read local data. An installed extension
 * could reach the proxy without CORS anyway (host permissions, header rules), so accepting its origin
 * here opens nothing new; keyed proxies accept only the extension ids a key lists.
 */
function localOrigin(origin: string): boolean {
  return isLoopback(origin) || EXTENSION_ORIGIN.test(origin);
}

/**
 * First gate for browsers, before any key is read: answers preflights, and refuses an Origin no key lists
 * (open local mode: anything but loopback pages and extensions, so a website cannot read local data).
 * Allowed origins get CORS headers on every answer, errors included, so the widget can show 401s and 429s.
 */
export function corsGate({ keys, openLocalMode }: CorsOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    const allowed =
      sameOrigin(c, origin) || (openLocalMode ? localOrigin(origin) : await keys.listsOrigin(origin));
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
export function keyOriginCheck() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const origin = c.req.header('origin');
    const key = c.get('key');
    if (origin === undefined || key === null || sameOrigin(c, origin)) return next();
    if (!key.origins.has(origin)) throw forbiddenOrigin(origin, 'for this site key');
    return next();
  });
}
