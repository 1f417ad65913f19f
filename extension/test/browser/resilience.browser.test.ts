import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  buildExtension,
  type ExtensionBrowser,
  type FixtureSite,
  launchWithExtension,
  type RunningProxy,
  serveFixtures,
  startProxy,
} from './harness.ts';

const TAGGED = 'sa-topic-tag[data-topics]';
const LIVECHAT = 'https://my.livechatinc.com/chats/A1/T1';

async function topicsOn(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('sa-topic-tag[data-topics]').length >= n,
    count,
    {
      timeout: 90_000,
    },
  );
  return page.$$eval(TAGGED, (els) => els.map((el) => (el as HTMLElement).dataset.topics ?? ''));
}

/**
 * Makes the next `n` classify calls from the service worker to the offscreen document fail the way Chrome
 * fails them while that document is not listening yet. This is the browser's own messaging edge; the
 * classifier, the model and the content script stay real.
 */
async function failOffscreen(browser: ExtensionBrowser, n: number): Promise<void> {
  await browser.serviceWorker.evaluate((times) => {
    type Send = (message: unknown, ...rest: unknown[]) => unknown;
    const g = globalThis as unknown as {
      saFailures: number;
      saPatched?: boolean;
      browser?: { runtime: { sendMessage: Send } };
    };
    g.saFailures = times;
    if (g.saPatched) return;
    g.saPatched = true;
    const runtimes = [chrome.runtime as unknown as { sendMessage: Send }, g.browser?.runtime];
    for (const runtime of runtimes) {
      if (!runtime) continue;
      const real = runtime.sendMessage.bind(runtime);
      runtime.sendMessage = (message, ...rest) => {
        const m = message as { to?: string; type?: string };
        if (m?.to === 'offscreen' && m.type === 'classify' && g.saFailures > 0) {
          g.saFailures--;
          throw new Error('Could not establish connection. Receiving end does not exist.');
        }
        return real(message, ...rest);
      };
    }
  }, n);
}

describe('a failed classification is retried, and the tag says so', () => {
  let site: FixtureSite;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await buildExtension();
    site = await serveFixtures();
    browser = await launchWithExtension(site.port);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('shows "retrying" on the tag while the classifier does not answer, then the topics', async () => {
    await failOffscreen(browser, 2);
    const page = await browser.context.newPage();
    await page.goto(LIVECHAT);
    const retrying = page.locator('sa-topic-tag[data-status="retrying"]').first();
    await retrying.waitFor({ timeout: 30_000 });
    expect(await retrying.evaluate((el) => el.shadowRoot?.textContent)).toContain('retrying');
    expect(await topicsOn(page, 2)).toEqual(['withdrawal', 'deposit']);
    expect(await page.locator('sa-topic-tag[data-status]').count()).toBe(0);
    await page.close();
  });

  it('after the last retry says "Not tagged" with a Retry button that classifies again', async () => {
    await failOffscreen(browser, 1000);
    const page = await browser.context.newPage();
    await page.goto(LIVECHAT);
    const failed = page.locator('sa-topic-tag[data-status="failed"]');
    // The retries wait 1 + 2 + 4 + 8 s before giving up.
    await failed.first().waitFor({ timeout: 40_000 });
    expect(await failed.count()).toBe(2);
    expect(await failed.first().getAttribute('data-error')).toMatch(/did not answer|Receiving end/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'livechat-not-tagged.png') });
    await failOffscreen(browser, 0);
    await failed.first().locator('button', { hasText: 'Retry' }).click();
    expect(await topicsOn(page, 2)).toEqual(['withdrawal', 'deposit']);
    await page.close();
  }, 90_000);
});

describe('WebGPU when an adapter exists, WASM when it does not', () => {
  let site: FixtureSite;
  beforeAll(async () => {
    await buildExtension();
    site = await serveFixtures();
  }, 300_000);
  afterAll(async () => {
    await site?.close();
  });

  async function classifierInfo(browser: ExtensionBrowser) {
    return browser.serviceWorker.evaluate(() =>
      chrome.runtime.sendMessage({ to: 'offscreen', type: 'info' }),
    ) as Promise<{ ok: boolean; info?: { device: string } }>;
  }

  for (const webgpu of [true, false]) {
    it(`tags messages ${webgpu ? 'with a (SwiftShader) WebGPU adapter' : 'with no WebGPU adapter (--disable-gpu)'}`, async () => {
      const browser = await launchWithExtension(site.port, { webgpu });
      try {
        const options = await browser.context.newPage();
        await options.goto(`chrome-extension://${browser.extensionId}/src/options/options.html`);
        const adapter = await options.evaluate(async () => {
          const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
          return Boolean(await gpu?.requestAdapter());
        });
        expect(adapter).toBe(webgpu);
        const page = await browser.context.newPage();
        await page.goto(LIVECHAT);
        expect(await topicsOn(page, 2)).toEqual(['withdrawal', 'deposit']);
        const info = await classifierInfo(browser);
        expect(info.ok).toBe(true);
        // With an adapter the session may run on WebGPU or fall back to WASM inside onnxruntime; either
        // way the tags above came out right. Without one it must be WASM.
        if (webgpu) expect(['webgpu', 'wasm']).toContain(info.info?.device);
        else expect(info.info?.device).toBe('wasm');
        console.info(`classifier device with webgpu=${webgpu}: ${info.info?.device}`);
      } finally {
        await browser.close();
      }
    }, 180_000);
  }
});

describe('side panel in a short window', () => {
  let site: FixtureSite;
  let browser: ExtensionBrowser;
  let proxy: RunningProxy;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await buildExtension();
    [site, proxy] = await Promise.all([serveFixtures(), startProxy()]);
    browser = await launchWithExtension(site.port);
    await browser.serviceWorker.evaluate(
      (url) => chrome.storage.sync.set({ proxyUrl: url, siteKey: '' }),
      proxy.url,
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
    await site?.close();
  });

  for (const [width, height] of [
    [360, 420],
    [480, 560],
  ] as const) {
    it(`keeps every view usable at ${width}×${height}: the page never scrolls, each view scrolls inside`, async () => {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`chrome-extension://${browser.extensionId}/src/sidepanel/sidepanel.html`);
      await page.locator('[data-kpi="messages"]').waitFor({ timeout: 60_000 });
      const pageOverflow = () =>
        page.evaluate(() => ({
          x: document.documentElement.scrollWidth - innerWidth,
          y: document.documentElement.scrollHeight - innerHeight,
        }));
      expect(await pageOverflow()).toEqual({ x: 0, y: 0 });
      // The dashboard scrolls inside the panel down to its last breakdown.
      const last = page.locator('[data-breakdown="source"]');
      await last.scrollIntoViewIfNeeded();
      const box = await last.boundingBox();
      expect(box && box.y + box.height).toBeLessThanOrEqual(height);
      expect(await page.evaluate(() => document.scrollingElement?.scrollTop)).toBe(0);
      await page.screenshot({ path: path.join(ARTIFACTS, `sidepanel-${width}x${height}-dashboard.png`) });

      await page.getByRole('tab', { name: 'Messages' }).click();
      await page.locator('.sa-vrow').first().waitFor();
      const list = await page.locator('.sa-vlist').boundingBox();
      expect(list?.height).toBeGreaterThanOrEqual(120);
      expect(await pageOverflow()).toEqual({ x: 0, y: 0 });
      await page.screenshot({ path: path.join(ARTIFACTS, `sidepanel-${width}x${height}-messages.png`) });

      await page.getByRole('tab', { name: 'Ask' }).click();
      const composer = page.getByRole('textbox').last();
      await composer.waitFor();
      const c = await composer.boundingBox();
      expect(c && c.y + c.height).toBeLessThanOrEqual(height);
      expect(await pageOverflow()).toEqual({ x: 0, y: 0 });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: path.join(ARTIFACTS, `sidepanel-${width}x${height}-chat-dark.png`) });
      await page.close();
    }, 120_000);
  }
});
