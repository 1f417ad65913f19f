import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLimiter } from '../../src/security/tokenBucket.ts';
import { errorOf, type Harness, json, message, openHarness } from '../http/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await h.store.upsertMessages('alpha', [message(1, { text: 'alpha: my deposit is missing' })]);
  await h.store.upsertMessages('beta', [
    message(2, { text: 'beta: bonus wagering question' }),
    message(3, { text: 'beta: secret beta only message' }),
  ]);
});
afterAll(async () => {
  await h?.cleanup();
});

const KEYS = {
  alphaViewer: 'alpha_viewer_key_00001',
  alphaAdmin: 'alpha_admin_key_000001',
  betaViewer: 'beta_viewer_key_000001',
  betaAdmin: 'beta_admin_key_0000001',
};
const ALPHA_ORIGIN = 'https://casino-alpha.example';
/** The side panel's origin: chrome-extension:// and the extension's 32-letter id. */
const EXTENSION_ORIGIN = `chrome-extension://${'a'.repeat(16)}${'p'.repeat(16)}`;
const BETA_ORIGIN = 'https://book-beta.example';
const SITE_KEYS = JSON.stringify([
  { key: KEYS.alphaViewer, site: 'alpha', role: 'viewer', origins: [ALPHA_ORIGIN, EXTENSION_ORIGIN] },
  { key: KEYS.alphaAdmin, site: 'alpha', role: 'admin' },
  { key: KEYS.betaViewer, site: 'beta', role: 'viewer', origins: [BETA_ORIGIN] },
  { key: KEYS.betaAdmin, site: 'beta', role: 'admin', limits: { requests_per_minute: 2 } },
]);
const bearer = (key: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  ...extra,
});
const ADMIN_TOKEN = 'access_test_admin_token_0123456789';
/** An admin request: the key as X-Site-Key, the admin token as the bearer. */
const admin = (key: string) => ({ 'x-site-key': key, authorization: `Bearer ${ADMIN_TOKEN}` });
const keyed = (env: Record<string, string> = {}) =>
  h.app({ SITE_KEYS, HOST: '0.0.0.0', ADMIN_TOKEN, ...env });

describe('CORS allow-list', () => {
  it('answers a preflight from a listed origin without a key, and refuses an unlisted one', async () => {
    const app = keyed();
    const ok = await app.request('/v1/query', {
      method: 'OPTIONS',
      headers: { origin: ALPHA_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALPHA_ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toContain('Authorization');

    const evil = await app.request('/v1/query', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect(await errorOf(evil)).toMatchObject({ code: 'forbidden' });
  });

  it('lets a key be used only from its own origins, and errors carry CORS headers so the widget can read them', async () => {
    const app = keyed();
    const own = await app.request('/v1/messages', {
      headers: bearer(KEYS.alphaViewer, { origin: ALPHA_ORIGIN }),
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(ALPHA_ORIGIN);

    const borrowed = await app.request('/v1/messages', {
      headers: bearer(KEYS.alphaViewer, { origin: BETA_ORIGIN }),
    });
    expect(borrowed.status).toBe(403);
    expect((await errorOf(borrowed)).message).toContain('for this site key');

    const noKey = await app.request('/v1/messages', { headers: { origin: ALPHA_ORIGIN } });
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('access-control-allow-origin')).toBe(ALPHA_ORIGIN);
  });

  it('refuses browsers on keys that list no origins (admin keys are for servers and the CLI)', async () => {
    const response = await keyed().request('/v1/messages', {
      headers: bearer(KEYS.alphaAdmin, { origin: ALPHA_ORIGIN }),
    });
    expect(response.status).toBe(403);
  });

  it('in open local mode allows loopback pages and browser extensions only', async () => {
    const app = h.app();
    const local = await app.request('/v1/messages', { headers: { origin: 'http://localhost:5173' } });
    expect(local.status).toBe(200);
    const panel = await app.request('/v1/messages', { headers: { origin: EXTENSION_ORIGIN } });
    expect(panel.status).toBe(200);
    const site = await app.request('/v1/messages', { headers: { origin: 'https://evil.example' } });
    expect(site.status).toBe(403);
  });

  it("accepts a Chrome extension's side panel only on keys that list its exact id", async () => {
    const app = keyed();
    const preflight = await app.request('/v1/query', {
      method: 'OPTIONS',
      headers: { origin: EXTENSION_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    const panel = await app.request('/v1/messages', {
      headers: { 'x-site-key': KEYS.alphaViewer, origin: EXTENSION_ORIGIN },
    });
    expect(panel.status).toBe(200);

    const otherExtension = await app.request('/v1/messages', {
      headers: { 'x-site-key': KEYS.alphaViewer, origin: `chrome-extension://${'b'.repeat(32)}` },
    });
    expect(otherExtension.status).toBe(403);
    // Beta's key does not list the extension, so the panel cannot use it.
    const betaKey = await app.request('/v1/messages', {
      headers: { 'x-site-key': KEYS.betaViewer, origin: EXTENSION_ORIGIN },
    });
    expect(betaKey.status).toBe(403);
  });

  it('refuses extension wildcards and malformed extension ids in SITE_KEYS', () => {
    for (const origin of [
      'chrome-extension://*',
      'chrome-extension://abc',
      `chrome-extension://${'a'.repeat(32)}/`,
    ]) {
      expect(() =>
        h.config({
          SITE_KEYS: JSON.stringify([
            { key: KEYS.alphaViewer, site: 'a', role: 'viewer', origins: [origin] },
          ]),
        }),
      ).toThrow(/entry 1 origins\.0: origin must look like .*chrome-extension:\/\/<32-letter extension id>/);
    }
    const compact = h.config({
      SITE_KEYS: `${KEYS.alphaViewer}:a:viewer:https://a.example|${EXTENSION_ORIGIN}`,
    });
    expect(compact.siteKeys[0]?.origins).toEqual(['https://a.example', EXTENSION_ORIGIN]);
  });
});

describe('roles', () => {
  it('lets a viewer read but not write, import or export', async () => {
    const app = keyed();
    expect((await app.request('/v1/messages', { headers: bearer(KEYS.alphaViewer) })).status).toBe(200);
    const write = await app.request('/v1/messages', json([message(9)], bearer(KEYS.alphaViewer)));
    expect(write.status).toBe(403);
    const imported = await app.request('/v1/import', {
      method: 'POST',
      headers: bearer(KEYS.alphaViewer, { 'content-type': 'text/csv' }),
      body: 'id,text\n',
    });
    expect(imported.status).toBe(403);
    expect(await errorOf(imported)).toMatchObject({ code: 'forbidden' });
    // The admin token does not lift a viewer key to admin.
    const exported = await app.request('/v1/export?format=json', {
      headers: { ...admin(KEYS.alphaViewer) },
    });
    expect(exported.status).toBe(403);
    expect(await h.store.countMessages('alpha')).toBe(1);
  });
});

describe('cross-site isolation', () => {
  it("site A's key never reads site B's messages, exports or analytics", async () => {
    const app = keyed();
    const listed = (await (
      await app.request('/v1/messages', { headers: bearer(KEYS.alphaAdmin) })
    ).json()) as {
      messages: { text: string }[];
    };
    expect(listed.messages.map((m) => m.text)).toEqual(['alpha: my deposit is missing']);

    const exported = await (
      await app.request('/v1/export?format=json', { headers: admin(KEYS.alphaAdmin) })
    ).text();
    expect(exported).not.toContain('beta');

    const examples = (key: string) =>
      app.request(
        '/v1/query',
        json(
          {
            metric: 'examples',
            filters: { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', text: 'beta' },
          },
          bearer(key),
        ),
      );
    const asAlpha = await examples(KEYS.alphaAdmin);
    expect(asAlpha.status).toBe(200);
    expect(JSON.stringify(((await asAlpha.json()) as { result: unknown }).result)).not.toContain('beta:');
    // The same query with beta's key finds them, so the one above could have.
    const asBeta = await examples(KEYS.betaViewer);
    expect(JSON.stringify(((await asBeta.json()) as { result: unknown }).result)).toContain('beta: secret');
  });

  it("site A cannot read or overwrite site B's conversation by reusing its id", async () => {
    const app = keyed();
    const ask = (key: string, body: Record<string, unknown>) =>
      app.request('/v1/chat', json(body, bearer(key, { accept: 'application/json' })));
    const beta = (await (
      await ask(KEYS.betaViewer, { message: 'how many bonus messages this year?' })
    ).json()) as {
      conversation_id: string;
    };
    const before = await h.store.loadConversation('beta', beta.conversation_id);
    expect(before?.turns.length).toBeGreaterThan(0);

    const alpha = await ask(KEYS.alphaViewer, {
      message: 'and last week?',
      conversation_id: beta.conversation_id,
    });
    expect(alpha.status).toBe(200);
    expect(JSON.stringify(await alpha.json())).not.toContain('bonus');
    expect(await h.store.loadConversation('beta', beta.conversation_id)).toEqual(before);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a key spends its own budget, and other keys are unaffected', async () => {
    const app = keyed();
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await app.request('/v1/messages', { headers: bearer(KEYS.betaAdmin) })).status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    const refused = await app.request('/v1/messages', { headers: bearer(KEYS.betaAdmin) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await errorOf(refused)).toMatchObject({ code: 'rate_limited', details: { scope: 'key' } });
    expect((await app.request('/v1/messages', { headers: bearer(KEYS.betaViewer) })).status).toBe(200);
  });

  it('gives chat its own tighter budget', async () => {
    const app = keyed({ CHAT_RATE_LIMIT_PER_MINUTE: '1' });
    const ask = () =>
      app.request(
        '/v1/chat',
        json(
          { message: 'how many messages today?' },
          bearer(KEYS.alphaViewer, { accept: 'application/json' }),
        ),
      );
    expect((await ask()).status).toBe(200);
    const second = await ask();
    expect(second.status).toBe(429);
    expect(await errorOf(second)).toMatchObject({ details: { scope: 'chat' } });
    expect((await app.request('/v1/messages', { headers: bearer(KEYS.alphaViewer) })).status).toBe(200);
  });

  it('limits per client address before any key is checked, using the trusted proxy header when configured', async () => {
    const app = keyed({ IP_RATE_LIMIT_PER_MINUTE: '2', CLIENT_IP_HEADER: 'Fly-Client-IP' });
    const from = (ip: string) => app.request('/v1/messages', { headers: { 'fly-client-ip': ip } });
    expect((await from('203.0.113.7')).status).toBe(401);
    expect((await from('203.0.113.7')).status).toBe(401);
    const third = await from('203.0.113.7');
    expect(third.status).toBe(429);
    expect(await errorOf(third)).toMatchObject({ details: { scope: 'ip' } });
    expect((await from('198.51.100.1')).status).toBe(401);
  });

  it('shows refusals in /metrics', async () => {
    const app = keyed({ IP_RATE_LIMIT_PER_MINUTE: '1' });
    await app.request('/v1/messages');
    await app.request('/v1/messages');
    const text = await (await app.request('/metrics')).text();
    expect(text).toMatch(/sa_rate_limited_total\{scope="ip"\} 1/);
    expect(text).toMatch(/sa_http_requests_total\{method="GET",route="\/v1\/messages",status="429"\} 1/);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('refills over time and forgets the least recently used buckets beyond its bound', async () => {
    let now = 0;
    const limiter = createMemoryLimiter({ maxBuckets: 2, now: () => now });
    const limit = { capacity: 1, refillPerSecond: 1 };
    expect((await limiter.take('a', limit)).allowed).toBe(true);
    const refused = await limiter.take('a', limit);
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 1000 });
    now = 1000;
    expect((await limiter.take('a', limit)).allowed).toBe(true);
    await limiter.take('b', limit);
    await limiter.take('c', limit);
    // 'a' was evicted, so it starts full again.
    expect((await limiter.take('a', limit)).allowed).toBe(true);
  });
});

describe('configuration', () => {
  it('names each bad limit variable', () => {
    expect(() => h.config({ RATE_LIMIT_PER_MINUTE: '0', CLIENT_IP_HEADER: 'x y' })).toThrow(
      /RATE_LIMIT_PER_MINUTE must be a whole number from 1 to \d+ \(got "0"\).*CLIENT_IP_HEADER/,
    );
  });
});
