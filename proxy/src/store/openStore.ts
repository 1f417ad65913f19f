import { parseDbTarget, type StoreTarget } from '../config/storeTarget.ts';
import { openPGliteStore } from './pglite.ts';
import { openPostgresStore } from './postgres.ts';
import type { StoreOptions } from './SqlStore.ts';
import type { Store } from './Store.ts';

/**
 * Opens and migrates the store a target names: a directory → embedded PGlite, a postgres:// URL → PostgreSQL,
 * a Supabase URL and service-role key → Supabase. A string is read like `--db`. Throws StoreUnavailableError
 * when the database cannot be reached.
 */
export async function openStore(target: StoreTarget | string, options: StoreOptions = {}): Promise<Store> {
  const resolved = typeof target === 'string' ? parseDbTarget(target, process.cwd()) : target;
  switch (resolved.kind) {
    case 'pglite':
      return openPGliteStore(resolved.dataDir, options);
    case 'postgres':
      return openPostgresStore(resolved.url, options);
    case 'supabase': {
      // Loaded only when asked for: supabase-js warns about the Node version as soon as it is imported.
      const { openSupabaseStore } = await import('./supabase.ts');
      return openSupabaseStore({ url: resolved.url, serviceRoleKey: resolved.serviceRoleKey }, options);
    }
  }
}
