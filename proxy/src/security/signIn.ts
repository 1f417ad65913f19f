import { createMiddleware } from 'hono/factory';
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { AppEnv } from '../http/env.ts';
import { HttpError } from '../http/errors.ts';
import type { SignInConfig } from './securityConfig.ts';
import { SESSION_TOKEN_PREFIX, verifySessionToken } from './sessionToken.ts';
import { TokenRefused } from './tokenRefused.ts';

export interface SignedInUser {
  /** The user's id at the issuer (`sub`). */
  subject: string;
  site: string;
  via: 'supabase' | 'session';
}

export interface TokenVerifier {
  /** Throws TokenRefused (401) or HttpError (503 when the signing keys cannot be fetched). */
  verify(token: string): Promise<SignedInUser>;
}

export interface VerifierDeps {
  /** Signing keys for asymmetric tokens; defaults to SUPABASE_JWKS_URL's, fetched and cached by jose. */
  jwks?: JWTVerifyGetKey;
  nowSeconds?: () => number;
}

/** Clocks of the issuer and the proxy may disagree by this much. */
const CLOCK_TOLERANCE_S = 30;
const ASYMMETRIC = ['ES256', 'RS256', 'EdDSA'];

export function signInConfigured(config: SignInConfig): boolean {
  return Boolean(config.supabaseJwtSecret || config.supabaseJwksUrl || config.sessionTokenSecret);
}

/**
 * A site comes from the token itself: `site`, or Supabase's `app_metadata.site` (set with the service role;
 * users cannot change app_metadata, unlike user_metadata, which is never read); else from the configuration
 * (SUPABASE_AUTH_SITE: every user of the project belongs to that site).
 */
function siteOf(payload: JWTPayload, fallback: string | null): string {
  const appMetadata = payload.app_metadata as { site?: unknown } | undefined;
  const site = payload.site ?? appMetadata?.site ?? fallback;
  if (typeof site !== 'string' || site === '') {
    throw new TokenRefused(
      'token_invalid',
      'the token names no site: give the user app_metadata.site (or set SUPABASE_AUTH_SITE for a one-site project)',
    );
  }
  return site;
}

function refusedJwt(error: unknown): Error {
  if (error instanceof errors.JWTExpired) {
    return new TokenRefused('token_expired', 'sign-in token has expired; sign in again');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') {
      return new TokenRefused(
        'token_wrong_audience',
        `sign-in token has the wrong audience: ${error.message}`,
      );
    }
    return new TokenRefused('token_invalid', `sign-in token claim ${error.claim}: ${error.message}`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRefused('token_invalid', 'sign-in token signature does not verify');
  }
  if (
    error instanceof errors.JWKSTimeout ||
    (error instanceof TypeError && !(error instanceof errors.JOSEError))
  ) {
    return new HttpError(
      503,
      'provider_unavailable',
      'the sign-in signing keys (SUPABASE_JWKS_URL) cannot be fetched; retry shortly',
      undefined,
      { 'Retry-After': '5' },
    );
  }
  if (error instanceof errors.JOSEError) {
    return new TokenRefused('token_invalid', `sign-in token is not valid: ${error.message}`);
  }
  return error as Error;
}

/**
 * Supabase Auth JWTs (HS256 with SUPABASE_JWT_SECRET, or ES256 / RS256 / EdDSA from the JWKS) and the host
 * app's `sa1.` session tokens (HMAC-SHA256 with SESSION_TOKEN_SECRET), whichever are configured.
 */
export function createTokenVerifier(config: SignInConfig, deps: VerifierDeps = {}): TokenVerifier {
  const nowSeconds = deps.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const secret = config.supabaseJwtSecret ? new TextEncoder().encode(config.supabaseJwtSecret) : null;
  const jwks =
    deps.jwks ??
    (config.supabaseJwksUrl
      ? createRemoteJWKSet(new URL(config.supabaseJwksUrl), { timeoutDuration: 3_000 })
      : null);
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ASYMMETRIC : [])];
  const keyFor: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && secret) return secret;
    if (jwks) return jwks(header, token);
    throw new TokenRefused('token_invalid', `tokens signed with ${header.alg} are not accepted here`);
  };

  return {
    async verify(token) {
      if (token.startsWith(SESSION_TOKEN_PREFIX)) {
        if (!config.sessionTokenSecret) {
          throw new TokenRefused(
            'token_invalid',
            'session tokens are not accepted: SESSION_TOKEN_SECRET is not set',
          );
        }
        const claims = verifySessionToken(token, {
          secret: config.sessionTokenSecret,
          audience: config.sessionAudience,
          nowSeconds: nowSeconds(),
          toleranceSeconds: CLOCK_TOLERANCE_S,
        });
        return { subject: claims.sub, site: claims.site, via: 'session' };
      }
      if (algorithms.length === 0) {
        throw new TokenRefused(
          'token_invalid',
          'Supabase tokens are not accepted: set SUPABASE_JWT_SECRET or SUPABASE_JWKS_URL',
        );
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keyFor, {
          algorithms,
          audience: config.supabaseAudience,
          ...(config.supabaseIssuer ? { issuer: config.supabaseIssuer } : {}),
          requiredClaims: ['sub', 'exp'],
          clockTolerance: CLOCK_TOLERANCE_S,
          currentDate: new Date(nowSeconds() * 1000),
        }));
      } catch (error) {
        if (error instanceof TokenRefused) throw error;
        throw refusedJwt(error);
      }
      return {
        subject: String(payload.sub),
        site: siteOf(payload, config.supabaseDefaultSite),
        via: 'supabase',
      };
    },
  };
}

/**
 * For keys with `require_sign_in`: the request also carries a signed-in user's token (Authorization: Bearer
 * beside X-Site-Key, or `?access_token=` on GET) whose site is the key's site.
 */
export function signInGate(verifier: TokenVerifier | null) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.get('key');
    if (!key?.requireSignIn) return next();
    if (!verifier) {
      throw new HttpError(
        403,
        'forbidden',
        'this site key requires sign-in but the proxy accepts no tokens: set SUPABASE_JWT_SECRET, SUPABASE_JWKS_URL or SESSION_TOKEN_SECRET',
      );
    }
    const token = c.get('credential');
    if (!token) {
      throw new HttpError(
        401,
        'sign_in_required',
        "this dashboard is private: send the signed-in user's token as Authorization: Bearer <token> beside X-Site-Key",
        undefined,
        { 'WWW-Authenticate': 'Bearer realm="sign-in"' },
      );
    }
    let user: SignedInUser;
    try {
      user = await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof TokenRefused)) throw error;
      throw new HttpError(401, error.code, error.message, undefined, {
        'WWW-Authenticate': 'Bearer realm="sign-in", error="invalid_token"',
      });
    }
    if (user.site !== key.site) {
      throw new HttpError(403, 'forbidden', `this sign-in is for site ${user.site}, not for this key's site`);
    }
    c.set('user', user);
    return next();
  });
}
