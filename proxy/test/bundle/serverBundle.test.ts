import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleProxy } from '../../scripts/bundle.ts';

const PROXY_DATA = fileURLToPath(new URL('../../.data/', import.meta.url));
const TELEGRAM_SECRET = 'bundle_test_secret';
let dir: string;
let child: ChildProcess | undefined;
let url: string;
let bundlePath: string;

/** Starts the bundle with plain node on a fresh embedded store; resolves with the URL it prints once listening. */
async function start(bundle: string, dataDir: string): Promise<string> {
  child = spawn(process.execPath, [bundle], {
    // Only what the proxy needs: no secret of this machine reaches the child.
    env: {
      PATH: process.env.PATH,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the bundle exited with ${code} before listening: ${stderr}`);
  });
  const listening = (async () => {
    for await (const line of lines) {
      const found = /^proxy listening on (http:\/\/\S+)$/.exec(line);
      if (found?.[1]) return found[1];
    }
    throw new Error(`the bundle closed its output before listening: ${stderr}`);
  })();
  return Promise.race([listening, exited]);
}

beforeAll(async () => {
  // Inside proxy/ (in its ignored .data/), so the bundle finds the packages it leaves external the way
  // proxy/dist/server.mjs does: in proxy/node_modules.
  await mkdir(PROXY_DATA, { recursive: true });
  dir = await mkdtemp(path.join(PROXY_DATA, 'bundle-test-'));
  bundlePath = await bundleProxy(path.join(dir, 'dist'));
  url = await start(bundlePath, path.join(dir, 'data'));
}, 120_000);
afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  await rm(dir, { recursive: true, force: true });
});

describe('proxy bundle (node proxy/dist/server.mjs)', () => {
  it('starts on the embedded store, applies the migrations and serves /healthz', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, store: { kind: 'pglite', ok: true } });
  });

  it('answers a query twice, the second from the cache', async () => {
    const ask = () =>
      fetch(`${url}/v1/query`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          metric: 'count',
          filters: { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
        }),
      });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/sa_query_cache_lookups_total\{result="hit"\} 1/);
  });

  it('classifies with the shipped model (the ONNX runtime stays in node_modules)', async () => {
    const response = await fetch(`${url}/v1/classify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ texts: ['my withdrawal is still pending'] }),
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: { topics: string[] }[] };
    expect(results[0]?.topics).toContain('withdrawal');
  });

  it('labels a webhook on its classifier thread (classifierThread.mjs beside the bundle)', async () => {
    // The image has no sources and no tsx: the bundle must start the built thread, never the TypeScript entry.
    expect(await readFile(bundlePath, 'utf8')).not.toContain('classifierThreadMain.ts');
    await access(path.join(path.dirname(bundlePath), 'classifierThread.mjs'));
    const update = {
      update_id: 1,
      message: {
        message_id: 1,
        date: 1_764_000_000,
        chat: { id: 5, type: 'private' },
        from: { id: 5, is_bot: false, first_name: 'P' },
        text: 'my withdrawal is still pending',
      },
    };
    const response = await fetch(`${url}/v1/ingest/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET },
      body: JSON.stringify(update),
    });
    expect(await response.json()).toMatchObject({ accepted: 1 });
    let messages: { id: string; topics: string[] }[] = [];
    for (let tries = 0; messages.length === 0 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      messages = ((await (await fetch(`${url}/v1/messages`)).json()) as { messages: typeof messages })
        .messages;
    }
    expect(messages).toMatchObject([{ id: 'telegram:5:1', topics: expect.arrayContaining(['withdrawal']) }]);
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const exit = once(child as ChildProcess, 'exit');
    child?.kill('SIGTERM');
    const [code] = await exit;
    expect(code).toBe(0);
  });
});
