import path from 'node:path';

/** Which store adapter to open, and where (interfaces.md, "Stores selected by --db / DATA_DIR / DATABASE_URL"). */
export type StoreTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'supabase'; url: string; serviceRoleKey: string };

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const ANY_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

export class StoreTargetError extends Error {
  override readonly name = 'StoreTargetError';
}

/** A `--db` value: a postgres:// URL, or else a directory for the embedded store (relative to `cwd`). */
export function parseDbTarget(value: string, cwd: string): StoreTarget {
  const trimmed = value.trim();
  if (trimmed === '')
    throw new StoreTargetError('expected a directory or a postgres:// URL, got an empty value');
  if (POSTGRES_URL.test(trimmed)) {
    assertUrl(trimmed);
    return { kind: 'postgres', url: trimmed };
  }
  if (ANY_URL.test(trimmed)) {
    throw new StoreTargetError(`expected a directory or a postgres:// URL, got "${redactUrl(trimmed)}"`);
  }
  return { kind: 'pglite', dataDir: path.resolve(cwd, trimmed) };
}

function assertUrl(value: string): void {
  try {
    new URL(value);
  } catch {
    throw new StoreTargetError(`"${redactUrl(value)}" is not a valid URL`);
  }
}

/** Hides a password in a connection string so it can go into messages and logs. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

/** A one-line description of the store target, safe to print. */
export function describeStoreTarget(target: StoreTarget): string {
  switch (target.kind) {
    case 'pglite':
      return `embedded PGlite in ${target.dataDir}`;
    case 'postgres':
      return `PostgreSQL at ${redactUrl(target.url)}`;
    case 'supabase':
      return `Supabase at ${target.url}`;
  }
}
