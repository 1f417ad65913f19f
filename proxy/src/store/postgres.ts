import postgres from 'postgres';
import { StoreUnavailableError } from './errors.ts';
import { applyMigrations, loadMigrations } from './migrations.ts';
import { createSqlStore, type SqlConnection, type StoreOptions } from './SqlStore.ts';
import type { Store } from './Store.ts';
import { functionCallSql } from './sqlFunctions.ts';

// Node socket errors and PostgreSQL's "connection exception" / shutdown / too-many-connections classes: the
// database is away or full, not the request wrong.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'));
}

function redacted(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

async function guarded<T>(url: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUnavailable(error)) {
      throw new StoreUnavailableError(
        `PostgreSQL at ${redacted(url)} cannot be reached: ${(error as Error).message}`,
        5,
        { cause: error },
      );
    }
    throw error;
  }
}

export function postgresConnection(url: string, options: { max?: number } = {}): SqlConnection {
  const sql = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: 5,
    // Migrations say "already exists, skipping" on every start; that is expected, not news.
    onnotice: () => {},
  });
  return {
    kind: 'postgres',
    call: (fn, args) =>
      guarded(url, async () => {
        const { text, params } = functionCallSql(fn, args);
        const rows = await sql.unsafe<{ result: unknown }[]>(
          text,
          params as postgres.ParameterOrJSON<never>[],
        );
        return rows[0]?.result ?? null;
      }),
    migrate: () =>
      guarded(url, async () => {
        const migrations = await loadMigrations();
        await sql.begin(async (tx) => {
          await applyMigrations(
            {
              exec: async (text) => {
                await tx.unsafe(text);
              },
              query: async <T>(text: string, params: unknown[] = []) =>
                (await tx.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
            },
            migrations,
          );
        });
      }),
    ping: () =>
      guarded(url, async () => {
        await sql`select 1`;
      }),
    close: () => sql.end({ timeout: 5 }),
  };
}

/** A store on PostgreSQL (or Supabase's Postgres connection string), migrated and ready. */
export async function openPostgresStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const store = createSqlStore(postgresConnection(url), options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
