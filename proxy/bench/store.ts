import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { AnalyticsQuery, MessageInput } from '@sa/shared';
import postgres from 'postgres';
import { loadMigrations } from '../src/store/migrations.ts';
import { openPGliteDatabase, pgliteConnection } from '../src/store/pglite.ts';
import { postgresConnection } from '../src/store/postgres.ts';
import { createSqlStore } from '../src/store/SqlStore.ts';
import type { Store } from '../src/store/Store.ts';
import { type Benchmark, type BenchReport, type BenchRow, round, timeIt } from './harness.ts';
import { type SyntheticMessage, syntheticMessages } from './syntheticMessages.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 20_000);
const DAYS = 180;
/** Which stores to measure, in order: BENCH_STORES=postgres for a quick run without the embedded store. */
const STORES = (process.env.BENCH_STORES ?? 'pglite,postgres').split(',').map((s) => s.trim());
export const SITE = 'bench';
// Not on an hour boundary: "the last 90 days" asked at a real moment has partial hours at both ends.
export const NOW = Date.parse('2026-11-25T17:42:13.250Z');
const DAY_MS = 86_400_000;
const WINDOW = { from: new Date(NOW - 90 * DAY_MS).toISOString(), to: new Date(NOW).toISOString() };
/**
 * BENCH_REUSE=1 keeps the seeded store between runs (PostgreSQL database sa_bench_store_<rows>, PGlite directory
 * proxy/.data/bench-pglite-<rows>) and loads it again only when the migrations or the data generator changed:
 * seeding a million rows takes minutes, a query run seconds.
 */
const REUSE = process.env.BENCH_REUSE === '1';
const PGLITE_DIR = fileURLToPath(new URL(`../.data/bench-pglite-${ROWS}`, import.meta.url));

/** What the seeded data depends on: a reused store whose fingerprint differs is loaded afresh. */
async function seedFingerprint(): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify({ ROWS, DAYS, NOW, SITE }));
  for (const m of await loadMigrations()) hash.update(m.version).update(m.sql);
  hash.update(syntheticMessages.toString());
  return hash.digest('hex').slice(0, 16);
}

const SEED_TABLE = 'sa_bench_seed';

async function seededWith(rows: <T>(sql: string) => Promise<T[]>): Promise<string | null> {
  const [table] = await rows<{ t: string | null }>(`select to_regclass('${SEED_TABLE}')::text as t`);
  if (!table?.t) return null;
  const [seed] = await rows<{ fingerprint: string }>(`select fingerprint from ${SEED_TABLE}`);
  return seed?.fingerprint ?? null;
}

/** A store under test with raw SQL next to it, for loading and for the naive queries. */
export interface Target {
  label: 'pglite' | 'postgres';
  store: Store;
  /** A reused store that already holds this run's data (BENCH_REUSE=1): load() leaves it as it is. */
  seeded: boolean;
  /** Set with BENCH_REUSE=1: what load() records once the store holds the data. */
  fingerprint: string | null;
  rows<T>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  copyCsv(chunks: Iterable<string>): Promise<void>;
  dispose(): Promise<void>;
}

const COPY_SQL = `copy messages (site_id, id, source, conversation_id, author_role, created_at, text, topics,
  topic_scores, sentiment, model_version, labelled_by, needs_labels) from stdin with (format csv)`;

function csvLine(m: SyntheticMessage): string {
  return `${SITE},${m.id},${m.source},${m.conversation_id},${m.author_role},${m.created_at},"${m.text.replaceAll('"', '""')}","{${m.topics.join(',')}}",{},${m.sentiment},bench,model,f\n`;
}

function* csvChunks(count: number, rowsPerChunk = 50_000): Generator<string> {
  let lines: string[] = [];
  for (const m of syntheticMessages(count, NOW - DAYS * DAY_MS, NOW)) {
    lines.push(csvLine(m));
    if (lines.length === rowsPerChunk) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

export async function pgliteTarget(): Promise<Target> {
  const fingerprint = await seedFingerprint();
  let db = await openPGliteDatabase(REUSE ? PGLITE_DIR : null);
  const rowsOf = async <T>(sql: string) => (await db.query<T>(sql)).rows;
  const seeded = REUSE && (await seededWith(rowsOf)) === fingerprint;
  if (REUSE && !seeded) {
    await db.close();
    await rm(PGLITE_DIR, { recursive: true, force: true });
    db = await openPGliteDatabase(PGLITE_DIR);
  }
  const store = createSqlStore(pgliteConnection(db), { now: () => new Date(NOW) });
  await store.migrate();
  return {
    label: 'pglite',
    store,
    seeded,
    fingerprint: REUSE ? fingerprint : null,
    rows: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    exec: async (sql) => {
      await db.exec(sql);
    },
    copyCsv: async (chunks) => {
      for (const chunk of chunks) {
        await db.query(COPY_SQL.replace('stdin', `'/dev/blob'`), [], { blob: new Blob([chunk]) });
      }
    },
    dispose: async () => {
      if (REUSE) {
        await db.exec(DROP_IMPORTED);
        await db.exec(`vacuum analyze ${VACUUM_TABLES}`);
      }
      await store.close();
    },
  };
}

// A reused store drops the import benchmark's rows, and their dead row versions (PGlite has no autovacuum), so
// the next run starts from the data as loaded.
const DROP_IMPORTED = `delete from messages where site_id = '${SITE}' and id like 'import:%'`;
const VACUUM_TABLES = 'messages, sa_rollup_hour, sa_rollup_day, sa_volume_hour, sa_volume_day, sa_topic_day';

async function postgresTarget(adminUrl: string): Promise<Target | string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const name = REUSE ? `sa_bench_store_${ROWS}` : `sa_bench_${process.pid}_${Date.now()}`;
  const fingerprint = await seedFingerprint();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let seeded = false;
  try {
    const [exists] = await admin<
      { n: number }[]
    >`select count(*)::int as n from pg_database where datname = ${name}`;
    if (exists?.n) {
      const probe = postgres(url.toString(), { max: 1, onnotice: () => {} });
      seeded = (await seededWith((text) => probe.unsafe(text) as never)) === fingerprint;
      await probe.end();
      if (!seeded) await admin.unsafe(`drop database ${name} with (force)`);
    }
    if (!seeded) await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end();
    return `PostgreSQL skipped: ${(error as Error).message}`;
  }
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  const store = createSqlStore(postgresConnection(url.toString()), { now: () => new Date(NOW) });
  await store.migrate();
  return {
    label: 'postgres',
    store,
    seeded,
    fingerprint: REUSE ? fingerprint : null,
    rows: async <T>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    exec: async (text) => {
      await sql.unsafe(text);
    },
    copyCsv: async (chunks) => {
      const writable = await sql.unsafe(COPY_SQL).writable();
      for (const chunk of chunks) {
        if (!writable.write(chunk)) await once(writable, 'drain');
      }
      writable.end();
      await finished(writable);
    },
    dispose: async () => {
      if (REUSE) {
        await sql.unsafe(DROP_IMPORTED);
        await sql.unsafe(`vacuum analyze ${VACUUM_TABLES}`);
      }
      await store.close();
      await sql.end();
      if (!REUSE) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Bulk load with the rollup triggers off, then one rollup build: how a large import or migration runs. */
export async function load(target: Target): Promise<BenchRow[]> {
  if (target.seeded) {
    return [
      {
        store: target.label,
        step: `reused the seeded store (BENCH_REUSE=1)`,
        seconds: null,
        rows_per_s: null,
      },
    ];
  }
  const started = performance.now();
  await target.exec('alter table messages disable trigger user; drop index if exists messages_text_trgm_idx');
  await target.copyCsv(csvChunks(ROWS));
  const copied = performance.now();
  await target.exec('alter table messages enable trigger user');
  await target.rows('select sa_rebuild_rollups()');
  const rolled = performance.now();
  await target.exec(`do $$ begin
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
      create index messages_text_trgm_idx on messages using gin (text gin_trgm_ops);
    end if; end $$`);
  await target.exec('analyze');
  const indexed = performance.now();
  if (target.fingerprint) {
    await target.exec(`create table ${SEED_TABLE} (fingerprint text not null);
      insert into ${SEED_TABLE} values ('${target.fingerprint}')`);
  }
  const [sizes] = await target.rows<{ hours: string; days: string }>(
    'select (select count(*) from sa_rollup_hour) as hours, (select count(*) from sa_rollup_day) as days',
  );
  return [
    {
      store: target.label,
      step: `COPY ${ROWS} rows`,
      seconds: round((copied - started) / 1000),
      rows_per_s: Math.round(ROWS / ((copied - started) / 1000)),
    },
    {
      store: target.label,
      step: `build rollups (${sizes?.hours} hour rows, ${sizes?.days} day rows)`,
      seconds: round((rolled - copied) / 1000),
      rows_per_s: null,
    },
    {
      store: target.label,
      step: 'trigram index + analyze',
      seconds: round((indexed - rolled) / 1000),
      rows_per_s: null,
    },
  ];
}

const customerFilter = `site_id = '${SITE}' and author_role = 'customer' and created_at >= $1 and created_at < $2`;

interface Case {
  name: string;
  query: AnalyticsQuery;
  naive: (t: Target) => Promise<unknown>;
  /** The engine's answer reduced to what the naive query returns, to check both count the same. */
  same: (engine: unknown, naive: unknown) => boolean;
}

function naiveCount(t: Target, from: string, to: string) {
  return t.rows<{ n: string }>(`select count(*) as n from messages where ${customerFilter}`, [from, to]);
}

function naiveDaily(t: Target, zone: string) {
  return t.rows<{ n: string }>(
    `select date_trunc('day', created_at, '${zone}') as d, count(*) as n from messages where ${customerFilter}
     group by 1 order by 1`,
    [WINDOW.from, WINDOW.to],
  );
}

const sumOf = (rows: { n: string | number }[]) => rows.reduce((a, r) => a + Number(r.n), 0);

const CASES: Case[] = [
  {
    name: 'count, 90 days',
    query: { metric: 'count', filters: WINDOW },
    naive: (t) => naiveCount(t, WINDOW.from, WINDOW.to),
    same: (e, n) => (e as { value: number }).value === sumOf(n as { n: string }[]),
  },
  {
    name: 'breakdown by topic, 90 days',
    query: { metric: 'breakdown', group_by: 'topic', filters: WINDOW },
    naive: (t) =>
      t.rows<{ n: string }>(
        `select topic, count(*) as n from messages, unnest(topics) as topic where ${customerFilter}
         group by 1 order by 2 desc`,
        [WINDOW.from, WINDOW.to],
      ),
    same: (e, n) =>
      (e as { rows: { count: number }[] }).rows.reduce((a, r) => a + r.count, 0) ===
      sumOf(n as { n: string }[]),
  },
  {
    name: 'daily timeseries, 90 days, UTC',
    query: { metric: 'timeseries', group_by: 'day', filters: WINDOW },
    naive: (t) => naiveDaily(t, 'UTC'),
    same: (e, n) => (e as { total: number }).total === sumOf(n as { n: string }[]),
  },
  {
    name: 'daily timeseries, 90 days, Europe/Berlin',
    query: { metric: 'timeseries', group_by: 'day', filters: WINDOW, time_zone: 'Europe/Berlin' },
    naive: (t) => naiveDaily(t, 'Europe/Berlin'),
    same: (e, n) => (e as { total: number }).total === sumOf(n as { n: string }[]),
  },
  {
    name: 'count + compare_previous, 90 days',
    query: { metric: 'count', filters: WINDOW, compare_previous: true },
    naive: async (t) => [
      ...(await naiveCount(t, WINDOW.from, WINDOW.to)),
      ...(await naiveCount(t, new Date(NOW - 180 * DAY_MS).toISOString(), WINDOW.from)),
    ],
    same: (e, n) => {
      const r = e as { value: number; previous?: { value: number } };
      return r.value + (r.previous?.value ?? 0) === sumOf(n as { n: string }[]);
    },
  },
];

async function queries(target: Target): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of CASES) {
    const engine = await target.store.runQuery(SITE, c.query);
    const naive = await c.naive(target);
    if (!c.same(engine, naive))
      throw new Error(`${target.label} ${c.name}: engine and naive GROUP BY disagree`);
    const fast = await timeIt(() => target.store.runQuery(SITE, c.query), RUNS);
    const slow = await timeIt(() => c.naive(target), Math.max(3, Math.ceil(RUNS / 4)), 1);
    rows.push({
      store: target.label,
      query: c.name,
      p50_ms: round(fast.p50),
      p95_ms: round(fast.p95),
      naive_p50_ms: round(slow.p50),
      naive_p95_ms: round(slow.p95),
      speedup: round(slow.p50 / fast.p50, 1),
    });
  }
  return rows;
}

/** Labelled rows through upsertMessages (one transaction per batch, rollup triggers on) into a loaded table. */
async function importThroughput(target: Target, batchSize = 1000): Promise<BenchRow> {
  const batch: MessageInput[] = [];
  const started = performance.now();
  let written = 0;
  for (const m of syntheticMessages(IMPORT_ROWS, NOW - 30 * DAY_MS, NOW, 2)) {
    batch.push({ ...m, id: `import:${m.id}` });
    if (batch.length === batchSize) {
      written += (await target.store.upsertMessages(SITE, batch)).inserted;
      batch.length = 0;
    }
  }
  if (batch.length > 0) written += (await target.store.upsertMessages(SITE, batch)).inserted;
  const seconds = (performance.now() - started) / 1000;
  return {
    store: target.label,
    step: `upsertMessages ${written} labelled rows, batches of ${batchSize}`,
    seconds: round(seconds),
    rows_per_s: Math.round(written / seconds),
  };
}

export const storeBenchmark: Benchmark = {
  name: 'store',
  async run(): Promise<BenchReport[]> {
    const notes = [
      `${ROWS} messages over ${DAYS} days (60% customer), query window ${WINDOW.from} → ${WINDOW.to}`,
      `engine p50/p95 over ${RUNS} runs; naive = the same count as a plain GROUP BY over raw rows, same run`,
    ];
    const loadRows: BenchRow[] = [];
    const queryRows: BenchRow[] = [];
    const openers: Record<string, () => Promise<Target | string>> = {
      pglite: pgliteTarget,
      postgres: () =>
        postgresTarget(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'),
    };
    for (const label of STORES) {
      const open = openers[label];
      if (!open) throw new Error(`BENCH_STORES: unknown store ${label}; use pglite and/or postgres`);
      const target = await open();
      if (typeof target === 'string') {
        notes.push(target);
        continue;
      }
      try {
        loadRows.push(...(await load(target)));
        queryRows.push(...(await queries(target)));
        loadRows.push(await importThroughput(target));
      } finally {
        await target.dispose();
      }
    }
    return [
      { name: 'store-queries', notes, rows: queryRows },
      { name: 'store-load', notes, rows: loadRows },
    ];
  },
};
