import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { StoreUnavailableError } from './errors.ts';
import { applyMigrations, loadMigrations } from './migrations.ts';
import { createSqlStore, type SqlConnection, type StoreOptions } from './SqlStore.ts';
import type { Store } from './Store.ts';
import { functionCallSql } from './sqlFunctions.ts';

/** The PGlite database under a store (for tests and benchmarks that need raw SQL next to the Store API). */
export async function openPGliteDatabase(dataDir: string | null): Promise<PGlite> {
  try {
    if (dataDir) await mkdir(dataDir, { recursive: true });
    return await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { pg_trgm } });
  } catch (error) {
    throw new StoreUnavailableError(
      `cannot open the embedded store in ${dataDir ?? 'memory'}: ${(error as Error).message}`,
      5,
      { cause: error },
    );
  }
}

export function pgliteConnection(db: PGlite): SqlConnection {
  return {
    kind: 'pglite',
    async call(fn, args) {
      const { text, params } = functionCallSql(fn, args);
      const { rows } = await db.query<{ result: unknown }>(text, params);
      return rows[0]?.result ?? null;
    },
    async migrate() {
      const migrations = await loadMigrations();
      await db.transaction(async (tx) => {
        await applyMigrations(
          {
            exec: async (sql) => {
              await tx.exec(sql);
            },
            query: async <T>(sql: string, params?: unknown[]) => (await tx.query<T>(sql, params)).rows,
          },
          migrations,
        );
      });
    },
    async ping() {
      if (db.closed) throw new StoreUnavailableError('the embedded store is closed');
      await db.query('select 1');
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}

/**
 * The embedded store, persisted in `dataDir` (null: in memory), migrated and ready. One process owns a
 * data directory at a time.
 */
export async function openPGliteStore(dataDir: string | null, options: StoreOptions = {}): Promise<Store> {
  const db = await openPGliteDatabase(dataDir);
  const store = createSqlStore(pgliteConnection(db), options);
  try {
    await store.migrate();
  } catch (error) {
    await db.close();
    throw error;
  }
  return store;
}
