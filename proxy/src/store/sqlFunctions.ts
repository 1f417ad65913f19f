/**
 * The SQL functions of proxy/supabase/migrations that the adapters call, with their arguments in order and
 * their types: PGlite and PostgreSQL bind them as `name => $n::type`, Supabase sends them as named RPC args.
 */
export const SQL_FUNCTIONS = {
  sa_upsert_messages: { p_site: 'text', p_messages: 'jsonb' },
  sa_list_messages: {
    p_site: 'text',
    p_from: 'timestamptz',
    p_to: 'timestamptz',
    p_topics: 'text[]',
    p_sources: 'text[]',
    p_sentiments: 'text[]',
    p_roles: 'text[]',
    p_text: 'text',
    p_before_at: 'timestamptz',
    p_before_id: 'text',
    p_limit: 'integer',
  },
  sa_aggregate: {
    p_site: 'text',
    p_from: 'timestamptz',
    p_to: 'timestamptz',
    p_topics: 'text[]',
    p_topics_also: 'text[]',
    p_sources: 'text[]',
    p_sentiments: 'text[]',
    p_roles: 'text[]',
    p_text: 'text',
    p_time: 'text',
    p_key: 'text',
    p_time_zone: 'text',
    p_use_hours: 'boolean',
    p_use_days: 'boolean',
  },
  sa_count_messages: { p_site: 'text' },
  sa_pending_classification: { p_limit: 'integer' },
  sa_save_model_labels: { p_labels: 'jsonb' },
  sa_mark_for_reclassification: { p_site: 'text' },
  sa_load_conversation: { p_site: 'text', p_id: 'text' },
  sa_save_conversation: {
    p_site: 'text',
    p_id: 'text',
    p_turns: 'jsonb',
    p_summary: 'text',
    p_updated_at: 'timestamptz',
  },
  sa_applied_migrations: {},
  sa_inbox_accept_batch: { p_deliveries: 'jsonb' },
  sa_inbox_claim: { p_limit: 'integer', p_lease_seconds: 'integer' },
  sa_inbox_complete: { p_token: 'uuid', p_results: 'jsonb' },
  sa_inbox_fail: { p_token: 'uuid', p_failures: 'jsonb', p_max_attempts: 'integer', p_backoff_ms: 'integer' },
  sa_inbox_stats: {},
  sa_inbox_dead: { p_site: 'text', p_limit: 'integer' },
  sa_inbox_retry: { p_site: 'text', p_seq: 'bigint' },
  sa_inbox_prune: { p_older_than_seconds: 'integer', p_limit: 'integer' },
  sa_events_after: { p_site: 'text', p_after: 'bigint', p_limit: 'integer' },
  sa_site_key_add: {
    p_key_sha256: 'text',
    p_site: 'text',
    p_role: 'text',
    p_origins: 'text[]',
    p_requests_per_minute: 'integer',
    p_chat_per_minute: 'integer',
    p_admin_token_sha256: 'text',
    p_require_sign_in: 'boolean',
    p_label: 'text',
  },
  sa_site_key_find: { p_key_sha256: 'text' },
  sa_site_keys_list: {},
  sa_site_key_revoke: { p_key_id: 'text' },
} as const satisfies Record<string, Record<string, string>>;

export type SqlFunctionName = keyof typeof SQL_FUNCTIONS;
export type SqlFunctionArgs<F extends SqlFunctionName> = { [K in keyof (typeof SQL_FUNCTIONS)[F]]: unknown };

/** Calls one SQL function with named arguments and returns its single (JSON) value. */
export interface SqlFunctionCaller {
  call<F extends SqlFunctionName>(fn: F, args: SqlFunctionArgs<F>): Promise<unknown>;
}

/** `select fn(p_a => $1::text, ...) as result` and its parameters; names and types come from SQL_FUNCTIONS only. */
export function functionCallSql<F extends SqlFunctionName>(
  fn: F,
  args: SqlFunctionArgs<F>,
): { text: string; params: unknown[] } {
  const signature: Record<string, string> = SQL_FUNCTIONS[fn];
  const names = Object.keys(signature);
  const bound = names.map((name, i) => `${name} => $${i + 1}::${signature[name]}`);
  const values = args as Record<string, unknown>;
  return {
    text: `select ${fn}(${bound.join(', ')}) as result`,
    params: names.map((name) => values[name] ?? null),
  };
}
