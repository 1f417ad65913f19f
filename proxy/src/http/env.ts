import type { SiteRole } from '../config/index.ts';
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
}

export type AppEnv = { Variables: AppVariables };
