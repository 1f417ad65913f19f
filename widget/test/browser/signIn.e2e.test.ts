import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { QueryResponse } from '@sa/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintSessionToken } from '../../../proxy/src/security/sessionToken.ts';
import { dashboardQueries } from '../../src/state/dashboard.ts';
import { ARTIFACTS, buildWidget, CHROMIUM, launchBrowser, type RunningProxy, startProxy } from './harness.ts';

/** A private dashboard: the viewer key needs a signed-in user, whose `sa1.` token the host app mints. */
const KEY = 'sak_e2e_private_viewer_0001';
const SECRET = 'e2e-session-token-secret-0123456789abcdef';

/** `lifetime` in seconds; a negative one is long past the proxy's 30 s clock tolerance. */
const sessionToken = (lifetime = 3600) =>
  mintSessionToken(SECRET, {
    sub: 'manager-7',
    site: 'default',
    aud: 'support-analytics',
    exp: Math.floor(Date.now() / 1000) + lifetime,
  });

/**
 * An app that bundles the widget: it imports the ES module (app.js exports mount) and gives it a getter
 * that answers with the tokens in order, counting how often it was asked.
 */
function bundlerPage(tokens: string[], { live = true } = {}): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bundled admin</title></head>
<body><main id="dash" style="height: 900px"></main>
<script type="module">
  const tokens = ${JSON.stringify(tokens)};
  window.__asked = 0;
  const { mount } = await import('/widget/app.js');
  window.__handle = mount(document.getElementById('dash'), {
    proxyUrl: '/',
    siteKey: ${JSON.stringify(KEY)},
    mode: 'inline',
    live: ${live},
    getAccessToken: async () => {
      window.__asked += 1;
      return tokens.shift() ?? null;
    },
  });
</script></body></html>`;
}

/**
 * The host admin page: the documented queueing stub, then (when the page has a signed-in user) the token
 * handed over before the widget's app has loaded, then the script tag.
 */
function hostPage(token: string | null): string {
  const handOver = token ? `SupportAnalytics('setAccessToken', ${JSON.stringify(token)});` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Private admin</title></head>
<body><main id="dash" style="height: 900px"></main>
<script>
  window.SupportAnalytics = window.SupportAnalytics || function () {
    (window.SupportAnalytics.q = window.SupportAnalytics.q || []).push([].slice.call(arguments));
  };
  ${handOver}
</script>
<script src="/widget/widget.js" data-proxy-url="/" data-site-key="${KEY}" data-mount="#dash" async></script>
</body></html>`;
}

/** The page-global API, as this file uses it (cast, not declared: widget.e2e.test.ts declares the global). */
type PageApi = ((command: string, ...args: unknown[]) => void) & {
  handle?: { state: { queryFilters: { value: unknown }; timeZone: string } };
};

describe.skipIf(!existsSync(CHROMIUM))('a private dashboard (viewer key with require_sign_in)', () => {
  let proxy: RunningProxy;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const [started] = await Promise.all([
      startProxy({
        count: 400,
        days: 20,
        env: {
          SITE_KEYS: JSON.stringify([{ key: KEY, site: 'default', role: 'viewer', require_sign_in: true }]),
          SESSION_TOKEN_SECRET: SECRET,
        },
      }),
      buildWidget(),
    ]);
    proxy = started;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    const pages: [string, string][] = [
      ['signed-in', hostPage(sessionToken())],
      ['signed-out', hostPage(null)],
      ['expired', hostPage(sessionToken(-120))],
      ['bundled-refresh', bundlerPage([sessionToken(-120), sessionToken()])],
      // No event stream: its reconnects would ask again, later, and make the count depend on timing.
      ['bundled-expired', bundlerPage([sessionToken(-120), sessionToken(-60)], { live: false })],
    ];
    for (const [route, body] of pages) {
      await page.route(`${proxy.url}${route}`, (r) => r.fulfill({ contentType: 'text/html', body }));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
  });

  /** What the proxy answers the dashboard's own query, asked the way a server would (headers, not the page). */
  async function proxyTotal(): Promise<number> {
    const { filters, timeZone } = await page.evaluate(() => {
      // The script-tag page's live API, or the handle mount() gave the bundling page.
      const w = window as unknown as { SupportAnalytics?: PageApi; __handle?: PageApi['handle'] };
      const state = (w.__handle ?? w.SupportAnalytics?.handle)?.state;
      return { filters: state?.queryFilters.value, timeZone: state?.timeZone };
    });
    const q = dashboardQueries(filters as Parameters<typeof dashboardQueries>[0], timeZone as string);
    const res = await fetch(`${proxy.url}v1/query`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-site-key': KEY,
        authorization: `Bearer ${sessionToken()}`,
      },
      body: JSON.stringify(q.topics),
    });
    const body = (await res.json()) as QueryResponse;
    if (body.result.metric !== 'breakdown') throw new Error(`unexpected ${JSON.stringify(body)}`);
    return body.result.total;
  }

  it('loads numbers with a token handed over before the app loaded; export says it needs an admin key', async () => {
    await page.goto(`${proxy.url}signed-in`);
    const messagesCard = page.locator('[data-kpi="messages"] .sa-kpi-value');
    await messagesCard.waitFor();
    const total = await proxyTotal();
    expect(total).toBeGreaterThan(0);
    expect(Number(await messagesCard.getAttribute('data-value'))).toBe(total);
    // EventSource carries the token in its URL; the proxy accepts it and the stream goes live.
    await page.locator('.sa-live.is-live').waitFor();
    const refused = page.locator('[data-testid="export-refused"]');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/Export needs an admin key/);
    expect(await page.locator('.sa-export a[download]').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'private-signed-in.png') });
  });

  it('without a token shows the sign-in-required state, and loads once the page signs in', async () => {
    await page.goto(`${proxy.url}signed-out`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.locator('strong').textContent()).toBe('Sign-in required');
    expect(await alert.textContent()).toMatch(/This dashboard is private/);
    expect(await page.locator('[data-kpi="messages"] .sa-kpi-value').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'private-signed-out.png') });

    await page.evaluate(
      (token) =>
        (window as unknown as { SupportAnalytics: PageApi }).SupportAnalytics('setAccessToken', token),
      sessionToken(),
    );
    const messagesCard = page.locator('[data-kpi="messages"] .sa-kpi-value');
    await messagesCard.waitFor();
    expect(Number(await messagesCard.getAttribute('data-value'))).toBe(await proxyTotal());
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.locator('.sa-live.is-live').waitFor();
  });

  it('shows the sign-in-expired state for an expired token handed over by the page', async () => {
    await page.goto(`${proxy.url}expired`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.locator('strong').textContent()).toBe('Sign-in expired');
    expect(await alert.textContent()).toMatch(/Your sign-in has expired/);
  });

  it('with mount({ getAccessToken }) asks once more when the token expired, and loads', async () => {
    await page.goto(`${proxy.url}bundled-refresh`);
    const messagesCard = page.locator('[data-kpi="messages"] .sa-kpi-value');
    await messagesCard.waitFor();
    expect(Number(await messagesCard.getAttribute('data-value'))).toBe(await proxyTotal());
    // The stream, once live, was reopened with the new token (refused with the old one).
    await page.locator('.sa-live.is-live').waitFor();
    // Four dashboard queries, the export check and the stream were refused together; the host was asked twice.
    expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(2);
  });

  it('with a getter whose second token is expired too, shows the sign-in-expired state', async () => {
    await page.goto(`${proxy.url}bundled-expired`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.locator('strong').textContent()).toBe('Sign-in expired');
    expect(await page.evaluate(() => (window as unknown as { __asked: number }).__asked)).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, 'private-sign-in-expired.png') });
  });
});
