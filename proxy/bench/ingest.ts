import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Classifier } from '@sa/shared/classifier';
import postgres from 'postgres';
import { loadConfig } from '../src/config/index.ts';
import { createLiveSignals } from '../src/events/liveSignals.ts';
import { createApp } from '../src/http/app.ts';
import { createJsonLogger } from '../src/http/logger.ts';
import { listen } from '../src/http/server.ts';
import { InboxWorker } from '../src/ingest/inboxWorker.ts';
import { openStore } from '../src/store/openStore.ts';
import type { Store } from '../src/store/Store.ts';
import { type Benchmark, type BenchRow, percentile, round } from './harness.ts';

const MODEL = fileURLToPath(new URL('../../models/default', import.meta.url));
const SECRET = 'bench_secret';
const TEXTS = [
  'my withdrawal has been pending for three days, when will it arrive?',
  'deposit went through on my card but the balance is still zero',
  'I cannot log in, the reset link does not work',
  'where is my welcome bonus? I met the wagering',
  'the slot froze during free spins and I lost the round',
  'please close my account, I need to take a break from gambling',
  'thanks, all sorted now',
  'why do you need another selfie for verification??',
];
const BURST = Number(process.env.BENCH_INGEST_COUNT ?? 5000);
const CONCURRENCY = 16;
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
async function startProxy(store: Store, classifier: Classifier) {
  const config = loadConfig({ LOG_LEVEL: 'silent', TELEGRAM_WEBHOOK_SECRET: SECRET }, { cwd: tmpdir() });
  const signals = createLiveSignals();
  const worker = new InboxWorker({ store, classifier, signals });
  const app = createApp({ store, config, log: createJsonLogger('silent'), signals });
  const server = await listen(app, '127.0.0.1', 0);
  worker.start();
  return {
    url: server.url,
    worker,
    async stop() {
      await server.close(1000);
      await worker.stop();
    },
  };
}

let nextId = 1;
function post(): { id: string; body: string } {
  const n = nextId++;
  const update = {
    update_id: n,
    message: {
      message_id: n,
      from: { id: 1000 + (n % 50), is_bot: false, first_name: 'P' },
      chat: { id: 1000 + (n % 50), type: 'private' },
      date: 1_764_000_000 + n,
      text: `${TEXTS[n % TEXTS.length]} #${n}`,
    },
  };
  const body = JSON.stringify(update);
  return { id: `telegram:${update.message.chat.id}:${n}`, body };
}

/** Posts until an answer comes: a dropped keep-alive socket is retried, as the platforms retry deliveries. */
async function deliver(url: string, body: string): Promise<{ status: number; retries: number }> {
  for (let retries = 0; ; retries++) {
    try {
      const response = await send(url, body);
      await response.arrayBuffer();
      return { status: response.status, retries };
    } catch (error) {
      if (retries === 3) throw error;
    }
  }
}

function send(url: string, body: string): Promise<Response> {
  return fetch(`${url}/v1/ingest/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body,
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('ingest bench: the inbox did not drain in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** BURST webhooks as fast as CONCURRENCY senders can post them; rate to all accepted and to all labelled. */
async function burst(store: Store, url: string): Promise<BenchRow> {
  const before = await store.countMessages('default');
  const start = performance.now();
  let sent = 0;
  let refused = 0;
  let resent = 0;
  const sender = async () => {
    while (sent < BURST) {
      sent++;
      const { body } = post();
      const { status, retries } = await deliver(url, body);
      if (status !== 200) refused++;
      resent += retries;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
  const acceptedMs = performance.now() - start;
  let peak = 0;
  await until(async () => {
    const stats = await store.inboxStats();
    peak = Math.max(peak, stats.pending);
    return stats.pending === 0;
  }, 600_000);
  const labelledMs = performance.now() - start;
  const stored = (await store.countMessages('default')) - before;
  return {
    webhooks: BURST,
    refused,
    resent,
    accept_per_s: round(BURST / (acceptedMs / 1000), 0),
    labelled_per_s: round(stored / (labelledMs / 1000), 0),
    inbox_left_after_accept: peak,
    stored,
  };
}

/** Webhooks at a steady rate with an SSE client connected; lag from post to the event's arrival. */
async function lag(url: string, rate: number): Promise<BenchRow> {
  const sentAt = new Map<string, number>();
  const lags: number[] = [];
  const abort = new AbortController();
  const response = await fetch(`${url}/v1/events`, {
    headers: { accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const reader = (response.body as ReadableStream<Uint8Array>)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  const total = rate * LAG_SECONDS;
  let buffer = '';
  const reading = (async () => {
    while (lags.length < total) {
      const chunk = await reader.read();
      if (chunk.done) return;
      buffer += chunk.value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const at = sentAt.get((JSON.parse(data) as { id: string }).id);
        if (at !== undefined) lags.push(performance.now() - at);
      }
    }
  })().catch((error: unknown) => {
    // The abort below ends the read; a stream that broke earlier shows as fewer messages received.
    if (!abort.signal.aborted) console.error(`ingest bench: event stream ended: ${(error as Error).message}`);
  });
  const start = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { id, body } = post();
    sentAt.set(id, performance.now());
    sends.push(deliver(url, body));
  }
  await Promise.all(sends);
  await Promise.race([reading, new Promise((r) => setTimeout(r, 60_000))]);
  abort.abort();
  return {
    rate_per_s: rate,
    messages: total,
    received: lags.length,
    lag_p50_ms: round(percentile(lags, 50), 1),
    lag_p95_ms: round(percentile(lags, 95), 1),
  };
}

export const ingestBenchmark: Benchmark = {
  name: 'ingest',
  async run() {
    const classifier = await Classifier.load({ model: MODEL });
    const targets = [await pgliteTarget(), await postgresTarget()].filter((t): t is Target => t !== null);
    const throughput: BenchRow[] = [];
    const latency: BenchRow[] = [];
    try {
      for (const target of targets) {
        const store = await target.open();
        const proxy = await startProxy(store, classifier);
        try {
          const row = { store: target.label, ...(await burst(store, proxy.url)) };
          console.error(`ingest bench: ${JSON.stringify(row)}`);
          throughput.push(row);
          for (const rate of LAG_RATES) {
            const measured = { store: target.label, ...(await lag(proxy.url, rate)) };
            console.error(`ingest bench: ${JSON.stringify(measured)}`);
            latency.push(measured);
          }
        } finally {
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
          `${BURST} Telegram webhooks over HTTP from ${CONCURRENCY} concurrent senders in the same process, to the proxy's`,
          'receiver → inbox → InboxWorker (shipped model, batches grow to 512) → labelled row + rollups + event.',
          'accept_per_s: until every webhook got its 200; labelled_per_s: until the inbox is empty (target ≥ 1,000).',
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
