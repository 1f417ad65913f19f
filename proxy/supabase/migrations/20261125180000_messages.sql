-- Messages, conversations and the rollups the analytics engine reads.
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

-- Message counts per UTC hour and per UTC day for every combination of the dimensions a query filters or
-- groups by. Whole-hour rows serve any time zone with whole-hour offsets; day rows serve the inner whole
-- UTC days of a window when no time-of-day grouping is asked for. sentiment is '' while unlabelled.
create table if not exists sa_rollup_hour (
  site_id text not null,
  bucket timestamptz not null,
  source text not null,
  author_role text not null,
  sentiment text not null,
  topic_mask integer not null,
  n bigint not null,
  primary key (site_id, bucket, source, author_role, sentiment, topic_mask)
);

create table if not exists sa_rollup_day (
  site_id text not null,
  bucket timestamptz not null,
  source text not null,
  author_role text not null,
  sentiment text not null,
  topic_mask integer not null,
  n bigint not null,
  primary key (site_id, bucket, source, author_role, sentiment, topic_mask)
);

-- A change to the rollups: n messages more (or fewer, when negative) for one key of one UTC hour.
do $$
begin
  if not exists (select 1 from pg_type where typname = 'sa_rollup_delta') then
    create type sa_rollup_delta as (
      site_id text, bucket timestamptz, source text, author_role text, sentiment text, topic_mask integer,
      n bigint
    );
  end if;
end
$$;

-- Applies hourly deltas to both rollups. Rows are applied in key order so concurrent writers lock rollup rows
-- in the same order; rows that drop to zero are removed so relabelling does not leave dead keys behind.
create or replace function sa_rollup_add(p_delta sa_rollup_delta[]) returns void
language plpgsql
as $$
begin
  insert into sa_rollup_hour as r (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select d.site_id, d.bucket, d.source, d.author_role, d.sentiment, d.topic_mask, sum(d.n)
  from unnest(p_delta) as d
  group by 1, 2, 3, 4, 5, 6
  having sum(d.n) <> 0
  order by 1, 2, 3, 4, 5, 6
  on conflict (site_id, bucket, source, author_role, sentiment, topic_mask)
  do update set n = r.n + excluded.n;

  insert into sa_rollup_day as r (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select d.site_id, date_trunc('day', d.bucket, 'UTC'), d.source, d.author_role, d.sentiment, d.topic_mask,
         sum(d.n)
  from unnest(p_delta) as d
  group by 1, 2, 3, 4, 5, 6
  having sum(d.n) <> 0
  order by 1, 2, 3, 4, 5, 6
  on conflict (site_id, bucket, source, author_role, sentiment, topic_mask)
  do update set n = r.n + excluded.n;

  if exists (select 1 from unnest(p_delta) as d where d.n < 0) then
    delete from sa_rollup_hour r
    using unnest(p_delta) as d
    where d.n < 0 and r.site_id = d.site_id and r.bucket = d.bucket and r.source = d.source
      and r.author_role = d.author_role and r.sentiment = d.sentiment and r.topic_mask = d.topic_mask
      and r.n = 0;
    delete from sa_rollup_day r
    using unnest(p_delta) as d
    where d.n < 0 and r.site_id = d.site_id and r.bucket = date_trunc('day', d.bucket, 'UTC')
      and r.source = d.source and r.author_role = d.author_role and r.sentiment = d.sentiment
      and r.topic_mask = d.topic_mask and r.n = 0;
  end if;
end
$$;

-- Statement-level triggers with transition tables turn a whole batch into one upsert per rollup key instead
-- of one per row. Each event needs its own function: a transition table exists only for its own event.
create or replace function sa_rollup_on_insert() returns trigger
language plpgsql
as $$
begin
  perform sa_rollup_add(array(
    select row(g.*)::sa_rollup_delta
    from (select site_id, date_trunc('hour', created_at, 'UTC'), source, author_role, coalesce(sentiment, ''),
                 topic_mask, count(*)
          from sa_new group by 1, 2, 3, 4, 5, 6) as g));
  return null;
end
$$;

create or replace function sa_rollup_on_delete() returns trigger
language plpgsql
as $$
begin
  perform sa_rollup_add(array(
    select row(g.*)::sa_rollup_delta
    from (select site_id, date_trunc('hour', created_at, 'UTC'), source, author_role, coalesce(sentiment, ''),
                 topic_mask, -count(*)
          from sa_old group by 1, 2, 3, 4, 5, 6) as g));
  return null;
end
$$;

create or replace function sa_rollup_on_update() returns trigger
language plpgsql
as $$
begin
  perform sa_rollup_add(array(
    select row(g.*)::sa_rollup_delta
    from (select site_id, date_trunc('hour', created_at, 'UTC'), source, author_role, coalesce(sentiment, ''),
                 topic_mask, sum(d)
          from (select site_id, created_at, source, author_role, sentiment, topic_mask, 1 as d from sa_new
                union all
                select site_id, created_at, source, author_role, sentiment, topic_mask, -1 from sa_old) as x
          group by 1, 2, 3, 4, 5, 6) as g));
  return null;
end
$$;

drop trigger if exists messages_rollup_insert on messages;
create trigger messages_rollup_insert after insert on messages
  referencing new table as sa_new
  for each statement execute function sa_rollup_on_insert();

drop trigger if exists messages_rollup_update on messages;
create trigger messages_rollup_update after update on messages
  referencing old table as sa_old new table as sa_new
  for each statement execute function sa_rollup_on_update();

drop trigger if exists messages_rollup_delete on messages;
create trigger messages_rollup_delete after delete on messages
  referencing old table as sa_old
  for each statement execute function sa_rollup_on_delete();

-- Rebuilds both rollups from the messages, for bulk loads that ran with the triggers disabled.
create or replace function sa_rebuild_rollups() returns void
language plpgsql
as $$
begin
  delete from sa_rollup_hour;
  delete from sa_rollup_day;
  insert into sa_rollup_hour (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select site_id, date_trunc('hour', created_at, 'UTC'), source, author_role, coalesce(sentiment, ''),
         topic_mask, count(*)
  from messages
  group by 1, 2, 3, 4, 5, 6;
  insert into sa_rollup_day (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select site_id, date_trunc('day', bucket, 'UTC'), source, author_role, sentiment, topic_mask, sum(n)
  from sa_rollup_hour
  group by 1, 2, 3, 4, 5, 6;
end
$$;
