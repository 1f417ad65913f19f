import { createHash } from 'node:crypto';
import type { AnalyticsQuery } from '@sa/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintSessionToken } from '../../proxy/src/security/sessionToken.ts';
import { type Harness, message, openHarness } from '../../proxy/test/http/harness.ts';
import { createAccessToken, type GetAccessToken } from '../src/api/accessToken.ts';
import { createClient } from '../src/api/client.ts';
import { describeError, ProxyError, signInProblem } from '../src/api/errors.ts';
import { exportRefusal } from '../src/state/exportAccess.ts';

/**
 * The widget's proxy client against the real proxy app (createApp on an embedded PGlite store, configured
 * from the environment as `sa serve` is), called in-process: every request it sends is recorded as sent.
 */
const SECRET = 'widget-client-session-secret-0123456789';
const ADMIN_TOKEN = 'widget-client-admin-token-0123456789';
const KEYS = { private: 'sak_widget_private_viewer_01', admin: 'sak_widget_admin_key_0000001' };
const SITE_KEYS = JSON.stringify([
  { key: KEYS.private, site: 'default', role: 'viewer', require_sign_in: true },
  {
    key: KEYS.admin,
    site: 'default',
    role: 'admin',
    admin_token_sha256: createHash('sha256').update(ADMIN_TOKEN).digest('hex'),
  },
]);
const PROXY = 'http://proxy.test/';
const QUERY: AnalyticsQuery = {
  metric: 'count',
  filters: { from: '2026-09-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' },
};

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await h.store.upsertMessages('default', [message(1), message(2), message(3)]);
});
afterAll(() => h?.cleanup());

const seconds = () => Math.floor(Date.now() / 1000);
/** A host app's `sa1.` session token for site `default`; a negative lifetime is long past the 30 s skew. */
const sessionToken = (lifetime = 3600, sub = 'manager-1') =>
  mintSessionToken(SECRET, { sub, site: 'default', aud: 'support-analytics', exp: seconds() + lifetime });

const PRIVATE_ENV = { SITE_KEYS, SESSION_TOKEN_SECRET: SECRET, HOST: '0.0.0.0' };

/** `hold(n)`: the n-th request's answer (from 0) reaches the client only once that promise settles. */
function proxy(env: Record<string, string> = PRIVATE_ENV, hold?: (n: number) => Promise<void>) {
  const app = h.app(env);
  const sent: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const n = sent.push(request.clone()) - 1;
    const response = await app.fetch(request);
    await hold?.(n);
    return response;
  };
  /** A GET of a URL the widget hands to the browser (EventSource, download link): no headers of its own. */
  const open = (url: string, signal?: AbortSignal) => app.fetch(new Request(url, { signal: signal ?? null }));
  return { fetch, sent, open };
}

function counting(tokens: string[]): GetAccessToken & { calls: number } {
  const get = Object.assign(
    async () => {
      get.calls += 1;
      return tokens.shift() ?? null;
    },
    { calls: 0 },
  );
  return get;
}

describe('the widget client speaks the proxy access contract', () => {
  it('sends the key as X-Site-Key and the user token as the bearer on every request', async () => {
    const p = proxy();
    const token = sessionToken();
    const client = createClient({
      proxyUrl: PROXY,
      siteKey: KEYS.private,
      fetch: p.fetch,
      accessToken: createAccessToken(async () => token),
    });
    const answer = await client.query(QUERY);
    expect(answer.result).toMatchObject({ metric: 'count', value: 3 });
    const page = await client.messages({}, { limit: 2 });
    expect(page.messages).toHaveLength(2);
    for (const request of p.sent) {
      expect(request.headers.get('x-site-key')).toBe(KEYS.private);
      expect(request.headers.get('authorization')).toBe(`Bearer ${token}`);
      expect(new URL(request.url).searchParams.has('access_token')).toBe(false);
    }
  });

  it('puts key and token in the query of the EventSource URL, which the proxy accepts', async () => {
    const p = proxy();
    const token = sessionToken();
    const client = createClient({
      proxyUrl: PROXY,
      siteKey: KEYS.private,
      fetch: p.fetch,
      accessToken: createAccessToken(async () => token),
    });
    const url = new URL(await client.eventsUrl());
    expect(url.pathname).toBe('/v1/events');
    expect(url.searchParams.get('site_key')).toBe(KEYS.private);
    expect(url.searchParams.get('access_token')).toBe(token);
    const abort = new AbortController();
    const stream = await p.open(url.toString(), abort.signal);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    abort.abort();
    await stream.body?.cancel().catch(() => undefined);

    url.searchParams.delete('access_token');
    const refused = await p.open(url.toString());
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('sign_in_required');
  });

  it('asks for a new token once when the proxy says it expired, and retries with it', async () => {
    const p = proxy();
    const fresh = sessionToken();
    const get = counting([sessionToken(-120), fresh]);
    const client = createClient({
      proxyUrl: PROXY,
      siteKey: KEYS.private,
      fetch: p.fetch,
      accessToken: createAccessToken(get),
    });
    const answer = await client.query(QUERY);
    expect(answer.result).toMatchObject({ value: 3 });
    expect(get.calls).toBe(2);
    expect(p.sent.map((r) => r.headers.get('authorization'))).toEqual([
      expect.stringMatching(/^Bearer sa1\./),
      `Bearer ${fresh}`,
    ]);
    // The fresh token is kept: the next request does not ask again.
    await client.query(QUERY);
    expect(get.calls).toBe(2);
    expect(new URL(await client.eventsUrl()).searchParams.get('access_token')).toBe(fresh);
  });

  it('asks once for requests refused together, as the dashboard sends its queries', async () => {
    // The first refusal's ask has finished before the other three refusals arrive, so sharing the
    // in-flight ask is not enough: they see their stale token was replaced.
    let refreshed!: () => void;
    const afterRefresh = new Promise<void>((resolve) => {
      refreshed = resolve;
    });
    const p = proxy(PRIVATE_ENV, (n) => (n >= 1 && n <= 3 ? afterRefresh : Promise.resolve()));
    const tokens = [sessionToken(-120), sessionToken(), sessionToken(7200, 'unused')];
    const get = Object.assign(
      async () => {
        get.calls += 1;
        if (get.calls === 2) setTimeout(refreshed, 0);
        return tokens.shift() ?? null;
      },
      { calls: 0 },
    );
    const client = createClient({
      proxyUrl: PROXY,
      siteKey: KEYS.private,
      fetch: p.fetch,
      accessToken: createAccessToken(get),
    });
    const answers = await Promise.all([1, 2, 3, 4].map(() => client.query(QUERY)));
    expect(answers.map((a) => a.result)).toEqual(Array(4).fill(expect.objectContaining({ value: 3 })));
    expect(get.calls).toBe(2);
    expect(p.sent).toHaveLength(8);
  });

  it('reopens a refused event stream with a fresh token, asking only when nobody else has', async () => {
    const p = proxy();
    const [expired, fresh, later] = [sessionToken(-120), sessionToken(), sessionToken(7200, 'later')];
    const get = counting([expired, fresh, later]);
    const client = createClient({
      proxyUrl: PROXY,
      siteKey: KEYS.private,
      fetch: p.fetch,
      accessToken: createAccessToken(get),
    });
    const token = async (fresh?: boolean) =>
      new URL(await client.eventsUrl({ fresh: fresh ?? false })).searchParams.get('access_token');
    expect(await token()).toBe(expired);
    // A query meanwhile was refused and refreshed the token: the stream takes that one.
    await client.query(QUERY);
    expect(await token(true)).toBe(fresh);
    expect(get.calls).toBe(2);
    // Refused with the current token: now the host is asked.
    expect(await token(true)).toBe(later);
    expect(get.calls).toBe(3);
  });

  it('gives up after that one refresh with a sign-in-expired error a person can act on', async () => {
    const p = proxy();
    const get = counting([sessionToken(-120), sessionToken(-60)]);
    const client = createClient({
      proxyUrl: PROXY,
      siteKey: KEYS.private,
      fetch: p.fetch,
      accessToken: createAccessToken(get),
    });
    const error = await client.query(QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as ProxyError).code).toBe('token_expired');
    expect(get.calls).toBe(2);
    expect(p.sent).toHaveLength(2);
    expect(signInProblem(error)?.title).toBe('Sign-in expired');
    expect(describeError(error)).toMatch(/sign-in has expired/i);
  });

  it('says sign-in is required when the page hands over no token, and works once it does', async () => {
    const p = proxy();
    const accessToken = createAccessToken();
    const client = createClient({ proxyUrl: PROXY, siteKey: KEYS.private, fetch: p.fetch, accessToken });
    const error = await client.query(QUERY).catch((e: unknown) => e);
    expect((error as ProxyError).code).toBe('sign_in_required');
    expect(signInProblem(error)?.title).toBe('Sign-in required');
    expect(p.sent[0]?.headers.has('authorization')).toBe(false);
    // A set token has no getter to ask again: one request, no retry loop.
    accessToken.set(sessionToken(-120));
    expect(((await client.query(QUERY).catch((e: unknown) => e)) as ProxyError).code).toBe('token_expired');
    expect(p.sent).toHaveLength(2);
    accessToken.set(sessionToken());
    expect((await client.query(QUERY)).result).toMatchObject({ value: 3 });
  });

  it('reports a getter that fails as a sign-in problem of the page, without calling the proxy', async () => {
    const p = proxy();
    const client = createClient({
      proxyUrl: PROXY,
      siteKey: KEYS.private,
      fetch: p.fetch,
      accessToken: createAccessToken(async () => {
        throw new Error('session storage is empty');
      }),
    });
    await expect(client.query(QUERY)).rejects.toThrow(/could not provide a sign-in token.*session storage/);
    expect(p.sent).toHaveLength(0);
  });

  it('refuses export to a signed-in viewer with "needs an admin key"', async () => {
    const p = proxy();
    const client = createClient({
      proxyUrl: PROXY,
      siteKey: KEYS.private,
      fetch: p.fetch,
      accessToken: createAccessToken(async () => sessionToken()),
    });
    const error = await client.checkExport().catch((e: unknown) => e);
    expect((error as ProxyError).status).toBe(403);
    expect(exportRefusal(error)).toMatch(/^Export needs an admin key/);
  });

  it('lets an admin key with its admin token export, through the download link alone', async () => {
    const p = proxy();
    const client = createClient({
      proxyUrl: PROXY,
      siteKey: KEYS.admin,
      fetch: p.fetch,
      accessToken: createAccessToken(async () => ADMIN_TOKEN),
    });
    await client.checkExport();
    const link = client.exportUrl({ sources: ['livechat'] }, 'csv');
    expect(new URL(link).searchParams.get('access_token')).toBe(ADMIN_TOKEN);
    const download = await p.open(link);
    expect(download.status).toBe(200);
    expect((await download.text()).trim().split('\n')).toHaveLength(4);

    const tokenless = createClient({ proxyUrl: PROXY, siteKey: KEYS.admin, fetch: p.fetch });
    const error = await tokenless.checkExport().catch((e: unknown) => e);
    expect((error as ProxyError).code).toBe('admin_token_required');
    expect(exportRefusal(error)).toMatch(/admin token/);
  });

  it('in open local mode sends no key or token, and export works', async () => {
    const p = proxy({});
    const get = counting(['never-sent']);
    const client = createClient({ proxyUrl: PROXY, fetch: p.fetch, accessToken: createAccessToken(get) });
    await client.checkExport();
    expect((await client.query(QUERY)).result).toMatchObject({ value: 3 });
    const link = new URL(client.exportUrl({}, 'json'));
    expect([...link.searchParams.keys()]).toEqual(['format']);
    expect((await p.open(link.toString())).status).toBe(200);
    expect(get.calls).toBe(0);
    for (const request of p.sent) {
      expect(request.headers.has('authorization')).toBe(false);
      expect(request.headers.has('x-site-key')).toBe(false);
    }
  });
});
