import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { SiteIdSchema } from '../config/siteKeys.ts';
import { TokenRefused } from './tokenRefused.ts';

/**
 * The host app's session tokens: `sa1.<payload>.<signature>`, where payload is the base64url of UTF-8 JSON
 * `{ "sub", "site", "aud", "exp", "iat"? }` (times in Unix seconds) and signature is the base64url of
 * HMAC-SHA256(SESSION_TOKEN_SECRET, "sa1." + payload). README, "Sign-in", has a Node snippet that mints one.
 */
export const SESSION_TOKEN_PREFIX = 'sa1.';

export const SessionClaims = z.object({
  sub: z.string().min(1).max(256),
  site: SiteIdSchema,
  aud: z.string().min(1),
  exp: z.number().int().positive(),
  iat: z.number().int().positive().optional(),
});
export type SessionClaims = z.infer<typeof SessionClaims>;

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret)
    .update(SESSION_TOKEN_PREFIX + payload)
    .digest();
}

/** Mints a token (what the host app does; used by the tests and the README's example). */
export function mintSessionToken(secret: string, claims: SessionClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${SESSION_TOKEN_PREFIX}${payload}.${sign(secret, payload).toString('base64url')}`;
}

/** Signature first (nothing in an unsigned payload is trusted), then expiry, then audience. */
export function verifySessionToken(
  token: string,
  {
    secret,
    audience,
    nowSeconds,
    toleranceSeconds,
  }: {
    secret: string;
    audience: string;
    nowSeconds: number;
    toleranceSeconds: number;
  },
): SessionClaims {
  const [payload, signature, ...rest] = token.slice(SESSION_TOKEN_PREFIX.length).split('.');
  if (!payload || !signature || rest.length > 0) {
    throw new TokenRefused('token_invalid', 'malformed session token: expected sa1.<payload>.<signature>');
  }
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TokenRefused('token_invalid', 'session token signature does not match SESSION_TOKEN_SECRET');
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new TokenRefused('token_invalid', 'session token payload is not JSON');
  }
  const claims = SessionClaims.safeParse(json);
  if (!claims.success) {
    const issue = claims.error.issues[0];
    throw new TokenRefused(
      'token_invalid',
      `session token claim ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  if (claims.data.exp + toleranceSeconds <= nowSeconds) {
    throw new TokenRefused('token_expired', 'session token has expired; sign in again');
  }
  if (claims.data.aud !== audience) {
    throw new TokenRefused(
      'token_wrong_audience',
      `session token is for audience "${claims.data.aud}", not "${audience}"`,
    );
  }
  return claims.data;
}
