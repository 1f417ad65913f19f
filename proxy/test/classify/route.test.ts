import { fileURLToPath } from 'node:url';
import { ClassifyResponse } from '@sa/shared/classifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClassifierHandle, lazyClassifier } from '../../src/classify/classifierHandle.ts';
import { loadConfig } from '../../src/config/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createJsonLogger } from '../../src/http/logger.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { Store } from '../../src/store/Store.ts';

const MODEL =
  process.env.SA_TEST_MODEL_DIR ?? fileURLToPath(new URL('../../../models/default', import.meta.url));

let store: Store;
let classifier: ClassifierHandle;
const appWith = (handle: ClassifierHandle) =>
  createApp({
    store,
    config: loadConfig({ LOG_LEVEL: 'silent' }, { db: '/unused' }),
    log: createJsonLogger('silent'),
    classifier: handle,
  });
const post = (app: ReturnType<typeof appWith>, body: unknown, type = 'application/json') =>
  app.request('/v1/classify', {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

type ErrorBody = { error: { code: string; message: string; details: { path: string }[] } };
const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).error;

beforeAll(async () => {
  store = await openPGliteStore(null);
  classifier = lazyClassifier(MODEL);
});
afterAll(async () => {
  await classifier?.dispose();
  await store?.close();
});

describe('POST /v1/classify', () => {
  it('returns what the classifier gives for each text, in order', async () => {
    const texts = ['my withdrawal is pending for a week', 'thanks, all good now!'];
    const response = await post(appWith(classifier), { texts });
    expect(response.status).toBe(200);
    const body = ClassifyResponse.parse(await response.json());
    expect(body.results).toEqual(await (await classifier.get()).classify(texts));
    expect(body.results[0]?.model_version).toBe(classifier.health().version);
  });

  it('answers 413 above 64 texts and 400 naming a bad text', async () => {
    const tooMany = await post(appWith(classifier), { texts: Array(65).fill('hello') });
    expect(tooMany.status).toBe(413);
    expect((await errorOf(tooMany)).code).toBe('payload_too_large');

    const bad = await post(appWith(classifier), { texts: ['fine', ' ', 'x'.repeat(8001)] });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).details.map((d) => d.path)).toEqual(['texts.1', 'texts.2']);

    for (const body of [{}, { texts: [] }, { texts: 'hi' }, { texts: ['hi'], extra: true }]) {
      expect((await post(appWith(classifier), body)).status).toBe(400);
    }
  });

  it('answers 415 for another content type and 400 for broken JSON', async () => {
    expect((await post(appWith(classifier), 'texts=hi', 'application/x-www-form-urlencoded')).status).toBe(
      415,
    );
    expect((await post(appWith(classifier), '{"texts": [')).status).toBe(400);
  });

  it('answers 503 with Retry-After when the model cannot be loaded', async () => {
    const missing = lazyClassifier('/nonexistent/model');
    const response = await post(appWith(missing), { texts: ['hi'] });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    const error = await errorOf(response);
    expect(error.code).toBe('provider_unavailable');
    expect(error.message).toMatch(/\/nonexistent\/model/);
    expect(missing.health()).toMatchObject({ ready: false, detail: expect.stringMatching(/config\.json/) });
  });
});
