-- Site keys kept in the database (SITE_KEYS_TABLE=on), beside the ones in SITE_KEYS. Only the SHA-256 of a key
-- is stored: the key is shown once when `sa keys add` creates it, and a copy of this table grants nothing.

create table if not exists sa_site_keys (
  key_sha256 text primary key check (key_sha256 ~ '^[0-9a-f]{64}$'),
  -- The digest's first 16 hex digits: how logs, metrics, `sa keys list` and `sa keys revoke` name the key.
  key_id text not null unique check (key_id = left(key_sha256, 16)),
  site_id text not null check (site_id ~ '^[A-Za-z0-9_-]{1,64}$'),
  role text not null check (role in ('viewer', 'admin')),
  origins text[] not null default '{}',
  requests_per_minute integer check (requests_per_minute > 0),
  chat_per_minute integer check (chat_per_minute > 0),
  admin_token_sha256 text check (admin_token_sha256 ~ '^[0-9a-f]{64}$'),
  require_sign_in boolean not null default false,
  label text check (char_length(label) <= 200),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  check (admin_token_sha256 is null or role = 'admin'),
  check (not require_sign_in or role = 'viewer')
);

create or replace function sa_site_key_json(k sa_site_keys) returns jsonb
language sql immutable
as $$
  select jsonb_build_object(
    'key_id', k.key_id, 'site', k.site_id, 'role', k.role, 'origins', to_jsonb(k.origins),
    'requests_per_minute', k.requests_per_minute, 'chat_per_minute', k.chat_per_minute,
    'admin_token_sha256', k.admin_token_sha256, 'require_sign_in', k.require_sign_in, 'label', k.label,
    'created_at', k.created_at, 'revoked_at', k.revoked_at
  )
$$;

-- Adds a key by its digest; returns the stored row (as JSON).
create or replace function sa_site_key_add(
  p_key_sha256 text, p_site text, p_role text, p_origins text[], p_requests_per_minute integer,
  p_chat_per_minute integer, p_admin_token_sha256 text, p_require_sign_in boolean, p_label text
) returns jsonb
language sql
as $$
  insert into sa_site_keys (key_sha256, key_id, site_id, role, origins, requests_per_minute, chat_per_minute,
                            admin_token_sha256, require_sign_in, label)
  values (p_key_sha256, left(p_key_sha256, 16), p_site, p_role, coalesce(p_origins, '{}'), p_requests_per_minute,
          p_chat_per_minute, p_admin_token_sha256, coalesce(p_require_sign_in, false), p_label)
  returning sa_site_key_json(sa_site_keys)
$$;

-- The active key with this digest, or null.
create or replace function sa_site_key_find(p_key_sha256 text) returns jsonb
language sql stable
as $$
  select sa_site_key_json(k) from sa_site_keys k where k.key_sha256 = p_key_sha256 and k.revoked_at is null
$$;

-- Every key, revoked ones included (newest first).
create or replace function sa_site_keys_list() returns jsonb
language sql stable
as $$
  select coalesce(jsonb_agg(sa_site_key_json(k) order by k.created_at desc, k.key_id), '[]'::jsonb)
  from sa_site_keys k
$$;

-- Revokes the key named by its id; returns the row, or null when no active key has that id.
create or replace function sa_site_key_revoke(p_key_id text) returns jsonb
language sql
as $$
  update sa_site_keys set revoked_at = now() where key_id = p_key_id and revoked_at is null
  returning sa_site_key_json(sa_site_keys)
$$;
