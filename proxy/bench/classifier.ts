/**
 * Classifier speed and size: the shipped model against a DistilBERT-base-size reference (6 layers,
 * dim 768, random weights, same tokenizer and outputs), measured side by side in one run, in Node
 * (onnxruntime-node, CPU) and in headless Chromium (Web Worker, onnxruntime-web WASM).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SENTIMENTS, TOPICS } from '@sa/shared';
import { Classifier } from '@sa/shared/classifier';
import { CHROMIUM_PATH, openClassifierPage } from '../../shared/bench/browserHarness.ts';
import type {
  PageRound,
  PageRoundOptions,
  PageStarted,
  PageStartOptions,
} from '../../shared/bench/pageMeasure.ts';
import { REPO_ROOT } from '../src/config/index.ts';
import { type Benchmark, type BenchReport, type BenchRow, percentile, round } from './harness.ts';

const SHIPPED = process.env.MODEL_DIR ?? path.join(REPO_ROOT, 'models', 'default');
const REFERENCE = fileURLToPath(new URL('./.data/reference-distilbert-base/', import.meta.url));
const PYTHON = path.join(REPO_ROOT, 'models', '.venv', 'bin', 'python');
const MAKER = path.join(REPO_ROOT, 'shared', 'bench', 'make_reference_model.py');

/** Short player messages (about 10–40 tokens), the size the targets are stated for. */
const SHORT = [
  'my deposit has not arrived yet',
  'where is my withdrawal?? pending for 3 days now',
  'I uploaded my passport but verification is still pending',
  'cant log in, the sms code never comes',
  'the free spins from the welcome bonus are missing',
  'game froze mid spin and my balance dropped',
  'site is super slow today, pages keep timing out',
  'please set a deposit limit of 100 a week on my account',
  'how do I change my email address',
  'thanks for the help, all good now',
  'you are scammers, I will report you to the regulator',
  'card payment declined 3 times, what is wrong',
  'what is the wagering requirement on the reload bonus',
  'my bet on the football match was not settled',
  'the app crashes when I open the live casino on my iphone',
  'hi, is anyone there?',
];

interface Measured {
  load_ms: number;
  p50_ms: number;
  p95_ms: number;
  throughput_msg_s: number;
}

interface Counts {
  /** One-message calls per round. */
  single: number;
  /** Texts in the one batched call per round. */
  batch: number;
}

/** Models are measured in alternating rounds so load from elsewhere on the machine hits both alike. */
const ROUNDS = 5;
const TEXT_COUNTS: Record<string, Counts> = {
  shipped: { single: 60, batch: 512 },
  reference: { single: 12, batch: 64 },
};

function texts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${SHORT[i % SHORT.length]} #${i}`);
}

const perModel = (models: Record<string, string>) =>
  Object.fromEntries(Object.keys(models).map((name) => [name, [] as number[]]));

function median(values: number[]): number {
  return percentile(values, 50);
}

/** Regenerates the reference when missing, or when the shipped tokenizer (which it copies) or the script changed. */
async function ensureReference(): Promise<string | null> {
  const hash = createHash('sha256');
  for (const file of [path.join(SHIPPED, 'tokenizer.json'), MAKER]) hash.update(await readFile(file));
  const stamp = path.join(REFERENCE, 'inputs.sha256');
  const want = hash.digest('hex');
  if (existsSync(stamp) && (await readFile(stamp, 'utf8')) === want) return null;
  if (!existsSync(PYTHON)) {
    return `reference model missing and no Python venv at ${PYTHON} to make it (run bash models/setup.sh)`;
  }
  const labels = [...TOPICS.map((t) => `topic:${t}`), ...SENTIMENTS.map((s) => `sentiment:${s}`)].join(',');
  await promisify(execFile)(
    PYTHON,
    [MAKER, '--out', REFERENCE, '--labels', labels, '--tokenizer-from', SHIPPED],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  await writeFile(stamp, want);
  return null;
}

/** p50/p95 over every one-message call of every round; throughput as the median round. */
function summarise(load_ms: number, single: number[], throughputs: number[]): Measured {
  return {
    load_ms,
    p50_ms: percentile(single, 50),
    p95_ms: percentile(single, 95),
    throughput_msg_s: median(throughputs),
  };
}

async function measureNode(models: Record<string, string>): Promise<Record<string, Measured>> {
  const loaded: Record<string, Classifier> = {};
  try {
    for (const [name, dir] of Object.entries(models)) loaded[name] = await Classifier.load({ model: dir });
    const single = perModel(models);
    const throughputs = perModel(models);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, classifier] of Object.entries(loaded)) {
        const counts = TEXT_COUNTS[name] as Counts;
        for (const text of texts(counts.single)) {
          const start = performance.now();
          await classifier.classify([text]);
          single[name]?.push(performance.now() - start);
        }
        const batch = texts(counts.batch);
        const start = performance.now();
        await classifier.classify(batch);
        throughputs[name]?.push(batch.length / ((performance.now() - start) / 1000));
      }
    }
    return Object.fromEntries(
      Object.entries(loaded).map(([name, c]) => [
        name,
        summarise(c.loadMs, single[name] ?? [], throughputs[name] ?? []),
      ]),
    );
  } finally {
    for (const classifier of Object.values(loaded)) await classifier.dispose();
  }
}

async function measureBrowser(
  models: Record<string, string>,
): Promise<{ device: string; results: Record<string, Measured> }> {
  const harness = await openClassifierPage(models);
  // Strings, so the page runs the bundled functions untouched by this file's transpiler.
  const call = <T>(fn: string, arg: unknown): Promise<T> =>
    harness.page.evaluate(`window.${fn}(${JSON.stringify(arg)})`) as Promise<T>;
  try {
    const started: Record<string, PageStarted> = {};
    for (const name of Object.keys(models)) {
      started[name] = await call<PageStarted>('startClassifier', {
        model: `/models/${name}`,
        batchSize: 32,
      } satisfies PageStartOptions);
    }
    const single = perModel(models);
    const throughputs = perModel(models);
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of Object.keys(models)) {
        const counts = TEXT_COUNTS[name] as Counts;
        const r = await call<PageRound>('measureRound', {
          model: `/models/${name}`,
          texts: SHORT,
          singleCount: counts.single,
          batchCount: counts.batch,
        } satisfies PageRoundOptions);
        single[name]?.push(...r.single_ms);
        throughputs[name]?.push(r.throughput_msg_s);
      }
    }
    for (const name of Object.keys(models)) await call('stopClassifier', `/models/${name}`);
    return {
      device: [...new Set(Object.values(started).map((s) => s.device))].join(', '),
      results: Object.fromEntries(
        Object.entries(started).map(([name, s]) => [
          name,
          summarise(s.load_ms, single[name] ?? [], throughputs[name] ?? []),
        ]),
      ),
    };
  } finally {
    await harness.close();
  }
}

async function modelBytes(dir: string): Promise<number> {
  return (await stat(path.join(dir, 'onnx', 'model_quantized.onnx'))).size;
}

function row(runtime: string, model: string, m: Measured, bytes: number, version: string): BenchRow {
  return {
    runtime,
    model,
    version,
    onnx_mb: round(bytes / 1024 / 1024, 2),
    load_ms: round(m.load_ms, 0),
    p50_ms: round(m.p50_ms, 2),
    p95_ms: round(m.p95_ms, 2),
    batch_msg_s: round(m.throughput_msg_s, 0),
  };
}

export const classifierBenchmark: Benchmark = {
  name: 'classifier',
  async run(): Promise<BenchReport[]> {
    const problem = await ensureReference();
    // Latency on a shared machine says as much about its other processes as about the model.
    const loadBefore = loadavg()[0] as number;
    const version = async (dir: string) =>
      String(
        (JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>)
          .sa_model_version,
      );
    const haveReference = problem === null;
    const models = { shipped: SHIPPED, ...(haveReference ? { reference: REFERENCE } : {}) };

    const node = await measureNode(models);
    const inBrowser = existsSync(CHROMIUM_PATH) ? await measureBrowser(models) : undefined;
    const browser = inBrowser?.results ?? {};

    const rows: BenchRow[] = [];
    for (const [runtime, results] of [
      ['node (cpu)', node],
      [`chromium (${inBrowser?.device ?? 'wasm'}, worker)`, browser],
    ] as const) {
      for (const [name, dir] of Object.entries(models)) {
        const m = results[name];
        if (m) rows.push(row(runtime, name, m, await modelBytes(dir), await version(dir)));
      }
      const s = results.shipped;
      const r = results.reference;
      if (s && r) {
        rows.push({
          runtime,
          model: 'reference / shipped',
          version: '',
          onnx_mb: round((await modelBytes(REFERENCE)) / (await modelBytes(SHIPPED)), 1),
          load_ms: round(r.load_ms / s.load_ms, 1),
          p50_ms: round(r.p50_ms / s.p50_ms, 1),
          p95_ms: round(r.p95_ms / s.p95_ms, 1),
          batch_msg_s: round(s.throughput_msg_s / r.throughput_msg_s, 1),
        });
      }
    }

    const speedups = [node, browser].flatMap((r) =>
      r.shipped && r.reference
        ? [r.reference.p50_ms / r.shipped.p50_ms, r.shipped.throughput_msg_s / r.reference.throughput_msg_s]
        : [],
    );
    const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'met' : 'NOT met');
    const notes = [
      `${SHORT.length} short player messages (cycled); ${ROUNDS} rounds alternating the models; per round ${TEXT_COUNTS.shipped?.single} / ${TEXT_COUNTS.reference?.single} one-message calls (shipped / reference; p50/p95 over all calls) and one call with ${TEXT_COUNTS.shipped?.batch} / ${TEXT_COUNTS.reference?.batch} texts in batches of 32 (throughput: median round)`,
      'browser timings are taken in the page around the worker round trip (postMessage included); load = worker start to ready (model + WASM runtime fetched from the page origin, warm-up pass)',
      'reference: DistilBERT-base size (6 layers, dim 768, 12 heads, random weights), the shipped tokenizer and outputs, int8 like the shipped model',
      'ratio row: reference / shipped for size, load and latency; shipped / reference for throughput (higher is better everywhere)',
      ...(problem ? [`reference not measured: ${problem}`] : []),
      `target ≥ 10× faster than the reference: ${verdict(speedups.length ? speedups.every((x) => x >= 10) : undefined)}`,
      `target ≤ 5 ms p50 per short message in the browser: ${verdict(browser.shipped ? browser.shipped.p50_ms <= 5 : undefined)}`,
      `target ≥ 1,000 messages/s batched in Node: ${verdict(node.shipped ? node.shipped.throughput_msg_s >= 1000 : undefined)}`,
      `machine: ${cpus().length} cores, 1-minute load average ${loadBefore.toFixed(1)} at start and ${(loadavg()[0] as number).toFixed(1)} at end; onnxruntime-node one intra-op thread per core, onnxruntime-web single-threaded (no cross-origin isolation)`,
    ];
    return [{ name: 'classifier', notes, rows }];
  },
};
