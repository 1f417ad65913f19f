/**
 * Runs the browser classifier in headless Chromium the way a site would: the worker and a page script
 * bundled by esbuild, the model and the ONNX runtime's WASM files served from the page's own origin.
 * Shared by the browser tests and the benchmarks.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const SHARED_DIR = fileURLToPath(new URL('../', import.meta.url));

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** onnxruntime-web ships with transformers.js; pnpm keeps it beside that package. */
export function ortDistDir(): string {
  const fromShared = createRequire(path.join(SHARED_DIR, 'package.json'));
  const fromTransformers = createRequire(fromShared.resolve('@huggingface/transformers'));
  return path.dirname(fromTransformers.resolve('onnxruntime-web'));
}

/** How every script the classifier's browser pages load is bundled. */
const BROWSER_BUNDLE = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'error',
} as const;

/** `worker.js` (the classifier worker), `worker-failing-webgpu.js` (the same behind a broken WebGPU, for tests) and `page.js` (puts `createClassifierWorker` and the benchmark's page functions on `window`). */
export async function bundleClassifier(outDir: string): Promise<void> {
  await build({
    entryPoints: { worker: path.join(SHARED_DIR, 'src/classifier/worker.ts') },
    ...BROWSER_BUNDLE,
    outdir: outDir,
  });
  // Imports run in order, so WebGPU is broken before the worker's classifier starts.
  await build({
    stdin: {
      contents: "import './test/fixtures/failingWebGpu.ts';\nimport './src/classifier/worker.ts';\n",
      resolveDir: SHARED_DIR,
      loader: 'ts',
    },
    ...BROWSER_BUNDLE,
    outfile: path.join(outDir, 'worker-failing-webgpu.js'),
  });
  await build({
    stdin: {
      contents:
        "import { createClassifierWorker } from './src/classifier/client.ts';\n" +
        "import { measureRound, startClassifier, stopClassifier } from './bench/pageMeasure.ts';\n" +
        'Object.assign(window, { createClassifierWorker, startClassifier, measureRound, stopClassifier });\n',
      resolveDir: SHARED_DIR,
      loader: 'ts',
    },
    ...BROWSER_BUNDLE,
    outfile: path.join(outDir, 'page.js'),
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
};

export interface StaticSite {
  origin: string;
  /** Every path requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves each URL prefix from a directory (no listing, no `..`), on 127.0.0.1 at a free port. */
export async function serveStatic(mounts: Record<string, string>, html: string): Promise<StaticSite> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.pathname);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': TYPES['.html'] as string }).end(html);
      return;
    }
    const prefix = Object.keys(mounts).find((p) => url.pathname.startsWith(p));
    const root = prefix ? mounts[prefix] : undefined;
    const relative = prefix ? decodeURIComponent(url.pathname.slice(prefix.length)) : '';
    const file = root ? path.join(root, relative) : '';
    if (!root || !file.startsWith(root) || relative.split('/').includes('..')) {
      res.writeHead(404).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ClassifierPage {
  site: StaticSite;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to make to any other origin (all of them are blocked). */
  foreignRequests: string[];
  close(): Promise<void>;
}

/**
 * A fresh headless Chromium on a page that serves the bundled classifier, each model directory at
 * `/models/<name>/`, and onnxruntime-web at `/ort/`; `webgpu` offers a (software) WebGPU adapter. Requests to any other origin
 * are recorded and aborted, so a test can prove nothing came from the network.
 */
export async function openClassifierPage(
  models: Record<string, string>,
  options: { webgpu?: boolean } = {},
): Promise<ClassifierPage> {
  const work = await mkdtemp(path.join(tmpdir(), 'sa-classifier-browser-'));
  const bundleDir = path.join(work, 'bundle');
  await bundleClassifier(bundleDir);
  const mounts: Record<string, string> = { '/app/': bundleDir, '/ort/': ortDistDir() };
  for (const [name, dir] of Object.entries(models)) mounts[`/models/${name}/`] = dir;
  const html =
    '<!doctype html><meta charset="utf-8"><title>classifier</title><script type="module" src="/app/page.js"></script>';
  const site = await serveStatic(mounts, html);
  // Without --disable-gpu and with unsafe WebGPU, headless Chromium offers a software (SwiftShader) adapter:
  // slow, but enough to run the WebGPU code path.
  const args = options.webgpu
    ? [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), '--enable-unsafe-webgpu']
    : CHROMIUM_ARGS;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
  const context = await browser.newContext();
  const foreignRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(site.origin)) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  await page.goto(`${site.origin}/`);
  await page.waitForFunction(() => 'createClassifierWorker' in globalThis);
  return {
    site,
    browser,
    context,
    page,
    foreignRequests,
    async close() {
      await browser.close();
      await site.close();
      await rm(work, { recursive: true, force: true });
    },
  };
}
