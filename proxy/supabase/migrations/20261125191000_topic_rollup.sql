-- Per-topic daily rollup: one row per topic (a message with two topics is in two rows) instead of one per
-- topic combination, about a third of the rows of sa_rollup_day at a million messages; topic breakdowns
-- without a topic filter read it for the whole days of their window (measured in proxy/bench/store.ts).

create table if not exists sa_topic_day (
  site_id text not null,
  bucket timestamptz not null,
  source text not null,
  author_role text not null,
  sentiment text not null,
  -- The single bit of the topic, as in topic_mask, so queries treat both rollups alike.
  topic_mask integer not null,
  n integer not null,
  primary key (site_id, bucket, source, author_role, sentiment, topic_mask)
);

insert into sa_topic_day (site_id, bucket, source, author_role, sentiment, topic_mask, n)
select r.site_id, r.bucket, r.source, r.author_role, r.sentiment, 1 << g.i, sum(r.n)
from sa_rollup_day r cross join generate_series(0, cardinality(sa_topics()) - 1) as g(i)
where r.topic_mask & (1 << g.i) <> 0
group by 1, 2, 3, 4, 5, 6
on conflict do nothing;

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
    where r.n = 0 and (r.site_id, r.bucket) in (
      select d.site_id, date_trunc('day', d.bucket, 'UTC') from unnest(p_delta) as d where d.n < 0);
  end if;
end
$$;

-- Rebuilds every rollup from the messages, for bulk loads that ran with the triggers disabled.
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
  group by 1, 2, 3, 4, 5, 6;
  insert into sa_rollup_day (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select site_id, date_trunc('day', bucket, 'UTC'), source, author_role, sentiment, topic_mask, sum(n)
  from sa_rollup_hour
  group by 1, 2, 3, 4, 5, 6;
  insert into sa_volume_hour (site_id, bucket, source, author_role, sentiment, n)
  select site_id, bucket, source, author_role, sentiment, sum(n) from sa_rollup_hour group by 1, 2, 3, 4, 5;
  insert into sa_volume_day (site_id, bucket, source, author_role, sentiment, n)
  select site_id, bucket, source, author_role, sentiment, sum(n) from sa_rollup_day group by 1, 2, 3, 4, 5;
  insert into sa_topic_day (site_id, bucket, source, author_role, sentiment, topic_mask, n)
  select r.site_id, r.bucket, r.source, r.author_role, r.sentiment, 1 << g.i, sum(r.n)
  from sa_rollup_day r cross join generate_series(0, cardinality(sa_topics()) - 1) as g(i)
  where r.topic_mask & (1 << g.i) <> 0
  group by 1, 2, 3, 4, 5, 6;
end
$$;

-- sa_aggregate as in 20261125184000_custom_plans.sql, with the per-topic rollup for topic breakdowns.
create or replace function sa_aggregate(
  p_site text,
  p_from timestamptz,
  p_to timestamptz,
  p_topics text[],
  p_topics_also text[],
  p_sources text[],
  p_sentiments text[],
  p_roles text[],
  p_text text,
  p_time text,
  p_key text,
  p_time_zone text,
  p_use_hours boolean,
  p_use_days boolean
) returns jsonb
language plpgsql stable
-- Planned per call with the actual arguments: the "p_x is null or ..." filters fold away and the raw-row
-- ranges get index scans, where a cached generic plan may scan the whole table.
set plan_cache_mode = force_custom_plan
as $$
declare
  v_mask integer := case when p_topics is null then 0 else sa_topic_mask(p_topics) end;
  v_mask_also integer := case when p_topics_also is null then 0 else sa_topic_mask(p_topics_also) end;
  v_needs_t boolean := p_time is not null or p_key in ('hour_of_day', 'weekday');
  v_pattern text := case when p_text is null then null else sa_like_pattern(p_text) end;
  -- Without a topic filter or topic keys, the volume rollups (no topic dimension, far fewer rows) suffice.
  v_volume boolean := p_topics is null and p_topics_also is null and p_key is distinct from 'topic';
  -- A topic breakdown without a topic filter reads whole days from the per-topic rollup (one row per topic
  -- rather than per topic combination); its total, which must count each message once, comes from the
  -- volume rollups in a second pass.
  v_topic_days boolean := p_key = 'topic' and p_topics is null and p_topics_also is null;
  v_total bigint;
  v_h1 timestamptz := p_to;
  v_h2 timestamptz := p_to;
  v_d1 timestamptz;
  v_d2 timestamptz;
begin
  if p_time is not null and p_time not in ('day', 'week', 'hour') then
    raise exception 'p_time must be day, week or hour, not %', p_time using errcode = '22023';
  end if;
  if p_key is not null and p_key not in ('topic', 'source', 'sentiment', 'hour_of_day', 'weekday') then
    raise exception 'p_key must be topic, source, sentiment, hour_of_day or weekday, not %', p_key
      using errcode = '22023';
  end if;
  if not (p_from < p_to) then
    raise exception 'p_to must be after p_from' using errcode = '22023';
  end if;

  if p_text is null and p_use_hours then
    v_h1 := date_trunc('hour', p_from, 'UTC');
    if v_h1 < p_from then
      v_h1 := v_h1 + interval '1 hour';
    end if;
    v_h2 := date_trunc('hour', p_to, 'UTC');
    if v_h1 >= v_h2 then
      v_h1 := p_to;
      v_h2 := p_to;
    end if;
  end if;
  v_d1 := v_h2;
  v_d2 := v_h2;
  if p_use_days and v_h1 < v_h2 then
    v_d1 := date_trunc('day', v_h1, 'UTC');
    if v_d1 < v_h1 then
      v_d1 := v_d1 + interval '24 hours';
    end if;
    v_d2 := date_trunc('day', v_h2, 'UTC');
    if v_d1 >= v_d2 then
      v_d1 := v_h2;
      v_d2 := v_h2;
    end if;
  end if;

  if v_topic_days and v_d1 < v_d2 then
    v_total := (sa_aggregate(p_site, p_from, p_to, null, null, p_sources, p_sentiments, p_roles, p_text, null, null,
                             p_time_zone, p_use_hours, p_use_days) ->> 'total')::bigint;
  end if;

  return (
    with src as (
      select m.created_at as t, m.source, coalesce(m.sentiment, '') as sentiment, m.topic_mask, 1 as n
      from messages m
      where m.site_id = p_site and m.created_at >= p_from and m.created_at < v_h1
        and (v_mask = 0 or m.topic_mask & v_mask <> 0) and (v_mask_also = 0 or m.topic_mask & v_mask_also <> 0)
        and (p_sources is null or m.source = any (p_sources))
        and (p_sentiments is null or m.sentiment = any (p_sentiments))
        and (p_roles is null or m.author_role = any (p_roles))
        and (v_pattern is null or m.text ilike v_pattern)
      union all
      select r.bucket, r.source, r.sentiment, r.topic_mask, r.n
      from sa_rollup_hour r
      where not v_volume and r.site_id = p_site and r.bucket >= v_h1 and r.bucket < v_d1
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select r.bucket, r.source, r.sentiment, r.topic_mask, r.n
      from sa_rollup_day r
      where not v_volume and not v_topic_days and r.site_id = p_site and r.bucket >= v_d1 and r.bucket < v_d2
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select r.bucket, r.source, r.sentiment, r.topic_mask, r.n
      from sa_rollup_hour r
      where not v_volume and r.site_id = p_site and r.bucket >= v_d2 and r.bucket < v_h2
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select r.bucket, r.source, r.sentiment, 0, r.n
      from sa_volume_hour r
      where v_volume and r.site_id = p_site and r.bucket >= v_h1 and r.bucket < v_d1
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select r.bucket, r.source, r.sentiment, 0, r.n
      from sa_volume_day r
      where v_volume and r.site_id = p_site and r.bucket >= v_d1 and r.bucket < v_d2
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select r.bucket, r.source, r.sentiment, 0, r.n
      from sa_volume_hour r
      where v_volume and r.site_id = p_site and r.bucket >= v_d2 and r.bucket < v_h2
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select r.bucket, r.source, r.sentiment, r.topic_mask, r.n
      from sa_topic_day r
      where v_topic_days and r.site_id = p_site and r.bucket >= v_d1 and r.bucket < v_d2
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select m.created_at, m.source, coalesce(m.sentiment, ''), m.topic_mask, 1
      from messages m
      where m.site_id = p_site and m.created_at >= v_h2 and m.created_at < p_to
        and (v_mask = 0 or m.topic_mask & v_mask <> 0) and (v_mask_also = 0 or m.topic_mask & v_mask_also <> 0)
        and (p_sources is null or m.source = any (p_sources))
        and (p_sentiments is null or m.sentiment = any (p_sentiments))
        and (p_roles is null or m.author_role = any (p_roles))
        and (v_pattern is null or m.text ilike v_pattern)
    ),
    -- Collapse to the dimension asked for before any time-zone arithmetic, which is then done once per
    -- distinct hour rather than once per row.
    collapsed as (
      select case when v_needs_t then src.t end as t,
             case p_key when 'source' then src.source when 'sentiment' then src.sentiment
                        when 'topic' then src.topic_mask::text end as dim,
             sum(src.n) as n
      from src
      group by 1, 2
    ),
    keyed as (
      select case p_time when 'day' then date_trunc('day', c.t, p_time_zone)
                         when 'week' then date_trunc('week', c.t, p_time_zone)
                         when 'hour' then date_trunc('hour', c.t, p_time_zone) end as bucket,
             case p_key when 'source' then c.dim
                        when 'sentiment' then nullif(c.dim, '')
                        when 'topic' then tp.topic
                        when 'hour_of_day' then extract(hour from c.t at time zone p_time_zone)::integer::text
                        when 'weekday' then trim(to_char(c.t at time zone p_time_zone, 'fmday')) end as key,
             c.n
      from collapsed c
      left join lateral (
        select x.topic from unnest(sa_topics()) with ordinality as x(topic, i)
        where (case when p_key = 'topic' then c.dim::integer else 0 end) & (1 << (x.i::integer - 1)) <> 0
      ) tp on true
    ),
    grouped as (
      select k.bucket, k.key, sum(k.n::integer) as n
      from keyed k
      where p_key is null or k.key is not null
      group by 1, 2
    )
    select jsonb_build_object(
      'total', coalesce(v_total, (select coalesce(sum(c.n::integer), 0) from collapsed c)),
      'rows', coalesce((select jsonb_agg(jsonb_build_array((extract(epoch from g.bucket) * 1000)::bigint, g.key, g.n))
                        from grouped g), '[]'),
      'buckets', case
        when p_time is null then null
        when p_time = 'hour' then (
          select jsonb_agg((extract(epoch from b) * 1000)::bigint order by b)
          from generate_series(date_trunc('hour', p_from, p_time_zone), p_to, interval '1 hour') as b
          where b < p_to)
        else (
          select jsonb_agg((extract(epoch from b) * 1000)::bigint order by b)
          from (select g at time zone p_time_zone as b
                from generate_series(date_trunc(p_time, p_from at time zone p_time_zone),
                                     p_to at time zone p_time_zone,
                                     case p_time when 'day' then interval '1 day' else interval '1 week' end) as g
               ) as local_buckets
          where b < p_to)
      end)
  );
end
$$;
