import type { SiteKey, SiteRole } from '../config/index.ts';
import { keyId } from './keyId.ts';
import { sha256Hex } from './securityConfig.ts';

/** What the proxy knows about a key once it is found; the key itself is not kept. */
export interface KeyRecord {
  /** Short public digest prefix: names the key in logs, metrics and rate-limit buckets. */
  keyId: string;
  site: string;
  role: SiteRole;
  origins: ReadonlySet<string>;
  limits?: { requests_per_minute?: number | undefined; chat_per_minute?: number | undefined } | undefined;
  /** SHA-256 (hex) of the admin token this key needs on admin routes; null: ADMIN_TOKEN's. */
  adminTokenSha256: string | null;
  requireSignIn: boolean;
}

/** Keys kept in the `site_keys` table, looked up by the SHA-256 of the key (the table stores no key). */
export interface KeyTableLookup {
  findByDigest(digest: string): Promise<KeyRecord | null>;
  /** Every origin some active key in the table lists. */
  activeOrigins(): Promise<ReadonlySet<string>>;
}

/** Every key the proxy accepts: SITE_KEYS first, then (when configured) the table. */
export interface KeyDirectory {
  find(presentedKey: string): Promise<KeyRecord | null>;
  listsOrigin(origin: string): Promise<boolean>;
}

export function recordOf(entry: SiteKey): KeyRecord {
  return {
    keyId: keyId(entry.key),
    site: entry.site,
    role: entry.role,
    origins: new Set(entry.origins),
    limits: entry.limits,
    adminTokenSha256: entry.admin_token_sha256 ?? null,
    requireSignIn: entry.require_sign_in ?? false,
  };
}

/** Table answers are cached this long: a revoked key stops working within it, and bad keys do not hit the store each time. */
export const TABLE_CACHE_MS = 10_000;
const TABLE_CACHE_MAX = 10_000;

export function createKeyDirectory(
  envKeys: SiteKey[],
  table: KeyTableLookup | null,
  now: () => number = Date.now,
): KeyDirectory {
  // Looked up by SHA-256 digest: lookup timing then says nothing about how close a guess was.
  const byDigest = new Map(envKeys.map((entry) => [sha256Hex(entry.key), recordOf(entry)]));
  const envOrigins = new Set(envKeys.flatMap((entry) => entry.origins));
  const cached = <T>(load: (name: string) => Promise<T>) => {
    const entries = new Map<string, { value: T; until: number }>();
    return async (name: string): Promise<T> => {
      const hit = entries.get(name);
      if (hit && hit.until > now()) return hit.value;
      const value = await load(name);
      if (entries.size >= TABLE_CACHE_MAX) entries.clear();
      entries.set(name, { value, until: now() + TABLE_CACHE_MS });
      return value;
    };
  };
  const fromTable = table && cached((digest) => table.findByDigest(digest));
  // One read of every listed origin per period: the CORS gate runs before the per-address rate limit,
  // so a per-origin lookup would let any stream of made-up Origin headers reach the store.
  const tableOrigins = table && cached(() => table.activeOrigins());
  return {
    async find(presentedKey) {
      const digest = sha256Hex(presentedKey);
      return byDigest.get(digest) ?? (fromTable ? fromTable(digest) : null);
    },
    async listsOrigin(origin) {
      if (envOrigins.has(origin)) return true;
      return tableOrigins ? (await tableOrigins('all')).has(origin) : false;
    },
  };
}
