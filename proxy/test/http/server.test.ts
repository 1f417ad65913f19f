import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningServer } from '../../src/http/server.ts';
import { errorOf, type Harness, json, message, openHarness } from './harness.ts';

let h: Harness;
let server: RunningServer;
let widgetDist: string;
let modelDir: string;

beforeAll(async () => {
  h = await openHarness();
  widgetDist = path.join(h.dir, 'widget-dist');
  modelDir = path.join(h.dir, 'model');
  await mkdir(path.join(widgetDist, 'chunks'), { recursive: true });
  await writeFile(path.join(widgetDist, 'widget.js'), 'console.log("loader");');
  await writeFile(path.join(widgetDist, 'chunks', 'uPlot.esm-BScb58at.js'), 'export {};');
  await writeFile(path.join(widgetDist, 'demo.html'), '<!doctype html><title>demo</title>');
  await mkdir(path.join(modelDir, 'onnx'), { recursive: true });
  await writeFile(path.join(modelDir, 'config.json'), '{"model_type":"distilbert"}');
  await writeFile(path.join(modelDir, 'onnx', 'model_quantized.onnx'), Buffer.from([8, 1, 2, 3]));
  server = await listen(h.app({}, { widgetDist, modelDir }), '127.0.0.1', 0);
});
afterAll(async () => {
  await server?.close();
  await h?.cleanup();
});

/** A request body that arrives in pieces, without Content-Length (chunked transfer encoding). */
function chunkedBody(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
  });
}

describe('over a real socket', () => {
  it('listens on loopback and answers /healthz', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('counts a chunked body against the limit even without Content-Length', async () => {
    const response = await fetch(`${server.url}/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunkedBody(Array.from({ length: 80 }, () => 'x'.repeat(1024))),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({ code: 'payload_too_large' });
  });

  it('streams a large export in chunks, and survives a client that stops reading', async () => {
    const batch = Array.from({ length: 3000 }, (_, i) =>
      message(i, { text: `row ${i} ${'padding '.repeat(20)}` }),
    );
    for (let i = 0; i < batch.length; i += 1000) {
      const stored = await fetch(`${server.url}/v1/messages`, json(batch.slice(i, i + 1000)));
      expect(stored.status).toBe(200);
    }
    const response = await fetch(`${server.url}/v1/export?format=json`);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).startsWith('[')).toBe(true);
    await reader.cancel();

    const whole = await fetch(`${server.url}/v1/export?format=csv`);
    const lines = (await whole.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(3001);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('drains an in-flight request before close() resolves', async () => {
    const other = await listen(h.app(), '127.0.0.1', 0);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const encoder = new TextEncoder();
    const rows = 'id,source,conversation_id,author_role,created_at,text\n';
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(rows));
        await gate;
        controller.enqueue(
          encoder.encode('drain-1,livechat,c,customer,2026-10-01T00:00:00Z,still uploading\n'),
        );
        controller.close();
      },
    });
    const upload = fetch(`${other.url}/v1/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 300));
    let closed = false;
    const closing = other.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(closed).toBe(false);
    release();
    const response = await upload;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ imported: 1 });
    await closing;
    expect(closed).toBe(true);
    await expect(fetch(`${other.url}/healthz`)).rejects.toThrow();
  });

  it('says clearly when the port is taken', async () => {
    const port = Number(new URL(server.url).port);
    await expect(listen(h.app(), '127.0.0.1', port)).rejects.toThrow(
      `port ${port} on 127.0.0.1 is already in use`,
    );
  });
});

describe('static files', () => {
  const get = (url: string, init?: RequestInit) => fetch(`${server.url}${url}`, init);

  it('serves the demo admin page at /', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>demo</title>');
  });

  it('serves the loader for revalidation and hashed chunks for good, both to any origin', async () => {
    const loader = await get('/widget/widget.js');
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(loader.headers.get('cache-control')).toBe('no-cache');
    expect(loader.headers.get('access-control-allow-origin')).toBe('*');
    const chunk = await get('/widget/chunks/uPlot.esm-BScb58at.js');
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await get('/widget/widget.js');
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get('/widget/widget.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves model files and the onnxruntime-web WASM runtime from this origin', async () => {
    const config = await get('/models/default/config.json');
    expect(config.headers.get('content-type')).toBe('application/json');
    expect(await config.json()).toEqual({ model_type: 'distilbert' });
    const onnx = await get('/models/default/onnx/model_quantized.onnx');
    expect(onnx.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(await onnx.arrayBuffer())).toEqual(new Uint8Array([8, 1, 2, 3]));
    const wasm = await get('/ort/ort-wasm-simd-threaded.wasm', { method: 'HEAD' });
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(Number(wasm.headers.get('content-length'))).toBeGreaterThan(1_000_000);
  });

  it.each([
    '/widget/../package.json',
    '/widget/%2e%2e/%2e%2e/package.json',
    '/widget/..%2F..%2Fpackage.json',
    '/widget/.hidden',
    '/widget/nope.js',
    '/models/default/%00config.json',
  ])('answers 404 JSON for %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });
});

describe('without a widget build', () => {
  it('says how to build it, at / and under /widget/', async () => {
    const app = h.app({}, { widgetDist: path.join(h.dir, 'missing') });
    const page = await app.request('/');
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('pnpm --filter @sa/widget build');
    const loader = await app.request('/widget/widget.js');
    expect(loader.status).toBe(404);
    expect((await errorOf(loader)).message).toContain('pnpm --filter @sa/widget build');
  });
});
