import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddingSpace } from '@sa/shared/classifier';
import { SENTIMENTS, TOPICS } from '@sa/shared/taxonomy';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';

const modelsDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const python = join(modelsDir, '.venv', 'bin', 'python');
const haveVenv = existsSync(python);
if (!haveVenv && !process.env.CI) {
  console.warn(
    'models smoke test skipped: no models/.venv here (run `bash models/setup.sh`); CI always runs it',
  );
}

const work = mkdtempSync(join(tmpdir(), 'sa-models-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

// Small fixture data sets inside the repo, so a clone without ../shared/data runs the whole pipeline too.
const fixtureData = join(modelsDir, 'test', 'fixtures', 'public');

function train(args: string[]): void {
  const base = ['--smoke', '--work', join(work, 'work'), '--data', fixtureData];
  execFileSync('bash', [join(modelsDir, 'train.sh'), ...base, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

async function checkModelFolder(dir: string): Promise<void> {
  const config = readJson(join(dir, 'config.json'));
  const labels = [...TOPICS.map((t) => `topic:${t}`), ...SENTIMENTS.map((s) => `sentiment:${s}`)];
  expect(config.model_type).toBe('distilbert');
  expect(labels.map((_, i) => config.id2label[String(i)])).toEqual(labels);
  expect(labels.map((l) => config.label2id[l])).toEqual(labels.map((_, i) => i));
  expect(config.sa_model_version).toMatch(/^[\w.-]+-\d{8}-[0-9a-f]{7}$/);

  const tokConfig = readJson(join(dir, 'tokenizer_config.json'));
  expect(tokConfig.pad_token).toBeTypeOf('string');
  expect(tokConfig.model_max_length).toBeGreaterThan(8);
  expect(tokConfig.do_lower_case).toBeTypeOf('boolean');
  expect(readJson(join(dir, 'special_tokens_map.json')).pad_token).toBe(tokConfig.pad_token);
  expect(readJson(join(dir, 'tokenizer.json')).model.type).toBe('WordPiece');
  expect(Object.keys(readJson(join(dir, 'thresholds.json')).topics)).toEqual([...TOPICS]);
  expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('Banking77');
  expect(existsSync(join(dir, 'onnx', 'model.onnx'))).toBe(false);

  const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model_quantized.onnx'));
  expect(session.inputNames).toEqual(['input_ids', 'attention_mask']);
  expect(session.outputNames).toEqual(['logits', 'sentence_embedding']);
  // Two rows of different lengths exercise the dynamic batch and sequence axes and the padding mask.
  const ids = [2n, 40n, 41n, 42n, 3n, 2n, 43n, 3n, 0n, 0n];
  const mask = [1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 0n, 0n];
  const out = await session.run({
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids), [2, 5]),
    attention_mask: new ort.Tensor('int64', BigInt64Array.from(mask), [2, 5]),
  });
  const { logits, sentence_embedding: embedding } = out;
  if (!logits || !embedding)
    throw new Error(`model outputs ${Object.keys(out)}, want logits + sentence_embedding`);
  expect(logits.dims).toEqual([2, labels.length]);
  const [batch, dim = 0] = embedding.dims;
  expect(batch).toBe(2);
  expect(dim).toBeGreaterThan(0);
  const emb = embedding.data as Float32Array;
  for (const row of [0, 1]) {
    const norm = Math.hypot(...emb.subarray(row * dim, (row + 1) * dim));
    expect(norm).toBeCloseTo(1, 4);
  }
  // Custom topics are scored in this space; the runtime checks its size against the embedding's.
  const space = EmbeddingSpace.parse(readJson(join(dir, 'embedding_space.json')));
  expect(space.mean).toHaveLength(dim);
  expect(Object.keys(space.prototypes).length).toBeGreaterThan(1);
}

describe.runIf(haveVenv || process.env.CI)('training pipeline (--smoke)', () => {
  it('trains from scratch into the transformers.js layout that onnxruntime loads', async () => {
    const out = join(work, 'scratch');
    train(['--out', out]);
    await checkModelFolder(out);
  }, 360_000);

  it('fine-tunes from a pretrained checkpoint folder with --init, keeping its tokenizer', async () => {
    const ckpt = join(work, 'tiny-checkpoint');
    train(['--save-tiny-checkpoint', ckpt]);
    const out = join(work, 'from-init');
    train(['--init', ckpt, '--out', out]);
    await checkModelFolder(out);
    expect(readJson(join(out, 'tokenizer.json')).model.vocab).toEqual(
      readJson(join(ckpt, 'tokenizer.json')).model.vocab,
    );
    expect(readJson(join(out, 'config.json')).dim).toBe(readJson(join(ckpt, 'config.json')).dim);
  }, 360_000);
});
