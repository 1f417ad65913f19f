import { z } from 'zod';

export const SITE_ROLES = ['viewer', 'admin'] as const;
export const SiteRole = z.enum(SITE_ROLES);
export type SiteRole = z.infer<typeof SiteRole>;

export const SiteIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'site id must be 1-64 letters, digits, _ or -');

/** A Chrome extension's origin: its 32-letter id (a-p) in full, so one extension is allowed, never all of them. */
export const EXTENSION_ORIGIN = /^chrome-extension:\/\/[a-p]{32}$/;

/**
 * An origin as browsers send it in the Origin header: scheme, host and optional port, nothing else; or
 * one Chrome extension's origin (its side panel calls the proxy from there).
 */
export const OriginSchema = z.string().refine((value) => {
  if (EXTENSION_ORIGIN.test(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}, 'origin must look like https://host[:port] with no path or trailing slash, or chrome-extension://<32-letter extension id>');

/** What a key stores of its admin token: the token's SHA-256, so SITE_KEYS never holds the token itself. */
export const TokenDigestSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the token as 64 lowercase hex digits');

export const SiteKey = z
  .object({
    key: z
      .string()
      .min(16, 'key must be at least 16 characters')
      .regex(/^[^\s:,]+$/, 'key has no spaces, : or ,'),
    site: SiteIdSchema,
    role: SiteRole,
    origins: z.array(OriginSchema).default([]),
    /** This key's own budgets (JSON form only); unset ones use RATE_LIMIT_PER_MINUTE / CHAT_RATE_LIMIT_PER_MINUTE. */
    limits: z
      .object({
        requests_per_minute: z.number().int().positive().optional(),
        chat_per_minute: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    /** Admin keys: this key's own admin token (its SHA-256); without it the key uses ADMIN_TOKEN. */
    admin_token_sha256: TokenDigestSchema.optional(),
    /** Viewer keys of private dashboards: every request also needs a signed-in user's token for this site. */
    require_sign_in: z.boolean().optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.admin_token_sha256 !== undefined && entry.role !== 'admin') {
      ctx.addIssue({
        code: 'custom',
        path: ['admin_token_sha256'],
        message: 'only admin keys have an admin token',
      });
    }
    if (entry.require_sign_in && entry.role === 'admin') {
      ctx.addIssue({
        code: 'custom',
        path: ['require_sign_in'],
        message: 'admin keys authenticate with the admin token; sign-in is for viewer keys',
      });
    }
  });
export type SiteKey = z.infer<typeof SiteKey>;

export class SiteKeysError extends Error {
  override readonly name = 'SiteKeysError';
}

/**
 * Parses SITE_KEYS: either a JSON array of `{ key, site, role, origins?, limits?, admin_token_sha256?,
 * require_sign_in? }`, or the compact form
 * `key:site:role:origin1|origin2,key2:site2:role2` (origins optional; they contain ':' themselves,
 * so only the first three colons split fields).
 */
export function parseSiteKeys(raw: string): SiteKey[] {
  const text = raw.trim();
  if (text === '') return [];
  const candidates = text.startsWith('[') ? parseJson(text) : parseCompact(text);
  const parsed = z.array(SiteKey).safeParse(candidates);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length
      ? `entry ${Number(issue.path[0]) + 1} ${issue.path.slice(1).join('.')}`
      : '';
    throw new SiteKeysError(`${where.trim()}: ${issue?.message ?? 'invalid'}`.replace(/^: /, ''));
  }
  const seen = new Set<string>();
  parsed.data.forEach((entry, index) => {
    if (seen.has(entry.key)) throw new SiteKeysError(`entry ${index + 1}: key is listed twice`);
    seen.add(entry.key);
  });
  return parsed.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SiteKeysError(`not valid JSON (${(error as Error).message})`);
  }
}

function parseCompact(text: string): unknown[] {
  return text.split(',').map((entry, index) => {
    const parts = entry.trim().split(':');
    if (parts.length < 3) {
      throw new SiteKeysError(`entry ${index + 1}: expected key:site:role[:origin1|origin2]`);
    }
    const [key, site, role, ...rest] = parts;
    const originList = rest.join(':');
    return { key, site, role, origins: originList === '' ? [] : originList.split('|') };
  });
}
