import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AnalyticsQuery, Filters, QueryResponse } from '@sa/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardQueries } from '../../src/state/dashboard.ts';
import { XSS_CORPUS } from '../xss.ts';
import {
  ARTIFACTS,
  buildWidget,
  CHROMIUM,
  launchBrowser,
  paintedPixels,
  REPO_ROOT,
  type RunningProxy,
  startProxy,
  TELEGRAM_SECRET,
} from './harness.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The page-global API the loader installs, as tests drive it. */
interface PageApi {
  (command: string, ...args: unknown[]): void;
  handle: {
    state: {
      queryFilters: { value: Filters };
      filters: { value: { topics: string[] } };
      view: { value: string };
      timeZone: string;
    };
  };
}
declare global {
  interface Window {
    SupportAnalytics: PageApi;
    __xss?: number;
  }
}

/** A host page as hostile as real admin themes get: every element reset, !important colours and fonts. */
const HOSTILE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Hostile admin</title>
<style>
  body * { all: unset; }
  html, body, div, section, button, span, p, h1, li { color: #ff00ff !important; font: 22px/3 "Comic Sans MS", cursive !important;
    background: #00ff00 !important; letter-spacing: 3px !important; text-transform: uppercase !important; }
  button { border: 5px dotted red !important; padding: 20px !important; }
  [data-support-analytics] { display: none; }
</style></head>
<body><h1 id="title">Operator admin</h1><button id="own">Page button</button>
<script src="/widget/widget.js" data-proxy-url="/" data-site-key="demo" async></script></body></html>`;

async function openWidget(page: Page, url: string, view = 'dashboard') {
  await page.goto(url);
  await page.waitForFunction(() => typeof window.SupportAnalytics?.handle === 'object');
  await page.evaluate((v) => {
    window.SupportAnalytics('open');
    window.SupportAnalytics('setView', v);
  }, view);
}

async function queryInPage(page: Page, query: AnalyticsQuery): Promise<QueryResponse> {
  return page.evaluate(async (q) => {
    const res = await fetch('/v1/query', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(q),
    });
    return res.json();
  }, query);
}

async function axeSerious(
  page: Page,
): Promise<{ id: string; impact: string; nodes: string[]; help: string }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            o: unknown,
          ): Promise<{ violations: { id: string; impact: string; nodes: unknown[]; help: string }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(
      { include: [['[data-support-analytics]']] },
      { resultTypes: ['violations'] },
    );
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => JSON.stringify((n as { target: unknown }).target)),
        help: v.help,
      }));
  });
}

describe.skipIf(!existsSync(CHROMIUM))('widget in headless Chromium against a real proxy', () => {
  let proxy: RunningProxy;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const [started] = await Promise.all([startProxy({ count: 1500, days: 45 }), buildWidget()]);
    proxy = started;
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
  });

  it('keeps hostile page CSS out of the widget and the widget CSS out of the page', async () => {
    await page.route(`${proxy.url}hostile`, (route) =>
      route.fulfill({ contentType: 'text/html', body: HOSTILE_PAGE }),
    );
    await page.goto(`${proxy.url}hostile`);
    const before = await page.evaluate(
      () =>
        getComputedStyle(document.getElementById('own') as HTMLElement).cssText ||
        JSON.stringify(getComputedStyle(document.getElementById('own') as HTMLElement).font),
    );
    await page.waitForFunction(() => typeof window.SupportAnalytics?.handle === 'object');
    await page.evaluate(() => window.SupportAnalytics('open'));
    const tab = page.getByRole('tab', { name: 'Dashboard' });
    await tab.waitFor();
    const styles = await tab.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        font: s.fontFamily,
        size: s.fontSize,
        transform: s.textTransform,
        spacing: s.letterSpacing,
        bg: s.backgroundColor,
      };
    });
    expect(styles.font).not.toMatch(/Comic/);
    expect(styles.size).toBe('14px');
    expect(styles.transform).toBe('none');
    expect(styles.bg).toBe('rgba(0, 0, 0, 0)');
    const launcher = await page
      .getByRole('button', { name: 'Close support analytics' })
      .last()
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return { bg: s.backgroundColor, position: s.position, width: s.width };
      });
    expect(launcher).toEqual({ bg: 'rgb(53, 87, 212)', position: 'fixed', width: '56px' });
    const panel = await page.getByRole('dialog', { name: 'Support analytics' }).boundingBox();
    expect(panel?.width).toBeGreaterThan(380);
    const after = await page.evaluate(
      () =>
        getComputedStyle(document.getElementById('own') as HTMLElement).cssText ||
        JSON.stringify(getComputedStyle(document.getElementById('own') as HTMLElement).font),
    );
    expect(after).toBe(before);
    await page.screenshot({ path: path.join(ARTIFACTS, 'hostile-page.png') });
  });

  it('shows dashboard numbers equal to /v1/query for the same filters, and draws the chart', async () => {
    await openWidget(page, proxy.url, 'dashboard');
    const messagesCard = page.locator('[data-kpi="messages"] .sa-kpi-value');
    await messagesCard.waitFor();
    const filters = await page.evaluate(() => window.SupportAnalytics.handle.state.queryFilters.value);
    const tz = await page.evaluate(() => window.SupportAnalytics.handle.state.timeZone);
    const q = dashboardQueries(filters, tz);
    const topics = await queryInPage(page, q.topics);
    const sentiments = await queryInPage(page, q.sentiments);
    if (topics.result.metric !== 'breakdown' || sentiments.result.metric !== 'breakdown')
      throw new Error('unexpected result');
    expect(Number(await messagesCard.getAttribute('data-value'))).toBe(topics.result.total);
    for (const row of topics.result.rows) {
      const shown = await page
        .locator(`[data-breakdown="topic"] [data-key="${row.key}"] .sa-bar-value`)
        .textContent();
      expect(Number(shown?.replace(/\D/g, ''))).toBe(row.count);
    }
    const angry = sentiments.result.rows.find((r) => r.key === 'angry')?.count ?? 0;
    const angryShown = Number(
      await page.locator('[data-kpi="angry"] .sa-kpi-value').getAttribute('data-value'),
    );
    expect(angryShown).toBeCloseTo(angry / topics.result.total, 10);

    const canvas = page.locator('[data-testid="timeseries"] canvas');
    await canvas.waitFor();
    const painted = await paintedPixels(canvas);
    expect(painted).toBeGreaterThan(2000);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png') });
    expect(await axeSerious(page)).toEqual([]);
    await page.evaluate(() => window.SupportAnalytics('setTheme', 'dark'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-dark.png') });
    expect(await axeSerious(page)).toEqual([]);
    await page.getByRole('button', { name: 'Stacked' }).click();
    await page
      .locator('[data-testid="timeseries"]')
      .screenshot({ path: path.join(ARTIFACTS, 'chart-dark-stacked.png') });
    await page.getByRole('button', { name: 'Lines' }).click();
    await page.evaluate(() => window.SupportAnalytics('setTheme', 'auto'));
  });

  it('moves the counters when messages arrive from Telegram (GET /v1/events)', async () => {
    await openWidget(page, proxy.url, 'dashboard');
    const card = page.locator('[data-kpi="messages"] .sa-kpi-value');
    await card.waitFor();
    await page.locator('.sa-live:not(.is-connecting)').waitFor();
    const before = Number(await card.getAttribute('data-value'));
    const now = Math.floor(Date.now() / 1000);
    const texts = [
      'my deposit has not arrived',
      'withdrawal pending for three days',
      'cannot log in, no SMS code',
    ];
    for (const [i, text] of texts.entries()) {
      const update = {
        update_id: now * 10 + i,
        message: {
          message_id: now * 10 + i,
          date: now - i,
          chat: { id: 4242, type: 'private' },
          from: { id: 4242, is_bot: false },
          text,
        },
      };
      const res = await fetch(`${proxy.url}v1/ingest/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
        body: JSON.stringify(update),
      });
      expect(res.ok).toBe(true);
    }
    await page.waitForFunction(
      ([sel, n]) =>
        Number(
          document
            .querySelector('[data-support-analytics]')
            ?.shadowRoot?.querySelector(sel as string)
            ?.getAttribute('data-value'),
        ) === n,
      ['[data-kpi="messages"] .sa-kpi-value', before + texts.length],
      { timeout: 20_000 },
    );
  });

  it('filters the message list from a chart click', async () => {
    await openWidget(page, proxy.url, 'dashboard');
    const canvas = page.locator('[data-testid="timeseries"] canvas');
    await canvas.waitFor();
    // Chart and legend in view, so the screenshot shows the hover legend.
    await page.locator('.sa-legend').scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('chart has no box');
    // Hovering names the bucket and gives every topic's count there in the legend.
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height - 40);
    await expect.poll(() => page.locator('.sa-chart-when').textContent()).not.toBe('Whole period');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-chart-hover.png') });
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height - 40);
    await page.waitForFunction(() => window.SupportAnalytics.handle.state.view.value === 'messages');
    const picked = await page.evaluate(() => window.SupportAnalytics.handle.state.filters.value.topics);
    expect(picked).toHaveLength(1);
    await page.locator('.sa-vrow').first().waitFor();
    const tags = await page
      .locator('.sa-vrow')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('[data-topic]')].map((t) => t.getAttribute('data-topic'))),
      );
    expect(tags.length).toBeGreaterThan(0);
    for (const t of tags) expect(t).toContain(picked[0]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'messages-from-chart.png') });
    expect(await axeSerious(page)).toEqual([]);
  });

  it('picks a bucket and a topic from the chart with the keyboard alone', async () => {
    await openWidget(page, proxy.url, 'dashboard');
    await page.locator('[data-testid="timeseries"] canvas').waitFor();
    await page.getByRole('button', { name: 'Stacked' }).click();
    expect(await page.getByRole('button', { name: 'Stacked' }).getAttribute('aria-pressed')).toBe('true');
    // Keyboard only from here: the pointer off the panel, so scrolling cannot slide the chart under it.
    await page.mouse.move(0, 0);
    await page.locator('[data-testid="timeseries"] [role="img"]').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    const when = await page.locator('.sa-chart-when').textContent();
    expect(when).not.toBe('Whole period');
    await page.locator('.sa-legend').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-stacked-keyboard.png') });
    await page.keyboard.press('Tab');
    const legend = page.locator('.sa-legend button').first();
    expect(await legend.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    const topic = await legend.getAttribute('data-series');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.SupportAnalytics.handle.state.view.value === 'messages');
    const filters = await page.evaluate(() => window.SupportAnalytics.handle.state.queryFilters.value);
    expect(filters.topics).toEqual([topic]);
    // One bucket (the day before the last), not the whole window.
    expect(Date.parse(filters.to) - Date.parse(filters.from)).toBeLessThanOrEqual(86_400_000 + 3_600_000);
  });

  it('resizes the chart with its container', async () => {
    const resized = await browser.context.newPage();
    await openWidget(resized, proxy.url, 'dashboard');
    const plot = resized.locator('[data-testid="timeseries"] [role="img"]');
    await resized.locator('[data-testid="timeseries"] canvas').waitFor();
    const widths = () =>
      plot.evaluate((el) => ({
        box: el.clientWidth,
        chart: (el.querySelector('canvas') as HTMLCanvasElement).getBoundingClientRect().width,
      }));
    const before = await widths();
    expect(Math.abs(before.chart - before.box)).toBeLessThan(1);
    // A phone-sized window turns the panel into a full-screen sheet of another width.
    await resized.setViewportSize({ width: 360, height: 740 });
    await expect
      .poll(async () => {
        const now = await widths();
        return now.box !== before.box && Math.abs(now.chart - now.box) < 1;
      })
      .toBe(true);
    await resized.close();
  });

  it('exports exactly the rows of the current filter', async () => {
    await openWidget(page, proxy.url, 'messages');
    await page.evaluate(() =>
      window.SupportAnalytics('setFilters', { topics: ['withdrawal'], preset: 'last_7_days' }),
    );
    await page.locator('.sa-vrow').first().waitFor();
    const filters = await page.evaluate(() => window.SupportAnalytics.handle.state.queryFilters.value);
    const count = await queryInPage(page, { metric: 'count', filters });
    if (count.result.metric !== 'count') throw new Error('unexpected result');
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export the filtered messages as JSON' }).click(),
    ]);
    const rows = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
      id: string;
      topics: string[];
      author_role: string;
    }[];
    expect(rows.length).toBe(count.result.value);
    expect(rows.every((r) => r.topics.includes('withdrawal') && r.author_role === 'customer')).toBe(true);
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export the filtered messages as CSV' }).click(),
    ]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.split('\n')[0]).toMatch(/\bid\b/);
    for (const r of rows.slice(0, 20)) expect(text).toContain(r.id);
  });

  it('answers in chat with the local provider and opens the dashboard from a query chip', async () => {
    await openWidget(page, proxy.url, 'chat');
    await page.getByRole('button', { name: /withdrawal complaints did we get last week/ }).click();
    const chip = page.locator('.sa-chip-query').first();
    await chip.waitFor({ timeout: 30_000 });
    expect(await page.locator('.sa-answer').first().textContent()).toMatch(/\d/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'chat.png') });
    expect(await axeSerious(page)).toEqual([]);
    await page.reload();
    await page.waitForFunction(() => typeof window.SupportAnalytics?.handle === 'object');
    await page.evaluate(() => {
      window.SupportAnalytics('open');
      window.SupportAnalytics('setView', 'chat');
    });
    await page.locator('.sa-chip-query').first().click();
    await page.waitForFunction(() => window.SupportAnalytics.handle.state.view.value === 'dashboard');
    expect(await page.evaluate(() => window.SupportAnalytics.handle.state.filters.value.topics)).toEqual([
      'withdrawal',
    ]);
  });

  it('renders every XSS payload in message texts as inert text', async () => {
    const now = Date.now();
    const messages = XSS_CORPUS.map((text, i) => ({
      id: `livechat:xss:${i}`,
      source: 'livechat',
      conversation_id: 'xss',
      author_role: 'customer',
      created_at: new Date(now - (i + 1) * 60_000).toISOString(),
      text,
      topics: ['other'],
      sentiment: 'neutral',
    }));
    const res = await fetch(`${proxy.url}v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messages),
    });
    expect(res.ok).toBe(true);
    await openWidget(page, proxy.url, 'messages');
    await page.evaluate(() => window.SupportAnalytics('setFilters', { text: '__xss', preset: 'today' }));
    await page.locator('.sa-msg-text', { hasText: '<script>' }).waitFor();
    expect(await page.locator('.sa-vrow').count()).toBe(XSS_CORPUS.length);
    for (const text of XSS_CORPUS)
      expect(await page.locator('.sa-msg-text', { hasText: text }).count()).toBe(1);
    const injected = await page.evaluate(() => {
      const root = document.querySelector('[data-support-analytics]')?.shadowRoot;
      return root?.querySelectorAll(
        '.sa-vlist script, .sa-vlist img, .sa-vlist svg, .sa-vlist iframe, .sa-vlist [onclick]',
      ).length;
    });
    expect(injected).toBe(0);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  });

  it.skipIf(!existsSync(path.join(REPO_ROOT, 'models/default/config.json')))(
    'labels a pasted message in the browser with the classifier in a Web Worker, showing download progress',
    { timeout: 120_000 },
    async () => {
      await openWidget(page, proxy.url, 'messages');
      const modelRequests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(proxy.url)) modelRequests.push(r.url());
      });
      await page.getByText('Try the classifier').click();
      await page
        .getByRole('textbox', { name: /Paste a customer message/ })
        .fill('my withdrawal has been pending for 5 days');
      await page.getByRole('button', { name: 'Label it' }).click();
      await page.getByRole('progressbar', { name: 'Model download' }).waitFor();
      const result = page.locator('[data-testid="classifier-result"]');
      await result.waitFor({ timeout: 90_000 });
      const topics = await result
        .locator('[data-topic]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-topic')));
      expect(topics.length).toBeGreaterThan(0);
      expect(await result.locator('[data-sentiment]').count()).toBe(1);
      expect(modelRequests).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, 'classifier.png') });
    },
  );

  it('becomes a full-screen sheet on a 360 px phone with nothing wider than the screen', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    for (const view of ['dashboard', 'messages', 'chat']) {
      await openWidget(phone, proxy.url, view);
      const panel = phone.getByRole('dialog', { name: 'Support analytics' });
      await panel.waitFor();
      await phone.waitForTimeout(300);
      expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
      const overflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.waitForTimeout(600);
      await phone.screenshot({ path: path.join(ARTIFACTS, `phone-${view}.png`) });
    }
    await phone.close();
  });

  it('shows the proxy-down state and recovers on Retry', async () => {
    const down = await browser.context.newPage();
    await down.route('**/v1/**', (route) => route.abort('connectionrefused'));
    await openWidget(down, proxy.url, 'dashboard');
    const alert = down.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/unreachable/);
    await down.screenshot({ path: path.join(ARTIFACTS, 'proxy-down.png') });
    await down.unroute('**/v1/**');
    await alert.getByRole('button', { name: 'Retry' }).click();
    await down.locator('[data-kpi="messages"]').waitFor();
    expect(await down.getByRole('alert').count()).toBe(0);
    await down.close();
  });

  it('shows the chart could-not-load state when its lazy uPlot chunk fails, and draws the chart on Retry', async () => {
    const blocked = await browser.context.newPage();
    // Only the chart library's chunk fails: the panel, the figures and the breakdowns load as usual.
    await blocked.route('**/chunks/uPlot*.js', (route) => route.abort('connectionrefused'));
    await openWidget(blocked, proxy.url, 'dashboard');
    const chart = blocked.locator('[data-testid="timeseries"]');
    const alert = chart.getByRole('alert');
    await alert.waitFor();
    expect(await alert.isVisible()).toBe(true);
    expect(await alert.locator('strong').textContent()).toBe('Could not load the chart');
    expect(await alert.locator('p').textContent()).toBe(
      'The chart could not be downloaded. Check your connection, then retry.',
    );
    expect(await blocked.locator('[data-kpi="messages"]').count()).toBe(1);
    expect(await blocked.locator('[data-breakdown="topic"] .sa-bar-row').count()).toBeGreaterThan(0);
    expect(await chart.locator('canvas').count()).toBe(0);
    await blocked.screenshot({ path: path.join(ARTIFACTS, 'chart-load-failed.png') });

    await blocked.unroute('**/chunks/uPlot*.js');
    await alert.getByRole('button', { name: 'Retry' }).click();
    const canvas = chart.locator('canvas');
    await canvas.waitFor();
    expect(await paintedPixels(canvas)).toBeGreaterThan(2000);
    expect(await chart.getByRole('alert').count()).toBe(0);
    await blocked.close();
  });

  it('is keyboard operable: Escape closes the panel and focus returns to the launcher', async () => {
    await openWidget(page, proxy.url, 'dashboard');
    await page.getByRole('tab', { name: 'Dashboard' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => window.SupportAnalytics.handle.state.view.value)).toBe('messages');
    await page.keyboard.press('Escape');
    await page.locator('.sa-launcher[aria-expanded="false"]').waitFor();
    // The launcher takes focus in an effect after the closing render, not in the render itself.
    await expect
      .poll(() =>
        page.evaluate(() =>
          document
            .querySelector('[data-support-analytics]')
            ?.shadowRoot?.activeElement?.getAttribute('aria-label'),
        ),
      )
      .toBe('Open support analytics');
  });
});
