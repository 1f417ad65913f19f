import { fileURLToPath } from 'node:url';
import type { MessageInput } from '@sa/shared';
import { Classifier } from '@sa/shared/classifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackgroundClassifier } from '../../src/classify/backgroundWorker.ts';
import { openPGliteStore } from '../../src/store/pglite.ts';
import type { Store } from '../../src/store/Store.ts';

const MODEL =
  process.env.SA_TEST_MODEL_DIR ?? fileURLToPath(new URL('../../../models/default', import.meta.url));

let store: Store;
let classifier: Classifier;

function message(site: string, n: number, text: string, labels: Partial<MessageInput> = {}): MessageInput {
  return {
    id: `${site}-${n}`,
    source: 'telegram',
    conversation_id: `conv-${n}`,
    author_role: 'customer',
    created_at: new Date(Date.UTC(2026, 10, 1, 12, n)).toISOString(),
    text,
    ...labels,
  };
}

async function rows(site: string) {
  const page = await store.listMessages(site, { filters: {}, limit: 100 });
  return new Map(page.messages.map((m) => [m.id, m]));
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  store = await openPGliteStore(null);
  classifier = await Classifier.load({ model: MODEL });
});
afterAll(async () => {
  await classifier?.dispose();
  await store?.close();
});

describe('BackgroundClassifier on a real store and the shipped model', () => {
  it('labels pending messages, records the model version and never touches human labels', async () => {
    await store.upsertMessages('s1', [
      message('s1', 1, 'my deposit has not arrived yet'),
      message('s1', 2, 'where is my withdrawal, it has been pending for days'),
      message('s1', 3, 'my deposit has not arrived yet', { topics: ['technical'], sentiment: 'positive' }),
    ]);
    const worker = new BackgroundClassifier({ store, classifier, batchSize: 2 });
    expect(await worker.drain()).toBe(2);

    const byId = await rows('s1');
    const expected = await classifier.classify(['my deposit has not arrived yet']);
    expect(byId.get('s1-1')).toMatchObject({
      labelled_by: 'model',
      model_version: classifier.modelVersion,
      topics: expected[0]?.topics,
      sentiment: expected[0]?.sentiment,
    });
    expect(byId.get('s1-2')?.labelled_by).toBe('model');
    expect(byId.get('s1-3')).toMatchObject({
      labelled_by: 'human',
      topics: ['technical'],
      sentiment: 'positive',
    });
    expect(await worker.runOnce()).toBe(0);
  });

  it('keeps human labels that arrive while the model is working on the same message', async () => {
    await store.upsertMessages('s2', [message('s2', 1, 'I need to verify my account, I sent my ID')]);
    const worker = new BackgroundClassifier({
      store,
      classifier: {
        async classify(texts) {
          // A person labels the message between the worker's read and its write.
          await store.upsertMessages('s2', [
            message('s2', 1, 'I need to verify my account, I sent my ID', {
              topics: ['verification'],
              sentiment: 'neutral',
            }),
          ]);
          return classifier.classify(texts);
        },
      },
    });
    await worker.runOnce();
    expect((await rows('s2')).get('s2-1')).toMatchObject({ labelled_by: 'human', topics: ['verification'] });
    expect(await store.pendingClassification(10)).toEqual([]);
  });

  it('runs in the background, wakes on demand, relabels after a reclassify mark, and stops cleanly', async () => {
    const labelled: string[] = [];
    const worker = new BackgroundClassifier({
      store,
      classifier: async () => classifier,
      minIdleMs: 30_000,
      maxIdleMs: 60_000,
      onLabelled: (labels) => labelled.push(...labels.map((l) => l.id)),
    });
    worker.start();
    await new Promise((r) => setTimeout(r, 200));
    await store.upsertMessages('s3', [message('s3', 1, 'the slot game keeps crashing')]);
    // The worker found nothing and sleeps for 30 s; wake() must not wait for that.
    worker.wake();
    await until(async () => (await rows('s3')).get('s3-1')?.labelled_by === 'model', 5000);

    expect(await store.markForReclassification('s3')).toBe(1);
    worker.wake();
    await until(async () => labelled.filter((id) => id === 's3-1').length === 2, 5000);
    await worker.stop();

    await store.upsertMessages('s3', [message('s3', 2, 'bonus code does not work')]);
    await new Promise((r) => setTimeout(r, 100));
    expect((await rows('s3')).get('s3-2')?.labelled_by).toBe('pending');
    expect((await rows('s3')).get('s3-1')?.labelled_by).toBe('model');
    await new BackgroundClassifier({ store, classifier }).drain();
  });

  it('reports a failing round and recovers on the next', async () => {
    await store.upsertMessages('s4', [message('s4', 1, 'cannot log in, 2fa code never comes')]);
    const errors: unknown[] = [];
    let attempts = 0;
    const worker = new BackgroundClassifier({
      store,
      classifier: async () => {
        attempts++;
        if (attempts === 1) throw new Error('model folder is being replaced');
        return classifier;
      },
      minIdleMs: 10,
      maxIdleMs: 30,
      onError: (error) => errors.push(error),
    });
    worker.start();
    await until(async () => (await rows('s4')).get('s4-1')?.labelled_by === 'model');
    await worker.stop();
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toMatch(/being replaced/);
  });
});
