/**
 * Runs inside the benchmark page (bundled into page.js by the harness): times the browser classifier
 * through its worker, as a site would use it.
 */
import { createClassifierWorker } from '../src/classifier/client.ts';

export interface PageMeasureOptions {
  /** Path of the model on the page's origin. */
  model: string;
  texts: string[];
  singleCount: number;
  batchCount: number;
  batchSize: number;
}

export interface PageMeasurement {
  device: string;
  load_ms: number;
  p50_ms: number;
  p95_ms: number;
  throughput_msg_s: number;
}

function nearestRank(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
}

export async function measureClassifier(options: PageMeasureOptions): Promise<PageMeasurement> {
  const make = (n: number) =>
    Array.from({ length: n }, (_, i) => `${options.texts[i % options.texts.length]} #${i}`);
  const loadStart = performance.now();
  const client = createClassifierWorker('/app/worker.js', {
    model: options.model,
    batchSize: options.batchSize,
  });
  const info = await client.ready;
  const loadMs = performance.now() - loadStart;
  const samples: number[] = [];
  for (const text of make(options.singleCount)) {
    const start = performance.now();
    await client.classify([text]);
    samples.push(performance.now() - start);
  }
  const many = make(options.batchCount);
  const start = performance.now();
  await client.classify(many);
  const seconds = (performance.now() - start) / 1000;
  await client.dispose();
  samples.sort((a, b) => a - b);
  return {
    device: info.device,
    load_ms: loadMs,
    p50_ms: nearestRank(samples, 0.5),
    p95_ms: nearestRank(samples, 0.95),
    throughput_msg_s: many.length / seconds,
  };
}
