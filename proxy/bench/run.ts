import { chatBenchmark } from './chat.ts';
import { classifierBenchmark } from './classifier.ts';
import type { Benchmark } from './harness.ts';
import { publish } from './harness.ts';
import { ingestBenchmark } from './ingest.ts';
import { queryBenchmark } from './query.ts';
import { rateLimitBenchmark } from './ratelimit.ts';
import { storeBenchmark } from './store.ts';

/**
 * Every benchmark of the proxy: `pnpm --filter @sa/proxy bench [name...]` runs them all, or those named.
 * Add yours here (one import, one entry).
 */
const BENCHMARKS: Benchmark[] = [
  storeBenchmark,
  classifierBenchmark,
  chatBenchmark,
  ingestBenchmark,
  queryBenchmark,
  rateLimitBenchmark,
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
if (unknown.length > 0) {
  console.error(
    `unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
  );
  process.exit(2);
}
for (const benchmark of BENCHMARKS) {
  if (wanted.length > 0 && !wanted.includes(benchmark.name)) continue;
  for (const report of await benchmark.run()) await publish(report);
}
