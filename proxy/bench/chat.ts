import type { Provider } from '@sa/shared';
import { answerChat, type ChatDeps } from '../src/chat/chat.ts';
import { openAiProvider } from '../src/chat/providers/openai.ts';
import type { LlmProvider } from '../src/chat/providers/types.ts';
import { DEFAULT_CHAT_LIMITS } from '../src/config/chatLimits.ts';
import type { Store } from '../src/store/Store.ts';
import { type Step, startOpenAiServer } from '../test/chat/fakeProviders.ts';
import { type Benchmark, type BenchReport, type BenchRow, round } from './harness.ts';
import { load, NOW, pgliteTarget, SITE } from './store.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const LOCAL_TARGET_MS = 50;
/** Issue #8: a provider that is down, slow or rate-limited costs the asker at most this before the local answer. */
const FALLBACK_TARGET_MS = 2_000;
/** A hanging provider costs the whole start timeout each run, so fewer runs. */
const HANG_RUNS = Math.min(RUNS, 5);

/** What managers ask most, one per metric, plus a comparison and a follow-up. */
const QUESTIONS = [
  'How many withdrawal complaints last week?',
  'What percent of withdrawal messages were angry this month?',
  'Top topics in the last 30 days',
  'Deposit messages per day over the last 90 days',
  'bonus complaints this month vs last month',
  'show me 10 angry telegram messages from yesterday',
  'which hour is busiest for complaints?',
];

/** Wraps a provider and the store to time what the proxy does not own: the provider's and the database's time. */
function timed(provider: LlmProvider, store: Store, clock: { provider: number; store: number }) {
  const wrappedProvider: LlmProvider = {
    name: provider.name,
    async complete(request) {
      const started = performance.now();
      try {
        return await provider.complete(request);
      } finally {
        clock.provider += performance.now() - started;
      }
    },
  };
  const wrappedStore: Store = Object.create(store, {
    runQuery: {
      value: async (...args: Parameters<Store['runQuery']>) => {
        const started = performance.now();
        try {
          return await store.runQuery(...args);
        } finally {
          clock.store += performance.now() - started;
        }
      },
    },
  });
  return { provider: wrappedProvider, store: wrappedStore };
}

function p(values: number[], q: number): number {
  return [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((q / 100) * values.length))
  ] as number;
}

async function localRows(store: Store): Promise<BenchRow[]> {
  const clock = { provider: 0, store: 0 };
  const noProvider: LlmProvider = { name: 'openai', complete: () => Promise.reject(new Error('unused')) };
  const { store: timedStore } = timed(noProvider, store, clock);
  const deps: ChatDeps = { store: timedStore, providers: {}, defaultProvider: 'local' };
  const rows: BenchRow[] = [];
  const medians: number[] = [];
  for (const question of QUESTIONS) {
    const totals: number[] = [];
    const own: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      clock.store = 0;
      const started = performance.now();
      await answerChat(deps, { request: { message: question }, site: SITE, now: new Date(NOW) });
      const total = performance.now() - started;
      if (i < 2) continue;
      totals.push(total);
      own.push(total - clock.store);
    }
    medians.push(p(totals, 50));
    rows.push({
      path: 'local planner, end to end',
      question,
      p50_ms: round(p(totals, 50)),
      p95_ms: round(p(totals, 95)),
      chat_own_p50_ms: round(p(own, 50)),
    });
  }
  const median = p(medians, 50);
  rows.push({
    path: 'local planner, end to end',
    question: `median of the ${QUESTIONS.length} p50s (target ≤ ${LOCAL_TARGET_MS} ms)`,
    p50_ms: round(median),
    p95_ms: null,
    verdict: median <= LOCAL_TARGET_MS ? 'met' : 'missed',
  });
  return rows;
}

/** The LLM path against a local server that answers at once: total minus provider time is the proxy's own. */
async function llmRows(store: Store): Promise<BenchRow[]> {
  const window = { from: new Date(NOW - 7 * 86_400_000).toISOString(), to: new Date(NOW).toISOString() };
  const steps = Array.from({ length: 2 * (RUNS + 2) }, (_, i) =>
    i % 2 === 0
      ? () => ({
          calls: [
            { name: 'run_query', args: { metric: 'count', filters: { ...window, topics: ['withdrawal'] } } },
          ],
        })
      : (body: Record<string, unknown>) => {
          const messages = body.messages as { role: string; content: string }[];
          const tool = JSON.parse(messages[messages.length - 1]?.content ?? '{}') as {
            result: { value: number };
          };
          return { text: `There were ${tool.result.value} withdrawal messages in the last 7 days.` };
        },
  );
  const server = await startOpenAiServer(steps);
  const clock = { provider: 0, store: 0 };
  const { provider, store: timedStore } = timed(
    openAiProvider({ apiKey: 'bench', model: 'bench', baseUrl: server.url }),
    store,
    clock,
  );
  const deps: ChatDeps = {
    store: timedStore,
    providers: { openai: provider },
    defaultProvider: 'openai' as Provider,
  };
  const totals: number[] = [];
  const own: number[] = [];
  const ownWithoutStore: number[] = [];
  try {
    for (let i = 0; i < RUNS + 2; i++) {
      clock.provider = 0;
      clock.store = 0;
      const started = performance.now();
      const answer = await answerChat(deps, {
        request: { message: 'How many withdrawal messages in the last 7 days?' },
        site: SITE,
        now: new Date(NOW),
      });
      const total = performance.now() - started;
      if (answer.provider !== 'openai' || !answer.grounded)
        throw new Error(`bench conversation failed: ${answer.fallback_reason}`);
      if (i < 2) continue;
      totals.push(total);
      own.push(total - clock.provider);
      ownWithoutStore.push(total - clock.provider - clock.store);
    }
  } finally {
    await server.close();
  }
  const row = (label: string, values: number[]): BenchRow => ({
    path: 'openai path (local server, 2 model turns)',
    question: label,
    p50_ms: round(p(values, 50)),
    p95_ms: round(p(values, 95)),
  });
  return [
    row('total, provider included', totals),
    row('proxy overhead: total − provider time', own),
    row('proxy overhead without the store query', ownWithoutStore),
  ];
}

/** End to end with the default CHAT_* limits when the provider fails: the time until the local planner's answer. */
async function fallbackRows(store: Store): Promise<BenchRow[]> {
  const question = 'How many withdrawal complaints last week?';
  const cases: {
    label: string;
    runs: number;
    provider: () => Promise<{ url: string; close(): Promise<void> }>;
  }[] = [
    {
      label: 'provider answers 429 (not retried)',
      runs: RUNS,
      provider: () =>
        startOpenAiServer(Array.from({ length: RUNS + 2 }, (): Step => () => ({ status: 429 }))),
    },
    {
      label: 'provider unreachable (connection refused)',
      runs: RUNS,
      provider: async () => {
        const closed = await startOpenAiServer([]);
        await closed.close();
        return closed;
      },
    },
    {
      label: `provider hangs (start timeout ${DEFAULT_CHAT_LIMITS.providerTimeoutMs} ms)`,
      runs: HANG_RUNS,
      provider: () =>
        startOpenAiServer(Array.from({ length: HANG_RUNS + 2 }, (): Step => () => ({ hangMs: 30_000 }))),
    },
  ];
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const server = await c.provider();
    const deps: ChatDeps = {
      store,
      providers: { openai: openAiProvider({ apiKey: 'bench', model: 'bench', baseUrl: server.url }) },
      defaultProvider: 'openai',
    };
    const totals: number[] = [];
    try {
      for (let i = 0; i < c.runs + 2; i++) {
        const started = performance.now();
        const answer = await answerChat(deps, {
          request: { message: question },
          site: SITE,
          now: new Date(NOW),
        });
        const total = performance.now() - started;
        if (answer.provider !== 'local' || !answer.fallback_reason)
          throw new Error(`bench fallback did not fall back: ${c.label}`);
        if (i >= 2) totals.push(total);
      }
    } finally {
      await server.close();
    }
    const p95 = p(totals, 95);
    rows.push({
      path: 'fallback to the local planner, default limits',
      question: `${c.label} (target ≤ ${FALLBACK_TARGET_MS} ms)`,
      p50_ms: round(p(totals, 50)),
      p95_ms: round(p95),
      verdict: p95 <= FALLBACK_TARGET_MS ? 'met' : 'missed',
    });
  }
  return rows;
}

export const chatBenchmark: Benchmark = {
  name: 'chat',
  async run(): Promise<BenchReport[]> {
    const target = await pgliteTarget();
    try {
      await load(target);
      const rows = [
        ...(await localRows(target.store)),
        ...(await llmRows(target.store)),
        ...(await fallbackRows(target.store)),
      ];
      return [
        {
          name: 'chat',
          notes: [
            `${ROWS} messages in embedded PGlite (the store benchmark's data), now = ${new Date(NOW).toISOString()}`,
            `p50/p95 over ${RUNS} runs each after 2 warm-up runs; end to end = plan, query, template, grounding check, conversation saved`,
            'chat_own = end to end minus the store query (planning, template, grounding, conversation load/save)',
            `fallback rows: OpenAI wire-format server on loopback failing as named, default CHAT_* limits; ${HANG_RUNS} runs for the hanging provider`,
          ],
          rows,
        },
      ];
    } finally {
      await target.dispose();
    }
  },
};
