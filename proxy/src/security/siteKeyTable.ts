import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { OriginSchema, SiteIdSchema, SiteRole, TokenDigestSchema } from '../config/siteKeys.ts';
import type { SqlFunctionCaller } from '../store/sqlFunctions.ts';
import type { KeyRecord, KeyTableLookup } from './keyDirectory.ts';
import { sha256Hex } from './securityConfig.ts';

/** A row of `site_keys` as the store returns it: never the key, only its id and digests. */
export const StoredSiteKey = z.object({
  key_id: z.string(),
  site: z.string(),
  role: SiteRole,
  origins: z.array(z.string()),
  requests_per_minute: z.number().int().nullable(),
  chat_per_minute: z.number().int().nullable(),
  admin_token_sha256: z.string().nullable(),
  require_sign_in: z.boolean(),
  label: z.string().nullable(),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
});
export type StoredSiteKey = z.infer<typeof StoredSiteKey>;

/** What `sa keys add` asks for; validated with the same rules as SITE_KEYS entries. */
export const NewSiteKey = z
  .object({
    site: SiteIdSchema,
    role: SiteRole,
    origins: z.array(OriginSchema).default([]),
    requests_per_minute: z.number().int().positive().optional(),
    chat_per_minute: z.number().int().positive().optional(),
    admin_token_sha256: TokenDigestSchema.optional(),
    require_sign_in: z.boolean().default(false),
    label: z.string().max(200).optional(),
  })
  .refine((key) => key.admin_token_sha256 === undefined || key.role === 'admin', {
    message: 'only admin keys have an admin token',
    path: ['admin_token_sha256'],
  })
  .refine((key) => !key.require_sign_in || key.role === 'viewer', {
    message: 'sign-in is for viewer keys',
    path: ['require_sign_in'],
  });
export type NewSiteKey = z.input<typeof NewSiteKey>;

/** The `site_keys` table: the CLI manages it, the proxy looks keys up in it. */
export interface SiteKeyTable extends KeyTableLookup {
  /** Creates a key; the returned `key` is the only time it exists in clear. */
  add(entry: NewSiteKey): Promise<{ key: string; stored: StoredSiteKey }>;
  list(): Promise<StoredSiteKey[]>;
  /** Null when no active key has this id. */
  revoke(keyId: string): Promise<StoredSiteKey | null>;
}

export function recordOfStored(row: StoredSiteKey): KeyRecord {
  return {
    keyId: row.key_id,
    site: row.site,
    role: row.role,
    origins: new Set(row.origins),
    limits: {
      requests_per_minute: row.requests_per_minute ?? undefined,
      chat_per_minute: row.chat_per_minute ?? undefined,
    },
    adminTokenSha256: row.admin_token_sha256,
    requireSignIn: row.require_sign_in,
  };
}

/** A new key: 32 random bytes, prefixed so it is recognisable in a secret scanner. */
export function generateKey(): string {
  return `sak_${randomBytes(32).toString('base64url')}`;
}

export function createSiteKeyTable(connection: SqlFunctionCaller): SiteKeyTable {
  const list = async () => z.array(StoredSiteKey).parse(await connection.call('sa_site_keys_list', {}));
  return {
    async add(entry) {
      const valid = NewSiteKey.parse(entry);
      const key = generateKey();
      const row = await connection.call('sa_site_key_add', {
        p_key_sha256: sha256Hex(key),
        p_site: valid.site,
        p_role: valid.role,
        p_origins: valid.origins,
        p_requests_per_minute: valid.requests_per_minute ?? null,
        p_chat_per_minute: valid.chat_per_minute ?? null,
        p_admin_token_sha256: valid.admin_token_sha256 ?? null,
        p_require_sign_in: valid.require_sign_in,
        p_label: valid.label ?? null,
      });
      return { key, stored: StoredSiteKey.parse(row) };
    },
    list,
    async revoke(keyId) {
      return StoredSiteKey.nullable().parse(
        (await connection.call('sa_site_key_revoke', { p_key_id: keyId })) ?? null,
      );
    },
    async findByDigest(digest) {
      const row = StoredSiteKey.nullable().parse(
        (await connection.call('sa_site_key_find', { p_key_sha256: digest })) ?? null,
      );
      return row && recordOfStored(row);
    },
    async activeOrigins() {
      const keys = await list();
      return new Set(keys.filter((key) => key.revoked_at === null).flatMap((key) => key.origins));
    },
  };
}
