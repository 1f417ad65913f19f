-- Message counts the analytics engine reads instead of raw rows (sa_aggregate), kept by statement-level triggers
-- on messages. Every rollup counts by UTC hour or UTC day and by source, author role and sentiment ('' while a
-- message is unlabelled); they differ in how they carry topics:
--   sa_rollup_hour / sa_rollup_day  per topic combination (topic_mask, as in messages): any topic filter
--   sa_volume_hour / sa_volume_day  no topic dimension, an order of magnitude fewer rows: counts, volume series,
--                                   source / sentiment / time-of-day breakdowns without a topic filter
--   sa_topic_day                    one row per single topic (a two-topic message is in two rows), about a third
--                                   of sa_rollup_day: topic breakdowns without a topic filter
-- Whole-hour rows serve any time zone whose offsets are whole hours; day rows serve whole UTC days, and local
-- days with the few hours that fall in another local day moved from the hourly rows.
-- Counts are integer rather than bigint: sum(integer) accumulates in bigint, while sum(bigint) goes through
-- numeric, which is several times slower in PGlite's WebAssembly build. One key of one hour or day never nears
-- 2^31 messages.
-- Keys lead with the author role: every analytics query filters by role (customers unless asked), so a window
-- of one role is one index range rather than every role's rows of the window read and filtered.

create table if not exists sa_rollup_hour (
  site_id text not null,
  bucket timestamptz not null,
  source text not null,
  author_role text not null,
  sentiment text not null,
  topic_mask integer not null,
  n integer not null,
  primary key (site_id, author_role, bucket, source, sentiment, topic_mask)
);

-- Each day table has the columns and key of its hourly table.
create table if not exists sa_rollup_day (like sa_rollup_hour including all);

create table if not exists sa_volume_hour (
  site_id text not null,
  bucket timestamptz not null,
  source text not null,
  author_role text not null,
  sentiment text not null,
  n integer not null,
  primary key (site_id, author_role, bucket, source, sentiment)
);

create table if not exists sa_volume_day (like sa_volume_hour including all);

-- topic_mask holds the single bit of the row's topic, as in messages, so queries treat both rollups alike.
create table if not exists sa_topic_day (like sa_rollup_hour including all);

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

-- Applies hourly deltas to every rollup. Rows are applied in key order so concurrent writers lock rollup rows
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

  insert into sa_volume_hour as r (site_id, bucket, source, author_role, sentiment, n)
  select d.site_id, d.bucket, d.source, d.author_role, d.sentiment, sum(d.n)
  from unnest(p_delta) as d
  group by 1, 2, 3, 4, 5
  having sum(d.n) <> 0
  order by 1, 2, 3, 4, 5
  on conflict (site_id, bucket, source, author_role, sentiment)
  do update set n = r.n + excluded.n;

  insert into sa_volume_day as r (site_id, bucket, source, author_role, sentiment, n)
  select d.site_id, date_trunc('day', d.bucket, 'UTC'), d.source, d.author_role, d.sentiment, sum(d.n)
  from unnest(p_delta) as d
  group by 1, 2, 3, 4, 5
  having sum(d.n) <> 0
  order by 1, 2, 3, 4, 5
  on conflict (site_id, bucket, source, author_role, sentiment)
  do update set n = r.n + excluded.n;

  insert into sa_topic_day as r (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select d.site_id, date_trunc('day', d.bucket, 'UTC'), d.source, d.author_role, d.sentiment, 1 << g.i, sum(d.n)
  from unnest(p_delta) as d
  cross join generate_series(0, cardinality(sa_topics()) - 1) as g(i)
  where d.topic_mask & (1 << g.i) <> 0
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
    delete from sa_volume_hour r
    using unnest(p_delta) as d
    where d.n < 0 and r.site_id = d.site_id and r.bucket = d.bucket and r.source = d.source
      and r.author_role = d.author_role and r.sentiment = d.sentiment and r.n = 0;
    delete from sa_volume_day r
    using unnest(p_delta) as d
    where d.n < 0 and r.site_id = d.site_id and r.bucket = date_trunc('day', d.bucket, 'UTC')
      and r.source = d.source and r.author_role = d.author_role and r.sentiment = d.sentiment and r.n = 0;
    delete from sa_topic_day r
    where r.n = 0 and (r.site_id, r.author_role, r.bucket, r.source, r.sentiment) in (
      select d.site_id, d.author_role, date_trunc('day', d.bucket, 'UTC'), d.source, d.sentiment
      from unnest(p_delta) as d where d.n < 0);
  end if;
end
$$;

-- Statement-level triggers with transition tables turn a whole batch into one upsert per rollup key instead
-- of one per row. A transition table exists only for its own event: inserts and deletes name theirs alike
-- (sa_rows) and share one function, counting the rows in or out; updates need both tables.
create or replace function sa_rollup_on_rows() returns trigger
language plpgsql
as $$
declare
  v_sign integer := case when TG_OP = 'DELETE' then -1 else 1 end;
begin
  perform sa_rollup_add(array(
    select row(g.*)::sa_rollup_delta
    from (select site_id, date_trunc('hour', created_at, 'UTC'), source, author_role, coalesce(sentiment, ''),
                 topic_mask, v_sign * count(*)
          from sa_rows group by 1, 2, 3, 4, 5, 6) as g));
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
  referencing new table as sa_rows
  for each statement execute function sa_rollup_on_rows();

drop trigger if exists messages_rollup_update on messages;
create trigger messages_rollup_update after update on messages
  referencing old table as sa_old new table as sa_new
  for each statement execute function sa_rollup_on_update();

drop trigger if exists messages_rollup_delete on messages;
create trigger messages_rollup_delete after delete on messages
  referencing old table as sa_rows
  for each statement execute function sa_rollup_on_rows();

-- Rebuilds every rollup from the messages, for bulk loads that ran with the triggers disabled. Rows are written
-- in key order, so one role's rows of a window sit on adjacent pages and a query reads as few pages as it can.
create or replace function sa_rebuild_rollups() returns void
language plpgsql
as $$
begin
  delete from sa_rollup_hour;
  delete from sa_rollup_day;
  delete from sa_volume_hour;
  delete from sa_volume_day;
  delete from sa_topic_day;
  insert into sa_rollup_hour (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select site_id, date_trunc('hour', created_at, 'UTC'), source, author_role, coalesce(sentiment, ''),
         topic_mask, count(*)
  from messages
  group by 1, 2, 3, 4, 5, 6
  order by 1, 4, 2, 3, 5, 6;
  insert into sa_rollup_day (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select site_id, date_trunc('day', bucket, 'UTC'), source, author_role, sentiment, topic_mask, sum(n)
  from sa_rollup_hour
  group by 1, 2, 3, 4, 5, 6
  order by 1, 4, 2, 3, 5, 6;
  insert into sa_volume_hour (site_id, bucket, source, author_role, sentiment, n)
  select site_id, bucket, source, author_role, sentiment, sum(n) from sa_rollup_hour
  group by 1, 2, 3, 4, 5
  order by 1, 4, 2, 3, 5;
  insert into sa_volume_day (site_id, bucket, source, author_role, sentiment, n)
  select site_id, bucket, source, author_role, sentiment, sum(n) from sa_rollup_day
  group by 1, 2, 3, 4, 5
  order by 1, 4, 2, 3, 5;
  insert into sa_topic_day (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select r.site_id, r.bucket, r.source, r.author_role, r.sentiment, 1 << g.i, sum(r.n)
  from sa_rollup_day r cross join generate_series(0, cardinality(sa_topics()) - 1) as g(i)
  where r.topic_mask & (1 << g.i) <> 0
  group by 1, 2, 3, 4, 5, 6
  order by 1, 4, 2, 3, 5, 6;
end
$$;

-- Every message counted once, from the smallest rollup.
create or replace function sa_count_messages(p_site text) returns bigint
language sql stable
as $$ select coalesce(sum(n), 0)::bigint from sa_volume_day where site_id = p_site $$;
