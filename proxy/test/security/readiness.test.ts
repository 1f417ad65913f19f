import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { type Harness, openHarness } from '../http/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.cleanup();
});

describe('GET /readyz', () => {
  it('is ready when the store, model and inbox answer, without a key', async () => {
    const app = createApp({
      store: h.store,
      config: h.config({ SITE_KEYS: 'readyz_key_0000000001:s:viewer', HOST: '0.0.0.0' }),
      modelHealth: () => ({ ready: true, version: 'test' }),
    });
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      ready: true,
      store: { ok: true },
      model: { ready: true },
      queue: { ok: true },
    });
  });

  it('is 503 with Retry-After while the model cannot load', async () => {
    const app = createApp({
      store: h.store,
      config: h.config(),
      modelHealth: () => ({ ready: false, detail: 'model.onnx missing' }),
    });
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toMatchObject({ ready: false, model: { detail: 'model.onnx missing' } });
  });
});
