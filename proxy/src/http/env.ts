import type { SiteRole } from '../config/index.ts';
import type { KeyRecord } from '../security/keyDirectory.ts';
import type { SignedInUser } from '../security/signIn.ts';
import type { SiteId } from '../store/Store.ts';
import type { Logger } from './logger.ts';

/** Per-request values every route can read with `c.get(...)`. */
export interface AppVariables {
  requestId: string;
  log: Logger;
  /** The site the caller's key belongs to (`default` in open local mode). */
  site: SiteId;
  role: SiteRole;
  /** The caller's key as a short digest (`open` in open local mode): names its rate-limit bucket and origins. */
  keyId: string;
  /** The caller's key (null in open local mode). */
  key: KeyRecord | null;
  /** The token sent beside the key: `Authorization: Bearer` when the key came as X-Site-Key, or `?access_token=` on GET. */
  credential: string | null;
  /** The signed-in user, on keys that require sign-in. */
  user?: SignedInUser;
}

export type AppEnv = { Variables: AppVariables };
