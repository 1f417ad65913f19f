import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { SiteKey, SiteRole } from '../../config/index.ts';
import { keyId } from '../../security/keyId.ts';
import { DEFAULT_SITE } from '../../store/Store.ts';
import type { AppEnv } from '../env.ts';
import { HttpError } from '../errors.ts';

/**
 * Resolves which site a request acts for. Open local mode (no SITE_KEYS): every request is site
 * `default` with the admin role. Otherwise the caller sends its key as `Authorization: Bearer <key>`
 * or `X-Site-Key` (or, on GET, `?site_key=`). This is the one place where callers are identified; origin checks and rate limits
 * belong in middleware after it, keyed on `c.get('site')`.
 */
export function siteAccess(siteKeys: SiteKey[]) {
  const byDigest = new Map(siteKeys.map((entry) => [digest(entry.key), entry]));
  return createMiddleware<AppEnv>(async (c, next) => {
    if (siteKeys.length === 0) {
      c.set('site', DEFAULT_SITE);
      c.set('role', 'admin');
      c.set('keyId', 'open');
      return next();
    }
    const key =
      presentedKey(c.req.header('authorization'), c.req.header('x-site-key')) ??
      // Download links and EventSource cannot set headers; for reads only, the key may ride in the URL.
      (c.req.method === 'GET' ? c.req.query(SITE_KEY_PARAM) || null : null);
    if (!key) {
      throw new HttpError(
        401,
        'unauthorized',
        'missing site key: send Authorization: Bearer <key> or X-Site-Key',
        undefined,
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    }
    // Looked up by SHA-256 digest: lookup timing then says nothing about how close a guess was.
    const entry = byDigest.get(digest(key));
    if (!entry) {
      throw new HttpError(401, 'unauthorized', 'unknown site key', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    c.set('site', entry.site);
    c.set('role', entry.role);
    c.set('keyId', keyId(entry.key));
    return next();
  });
}

/** The query parameter that carries a site key on GET; routes ignore it when parsing their own. */
export const SITE_KEY_PARAM = 'site_key';

/** Routes that change data need an admin key; viewers may only read. */
export function requireRole(role: SiteRole) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (role === 'admin' && c.get('role') !== 'admin') {
      throw new HttpError(403, 'forbidden', 'this route needs an admin site key');
    }
    return next();
  });
}

function presentedKey(authorization: string | undefined, siteKeyHeader: string | undefined): string | null {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? (siteKeyHeader?.trim() || null);
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
