import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintSessionToken } from '../../src/security/sessionToken.ts';
import { errorOf, type Harness, openHarness } from '../http/harness.ts';

let h: Harness;
let jwksServer: Server;
let jwksUrl: string;
let jwksFetches = 0;
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let ecPrivate: PrivateKey;
let otherEcPrivate: PrivateKey;

const JWT_SECRET = 'supabase-legacy-jwt-secret-0123456789abcdef';
const SESSION_SECRET = 'host-app-session-secret-0123456789abcdef';
const KEYS = {
  privateAlpha: 'sig_private_alpha_key_01',
  privateBeta: 'sig_private_beta_key_001',
  publicAlpha: 'sig_public_alpha_key_001',
};
const SITE_KEYS = JSON.stringify([
  { key: KEYS.privateAlpha, site: 'sig-alpha', role: 'viewer', require_sign_in: true },
  { key: KEYS.privateBeta, site: 'sig-beta', role: 'viewer', require_sign_in: true },
  { key: KEYS.publicAlpha, site: 'sig-alpha', role: 'viewer' },
]);

beforeAll(async () => {
  h = await openHarness();
  const pair = await generateKeyPair('ES256');
  ecPrivate = pair.privateKey;
  otherEcPrivate = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', alg: 'ES256', use: 'sig' };
  // Supabase's JWKS endpoint, served on loopback: the proxy fetches and caches it as it would the real one.
  jwksServer = createServer((_req, res) => {
    jwksFetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/auth/v1/.well-known/jwks.json`;
});
afterAll(async () => {
  await new Promise((resolve) => jwksServer?.close(resolve));
  await h?.cleanup();
});

const app = (env: Record<string, string> = {}) =>
  h.app({
    SITE_KEYS,
    HOST: '0.0.0.0',
    SUPABASE_JWT_SECRET: JWT_SECRET,
    SUPABASE_JWKS_URL: jwksUrl,
    SESSION_TOKEN_SECRET: SESSION_SECRET,
    ...env,
  });
const now = () => Math.floor(Date.now() / 1000);

/** A Supabase Auth access token as Supabase signs it: HS256 with the JWT secret, aud `authenticated`. */
function supabaseHs256(claims: JWTPayload, secret = JWT_SECRET): Promise<string> {
  return new SignJWT({
    role: 'authenticated',
    app_metadata: { site: 'sig-alpha' },
    iat: now(),
    exp: now() + 3600,
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('user-1')
    .setAudience('authenticated')
    .sign(new TextEncoder().encode(secret));
}

function supabaseEs256(claims: JWTPayload, key = ecPrivate): Promise<string> {
  return new SignJWT({ role: 'authenticated', app_metadata: { site: 'sig-alpha' }, ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: 'test-key-1', typ: 'JWT' })
    .setSubject('user-2')
    .setAudience('authenticated')
    .setExpirationTime('1h')
    .sign(key);
}

const withToken = (key: string, token?: string) => ({
  'x-site-key': key,
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

async function expectRefused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const error = await errorOf(response);
  expect(error.code).toBe(code);
  return error;
}

describe('sites that require sign-in', () => {
  it('refuse a request without a token, and keys without the setting need none', async () => {
    const a = app();
    const error = await expectRefused(
      await a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha) }),
      401,
      'sign_in_required',
    );
    expect(error.message).toContain('Authorization: Bearer <token>');
    expect((await a.request('/v1/messages', { headers: withToken(KEYS.publicAlpha) })).status).toBe(200);
  });

  it('accept a Supabase HS256 token whose app_metadata.site is the key site', async () => {
    const response = await app().request('/v1/messages', {
      headers: withToken(KEYS.privateAlpha, await supabaseHs256({})),
    });
    expect(response.status).toBe(200);
  });

  it('accept a Supabase ES256 token verified against the JWKS', async () => {
    const a = app();
    const token = await supabaseEs256({});
    expect((await a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, token) })).status).toBe(
      200,
    );
    expect((await a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, token) })).status).toBe(
      200,
    );
    expect(jwksFetches).toBeGreaterThan(0);
    const forged = await supabaseEs256({}, otherEcPrivate);
    await expectRefused(
      await a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, forged) }),
      401,
      'token_invalid',
    );
  });

  it('tell an expired token, a bad signature and a wrong audience apart', async () => {
    const a = app();
    const call = async (token: string) =>
      a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, token) });

    const expired = await supabaseHs256({ exp: now() - 120, iat: now() - 3720 });
    await expectRefused(await call(expired), 401, 'token_expired');

    const badSignature = await supabaseHs256({}, 'some-other-projects-secret-0123456789abcd');
    await expectRefused(await call(badSignature), 401, 'token_invalid');

    const tampered = (await supabaseHs256({})).replace(/\.([^.]+)\./, (_m, payload: string) => {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      return `.${Buffer.from(JSON.stringify({ ...claims, app_metadata: { site: 'sig-beta' } })).toString('base64url')}.`;
    });
    await expectRefused(await call(tampered), 401, 'token_invalid');

    const wrongAudience = await new SignJWT({ app_metadata: { site: 'sig-alpha' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('user-1')
      .setAudience('some-other-app')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const error = await expectRefused(await call(wrongAudience), 401, 'token_wrong_audience');
    expect(error.message).toContain('audience');

    await expectRefused(await call('not-a-token'), 401, 'token_invalid');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({
        sub: 'x',
        aud: 'authenticated',
        exp: now() + 60,
        app_metadata: { site: 'sig-alpha' },
      }),
    ).toString('base64url')}.`;
    await expectRefused(await call(unsigned), 401, 'token_invalid');
  });

  it('refuse a valid token for another site, and a token that names no site unless configured', async () => {
    const a = app();
    const betaUser = await supabaseHs256({ app_metadata: { site: 'sig-beta' } });
    const other = await a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, betaUser) });
    expect(other.status).toBe(403);
    expect((await a.request('/v1/messages', { headers: withToken(KEYS.privateBeta, betaUser) })).status).toBe(
      200,
    );
    // user_metadata is editable by the user, so a site there counts for nothing.
    const noSite = await supabaseHs256({ app_metadata: {}, user_metadata: { site: 'sig-alpha' } });
    const error = await expectRefused(
      await a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, noSite) }),
      401,
      'token_invalid',
    );
    expect(error.message).toContain('app_metadata.site');

    // A one-site project maps every user to its site by configuration; a site claim still wins.
    const mapped = app({ SUPABASE_AUTH_SITE: 'sig-alpha' });
    expect(
      (await mapped.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, noSite) })).status,
    ).toBe(200);
    expect(
      (await mapped.request('/v1/messages', { headers: withToken(KEYS.privateBeta, noSite) })).status,
    ).toBe(403);
    expect(
      (await mapped.request('/v1/messages', { headers: withToken(KEYS.privateBeta, betaUser) })).status,
    ).toBe(200);
  });

  it('check the issuer when SUPABASE_JWT_ISSUER is set', async () => {
    const a = app({ SUPABASE_JWT_ISSUER: 'https://ref.supabase.co/auth/v1' });
    const wrongIssuer = await supabaseHs256({ iss: 'https://elsewhere.supabase.co/auth/v1' });
    await expectRefused(
      await a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, wrongIssuer) }),
      401,
      'token_invalid',
    );
    const right = await supabaseHs256({ iss: 'https://ref.supabase.co/auth/v1' });
    expect((await a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, right) })).status).toBe(
      200,
    );
  });

  it('take the token as ?access_token= on GET, for EventSource and download links', async () => {
    const token = await supabaseHs256({});
    const response = await app().request(
      `/v1/messages?site_key=${KEYS.privateAlpha}&access_token=${encodeURIComponent(token)}&limit=5`,
    );
    expect(response.status).toBe(200);
  });
});

describe("the host app's HMAC session tokens", () => {
  const claims = (overrides: Record<string, unknown> = {}) => ({
    sub: 'operator-42',
    site: 'sig-alpha',
    aud: 'support-analytics',
    exp: now() + 600,
    ...overrides,
  });

  it('are accepted when signed with SESSION_TOKEN_SECRET, refused with a clear code otherwise', async () => {
    const a = app();
    const call = (token: string) =>
      a.request('/v1/messages', { headers: withToken(KEYS.privateAlpha, token) });
    expect((await call(mintSessionToken(SESSION_SECRET, claims()))).status).toBe(200);
    await expectRefused(
      await call(mintSessionToken(SESSION_SECRET, claims({ exp: now() - 60 }))),
      401,
      'token_expired',
    );
    await expectRefused(
      await call(mintSessionToken(SESSION_SECRET, claims({ aud: 'another-tool' }))),
      401,
      'token_wrong_audience',
    );
    await expectRefused(
      await call(mintSessionToken('not-the-secret-0123456789abcdef0123', claims())),
      401,
      'token_invalid',
    );
    const [prefix, , signature] = mintSessionToken(SESSION_SECRET, claims()).split('.');
    const resigned = Buffer.from(JSON.stringify(claims({ site: 'sig-beta' }))).toString('base64url');
    await expectRefused(await call(`${prefix}.${resigned}.${signature}`), 401, 'token_invalid');
    await expectRefused(await call('sa1.only-two-parts'), 401, 'token_invalid');
  });

  it('are refused when the proxy has no SESSION_TOKEN_SECRET', async () => {
    const a = app({ SESSION_TOKEN_SECRET: '' });
    const error = await expectRefused(
      await a.request('/v1/messages', {
        headers: withToken(KEYS.privateAlpha, mintSessionToken(SESSION_SECRET, claims())),
      }),
      401,
      'token_invalid',
    );
    expect(error.message).toContain('SESSION_TOKEN_SECRET is not set');
  });

  it("match the README's Node snippet byte for byte", async () => {
    // The snippet from README "Sign-in", as a host app would run it.
    const secret = SESSION_SECRET;
    const payload = Buffer.from(
      JSON.stringify({ sub: 'operator-42', site: 'sig-alpha', aud: 'support-analytics', exp: 1_900_000_000 }),
    ).toString('base64url');
    const signature = createHmac('sha256', secret).update(`sa1.${payload}`).digest('base64url');
    const token = `sa1.${payload}.${signature}`;

    expect(token).toBe(
      mintSessionToken(SESSION_SECRET, {
        sub: 'operator-42',
        site: 'sig-alpha',
        aud: 'support-analytics',
        exp: 1_900_000_000,
      }),
    );
    const response = await app().request('/v1/messages', { headers: withToken(KEYS.privateAlpha, token) });
    expect(response.status).toBe(200);
  });
});

describe('sign-in configuration', () => {
  it('refuses keys that require sign-in when no token can be checked', () => {
    expect(() => h.config({ SITE_KEYS })).toThrow(
      /require_sign_in: set SUPABASE_JWT_SECRET, SUPABASE_JWKS_URL or SESSION_TOKEN_SECRET/,
    );
  });

  it('refuses sign-in on admin keys, a plain-http JWKS URL off loopback, and short secrets without echoing them', () => {
    expect(() =>
      h.config({
        SESSION_TOKEN_SECRET: SESSION_SECRET,
        SITE_KEYS: JSON.stringify([
          { key: KEYS.privateAlpha, site: 's', role: 'admin', require_sign_in: true },
        ]),
      }),
    ).toThrow(/entry 1 require_sign_in: admin keys authenticate with the admin token/);
    expect(() => h.config({ SUPABASE_JWKS_URL: 'http://auth.example.com/jwks.json' })).toThrow(
      /SUPABASE_JWKS_URL must be an https:\/\/ URL/,
    );
    expect(() => h.config({ SUPABASE_JWT_SECRET: 'tiny-secret' })).toThrow(
      /^(?!.*tiny-secret).*SUPABASE_JWT_SECRET must be at least 32 characters/,
    );
  });
});
