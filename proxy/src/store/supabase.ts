import { PostgrestClient } from '@supabase/postgrest-js';
import { StoreSchemaError, StoreUnavailableError } from './errors.ts';
import { loadMigrations, missingMigrations } from './migrations.ts';
import { createSqlStore, type SqlConnection, type StoreOptions } from './SqlStore.ts';
import type { Store } from './Store.ts';
import type { SqlFunctionArgs, SqlFunctionName } from './sqlFunctions.ts';

export interface SupabaseTarget {
  url: string;
  serviceRoleKey: string;
}

/** An RPC call that failed with PostgREST's error body (or with no response at all). */
export class SupabaseRpcError extends Error {
  override readonly name = 'SupabaseRpcError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Supabase through PostgREST RPC only (`POST /rest/v1/rpc/<fn>`), the one way in with a service-role key. The
 * schema is applied by the Supabase CLI from proxy/supabase/migrations (`supabase db push`), since DDL cannot go
 * through RPC; migrate() checks that every migration is there.
 */
export function supabaseConnection(target: SupabaseTarget, fetchImpl?: typeof fetch): SqlConnection {
  // PostgREST's own client (what supabase-js wraps) rather than supabase-js: RPC is all the store needs, and
  // supabase-js also builds a realtime client that wants a WebSocket Node 20 does not have.
  const client = new PostgrestClient(`${target.url.replace(/\/+$/, '')}/rest/v1`, {
    headers: { apikey: target.serviceRoleKey, Authorization: `Bearer ${target.serviceRoleKey}` },
    timeout: 30_000,
    retry: false,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });

  async function call<F extends SqlFunctionName>(fn: F, args: SqlFunctionArgs<F>): Promise<unknown> {
    let response: Awaited<ReturnType<typeof client.rpc>>;
    try {
      response = await client.rpc(fn, args as Record<string, unknown>);
    } catch (error) {
      throw new StoreUnavailableError(
        `Supabase at ${target.url} cannot be reached: ${(error as Error).message}`,
        5,
        {
          cause: error,
        },
      );
    }
    const { data, error, status } = response;
    if (!error) return data;
    // No status: the request never got an answer; 5xx: PostgREST or the database behind it is down.
    if (!status || status >= 500 || !error.code) {
      throw new StoreUnavailableError(`Supabase at ${target.url} is unavailable: ${error.message}`, 5, {
        cause: error,
      });
    }
    throw new SupabaseRpcError(`Supabase rpc ${fn} failed: ${error.message}`, error.code, status);
  }

  return {
    kind: 'supabase',
    call,
    async migrate() {
      let applied: string[];
      try {
        applied = (await call('sa_applied_migrations', {})) as string[];
      } catch (error) {
        if (error instanceof SupabaseRpcError && error.code === 'PGRST202') {
          throw new StoreSchemaError(
            `Supabase at ${target.url} has none of this project's SQL functions: apply proxy/supabase/migrations with \`supabase db push\``,
          );
        }
        throw error;
      }
      const missing = missingMigrations(await loadMigrations(), applied);
      if (missing.length > 0) {
        throw new StoreSchemaError(
          `Supabase at ${target.url} lacks migrations ${missing.join(', ')}: run \`supabase db push\` from proxy/`,
        );
      }
    },
    async ping() {
      await call('sa_applied_migrations', {});
    },
    async close() {},
  };
}

/** A store on Supabase, checked to have every migration applied. */
export async function openSupabaseStore(
  target: SupabaseTarget,
  options: StoreOptions & { fetch?: typeof fetch } = {},
): Promise<Store> {
  const store = createSqlStore(supabaseConnection(target, options.fetch), options);
  await store.migrate();
  return store;
}
