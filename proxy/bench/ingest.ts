import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import postgres from 'postgres';
import type { TextClassifier } from '../src/classify/backgroundWorker.ts';
import { loadConfig } from '../src/config/index.ts';
import { createLiveSignals } from '../src/events/liveSignals.ts';
import { createApp } from '../src/http/app.ts';
import { createJsonLogger } from '../src/http/logger.ts';
import { listen } from '../src/http/server.ts';
import { ClassifierThread } from '../src/ingest/classifierThread.ts';
import { InboxWorker } from '../src/ingest/inboxWorker.ts';
import { openStore } from '../src/store/openStore.ts';
import type { Store } from '../src/store/Store.ts';
import { type Benchmark, type BenchRow, percentile, round } from './harness.ts';
import { type BurstResult, type LagResult, type LoadRequest, WEBHOOK_SECRET } from './ingestLoad.ts';

const MODEL = fileURLToPath(new URL('../../models/default', import.meta.url));
const BURST = Number(process.env.BENCH_INGEST_COUNT ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 16);
const LAG_RATES = [50, 500];
const LAG_SECONDS = 4;

interface Target {
  label: string;
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sa-bench-ingest-'));
  return {
    label: 'PGlite',
    open: () => openStore(path.join(dir, 'db')),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target | null> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  const name = `sa_bench_ingest_${process.pid}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    console.warn(`ingest bench: PostgreSQL at ${adminUrl} skipped (${(error as Error).message})`);
    await admin.end();
    return null;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    label: 'PostgreSQL',
    open: () => openStore(url.toString()),
    dispose: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The proxy as `sa serve` runs it (receivers, inbox worker, SSE) on a real socket. */
async function startProxy(store: Store, classifier: TextClassifier) {
  const config = loadConfig(
    { LOG_LEVEL: 'silent', TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET },
    { cwd: tmpdir() },
  );
  const signals = createLiveSignals();
  const rounds = { count: 0, claimed: 0 };
  const worker = new InboxWorker({
    store,
    classifier,
    signals,
    onCompleted: ({ claimed }) => {
      rounds.count++;
      rounds.claimed += claimed;
    },
  });
  const app = createApp({ store, config, log: createJsonLogger('silent'), signals });
  const server = await listen(app, '127.0.0.1', 0);
  worker.start();
  return {
    url: server.url,
    worker,
    /** Worker rounds that claimed rows, and the rows they claimed, so far. */
    rounds,
    async stop() {
      await server.close(1000);
      await worker.stop();
    },
  };
}

/** The load generator's thread: one request at a time, answered with its result. */
function startLoad() {
  // tsx's loader hooks this thread only: the load thread registers its own before importing TypeScript.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./ingestLoad.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); })`,
    { eval: true },
  );
  let nextId = 1;
  function ask<T>(message: LoadRequest): Promise<T> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', (reply: { result?: T; error?: string }) => {
        worker.off('error', onError);
        if (reply.error !== undefined) reject(new Error(`ingest bench load generator: ${reply.error}`));
        else resolve(reply.result as T);
      });
      worker.postMessage(message);
    });
  }
  const ids = (count: number) => {
    const firstId = nextId;
    nextId += count;
    return firstId;
  };
  return {
    burst: (url: string, count: number) =>
      ask<BurstResult>({ kind: 'burst', url, count, concurrency: CONCURRENCY, firstId: ids(count) }),
    lag: (url: string, rate: number) =>
      ask<LagResult>({ kind: 'lag', url, rate, seconds: LAG_SECONDS, firstId: ids(rate * LAG_SECONDS) }),
    /** The load thread's own busy time: it shares the machine, so what it costs is reported next to the proxy. */
    eventLoopUtilization: (since?: EventLoopUtilization) => worker.performance.eventLoopUtilization(since),
    close: () => worker.terminate(),
  };
}

type Load = ReturnType<typeof startLoad>;
type Proxy = Awaited<ReturnType<typeof startProxy>>;

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('ingest bench: the inbox did not drain in time');
    // Not faster: each look at the inbox is a query on the proxy's own store, taking its time from ingestion.
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * BURST webhooks as fast as CONCURRENCY senders (in the load thread) can post them; rates to all accepted and
 * to all labelled, and what each message cost: the proxy's main thread (HTTP, receivers, PGlite) busy time and
 * the process's CPU time (load thread and model threads included), so runs on a loaded machine still compare.
 */
async function burst(store: Store, proxy: Proxy, load: Load): Promise<BenchRow> {
  const before = await store.countMessages('default');
  const rounds = { ...proxy.rounds };
  const start = performance.now();
  const elu = performance.eventLoopUtilization();
  const loadElu = load.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const mainCpu = await mainThreadCpuMs();
  const sent = await load.burst(proxy.url, BURST);
  let peak = 0;
  await until(async () => {
    const stats = await store.inboxStats();
    peak = Math.max(peak, stats.pending);
    return stats.pending === 0;
  }, 600_000);
  const labelledMs = performance.now() - start;
  const busy = performance.eventLoopUtilization(elu);
  const loadBusy = load.eventLoopUtilization(loadElu);
  const used = process.cpuUsage(cpu);
  const mainCpuEnd = await mainThreadCpuMs();
  const stored = (await store.countMessages('default')) - before;
  const roundCount = proxy.rounds.count - rounds.count;
  return {
    webhooks: BURST,
    refused: sent.refused,
    resent: sent.resent,
    accept_per_s: round(BURST / (sent.acceptedMs / 1000), 0),
    labelled_per_s: round(stored / (labelledMs / 1000), 0),
    inbox_peak: peak,
    stored,
    rounds: roundCount,
    rows_per_round: round((proxy.rounds.claimed - rounds.claimed) / roundCount, 1),
    main_busy_ms_per_msg: round(busy.active / BURST, 3),
    main_cpu_ms_per_msg:
      mainCpu === null || mainCpuEnd === null ? null : round((mainCpuEnd - mainCpu) / BURST, 3),
    load_busy_ms_per_msg: round(loadBusy.active / BURST, 3),
    cpu_ms_per_msg: round((used.user + used.system) / 1000 / BURST, 3),
  };
}

/**
 * CPU time of the proxy's main thread so far (Linux: its task's utime + stime, in USER_HZ = 100 ticks per
 * second), null elsewhere. Unlike the event loop's busy time it does not grow while other processes on the
 * machine hold the core, so runs on a loaded machine compare.
 */
async function mainThreadCpuMs(): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Webhooks at a steady rate with an SSE client connected; lag from post to the event's arrival. */
async function lag(url: string, rate: number, load: Load): Promise<BenchRow> {
  const { lags } = await load.lag(url, rate);
  return {
    rate_per_s: rate,
    messages: rate * LAG_SECONDS,
    received: lags.length,
    lag_p50_ms: round(percentile(lags, 50), 1),
    lag_p95_ms: round(percentile(lags, 95), 1),
  };
}

export const ingestBenchmark: Benchmark = {
  name: 'ingest',
  async run() {
    const classifier = await ClassifierThread.start(MODEL);
    const targets = [await pgliteTarget(), await postgresTarget()].filter((t): t is Target => t !== null);
    const throughput: BenchRow[] = [];
    const latency: BenchRow[] = [];
    try {
      for (const target of targets) {
        const store = await target.open();
        const proxy = await startProxy(store, classifier);
        const load = startLoad();
        try {
          const row = { store: target.label, ...(await burst(store, proxy, load)) };
          console.error(`ingest bench: ${JSON.stringify(row)}`);
          throughput.push(row);
          for (const rate of LAG_RATES) {
            const measured = { store: target.label, ...(await lag(proxy.url, rate, load)) };
            console.error(`ingest bench: ${JSON.stringify(measured)}`);
            latency.push(measured);
          }
        } finally {
          await load.close();
          await proxy.stop();
          await store.close();
          await target.dispose();
        }
      }
    } finally {
      await classifier.dispose();
    }
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`;
    return [
      {
        name: 'ingest-throughput',
        notes: [
          `${BURST} Telegram webhooks over HTTP from ${CONCURRENCY} concurrent senders in a worker thread, to the proxy's`,
          'receiver → inbox (group commit) → InboxWorker (shipped model on its own thread, as sa serve runs it;',
          'batches grow to 512, classify/commit pipelined) → labelled row + rollups + event. accept_per_s: until',
          'every webhook got its 200; labelled_per_s: until the inbox is empty (target ≥ 1,000). rounds /',
          "rows_per_round: the worker's claim → classify → commit rounds and their mean size. main_busy_ms_per_msg:",
          'the proxy thread (HTTP + receivers + PGlite) busy time per message, main_cpu_ms_per_msg its CPU time',
          "(less noisy on a loaded machine); load_busy_ms_per_msg: the load thread's busy time; cpu_ms_per_msg:",
          "the process's CPU (all threads: proxy, load, model).",
          machine,
        ],
        rows: throughput,
      },
      {
        name: 'ingest-lag',
        notes: [
          `Webhooks at a steady rate for ${LAG_SECONDS} s with one GET /v1/events client connected; lag = webhook sent →`,
          'its message.created event read by the client (classification and commit included).',
          machine,
        ],
        rows: latency,
      },
    ];
  },
};
