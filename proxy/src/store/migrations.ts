import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One SQL file of proxy/supabase/migrations, named `<version>_<name>.sql` as the Supabase CLI expects. */
export interface Migration {
  version: string;
  name: string;
  sql: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../supabase/migrations/', import.meta.url));

const FILE_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const match = FILE_NAME.exec(file);
      if (!match?.[1] || !match[2]) {
        throw new Error(`migration file ${file} is not named <14-digit version>_<name>.sql`);
      }
      return { version: match[1], name: match[2], sql: await readFile(`${dir}/${file}`, 'utf8') };
    }),
  );
}

/** A database session inside one transaction: what applying migrations needs from an adapter. */
export interface MigrationSession {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

// Any fixed key works; it only has to be the same for every process migrating the same database.
const MIGRATION_LOCK_KEY = 7_146_221_508;

/**
 * Applies the migrations the database lacks, in version order, in the caller's transaction, and records each
 * in sa_migrations. The advisory lock makes processes starting together take turns instead of racing.
 */
export async function applyMigrations(session: MigrationSession, migrations: Migration[]): Promise<string[]> {
  await session.query('select pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
  await session.exec(
    `create table if not exists sa_migrations (
       version text primary key, name text not null, applied_at timestamptz not null default now())`,
  );
  const applied = new Set(
    (await session.query<{ version: string }>('select version from sa_migrations')).map((r) => r.version),
  );
  const pending = migrations.filter((m) => !applied.has(m.version));
  for (const migration of pending) {
    await session.exec(migration.sql);
    await session.query('insert into sa_migrations (version, name) values ($1, $2)', [
      migration.version,
      migration.name,
    ]);
  }
  return pending.map((m) => m.version);
}

/** Versions the code needs that the database does not report as applied. */
export function missingMigrations(migrations: Migration[], applied: string[]): string[] {
  const have = new Set(applied);
  return migrations.filter((m) => !have.has(m.version)).map((m) => m.version);
}
