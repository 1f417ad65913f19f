import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type BrowserContext, chromium, type Locator } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const WIDGET_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_ROOT = path.resolve(WIDGET_DIR, '..');
export const ARTIFACTS = path.join(WIDGET_DIR, 'test-artifacts');

const run = promisify(execFile);

/**
 * The production build, whatever NODE_ENV the caller runs under: vitest sets NODE_ENV=test, under which Vite
 * and the Preact preset build a development bundle (JSX dev transform, Preact devtools, +14 KB), so the
 * browser tests would exercise a different widget than the one shipped.
 */
export async function buildWidget(): Promise<void> {
  await run('pnpm', ['build'], {
    cwd: WIDGET_DIR,
    maxBuffer: 32 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The Telegram webhook secret the test proxy runs with, so tests can deliver messages the way Telegram does. */
export const TELEGRAM_SECRET = 'e2e-telegram-secret-0123456789';

export interface RunningProxy {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * A real proxy on a fresh embedded PGlite store, seeded with the demo generator through the public CLI
 * (`pnpm sa demo-data`, then `pnpm sa serve`), exactly as an operator would run it.
 */
export async function startProxy(options: {
  count: number;
  days: number;
  /** More of the proxy's environment (SITE_KEYS, SESSION_TOKEN_SECRET, …); none means open local mode. */
  env?: Record<string, string>;
}): Promise<RunningProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sa-widget-e2e-'));
  const db = path.join(dir, 'db');
  await run(
    'pnpm',
    ['sa', 'demo-data', '--db', db, '--count', String(options.count), '--days', String(options.days)],
    {
      cwd: REPO_ROOT,
      maxBuffer: 32 * 1024 * 1024,
    },
  );
  const port = await freePort();
  const child: ChildProcess = spawn('pnpm', ['sa', 'serve', '--db', db, '--port', String(port)], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, LOG_LEVEL: 'warn', TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, ...options.env },
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      if ((await fetch(`${url}healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the proxy did not answer /healthz on ${url} within 120 s`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    dir,
    async stop() {
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
      await new Promise((r) => setTimeout(r, 500));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'sa-widget-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** How many pixels of the canvas `locator` points at are painted (alpha above 0): a chart that drew has thousands. */
export function paintedPixels(locator: Locator): Promise<number> {
  return locator.evaluate((c: HTMLCanvasElement) => {
    const data = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] as number) > 0) n++;
    return n;
  });
}
