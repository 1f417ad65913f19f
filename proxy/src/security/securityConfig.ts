import { createHash } from 'node:crypto';
import { z } from 'zod';
import { envIssueLines, wholeNumberVar } from '../config/envVars.ts';
import { SiteIdSchema } from '../config/siteKeys.ts';

/** Rate limits and client identification read from the environment (README, "Environment variables"). */
export interface SecurityConfig {
  /** Requests per minute per site key (a key's own `limits` win). */
  requestsPerMinute: number;
  /** POST /v1/chat per minute per site key: chat spends LLM tokens, so it has a tighter budget of its own. */
  chatPerMinute: number;
  /** Requests per minute per client IP address, whatever key it sends (webhooks included). */
  ipPerMinute: number;
  /** Header a trusted front proxy puts the client's address in (fly.io: Fly-Client-IP); unset: the socket's. */
  clientIpHeader: string | null;
  /** Open local mode has no limits unless RATE_LIMITS=on: it serves one person on loopback (demo, evaluation). */
  enforceInOpenMode: boolean;
  /** SHA-256 of ADMIN_TOKEN (hex): the token admin keys without their own `admin_token_sha256` must present. */
  adminTokenSha256: string | null;
  /** Keys are also read from the `site_keys` table (SITE_KEYS_TABLE=on), not only from SITE_KEYS. */
  siteKeysTable: boolean;
  signIn: SignInConfig;
}

/** How users' tokens for private dashboards are checked (README, "Sign-in"). */
export interface SignInConfig {
  /** Supabase Auth's legacy JWT secret: HS256 tokens. */
  supabaseJwtSecret: string | null;
  /** Supabase Auth's JWKS (asymmetric signing keys: ES256 / RS256), e.g. https://<ref>.supabase.co/auth/v1/.well-known/jwks.json */
  supabaseJwksUrl: string | null;
  /** The `aud` Supabase tokens must carry. */
  supabaseAudience: string;
  /** `iss` Supabase tokens must carry, when set (https://<ref>.supabase.co/auth/v1). */
  supabaseIssuer: string | null;
  /** The site of Supabase users whose token names none (every user of a one-site project). */
  supabaseDefaultSite: string | null;
  /** Secret of the host app's HMAC-SHA256 session tokens (`sa1.` tokens). */
  sessionTokenSecret: string | null;
  /** The `aud` session tokens must carry. */
  sessionAudience: string;
}

const optionalSecret = (what: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()))
    .pipe(z.string().min(32, `must be at least 32 characters (${what})`).nullable());

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : null));

/** A limit's largest value: nine digits, as before, so a per-minute rate stays a safe integer. */
const MAX_PER_MINUTE = 999_999_999;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Variables whose values are never echoed in an error. */
const SECRETS = new Set(['ADMIN_TOKEN', 'SUPABASE_JWT_SECRET', 'SESSION_TOKEN_SECRET']);

const SecurityEnv = z.object({
  ADMIN_TOKEN: optionalSecret('e.g. openssl rand -hex 32'),
  SITE_KEYS_TABLE: z
    .string()
    .trim()
    .optional()
    .pipe(z.enum(['on', 'off', ''], 'must be on or off').optional()),
  SUPABASE_JWT_SECRET: optionalSecret("Supabase's JWT secret"),
  SUPABASE_JWKS_URL: optionalText.pipe(
    z
      .string()
      // Plain http only on loopback: `supabase start` serves Auth at http://127.0.0.1:54321.
      .refine((value) => {
        try {
          const url = new URL(value);
          return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
        } catch {
          return false;
        }
      }, 'must be an https:// URL (http:// on loopback only)')
      .nullable(),
  ),
  SUPABASE_JWT_AUDIENCE: optionalText,
  SUPABASE_JWT_ISSUER: optionalText,
  SUPABASE_AUTH_SITE: optionalText.pipe(SiteIdSchema.nullable()),
  SESSION_TOKEN_SECRET: optionalSecret('e.g. openssl rand -hex 32'),
  SESSION_TOKEN_AUDIENCE: optionalText,
  RATE_LIMIT_PER_MINUTE: wholeNumberVar(600, 1, MAX_PER_MINUTE),
  CHAT_RATE_LIMIT_PER_MINUTE: wholeNumberVar(20, 1, MAX_PER_MINUTE),
  IP_RATE_LIMIT_PER_MINUTE: wholeNumberVar(1200, 1, MAX_PER_MINUTE),
  CLIENT_IP_HEADER: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value.toLowerCase() : null))
    .pipe(
      z
        .string()
        .regex(/^[a-z0-9-]+$/, 'must be a header name such as Fly-Client-IP')
        .nullable(),
    ),
  RATE_LIMITS: z
    .string()
    .trim()
    .optional()
    .pipe(z.enum(['on', 'off', 'auto', '']).optional()),
});

/** Parses the security variables; returns one issue line per bad value (naming the variable) instead of throwing. */
export function parseSecurityEnv(env: Record<string, string | undefined>): {
  security: SecurityConfig;
  issues: string[];
} {
  const parsed = SecurityEnv.safeParse(env);
  if (!parsed.success) {
    return { security: DEFAULT_SECURITY, issues: envIssueLines(parsed.error, env, SECRETS) };
  }
  const vars = parsed.data;
  return {
    security: {
      requestsPerMinute: vars.RATE_LIMIT_PER_MINUTE,
      chatPerMinute: vars.CHAT_RATE_LIMIT_PER_MINUTE,
      ipPerMinute: vars.IP_RATE_LIMIT_PER_MINUTE,
      clientIpHeader: vars.CLIENT_IP_HEADER,
      enforceInOpenMode: vars.RATE_LIMITS === 'on',
      adminTokenSha256: vars.ADMIN_TOKEN ? sha256Hex(vars.ADMIN_TOKEN) : null,
      siteKeysTable: vars.SITE_KEYS_TABLE === 'on',
      signIn: {
        supabaseJwtSecret: vars.SUPABASE_JWT_SECRET,
        supabaseJwksUrl: vars.SUPABASE_JWKS_URL,
        supabaseAudience: vars.SUPABASE_JWT_AUDIENCE ?? 'authenticated',
        supabaseIssuer: vars.SUPABASE_JWT_ISSUER,
        supabaseDefaultSite: vars.SUPABASE_AUTH_SITE,
        sessionTokenSecret: vars.SESSION_TOKEN_SECRET,
        sessionAudience: vars.SESSION_TOKEN_AUDIENCE ?? 'support-analytics',
      },
    },
    issues: [],
  };
}

export const DEFAULT_SECURITY: SecurityConfig = {
  requestsPerMinute: 600,
  chatPerMinute: 20,
  ipPerMinute: 1200,
  clientIpHeader: null,
  enforceInOpenMode: false,
  adminTokenSha256: null,
  siteKeysTable: false,
  signIn: {
    supabaseJwtSecret: null,
    supabaseJwksUrl: null,
    supabaseAudience: 'authenticated',
    supabaseIssuer: null,
    supabaseDefaultSite: null,
    sessionTokenSecret: null,
    sessionAudience: 'support-analytics',
  },
};

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
