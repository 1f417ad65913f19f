import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One line of a benchmark table; the same object goes into the JSON file. */
export type BenchRow = Record<string, string | number | null>;

export interface BenchReport {
  /** File name under bench/results/ (without .json) and the table's title. */
  name: string;
  /** What was measured on what (machine, data size); printed above the table. */
  notes: string[];
  rows: BenchRow[];
}

/** A benchmark the entry point (bench/run.ts) can run: registered there in BENCHMARKS. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchReport[]>;
}

export const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface Timing {
  p50: number;
  p95: number;
  runs: number;
}

/** Times `fn` after `warmup` untimed runs; milliseconds. */
export async function timeIt(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs };
}

/** Rounds to a few significant places so tables stay readable. */
export function round(value: number, digits = 2): number {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : value;
}

export function formatTable(report: BenchReport): string {
  const columns = [...new Set(report.rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...report.rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    `## ${report.name}`,
    ...report.notes.map((n) => `  ${n}`),
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...report.rows.map((r) => line(columns.map((c) => cell(r[c])))),
  ].join('\n');
}

/** Prints the table and writes bench/results/<name>.json with the rows, notes and when it ran. */
export async function publish(report: BenchReport, dir = RESULTS_DIR): Promise<string> {
  console.log(`${formatTable(report)}\n`);
  await mkdir(dir, { recursive: true });
  const file = `${dir}${report.name}.json`;
  await writeFile(
    file,
    `${JSON.stringify({ ...report, measured_at: new Date().toISOString(), node: process.version }, null, 2)}\n`,
  );
  return file;
}
