import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, type ClassifierPage, openClassifierPage } from '../bench/browserHarness.ts';
import {
  type ClassificationResult,
  Classifier,
  type createClassifierWorker,
  ModelThresholds,
} from '../src/classifier/index.ts';
import { SENTIMENTS, TOPICS, type TopicId as Topic } from '../src/taxonomy.ts';

const MODEL =
  process.env.SA_TEST_MODEL_DIR ?? fileURLToPath(new URL('../../models/default', import.meta.url));

/**
 * Dynamic int8 quantisation scales activations per batch, and WASM and Node's CPU kernels round
 * differently, so the same text's scores move by up to about 0.01; labels are compared only where
 * a score is further than this from its threshold.
 */
const QUANTISATION_TOLERANCE = 0.02;

/** A topic the model never saw, for the custom-topic check (classifier.node.test.ts has the full set). */
const CRYPTO_PAYOUT = {
  name: 'crypto_payout',
  description: 'paying out winnings in cryptocurrency',
  examples: [
    'I want my winnings in bitcoin',
    'Can you pay out to my USDT wallet?',
    'Send my withdrawal to my BTC address',
    'Do you pay out in ethereum?',
  ],
};
const CUSTOM_TEXTS = [
  'Please pay my winnings to my bitcoin wallet',
  'pay me in usdt please',
  'My withdrawal has been pending for five days, where is my money?',
  'hi there, good evening',
  'how do I get the welcome bonus?',
];

const TEXTS = [
  'my deposit still has not arrived after 2 hours',
  'withdrawal pending for 5 days, when do I get my money',
  'thanks a lot, all sorted!',
  'the slot froze mid spin and took my bet',
];

declare global {
  interface Window {
    createClassifierWorker: typeof createClassifierWorker;
  }
}

describe.skipIf(!existsSync(CHROMIUM_PATH))(
  'browser classifier in headless Chromium (Web Worker, WASM)',
  () => {
    let harness: ClassifierPage;
    let node: ClassificationResult[];
    let thresholds: Record<Topic, number>;
    let nodeCustom: ClassificationResult[];
    let oldModel: string;

    beforeAll(async () => {
      // A model exported before embedding_space.json existed.
      oldModel = await mkdtemp(path.join(tmpdir(), 'sa-old-model-'));
      await cp(MODEL, oldModel, { recursive: true });
      await rm(path.join(oldModel, 'embedding_space.json'));
      harness = await openClassifierPage({ default: MODEL, old: oldModel });
      thresholds = ModelThresholds.parse(
        JSON.parse(await readFile(path.join(MODEL, 'thresholds.json'), 'utf8')),
      ).topics;
      const classifier = await Classifier.load({ model: MODEL });
      node = await classifier.classify(TEXTS);
      await classifier.setCustomTopics([CRYPTO_PAYOUT]);
      nodeCustom = await classifier.classify(CUSTOM_TEXTS);
      await classifier.dispose();
    }, 120_000);
    afterAll(async () => {
      await harness?.close();
      if (oldModel) await rm(oldModel, { recursive: true, force: true });
    });

    it('loads the model from its own origin only, falls back to WASM without a GPU, and matches Node', {
      timeout: 90_000,
    }, async () => {
      const out = await harness.page.evaluate(async (texts) => {
        const client = window.createClassifierWorker('/app/worker.js', { model: '/models/default' });
        const fractions: number[] = [];
        client.onProgress((p) => fractions.push(p.fraction));
        const info = await client.ready;
        const results = await client.classify(texts);
        const oneByOne = [];
        for (const t of texts) oneByOne.push(...(await client.classify([t])));
        await client.dispose();
        return { info, results, oneByOne, fractions };
      }, TEXTS);

      expect(out.info.device).toBe('wasm');
      expect(out.fractions.at(-1)).toBe(1);
      // One bar over all files: every total is known before the first byte is counted.
      expect(out.fractions).toEqual([...out.fractions].sort((a, b) => a - b));
      expect(harness.foreignRequests).toEqual([]);
      // Every model file is fetched exactly once (transformers.js used to fetch each one twice).
      const modelRequests = harness.site.requests.filter((r) => r.startsWith('/models/default/'));
      expect(modelRequests).toContain('/models/default/onnx/model_quantized.onnx');
      expect(modelRequests).toEqual([...new Set(modelRequests)]);
      expect(harness.site.requests.some((r) => r.startsWith('/ort/') && r.endsWith('.wasm'))).toBe(true);
      out.results.forEach((browser, i) => {
        const expected = node[i] as ClassificationResult;
        for (const topic of TOPICS) {
          const score = expected.topic_scores[topic] as number;
          expect(Math.abs((browser.topic_scores[topic] as number) - score)).toBeLessThan(
            QUANTISATION_TOLERANCE,
          );
          if (topic !== 'other' && Math.abs(score - thresholds[topic]) > QUANTISATION_TOLERANCE) {
            expect(browser.topics.includes(topic), `${topic} for "${TEXTS[i]}"`).toBe(
              expected.topics.includes(topic),
            );
          }
        }
        for (const s of SENTIMENTS)
          expect(Math.abs(browser.sentiment_scores[s] - expected.sentiment_scores[s])).toBeLessThan(
            QUANTISATION_TOLERANCE,
          );
        expect(out.oneByOne[i]?.topics).toEqual(browser.topics);
      });
    });

    it('scores a custom topic like Node: on its paraphrases, not on a withdrawal, a greeting or a bonus question', {
      timeout: 90_000,
    }, async () => {
      const run = (model: string) =>
        harness.page.evaluate(
          async ({ model, topic, texts }) => {
            const client = window.createClassifierWorker('/app/worker.js', { model });
            await client.ready;
            await client.setCustomTopics([topic]);
            const results = await client.classify(texts);
            await client.dispose();
            return results;
          },
          { model, topic: CRYPTO_PAYOUT, texts: CUSTOM_TEXTS },
        );
      const browser = await run('/models/default');
      expect(harness.site.requests).toContain('/models/default/embedding_space.json');
      expect(browser.map((r) => r.topics.includes('crypto_payout'))).toEqual([
        true,
        true,
        false,
        false,
        false,
      ]);
      browser.forEach((r, i) => {
        const score = nodeCustom[i]?.topic_scores.crypto_payout as number;
        expect(Math.abs((r.topic_scores.crypto_payout as number) - score)).toBeLessThan(
          QUANTISATION_TOLERANCE,
        );
      });
      // Without the file the old model still loads; its custom topic is scored by plain cosine.
      const old = await run('/models/old');
      expect(old[0]?.topics).toContain('crypto_payout');
    });

    it('refuses a model from another origin with a ModelLoadError', async () => {
      const error = await harness.page.evaluate(async () => {
        const client = window.createClassifierWorker('/app/worker.js', {
          model: 'https://cdn.example.com/model',
        });
        const e = await client.ready.then(
          () => null,
          (err: Error) => ({ name: err.name, message: err.message }),
        );
        await client.dispose();
        return e;
      });
      expect(error).toEqual({
        name: 'ModelLoadError',
        message: expect.stringMatching(/must be served from this origin/),
      });
      expect(harness.foreignRequests).toEqual([]);
    });

    it('fails ready with a ModelLoadError naming the file a model folder lacks', async () => {
      const error = await harness.page.evaluate(async () => {
        const client = window.createClassifierWorker('/app/worker.js', { model: '/models/missing' });
        const e = await client.ready.then(
          () => null,
          (err: Error) => ({ name: err.name, message: err.message }),
        );
        await client.dispose();
        return e;
      });
      expect(error).toEqual({
        name: 'ModelLoadError',
        message: expect.stringMatching(/models\/missing\/config\.json: HTTP 404/),
      });
    });

    it('fails ready with a WorkerProtocolError when the worker script cannot start', async () => {
      const error = await harness.page.evaluate(async () => {
        const client = window.createClassifierWorker('/app/missing-worker.js', { model: '/models/default' });
        return client.ready.then(
          () => null,
          (err: Error) => err.name,
        );
      });
      expect(error).toBe('WorkerProtocolError');
    });
  },
);

describe.skipIf(!existsSync(CHROMIUM_PATH))('browser classifier with a WebGPU adapter', () => {
  let harness: ClassifierPage;
  let expected: ClassificationResult[];

  beforeAll(async () => {
    harness = await openClassifierPage({ default: MODEL }, { webgpu: true });
    const node = await Classifier.load({ model: MODEL, warmup: false });
    expected = await node.classify(TEXTS);
    await node.dispose();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  /** Loads the classifier in the given worker script, classifies TEXTS and releases it. */
  const classifyIn = (workerUrl: string) =>
    harness.page.evaluate(
      async ({ workerUrl, texts }) => {
        const client = window.createClassifierWorker(workerUrl, { model: '/models/default' });
        const info = await client.ready;
        const results = await client.classify(texts);
        await client.dispose();
        return { info, results };
      },
      { workerUrl, texts: TEXTS },
    );

  const expectNodeScores = (results: ClassificationResult[]) => {
    results.forEach((r, i) => {
      for (const topic of TOPICS) {
        expect(
          Math.abs((r.topic_scores[topic] as number) - (expected[i]?.topic_scores[topic] as number)),
        ).toBeLessThan(QUANTISATION_TOLERANCE);
      }
    });
  };

  it('picks WebGPU when an adapter exists and scores like Node', { timeout: 240_000 }, async () => {
    const out = await classifyIn('/app/worker.js');
    expect(out.info.device).toBe('webgpu');
    expect(harness.foreignRequests).toEqual([]);
    expectNodeScores(out.results);
  });

  it('falls back to WASM when the adapter refuses a device', { timeout: 120_000 }, async () => {
    const out = await classifyIn('/app/worker-failing-webgpu.js?gpu=no-device');
    expect(out.info.device).toBe('wasm');
    expectNodeScores(out.results);
  });

  it('falls back to WASM when onnxruntime cannot start WebGPU', { timeout: 120_000 }, async () => {
    const out = await classifyIn('/app/worker-failing-webgpu.js?gpu=runtime');
    expect(out.info.device).toBe('wasm');
    expectNodeScores(out.results);
  });
});
