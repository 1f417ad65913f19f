import { createMiddleware } from 'hono/factory';
import type { KeyDirectory } from '../../security/keyDirectory.ts';
import { DEFAULT_SITE } from '../../store/Store.ts';
import type { AppEnv } from '../env.ts';
import { HttpError } from '../errors.ts';

/** The query parameter that carries a site key on GET; routes ignore it when parsing their own. */
export const SITE_KEY_PARAM = 'site_key';
/** The query parameter that carries a signed-in user's token on GET (EventSource and download links). */
export const ACCESS_TOKEN_PARAM = 'access_token';
/** Parameters that identify the caller, not the request: routes skip them. */
export const CREDENTIAL_PARAMS: readonly string[] = [SITE_KEY_PARAM, ACCESS_TOKEN_PARAM];

export interface SiteAccessOptions {
  openLocalMode: boolean;
  keys: KeyDirectory;
}

/**
 * Resolves which site a request acts for. Open local mode: every request is site `default` with the admin
 * role. Otherwise the caller sends its key as `X-Site-Key` (or, on GET, `?site_key=`), and then
 * `Authorization: Bearer` carries the admin token or a signed-in user's token; or the key alone as
 * `Authorization: Bearer <key>`. This is the one place where callers are identified; origin checks, admin tokens, sign-in and
 * rate limits belong in middleware after it, reading `c.get('key')`.
 */
export function siteAccess({ openLocalMode, keys }: SiteAccessOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (openLocalMode) {
      c.set('site', DEFAULT_SITE);
      c.set('role', 'admin');
      c.set('keyId', 'open');
      c.set('key', null);
      c.set('credential', null);
      return next();
    }
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
    const isGet = c.req.method === 'GET';
    // Download links and EventSource cannot set headers; for reads only, key and token may ride in the URL.
    const namedKey =
      c.req.header('x-site-key')?.trim() || (isGet ? c.req.query(SITE_KEY_PARAM) || null : null);
    const urlToken = isGet ? c.req.query(ACCESS_TOKEN_PARAM) || null : null;
    // The bearer is the key only when nothing else names one; beside a key it is the admin or user token.
    const key = namedKey ?? bearer;
    const credential = (namedKey ? bearer : null) ?? urlToken;
    if (!key) {
      throw new HttpError(
        401,
        'unauthorized',
        'missing site key: send X-Site-Key: <key> (or Authorization: Bearer <key>)',
        undefined,
        { 'WWW-Authenticate': 'Bearer' },
      );
    }
    const entry = await keys.find(key);
    if (!entry) {
      throw new HttpError(401, 'unauthorized', 'unknown site key', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    c.set('site', entry.site);
    c.set('role', entry.role);
    c.set('keyId', entry.keyId);
    c.set('key', entry);
    c.set('credential', credential);
    return next();
  });
}
