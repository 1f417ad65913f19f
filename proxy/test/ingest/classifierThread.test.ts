import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Classifier } from '@sa/shared/classifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClassifierThread,
  ClassifierThreadError,
  lazyClassifierThread,
} from '../../src/ingest/classifierThread.ts';

const MODEL = fileURLToPath(new URL('../../../models/default', import.meta.url));
const TEXTS = [
  'my withdrawal has been pending for three days',
  'deposit went through on my card but the balance is still zero',
  'thanks, all sorted now',
];

describe('the classifier thread', () => {
  let thread: ClassifierThread;
  let local: Classifier;
  beforeAll(async () => {
    [thread, local] = await Promise.all([ClassifierThread.start(MODEL), Classifier.load({ model: MODEL })]);
  });
  afterAll(async () => {
    await thread.dispose();
    await local.dispose();
  });

  it('labels texts as the same model does in-process, each request answered with its own results', async () => {
    const [all, one] = await Promise.all([thread.classify(TEXTS), thread.classify([TEXTS[2] as string])]);
    expect(all).toEqual(await local.classify(TEXTS));
    expect(one).toEqual(await local.classify([TEXTS[2] as string]));
  });

  it('passes a classification error back to the caller and keeps serving', async () => {
    await expect(thread.classify([''])).rejects.toThrow(ClassifierThreadError);
    expect(await thread.classify([TEXTS[0] as string])).toHaveLength(1);
  });
});

describe('starting the classifier thread', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sa-no-model-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('rejects with the model load error, and the lazy handle tries again on the next call', async () => {
    const lazy = lazyClassifierThread(dir);
    const first = lazy.get();
    await expect(first).rejects.toThrow(ClassifierThreadError);
    await expect(first).rejects.toThrow(/config\.json|model/i);
    const second = lazy.get();
    expect(second).not.toBe(first);
    await expect(second).rejects.toThrow(ClassifierThreadError);
    await lazy.dispose();
  });

  it('refuses work once disposed', async () => {
    const lazy = lazyClassifierThread(MODEL);
    const thread = await lazy.get();
    await lazy.dispose();
    expect(thread.usable).toBe(false);
    await expect(thread.classify(TEXTS)).rejects.toThrow(/disposed/);
  });

  it('replaces a thread that can no longer classify with a new one', async () => {
    const lazy = lazyClassifierThread(MODEL);
    const first = await lazy.get();
    expect(await lazy.get()).toBe(first);
    await first.dispose();
    const second = await lazy.get();
    expect(second).not.toBe(first);
    expect(await second.classify([TEXTS[0] as string])).toHaveLength(1);
    await lazy.dispose();
  });
});
