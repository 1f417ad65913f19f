import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  buildExtension,
  EXTENSION_DIR,
  type ExtensionBrowser,
  type FixtureSite,
  launchWithExtension,
  type RunningProxy,
  serveFixtures,
  startProxy,
} from './harness.ts';

declare global {
  interface Window {
    fixture: {
      add(role: 'customer' | 'agent', text: string): Element;
      rerender(): void;
      switchChat(texts: string[]): void;
    };
    pwned?: boolean;
  }
}

const TAG = 'sa-topic-tag[data-topics]';
let site: FixtureSite;
let browser: ExtensionBrowser;

async function tags(
  page: Page,
): Promise<{ text: string; topics: string; sentiment: string; label: string }[]> {
  return page.$$eval(TAG, (els) =>
    els.map((el) => ({
      text: (el as HTMLElement).dataset.text ?? '',
      topics: (el as HTMLElement).dataset.topics ?? '',
      sentiment: (el as HTMLElement).dataset.sentiment ?? '',
      label: el.shadowRoot?.textContent ?? '',
    })),
  );
}

async function waitForTags(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('sa-topic-tag[data-topics]').length >= n,
    count,
    {
      timeout: 60_000,
    },
  );
}

async function classifiedTexts(): Promise<number> {
  return browser.serviceWorker.evaluate(
    () => (globalThis as unknown as { saStats: { texts: number } }).saStats.texts,
  );
}

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

describe('live tags in LiveChat', () => {
  let page: Page;
  beforeAll(async () => {
    page = await browser.context.newPage();
    await page.goto('https://my.livechatinc.com/chats/A1/T1');
  });

  it('tags the existing customer messages with their topics, and no agent message', async () => {
    await waitForTags(page, 2);
    const found = await tags(page);
    expect(found.map((t) => t.topics)).toEqual(['withdrawal', 'deposit']);
    expect(found[0]?.label).toContain('Withdrawals');
    expect(await page.locator('[data-testid="agent-message"] sa-topic-tag').count()).toBe(0);
    expect(await page.locator('[data-testid="customer-attachment"] sa-topic-tag').count()).toBe(0);
  });

  it('tags a new customer message live, and a new agent message not at all', async () => {
    await page.evaluate(() => {
      window.fixture.add('agent', 'Your deposit is on its way.');
      window.fixture.add('customer', 'I forgot my password and the reset email never arrives');
    });
    await waitForTags(page, 3);
    expect((await tags(page))[2]?.topics).toBe('account_access');
    expect(await page.locator('[data-testid="agent-message"] sa-topic-tag').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'livechat-light.png') });
  });

  it('does not classify the same text again when the app re-renders', async () => {
    const before = await classifiedTexts();
    expect(before).toBe(3);
    await page.evaluate(() => window.fixture.rerender());
    await waitForTags(page, 3);
    await page.waitForTimeout(300);
    expect(await classifiedTexts()).toBe(before);
    expect((await tags(page)).map((t) => t.topics)).toEqual(['withdrawal', 'deposit', 'account_access']);
  });

  it('re-tags nodes reused for another chat', async () => {
    await page.evaluate(() =>
      window.fixture.switchChat(['Where is my free spins bonus from the promo code?']),
    );
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('sa-topic-tag')].some((t) => t.dataset.topics === 'bonus'),
    );
    expect((await tags(page))[0]?.text).toBe('Where is my free spins bonus from the promo code?');
  });

  it('keeps hostile message text as text', async () => {
    const hostile =
      '<img src=x onerror="window.pwned=true"><script>window.pwned=true</script> my withdrawal is stuck';
    await page.evaluate((text) => window.fixture.add('customer', text), hostile);
    await waitForTags(page, 4);
    const last = (await tags(page)).at(-1);
    expect(last?.text).toBe(hostile);
    expect(last?.topics).toContain('withdrawal');
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
    expect(
      await page
        .locator('sa-topic-tag')
        .evaluateAll((els) => els.some((el) => el.shadowRoot?.querySelector('img, script'))),
    ).toBe(false);
  });

  it('does not move the conversation when a tag fills in', async () => {
    const el = await page.evaluate(() => {
      const added = window.fixture.add(
        'customer',
        'The slot froze in the middle of a spin and my bet is gone',
      );
      added.id = 'measured';
      return null;
    });
    expect(el).toBeNull();
    await page.waitForSelector('#measured sa-topic-tag');
    const reserved = await page.$eval('#measured', (m) => m.getBoundingClientRect().height);
    await page.waitForSelector('#measured sa-topic-tag[data-topics]');
    expect(await page.$eval('#measured', (m) => m.getBoundingClientRect().height)).toBe(reserved);
  });

  it('reads in the dark theme', async () => {
    const dark = await browser.context.newPage();
    await dark.goto('https://my.livechatinc.com/chats/A1/T1?theme=dark');
    await waitForTags(dark, 2);
    const colours = await dark.$eval('[data-testid="customer-message"] sa-topic-tag', (tag) => {
      const chip = tag.shadowRoot?.querySelector('button') as HTMLElement;
      return {
        chip: getComputedStyle(chip).color,
        message: getComputedStyle(tag.parentElement as Element).color,
      };
    });
    expect(colours.chip).toBe(colours.message);
    await dark.screenshot({ path: path.join(ARTIFACTS, 'livechat-dark.png') });
    await dark.close();
  });
});

describe('live tags in Telegram Web', () => {
  it('K: tags incoming bubbles, not outgoing ones', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://web.telegram.org/k/#@customer');
    await waitForTags(page, 1);
    await page.evaluate(() => {
      window.fixture.add('customer', 'Which documents do I need to upload to verify my identity?');
      window.fixture.add('agent', 'A passport and a utility bill.');
    });
    await waitForTags(page, 2);
    expect((await tags(page)).map((t) => t.topics)).toEqual(['account_access', 'verification']);
    expect(await page.locator('.bubble.is-out sa-topic-tag').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'telegram-k.png') });
    await page.close();
  });

  it('A: tags messages that are not own', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://web.telegram.org/a/#5001');
    await waitForTags(page, 1);
    expect((await tags(page)).map((t) => t.topics)).toEqual(['bonus']);
    expect(await page.locator('.Message.own sa-topic-tag').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'telegram-a.png') });
    await page.close();
  });
});

describe('options and side panel', () => {
  let proxy: RunningProxy;
  beforeAll(async () => {
    proxy = await startProxy();
  }, 300_000);
  afterAll(async () => {
    await proxy?.stop();
  });

  it('options persist across a reload and turn tags off per site', async () => {
    const page = await browser.context.newPage();
    const url = `chrome-extension://${browser.extensionId}/src/options/options.html`;
    await page.goto(url);
    await page.fill('#proxyUrl', proxy.url);
    // The test proxy runs in open local mode: no site key.
    await page.fill('#siteKey', '');
    await page.uncheck('#site-telegram');
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Saved.');
    await page.reload();
    await page.waitForFunction(
      (u) => (document.getElementById('proxyUrl') as HTMLInputElement).value === u,
      proxy.url,
    );
    expect(await page.isChecked('#site-telegram')).toBe(false);
    expect(await page.isChecked('#site-livechat')).toBe(true);

    await page.fill('#customTopics', '[{"name": "nope"');
    await page.click('button[type="submit"]');
    await page.waitForFunction(() =>
      document.getElementById('status')?.textContent?.startsWith('Custom topics are not valid JSON'),
    );

    const telegram = await browser.context.newPage();
    await telegram.goto('https://web.telegram.org/a/#5001');
    await telegram.waitForTimeout(1500);
    expect(await telegram.locator('sa-topic-tag').count()).toBe(0);
    await telegram.close();
    await page.close();
  });

  it('custom topics from the options reach the classifier', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/src/options/options.html`);
    await options.waitForFunction(
      () => (document.getElementById('proxyUrl') as HTMLInputElement).value !== '',
    );
    const topics = [
      {
        name: 'crypto_payout',
        description: 'paying out winnings in cryptocurrency',
        examples: [
          'I want my winnings in bitcoin',
          'Can you pay out to my USDT wallet?',
          'Send my withdrawal to my BTC address',
          'Do you pay out in ethereum?',
        ],
        // No threshold: the model's own, calibrated for its embedding space (embedding_space.json).
      },
    ];
    await options.fill('#customTopics', JSON.stringify(topics));
    await options.click('button[type="submit"]');
    await options.waitForFunction(() => document.getElementById('status')?.textContent === 'Saved.');
    await options.close();

    const page = await browser.context.newPage();
    await page.goto('https://my.livechatinc.com/chats/A1/T1');
    await waitForTags(page, 2);
    await page.evaluate(() => window.fixture.add('customer', 'Please pay my winnings to my bitcoin wallet'));
    await waitForTags(page, 3);
    const last = (await tags(page)).at(-1);
    expect(last?.topics.split(' ')).toContain('crypto_payout');
    expect(last?.label).toContain('crypto payout');
    expect((await tags(page))[0]?.topics).toBe('withdrawal');
    await page.screenshot({ path: path.join(ARTIFACTS, 'livechat-custom-topic.png') });
    await page.close();
  });

  it('the side panel renders the widget and answers a chat question from the proxy', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 420, height: 800 });
    await page.goto(`chrome-extension://${browser.extensionId}/src/sidepanel/sidepanel.html`);
    await page.locator('[data-support-analytics="inline"]').waitFor();
    await page.getByRole('tab', { name: 'Ask' }).click();
    await page.getByRole('button', { name: /withdrawal complaints did we get last week/ }).click();
    await page.locator('.sa-chip-query').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.sa-answer').first().textContent()).toMatch(/\d/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sidepanel-chat.png') });
    await page.close();
  }, 120_000);

  it('a tag click leaves its topic for the side panel, which opens the dashboard filtered to it', async () => {
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/src/sidepanel/sidepanel.html`);
    await panel.locator('[data-support-analytics="inline"]').waitFor();
    const page = await browser.context.newPage();
    await page.goto('https://my.livechatinc.com/chats/A1/T1');
    await waitForTags(page, 2);
    await page.locator('[data-testid="visitor-message"] sa-topic-tag button[data-topic="deposit"]').click();
    await expect
      .poll(() =>
        browser.serviceWorker.evaluate(
          async () => (await chrome.storage.session.get('panelTopic')).panelTopic,
        ),
      )
      .toMatchObject({ topic: 'deposit' });
    await panel.getByRole('tab', { name: 'Dashboard', selected: true }).waitFor();
    await panel
      .getByRole('button', { name: /Deposits/ })
      .first()
      .waitFor();
    await panel.waitForTimeout(2000);
    expect(await panel.getByText('Could not load the dashboard').count()).toBe(0);
    await panel.screenshot({ path: path.join(ARTIFACTS, 'sidepanel-dashboard-deposit.png') });
    await page.close();
    await panel.close();
  });
});

describe('Web Store package', () => {
  it('zips the built extension with the manifest at the root, the model and runtime inside, only loopback hosts granted up front', async () => {
    const { stdout } = await promisify(execFile)('node', ['scripts/package.mjs'], { cwd: EXTENSION_DIR });
    const zipPath = stdout.split(':')[0] as string;
    const entries = unzipSync(readFileSync(zipPath));
    const names = Object.keys(entries);
    expect(names).toContain('manifest.json');
    expect(names).toContain('models/default/onnx/model_quantized.onnx');
    expect(names).toContain('ort/ort-wasm-simd-threaded.wasm');
    expect(names.filter((n) => n.endsWith('.wasm') && !n.startsWith('ort/'))).toEqual([]);
    const manifest = JSON.parse(strFromU8(entries['manifest.json'] as Uint8Array));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['sidePanel', 'storage', 'offscreen']);
    expect(manifest.content_security_policy.extension_pages).toBe(
      "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    );
    expect(manifest.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });
});
