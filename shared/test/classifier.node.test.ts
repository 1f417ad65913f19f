import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type ClassificationResult,
  Classifier,
  ClassifierDisposedError,
  ClassifierInputError,
  type CustomTopic,
  ModelLoadError,
  ModelThresholds,
} from '../src/classifier/index.ts';
import { type SentimentId, TOPICS, type TopicId } from '../src/taxonomy.ts';

const MODEL =
  process.env.SA_TEST_MODEL_DIR ?? fileURLToPath(new URL('../../models/default', import.meta.url));

/**
 * Dynamic int8 quantisation scales activations per batch, and WASM and Node's CPU kernels round
 * differently, so the same text's scores move by up to about 0.02 (the 5-epoch model's sharper logits
 * move more near the middle of the sigmoid); labels are compared only where
 * a score is further than this from its threshold.
 */
const QUANTISATION_TOLERANCE = 0.03;

/** Clear messages, one per topic and sentiment, that any shipped model must get right. */
const CLEAR: { text: string; topic: TopicId; sentiment?: SentimentId }[] = [
  { text: 'I deposited 50 euros an hour ago and it is still not in my balance', topic: 'deposit' },
  { text: 'my withdrawal has been pending for 5 days, when do I get my money?', topic: 'withdrawal' },
  {
    text: 'I uploaded my passport and a utility bill, how long does verification take?',
    topic: 'verification',
  },
  { text: "I can't log in, the password reset email never arrives", topic: 'account_access' },
  { text: 'I did not get the free spins from the welcome bonus', topic: 'bonus' },
  { text: 'the game froze in the middle of a spin and my bet disappeared', topic: 'game_issue' },
  { text: 'your website is down, every page shows an error 502', topic: 'technical' },
  { text: 'I want to self-exclude, I am losing too much money gambling', topic: 'responsible_gambling' },
  { text: 'please change the email address on my profile', topic: 'account_details' },
  { text: 'thank you so much, you were really helpful!', topic: 'other', sentiment: 'positive' },
  {
    text: 'YOU ARE THIEVES!!! give me my withdrawal or I report you to the regulator',
    topic: 'withdrawal',
    sentiment: 'angry',
  },
  { text: 'what is the minimum deposit with bitcoin?', topic: 'deposit', sentiment: 'neutral' },
];

/**
 * Topics the model never saw, and neither did the calibration of its custom-topic threshold and margin
 * (models/sa_train/embedding_space.py calibrates on other topics). The paraphrases are not among the
 * examples.
 */
const UNSEEN = [
  {
    topic: {
      name: 'crypto_payout',
      description: 'paying out winnings in cryptocurrency',
      examples: [
        'I want my winnings in bitcoin',
        'Can you pay out to my USDT wallet?',
        'Send my withdrawal to my BTC address',
        'Do you pay out in ethereum?',
      ],
    },
    paraphrases: [
      'Please pay my winnings to my bitcoin wallet',
      'can i cash out in crypto?',
      'withdraw to my litecoin address pls',
      'do you support tether payouts',
      'I would like to receive my payout in BTC',
      'can I get my money out in bitcoin instead of the bank',
      'pay me in usdt please',
      'is it possible to withdraw in btc',
    ],
  },
  {
    topic: {
      name: 'sportsbook_odds',
      description: 'questions about betting odds and prices on sports events',
      examples: [
        'what are the odds for Real Madrid to win tonight?',
        'why did the odds on the match change before kick-off?',
        'can you tell me the price on Arsenal vs Chelsea draw',
        'odds for the Lakers game look wrong, they dropped from 2.5 to 1.8',
        'what odds do you give on over 2.5 goals?',
        'how are the odds for the horse race calculated',
      ],
    },
    paraphrases: [
      'what are the odds on Barcelona to win the cup?',
      'why are the odds for the tennis final so low',
      'the odds on the Liverpool game changed, what is the price now?',
      'what price do you have on the derby',
    ],
  },
];

/** Other topics' messages (withdrawals among them, which crypto payouts resemble), greetings, bonus questions. */
const NOT_CUSTOM = [
  'My withdrawal has been pending for five days, where is my money?',
  'my withdrawal was declined',
  'hello',
  'hi there, good evening',
  'good morning',
  'thanks, bye',
  'how do I get the welcome bonus?',
  'did not get my free spins',
  'is there a bonus code for today',
  'my deposit of 100 euro has not arrived',
  'card payment declined when I try to deposit',
  'how long does a bank transfer deposit take',
  'I deposited with bitcoin but it is not in my balance',
  'the game froze in the middle of a spin',
  "I can't log in, the password reset email never arrives",
];

describe('Classifier in Node with the shipped model', () => {
  let classifier: Classifier;
  let thresholds: ModelThresholds;
  const fetchSpy = vi.spyOn(globalThis, 'fetch');

  beforeAll(async () => {
    classifier = await Classifier.load({ model: MODEL, batchSize: 8 });
    thresholds = ModelThresholds.parse(
      JSON.parse(await readFile(path.join(MODEL, 'thresholds.json'), 'utf8')),
    );
  }, 120_000);
  afterAll(async () => {
    fetchSpy.mockRestore();
    await classifier?.dispose();
  });

  it('loads from the local folder only, with no network and the model version from config.json', async () => {
    const config = JSON.parse(await readFile(path.join(MODEL, 'config.json'), 'utf8'));
    expect(classifier.modelVersion).toBe(config.sa_model_version);
    expect(classifier.device).toBe('cpu');
    expect(env.allowRemoteModels).toBe(false);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('labels clear messages correctly', async () => {
    const results = await classifier.classify(CLEAR.map((c) => c.text));
    const wrong = CLEAR.flatMap((c, i) => {
      const r = results[i] as ClassificationResult;
      const topicOk = r.topics.includes(c.topic);
      const sentimentOk = !c.sentiment || r.sentiment === c.sentiment;
      return topicOk && sentimentOk ? [] : [`"${c.text}" → ${r.topics.join('|')} / ${r.sentiment}`];
    });
    expect(wrong).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('gives the same results batched as one by one, in input order', async () => {
    const texts = CLEAR.map((c) => c.text);
    const batched = await classifier.classify(texts);
    const single = await Classifier.load({ model: MODEL, batchSize: 1, warmup: false });
    try {
      const oneByOne = await single.classify(texts);
      batched.forEach((b, i) => {
        const o = oneByOne[i] as ClassificationResult;
        expect(b.sentiment).toBe(o.sentiment);
        for (const t of TOPICS) {
          const score = o.topic_scores[t] as number;
          expect(Math.abs((b.topic_scores[t] as number) - score)).toBeLessThan(QUANTISATION_TOLERANCE);
          if (t !== 'other' && Math.abs(score - thresholds.topics[t]) > QUANTISATION_TOLERANCE) {
            expect(b.topics.includes(t)).toBe(o.topics.includes(t));
          }
        }
      });
    } finally {
      await single.dispose();
    }
  });

  it('gives a topic exactly when its score reaches its threshold, and other only alone', async () => {
    const results = await classifier.classify([...CLEAR.map((c) => c.text), 'ok', 'hm?', 'good evening']);
    for (const r of results) {
      const specific = TOPICS.filter(
        (t) => t !== 'other' && (r.topic_scores[t] as number) >= thresholds.topics[t],
      );
      if (specific.length === 0) expect(r.topics).toEqual(['other']);
      else expect([...r.topics].sort()).toEqual([...specific].sort());
      expect(Object.values(r.sentiment_scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
  });

  it('catches topics it was never trained on from new paraphrases, and not other topics or greetings', async () => {
    const custom = await Classifier.load({
      model: MODEL,
      customTopics: UNSEEN.map((u) => u.topic),
      warmup: false,
    });
    try {
      expect(custom.customTopicNames).toEqual(['crypto_payout', 'sportsbook_odds']);
      for (const { topic, paraphrases } of UNSEEN) {
        const results = await custom.classify(paraphrases);
        const caught = results.filter((r) => r.topics.includes(topic.name)).length;
        // The calibration's recall on unseen topics is about 0.7 with the shipped model (embedding_space.json);
        // a paraphrase a small encoder cannot place is missed rather than the topic firing on everything.
        expect(caught / paraphrases.length, topic.name).toBeGreaterThanOrEqual(0.5);
      }
      const [extensionMessage] = await custom.classify(['Please pay my winnings to my bitcoin wallet']);
      expect(extensionMessage?.topics).toContain('crypto_payout');
      const others = await custom.classify(NOT_CUSTOM);
      others.forEach((r, i) => {
        expect(r.topics, NOT_CUSTOM[i]).not.toContain('crypto_payout');
        expect(r.topics, NOT_CUSTOM[i]).not.toContain('sportsbook_odds');
      });
      const [withdrawal] = others;
      expect(withdrawal?.topics).toEqual(['withdrawal']);
    } finally {
      await custom.dispose();
    }
  });

  it('rejects empty and too-long texts, naming the index', async () => {
    const empty = await classifier.classify(['fine', '  ']).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ClassifierInputError);
    expect((empty as ClassifierInputError).message).toMatch(/empty after trimming at 1$/);
    const long = await classifier.classify(['x'.repeat(8001)]).catch((e: unknown) => e);
    expect((long as ClassifierInputError).issues[0]?.path).toEqual([0]);
    expect(await classifier.classify([])).toEqual([]);
  });

  it('truncates a long message instead of overflowing the position embeddings', async () => {
    const [r] = await classifier.classify(['my deposit is missing '.repeat(360)]);
    expect(r?.topics).toContain('deposit');
  });
});

describe('Classifier load errors', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sa-model-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function brokenCopy(name: string, edit: (folder: string) => Promise<void>): Promise<string> {
    const folder = path.join(dir, name);
    await cp(MODEL, folder, { recursive: true });
    await edit(folder);
    return folder;
  }

  it('names a missing thresholds.json', async () => {
    const folder = await brokenCopy('no-thresholds', (f) => rm(path.join(f, 'thresholds.json')));
    await expect(Classifier.load({ model: folder })).rejects.toThrow(
      expect.objectContaining({ name: 'ModelLoadError', message: expect.stringMatching(/thresholds\.json/) }),
    );
  });

  it('refuses a model trained on another taxonomy', async () => {
    const folder = await brokenCopy('other-taxonomy', async (f) => {
      const config = JSON.parse(await readFile(path.join(f, 'config.json'), 'utf8'));
      config.id2label['9'] = 'topic:sportsbook';
      await writeFile(path.join(f, 'config.json'), JSON.stringify(config));
    });
    const error = await Classifier.load({ model: folder }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect((error as Error).message).toMatch(/lacks topic:other/);
  });

  it('names a threshold that is missing or out of range', async () => {
    const folder = await brokenCopy('bad-threshold', (f) =>
      writeFile(path.join(f, 'thresholds.json'), JSON.stringify({ topics: { deposit: 1.5 } })),
    );
    await expect(Classifier.load({ model: folder })).rejects.toThrow(/thresholds\.json.*topics\.deposit/);
  });

  it('loads a model exported before embedding_space.json, scoring custom topics by plain cosine', async () => {
    const folder = await brokenCopy('no-embedding-space', (f) => rm(path.join(f, 'embedding_space.json')));
    const topic = UNSEEN[0]?.topic as CustomTopic;
    const old = await Classifier.load({ model: folder, customTopics: [topic], warmup: false });
    try {
      const [result] = await old.classify([topic.examples[0] as string]);
      // An example is its own topic's nearest text in any space; plain cosine's default bar is 0.8.
      expect(result?.topics).toContain('crypto_payout');
      expect(result?.topic_scores.crypto_payout).toBeGreaterThanOrEqual(0.8);
    } finally {
      await old.dispose();
    }
  });

  it('names a malformed embedding_space.json', async () => {
    const folder = await brokenCopy('bad-embedding-space', (f) =>
      writeFile(
        path.join(f, 'embedding_space.json'),
        JSON.stringify({
          method: 'whitening',
          default_threshold: 0.3,
          margin: 0,
          mean: [0, 0],
          matrix: [[1]],
          prototypes: {},
        }),
      ),
    );
    await expect(Classifier.load({ model: folder })).rejects.toThrow(
      expect.objectContaining({
        name: 'ModelLoadError',
        message: expect.stringMatching(/embedding_space\.json.*matrix must be 2 x 2/),
      }),
    );
  });

  it('names a missing ONNX file', async () => {
    const folder = await brokenCopy('no-onnx', (f) => rm(path.join(f, 'onnx'), { recursive: true }));
    await expect(Classifier.load({ model: folder })).rejects.toThrow(/cannot load the model from .*no-onnx/);
  });

  it('refuses a URL in Node and bad options', async () => {
    await expect(Classifier.load({ model: 'https://huggingface.co/x' })).rejects.toBeInstanceOf(
      ModelLoadError,
    );
    await expect(Classifier.load({ model: MODEL, batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(Classifier.load({ model: MODEL, threads: 0 })).rejects.toThrow(/threads/);
  });

  it('refuses work after dispose', async () => {
    const c = await Classifier.load({ model: MODEL, warmup: false });
    await c.dispose();
    await expect(c.classify(['hi'])).rejects.toBeInstanceOf(ClassifierDisposedError);
  });
});
