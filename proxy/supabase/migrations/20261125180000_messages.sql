-- Messages and conversations, and the taxonomy they are checked against.
-- Applied by every adapter (PGlite, PostgreSQL) through proxy/src/store/migrations.ts, and by the Supabase
-- CLI (`supabase db push`) for the Supabase adapter, which can only reach the database through RPC.

-- pg_trgm makes the case-insensitive text filter an index scan; it is optional (the filter still works
-- without it), so a server that lacks the extension still migrates.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
    create extension if not exists pg_trgm;
  end if;
end
$$;

-- The topic taxonomy (shared/src/taxonomy.ts, TOPICS) in its order: a topic's position is its bit in
-- topic_mask. A test compares this list with TOPICS, so the two cannot drift apart.
create or replace function sa_topics() returns text[]
language sql immutable parallel safe
as $$
  select array['deposit', 'withdrawal', 'verification', 'account_access', 'bonus', 'game_issue', 'technical',
               'responsible_gambling', 'account_details', 'other']::text[]
$$;

-- One plain expression rather than a query over sa_topics(), so PostgreSQL inlines it into the generated
-- column and bulk loads do not pay a function call per row. A test checks it against sa_topics().
create or replace function sa_topic_mask(p_topics text[]) returns integer
language sql immutable parallel safe
as $$
  select case when 'deposit' = any (p_topics) then 1 else 0 end
       | case when 'withdrawal' = any (p_topics) then 2 else 0 end
       | case when 'verification' = any (p_topics) then 4 else 0 end
       | case when 'account_access' = any (p_topics) then 8 else 0 end
       | case when 'bonus' = any (p_topics) then 16 else 0 end
       | case when 'game_issue' = any (p_topics) then 32 else 0 end
       | case when 'technical' = any (p_topics) then 64 else 0 end
       | case when 'responsible_gambling' = any (p_topics) then 128 else 0 end
       | case when 'account_details' = any (p_topics) then 256 else 0 end
       | case when 'other' = any (p_topics) then 512 else 0 end
$$;

create table if not exists messages (
  site_id text not null,
  id text not null check (char_length(id) between 1 and 300),
  source text not null check (source in ('livechat', 'telegram')),
  conversation_id text not null check (char_length(conversation_id) between 1 and 300),
  author_role text not null check (author_role in ('customer', 'agent', 'bot')),
  created_at timestamptz not null,
  text text not null check (char_length(text) between 1 and 8000),
  topics text[] not null default '{}' check (topics <@ sa_topics()),
  topic_scores jsonb not null default '{}' check (jsonb_typeof(topic_scores) = 'object'),
  sentiment text check (sentiment in ('angry', 'negative', 'neutral', 'positive')),
  model_version text,
  labelled_by text not null check (labelled_by in ('human', 'model', 'pending')),
  -- true while the model still has to label the row: new unlabelled rows, human rows with a missing part,
  -- model rows whose text changed or whose model was replaced.
  needs_labels boolean not null default false,
  topic_mask integer generated always as (sa_topic_mask(topics)) stored,
  updated_at timestamptz not null default now(),
  primary key (site_id, id),
  check (labelled_by <> 'pending' or needs_labels)
);

create index if not exists messages_site_created_idx on messages (site_id, created_at, id);
create index if not exists messages_needs_labels_idx on messages (updated_at) where needs_labels;

do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_trgm') then
    execute 'create index if not exists messages_text_trgm_idx on messages using gin (text gin_trgm_ops)';
  end if;
end
$$;

create table if not exists conversations (
  site_id text not null,
  id text not null check (char_length(id) between 1 and 300),
  turns jsonb not null check (jsonb_typeof(turns) = 'array'),
  summary text,
  updated_at timestamptz not null,
  primary key (site_id, id)
);
