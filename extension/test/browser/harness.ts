/**
 * Runs the built, unpacked extension in Debian Chromium: fixture pages served over HTTPS under the
 * real host names (so the shipped manifest's match patterns are what gets tested), a real proxy for
 * the side panel. Shared by the browser tests and the benchmark.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';

const run = promisify(execFile);
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(EXTENSION_DIR, 'dist/extension');
export const ARTIFACTS = path.join(EXTENSION_DIR, 'test-artifacts');
const REPO_ROOT = path.resolve(EXTENSION_DIR, '..');
const FIXTURES = path.join(EXTENSION_DIR, 'src/content/adapters/fixtures');

export async function buildExtension(): Promise<void> {
  await run('pnpm', ['build'], { cwd: EXTENSION_DIR, maxBuffer: 32 * 1024 * 1024 });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Which fixture a host page request gets, by host name and path, as the real sites route them. */
function fixtureFor(host: string, pathname: string): string | undefined {
  if (host === 'my.livechatinc.com') return 'livechat.html';
  if (host === 'web.telegram.org' && pathname.startsWith('/k')) return 'telegram-k.html';
  if (host === 'web.telegram.org' && pathname.startsWith('/a')) return 'telegram-a.html';
  return undefined;
}

export interface FixtureSite {
  port: number;
  close(): Promise<void>;
}

/** The fixture pages over HTTPS with a throw-away self-signed certificate. */
export async function serveFixtures(): Promise<FixtureSite> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sa-ext-cert-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=fixtures',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host}`);
    const file = fixtureFor(url.hostname, url.pathname);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(readFileSync(path.join(FIXTURES, file)));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

/**
 * Chromium with the unpacked extension. `webgpu`: leave the GPU process on and expose WebGPU, which headless
 * Chromium serves with its SwiftShader (software) adapter; otherwise --disable-gpu leaves no adapter (WASM).
 */
export async function launchWithExtension(
  fixturePort: number,
  options: { webgpu?: boolean } = {},
): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'sa-ext-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1100, height: 700 },
    args: [
      '--no-sandbox',
      ...(options.webgpu ? ['--enable-unsafe-webgpu'] : ['--disable-gpu']),
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      `--host-resolver-rules=MAP my.livechatinc.com 127.0.0.1:${fixturePort}, MAP web.telegram.org 127.0.0.1:${fixturePort}`,
      '--ignore-certificate-errors',
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId: new URL(serviceWorker.url()).host,
    serviceWorker,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface RunningProxy {
  url: string;
  stop(): Promise<void>;
}

/** A real proxy on a fresh PGlite store seeded by the demo generator, through the public CLI. */
export async function startProxy(): Promise<RunningProxy> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sa-ext-proxy-'));
  const db = path.join(dir, 'db');
  await run('pnpm', ['sa', 'demo-data', '--db', db, '--count', '3000', '--days', '30'], {
    cwd: REPO_ROOT,
    maxBuffer: 32 * 1024 * 1024,
  });
  const port = await freePort();
  const child: ChildProcess = spawn('pnpm', ['sa', 'serve', '--db', db, '--port', String(port)], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`${url}healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the proxy did not answer /healthz on ${url} within 180 s`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
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
