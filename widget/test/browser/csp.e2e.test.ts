import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  buildWidget,
  CHROMIUM,
  launchBrowser,
  paintedPixels,
  REPO_ROOT,
  type RunningProxy,
  startProxy,
  WIDGET_DIR,
} from './harness.ts';

/** The policy `_headers` gives the demo page on Cloudflare Pages, with the proxy's origin put in. */
function demoPolicy(proxyOrigin: string): string {
  const headers = readFileSync(path.join(WIDGET_DIR, 'public/_headers'), 'utf8');
  const block = headers.split(/\n(?=\/)/).find((b) => b.startsWith('/demo.html'));
  const policy = block?.match(/Content-Security-Policy:\s*(.+)/)?.[1]?.trim();
  if (!policy) throw new Error('widget/public/_headers has no Content-Security-Policy for /demo.html');
  return policy.replaceAll('https://analytics.example.com', proxyOrigin);
}

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}
declare global {
  interface Window {
    __violations: Violation[];
  }
}

describe.skipIf(!existsSync(CHROMIUM))('widget under a strict Content-Security-Policy', () => {
  let proxy: RunningProxy;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;
  let policy: string;
  const consoleCsp: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const [started] = await Promise.all([startProxy({ count: 600, days: 20 }), buildWidget()]);
    proxy = started;
    policy = demoPolicy(new URL(proxy.url).origin);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
    });
    // Every violation, wherever it happens (document, shadow root, element), before any page script runs.
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener(
        'securitypolicyviolation',
        (e) =>
          window.__violations.push({
            directive: e.violatedDirective,
            blocked: e.blockedURI,
            sample: e.sample,
          }),
        true,
      );
    });
    // The real demo page the proxy serves, answered with the production policy from _headers.
    await page.route(proxy.url, async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': policy },
      });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
  });

  it('allows no inline code: no unsafe-inline, no unsafe-eval', () => {
    expect(policy).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    expect(policy).toMatch(/style-src 'self'(;|$)/);
  });

  it('mounts, applies its styles in the shadow root and draws the chart with no violation', async () => {
    await page.goto(proxy.url);
    // The page's own button (demo.js, an external script) drives the widget's queued API.
    await page.locator('#open-analytics').click();
    await page.locator('[data-kpi="messages"] .sa-kpi-value').waitFor();
    const styled = await page.evaluate(() => {
      const host = document.querySelector('[data-support-analytics]') as HTMLElement;
      const root = host.shadowRoot as ShadowRoot;
      const panel = root.querySelector('.sa-root') as HTMLElement;
      const tab = root.querySelector('[role="tab"][aria-selected="true"]') as HTMLElement;
      return {
        adopted: root.adoptedStyleSheets.length,
        styleElements: root.querySelectorAll('style').length,
        font: getComputedStyle(panel).fontFamily,
        tabBorder: getComputedStyle(tab).borderBottomStyle,
        radius: getComputedStyle(root.querySelector('.sa-kpi') as HTMLElement).borderTopLeftRadius,
      };
    });
    expect(styled.adopted).toBe(1);
    expect(styled.styleElements).toBe(0);
    // The demo page forces Times New Roman on `*` with !important; the widget's own font must win.
    expect(styled.font).toMatch(/system-ui|sans-serif/);
    expect(styled.font).not.toMatch(/Times New Roman/);
    expect(styled.radius).not.toBe('0px');

    const canvas = page.locator('[data-testid="timeseries"] canvas');
    await canvas.waitFor();
    await expect.poll(() => paintedPixels(canvas)).toBeGreaterThan(2000);
    // uPlot's own stylesheet came in with the widget's adopted sheet: its overlay sits on the canvas.
    expect(
      await page
        .locator('[data-testid="timeseries"] .u-over')
        .evaluate((el) => getComputedStyle(el).position),
    ).toBe('absolute');
    // uPlot moves its cursor, points and series focus on hover, and rebuilds for the stacked view.
    const box = await canvas.boundingBox();
    if (!box) throw new Error('chart has no box');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await expect.poll(() => page.locator('.sa-chart-when').textContent()).not.toBe('Whole period');
    await page.getByRole('button', { name: 'Stacked' }).click();
    await page.locator('.sa-live:not(.is-connecting)').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'csp-dashboard.png') });
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
    expect(consoleCsp).toEqual([]);
  });

  it.skipIf(!existsSync(path.join(REPO_ROOT, 'models/default/config.json')))(
    'runs the in-browser classifier (worker + WASM) under the same policy',
    { timeout: 120_000 },
    async () => {
      await page.evaluate(() => window.SupportAnalytics('setView', 'messages'));
      // Rows arriving move the box's summary; click it once the list has settled.
      await page.locator('.sa-vrow').first().waitFor();
      await page.getByText('Try the classifier').click();
      await page
        .getByRole('textbox', { name: /Paste a customer message/ })
        .fill('my withdrawal has been pending for 5 days');
      await page.getByRole('button', { name: 'Label it' }).click();
      const result = page.locator('[data-testid="classifier-result"]');
      await result.waitFor({ timeout: 90_000 });
      expect(await result.locator('[data-topic]').count()).toBeGreaterThan(0);
      expect(await page.evaluate(() => window.__violations)).toEqual([]);
      expect(consoleCsp).toEqual([]);
    },
  );
});
