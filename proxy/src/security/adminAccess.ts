import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../http/env.ts';
import { HttpError } from '../http/errors.ts';
import { sha256Hex } from './securityConfig.ts';

/**
 * The HTTP routes that write a site's data or take all of it out: each needs an admin key and the admin
 * token. The one list of them; webhook registration and reclassification are CLI commands (`sa webhooks`,
 * `sa reclassify`) that act on the store directly and have no HTTP route.
 */
export const ADMIN_ROUTES: readonly { method: 'GET' | 'POST'; path: string }[] = [
  { method: 'POST', path: '/v1/messages' },
  { method: 'POST', path: '/v1/import' },
  { method: 'GET', path: '/v1/export' },
];

export function isAdminRoute(method: string, path: string): boolean {
  // HEAD is answered by the GET handler, so it is guarded as GET.
  const asked = method === 'HEAD' ? 'GET' : method;
  return ADMIN_ROUTES.some((route) => route.method === asked && route.path === path);
}

/** Constant-time comparison of a presented token with a stored SHA-256 (hex): equal-length digests, no early exit. */
export function tokenMatches(token: string, expectedSha256: string): boolean {
  return timingSafeEqual(Buffer.from(sha256Hex(token), 'hex'), Buffer.from(expectedSha256, 'hex'));
}

const HOW = 'send the site key as X-Site-Key and the admin token as Authorization: Bearer <token>';

/**
 * Guards ADMIN_ROUTES: an admin-role key, then the admin token (the key's own `admin_token_sha256`, else
 * ADMIN_TOKEN's). Open local mode serves only this machine's loopback and needs neither.
 */
export function adminGate({ adminTokenSha256 }: { adminTokenSha256: string | null }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.get('key');
    if (key === null || !isAdminRoute(c.req.method, c.req.path)) return next();
    if (key.role !== 'admin') throw new HttpError(403, 'forbidden', 'this route needs an admin site key');
    const expected = key.adminTokenSha256 ?? adminTokenSha256;
    if (expected === null) {
      throw new HttpError(
        403,
        'forbidden',
        'admin routes are off for this key: set ADMIN_TOKEN on the proxy, or admin_token_sha256 on the key',
      );
    }
    const token = c.get('credential');
    if (!token) {
      throw new HttpError(
        401,
        'admin_token_required',
        `this route needs the admin token: ${HOW}`,
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="admin"',
        },
      );
    }
    if (!tokenMatches(token, expected)) {
      throw new HttpError(401, 'admin_token_invalid', `wrong admin token: ${HOW}`, undefined, {
        'WWW-Authenticate': 'Bearer realm="admin", error="invalid_token"',
      });
    }
    return next();
  });
}
