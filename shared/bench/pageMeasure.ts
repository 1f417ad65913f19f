/**
 * Runs inside the benchmark page (bundled into page.js by the harness): times the browser classifier
 * through its worker, as a site would use it. Models are started once and measured in alternating
 * rounds, so a burst of load from elsewhere on the machine hits every model alike.
 */
import { type ClassifierWorkerClient, createClassifierWorker } from '../src/classifier/client.ts';

export interface PageStartOptions {
  /** Path of the model on the page's origin. */
  model: string;
  batchSize: number;
}

export interface PageStarted {
  device: string;
  load_ms: number;
}

export interface PageRoundOptions {
  model: string;
  texts: string[];
  singleCount: number;
  batchCount: number;
}

export interface PageRound {
  /** Milliseconds per one-message call, in call order. */
  single_ms: number[];
  throughput_msg_s: number;
}

const running = new Map<string, ClassifierWorkerClient>();

const cycle = (texts: string[], n: number) =>
  Array.from({ length: n }, (_, i) => `${texts[i % texts.length]} #${i}`);

export async function startClassifier(options: PageStartOptions): Promise<PageStarted> {
  const loadStart = performance.now();
  const client = createClassifierWorker('/app/worker.js', {
    model: options.model,
    batchSize: options.batchSize,
  });
  const info = await client.ready;
  running.set(options.model, client);
  return { device: info.device, load_ms: performance.now() - loadStart };
}

export async function measureRound(options: PageRoundOptions): Promise<PageRound> {
  const client = running.get(options.model);
  if (!client) throw new Error(`no classifier started for ${options.model}`);
  const single_ms: number[] = [];
  for (const text of cycle(options.texts, options.singleCount)) {
    const start = performance.now();
    await client.classify([text]);
    single_ms.push(performance.now() - start);
  }
  const many = cycle(options.texts, options.batchCount);
  const start = performance.now();
  await client.classify(many);
  return { single_ms, throughput_msg_s: many.length / ((performance.now() - start) / 1000) };
}

export async function stopClassifier(model: string): Promise<void> {
  await running.get(model)?.dispose();
  running.delete(model);
}
