import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startupLines } from '../../src/cli/commands/serve.ts';
import { ConfigError } from '../../src/config/index.ts';
import { ADMIN_ROUTES } from '../../src/security/adminAccess.ts';
import { errorOf, type Harness, json, message, openHarness } from '../http/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

const ADMIN_TOKEN = 'global_admin_token_0123456789abcdef';
const OWN_TOKEN = 'own_admin_token_for_gamma_0123456789';
const KEYS = {
  admin: 'adm_alpha_admin_key_0001',
  viewer: 'adm_alpha_viewer_key_001',
  ownToken: 'adm_gamma_admin_key_0001',
};
const SITE_KEYS = JSON.stringify([
  { key: KEYS.admin, site: 'adm-alpha', role: 'admin' },
  { key: KEYS.viewer, site: 'adm-alpha', role: 'viewer' },
  {
    key: KEYS.ownToken,
    site: 'adm-gamma',
    role: 'admin',
    admin_token_sha256: createHash('sha256').update(OWN_TOKEN).digest('hex'),
  },
]);
const app = (env: Record<string, string> = { ADMIN_TOKEN }) => h.app({ SITE_KEYS, HOST: '0.0.0.0', ...env });

/** One valid request per admin route, so a 2xx shows the route itself ran. */
function requestFor(route: { method: string; path: string }, headers: Record<string, string>): RequestInit {
  if (route.path === '/v1/messages') return json([message(1)], headers);
  if (route.path === '/v1/import') {
    return {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: `id,source,conversation_id,author_role,created_at,text\nlivechat:c1:e9,livechat,c1,customer,2026-10-01T00:00:00Z,where is my withdrawal\n`,
    };
  }
  return { method: route.method, headers };
}
const pathOf = (route: { path: string }) =>
  route.path === '/v1/export' ? '/v1/export?format=json' : route.path;

describe('admin routes', () => {
  it('lists only routes the app serves, so the list cannot drift from the routes', async () => {
    const served = app().routes.filter((route) => route.method !== 'ALL');
    for (const route of ADMIN_ROUTES) {
      expect(served.some((r) => r.method === route.method && r.path === route.path)).toBe(true);
    }
  });

  it('classifies every /v1 route: a new route fails here until it is listed as admin or as open to viewers', () => {
    const viewers = [
      'POST /v1/query',
      'POST /v1/chat',
      'GET /v1/messages',
      'POST /v1/classify',
      'GET /v1/events',
    ];
    // Webhooks authenticate with their platform's secret instead of a site key.
    const webhooks = ['POST /v1/ingest/livechat', 'POST /v1/ingest/telegram'];
    const admin = ADMIN_ROUTES.map((route) => `${route.method} ${route.path}`);
    const served = app()
      .routes.filter((route) => route.method !== 'ALL' && route.path.startsWith('/v1/'))
      .map((route) => `${route.method} ${route.path}`);
    expect([...new Set(served)].sort()).toEqual([...viewers, ...webhooks, ...admin].sort());
  });

  it.each(ADMIN_ROUTES)('$method $path needs an admin key and the admin token', async (route) => {
    const a = app();
    const run = (headers: Record<string, string>) => a.request(pathOf(route), requestFor(route, headers));

    const keyAsBearer = await run({ authorization: `Bearer ${KEYS.admin}` });
    expect(keyAsBearer.status).toBe(401);
    expect(await errorOf(keyAsBearer)).toMatchObject({ code: 'admin_token_required' });
    expect(keyAsBearer.headers.get('www-authenticate')).toContain('Bearer');

    const noToken = await run({ 'x-site-key': KEYS.admin });
    expect(noToken.status).toBe(401);
    expect((await errorOf(noToken)).message).toContain('Authorization: Bearer <token>');

    const wrong = await run({ 'x-site-key': KEYS.admin, authorization: `Bearer ${ADMIN_TOKEN}x` });
    expect(wrong.status).toBe(401);
    expect(await errorOf(wrong)).toMatchObject({ code: 'admin_token_invalid' });

    const viewer = await run({ 'x-site-key': KEYS.viewer, authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(viewer.status).toBe(403);
    expect(await errorOf(viewer)).toMatchObject({ code: 'forbidden' });

    const ok = await run({ 'x-site-key': KEYS.admin, authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(ok.status).toBe(200);
  });

  it('guards HEAD on an admin GET route as the GET itself', async () => {
    const head = await app().request('/v1/export', { method: 'HEAD', headers: { 'x-site-key': KEYS.admin } });
    expect(head.status).toBe(401);
  });

  it('writes nothing when the token is wrong', async () => {
    const before = await h.store.countMessages('adm-alpha');
    const response = await app().request(
      '/v1/messages',
      json([message(50), message(51)], { 'x-site-key': KEYS.admin, authorization: 'Bearer nope' }),
    );
    expect(response.status).toBe(401);
    expect(await h.store.countMessages('adm-alpha')).toBe(before);
  });

  it("checks a key's own admin token instead of ADMIN_TOKEN", async () => {
    const a = app();
    const withGlobal = await a.request('/v1/export?format=json', {
      headers: { 'x-site-key': KEYS.ownToken, authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(withGlobal.status).toBe(401);
    expect(await errorOf(withGlobal)).toMatchObject({ code: 'admin_token_invalid' });
    const withOwn = await a.request('/v1/export?format=json', {
      headers: { 'x-site-key': KEYS.ownToken, authorization: `Bearer ${OWN_TOKEN}` },
    });
    expect(withOwn.status).toBe(200);
  });

  it('turns admin routes off, saying how to turn them on, when no admin token is configured', async () => {
    const response = await app({}).request('/v1/export', {
      headers: { 'x-site-key': KEYS.admin, authorization: 'Bearer anything' },
    });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).message).toMatch(/set ADMIN_TOKEN on the proxy, or admin_token_sha256/);
  });

  it('leaves reads alone: an admin key reads without the token', async () => {
    const response = await app().request('/v1/messages', { headers: { 'x-site-key': KEYS.admin } });
    expect(response.status).toBe(200);
  });

  it('needs no token in open local mode (loopback only, one person)', async () => {
    const response = await h.app().request('/v1/export?format=json');
    expect(response.status).toBe(200);
  });

  it('never logs the admin token or the key', async () => {
    h.logs.length = 0;
    const logged = h.app({ SITE_KEYS, HOST: '0.0.0.0', ADMIN_TOKEN, LOG_LEVEL: 'debug' });
    await logged.request('/v1/export?format=json', {
      headers: { 'x-site-key': KEYS.admin, authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    await logged.request('/v1/export?format=json', {
      headers: { 'x-site-key': KEYS.admin, authorization: `Bearer ${ADMIN_TOKEN}-wrong` },
    });
    const text = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(0);
    expect(text).not.toContain(ADMIN_TOKEN);
    expect(text).not.toContain(KEYS.admin);
  });
});

describe('admin token configuration', () => {
  it('says at start when admin routes are off for want of ADMIN_TOKEN', () => {
    const without = startupLines(h.config({ SITE_KEYS, HOST: '0.0.0.0' }), 'http://x');
    expect(without.join('\n')).toMatch(
      /ADMIN_TOKEN is not set: admin routes .* accept only keys with their own/,
    );
    const withToken = startupLines(h.config({ SITE_KEYS, HOST: '0.0.0.0', ADMIN_TOKEN }), 'http://x');
    expect(withToken.join('\n')).not.toContain('ADMIN_TOKEN');
    expect(withToken).toContain('3 site key(s) in SITE_KEYS; requests need X-Site-Key: <key>');
  });

  it('refuses a short ADMIN_TOKEN without echoing it', () => {
    let error: unknown;
    try {
      h.config({ SITE_KEYS, ADMIN_TOKEN: 'short-secret' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/ADMIN_TOKEN must be at least 32 characters/);
    expect((error as ConfigError).message).not.toContain('short-secret');
  });

  it('refuses an admin token digest on a viewer key and a malformed digest', () => {
    expect(() =>
      h.config({
        SITE_KEYS: JSON.stringify([
          { key: KEYS.viewer, site: 's', role: 'viewer', admin_token_sha256: 'a'.repeat(64) },
        ]),
      }),
    ).toThrow(/entry 1 admin_token_sha256: only admin keys have an admin token/);
    expect(() =>
      h.config({
        SITE_KEYS: JSON.stringify([
          { key: KEYS.admin, site: 's', role: 'admin', admin_token_sha256: 'nothex' },
        ]),
      }),
    ).toThrow(/must be the SHA-256 of the token as 64 lowercase hex digits/);
  });
});
