-- Whether a row's source, sentiment and author role pass the query's filters (a null filter passes every row).
-- One SQL expression, so the planner inlines it: with sa_aggregate's filters as constants (custom plans) it folds
-- to the same conditions, index conditions included, as if written out in each arm.
create or replace function sa_dims_match(p_source text, p_sentiment text, p_role text, p_sources text[],
                                         p_sentiments text[], p_roles text[]) returns boolean
language sql immutable
as $$
  select (p_sources is null or p_source = any (p_sources))
     and (p_sentiments is null or p_sentiment = any (p_sentiments))
     and (p_roles is null or p_role = any (p_roles))
$$;

-- Counts the messages matching the filters in [p_from, p_to), optionally per time bucket (p_time: day, week or
-- hour in p_time_zone) and per key (p_key: topic, source, sentiment, hour_of_day or weekday). Any-of topic
-- filters: p_topics and, when given, also p_topics_also (a share's numerator within its denominator).
--
-- The window is cut into raw rows for the partial hours at either end, hourly rollup rows for whole hours and
-- daily rollup rows for whole UTC days in the middle; a partial hour mostly inside the window is its whole hour
-- of rollup rows less the raw rows outside the window. The caller says which rollups give exact answers:
-- p_use_hours when the zone's offsets are whole hours across the window (or no time grouping is asked),
-- p_use_days when nothing is grouped finer than a UTC day. A text filter always reads raw rows.
--
-- Local days and weeks come from daily rows too, in any zone whose offsets are whole hours: each whole UTC day's
-- rows count for the local day that contains its noon, and the few hours of that UTC day that fall in another
-- local day (one or two in Europe, up to fourteen elsewhere) are moved there from the hourly rollup: subtracted
-- at the day's noon, added at their own hour. A 90-day Berlin series reads ~90 days plus ~135 moved hours
-- instead of ~2,160 hours of rows.
--
-- Returns {total, rows: [[bucket epoch ms | null, key | null, count]], buckets: [epoch ms] | null}: total
-- counts each message once; a multi-topic message counts under each of its topics; unlabelled messages are in
-- total but under no topic or sentiment key; buckets lists every bucket of the window, empty ones included.
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
-- Never JIT-compiled: the answer takes milliseconds, while estimates for the unions' many arms (generate_series
-- and range joins are guessed at 1,000 rows) can pass jit_above_cost, and compiling then took 1.5-3 s a call on
-- PostgreSQL 15 (measured with auto_explain). PGlite has no JIT; the setting is harmless there.
set jit = off
as $$
declare
  v_mask integer := case when p_topics is null then 0 else sa_topic_mask(p_topics) end;
  v_mask_also integer := case when p_topics_also is null then 0 else sa_topic_mask(p_topics_also) end;
  v_needs_t boolean := p_time is not null or p_key in ('hour_of_day', 'weekday');
  v_pattern text := case when p_text is null then null else sa_like_pattern(p_text) end;
  -- Without a topic filter or topic keys, the volume rollups (no topic dimension, far fewer rows) suffice.
  v_volume boolean := p_topics is null and p_topics_also is null and p_key is distinct from 'topic';
  -- A topic breakdown without a topic filter reads whole days from the per-topic rollup (one row per topic
  -- rather than per topic combination). Those rows count a two-topic message twice, so the total of those days
  -- comes from the daily volume rollup, read in the same pass (see `part` below).
  v_topic_days boolean := p_key = 'topic' and p_topics is null and p_topics_also is null;
  -- One topic asked for (the commonest question: "withdrawal complaints"), and no topic key: its whole days are
  -- that topic's rows of the per-topic rollup instead of every combination's rows of the day tested against the
  -- mask. A share's second filter changes nothing when it names that topic.
  v_one_topic boolean := p_key is distinct from 'topic' and v_mask <> 0 and v_mask & (v_mask - 1) = 0
                         and (v_mask_also = 0 or v_mask_also & v_mask <> 0);
  v_h1 timestamptz := p_to;
  v_h2 timestamptz := p_to;
  v_d1 timestamptz;
  v_d2 timestamptz;
  v_moved timestamptz[] := '{}';
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
    -- Rollup hours cover [v_h1, v_h2). An hour the window cuts is read from raw rows either way: the part inside
    -- the window added to the rollup hours, or, when that is the larger part, the whole hour's rollup rows with
    -- the part outside subtracted. Raw rows then span at most half an hour at each end, and none at a window
    -- ending now, whose outside part lies in the future.
    v_h1 := date_trunc('hour', p_from, 'UTC');
    if p_from - v_h1 > interval '30 minutes' then
      v_h1 := v_h1 + interval '1 hour';
    end if;
    v_h2 := date_trunc('hour', p_to, 'UTC');
    if v_h2 < p_to and (p_to - v_h2 > interval '30 minutes' or p_to >= now()) then
      v_h2 := v_h2 + interval '1 hour';
    end if;
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

  -- The hours to move: per whole UTC day, the local day L holding its noon, and the spans of the day before L
  -- starts and after it ends (empty where the zone agrees with UTC). Local days last 23 to 25 hours, so 26 hours
  -- after L starts is always inside the next local day. Only time grouping cares where a count lands, so without
  -- it nothing moves; in UTC nothing would, and the spans are not even computed. Listed here, the hours become
  -- one array the query reads with one index scan per rollup, instead of a range scan per span.
  if v_needs_t and p_time_zone <> 'UTC' and v_d1 < v_d2 then
    v_moved := array(
      select h
      from generate_series(v_d1, v_d2 - interval '24 hours', interval '24 hours') as d(day)
      cross join lateral (select date_trunc('day', d.day + interval '12 hours', p_time_zone) as starts) l
      cross join lateral (
        values (d.day, least(l.starts, d.day + interval '24 hours')),
               (greatest(date_trunc('day', l.starts + interval '26 hours', p_time_zone), d.day),
                d.day + interval '24 hours')
      ) as span(lo, hi)
      cross join lateral generate_series(span.lo, span.hi - interval '1 hour', interval '1 hour') as h
      where span.lo < span.hi);
  end if;

  return (
    with src as (
      -- Raw rows between the window's start and the first rollup hour: added when the hour starts after the
      -- window does, subtracted when before.
      select m.created_at as t, m.source, coalesce(m.sentiment, '') as sentiment, m.topic_mask,
             case when v_h1 < p_from then -1 else 1 end as n, 0 as part
      from messages m
      where m.site_id = p_site and m.created_at >= least(p_from, v_h1) and m.created_at < greatest(p_from, v_h1)
        and (v_mask = 0 or m.topic_mask & v_mask <> 0) and (v_mask_also = 0 or m.topic_mask & v_mask_also <> 0)
        and sa_dims_match(m.source, m.sentiment, m.author_role, p_sources, p_sentiments, p_roles)
        and (v_pattern is null or m.text ilike v_pattern)
      union all
      select r.bucket, r.source, r.sentiment, r.topic_mask, r.n, 0
      from sa_rollup_hour r
      where not v_volume and r.site_id = p_site and r.bucket >= v_h1 and r.bucket < v_d1
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and sa_dims_match(r.source, r.sentiment, r.author_role, p_sources, p_sentiments, p_roles)
      union all
      select r.bucket + interval '12 hours', r.source, r.sentiment, r.topic_mask, r.n, 0
      from sa_rollup_day r
      where not v_volume and not v_topic_days and not v_one_topic
        and r.site_id = p_site and r.bucket >= v_d1 and r.bucket < v_d2
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and sa_dims_match(r.source, r.sentiment, r.author_role, p_sources, p_sentiments, p_roles)
      union all
      select r.bucket, r.source, r.sentiment, r.topic_mask, r.n, 0
      from sa_rollup_hour r
      where not v_volume and r.site_id = p_site and r.bucket >= v_d2 and r.bucket < v_h2
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and sa_dims_match(r.source, r.sentiment, r.author_role, p_sources, p_sentiments, p_roles)
      union all
      select r.bucket, r.source, r.sentiment, 0, r.n, 0
      from sa_volume_hour r
      where v_volume and r.site_id = p_site and r.bucket >= v_h1 and r.bucket < v_d1
        and sa_dims_match(r.source, r.sentiment, r.author_role, p_sources, p_sentiments, p_roles)
      union all
      -- Whole days of a topic breakdown count towards its total only, here.
      select r.bucket + interval '12 hours', r.source, r.sentiment, 0, r.n, case when v_volume then 0 else 2 end
      from sa_volume_day r
      where (v_volume or v_topic_days) and r.site_id = p_site and r.bucket >= v_d1 and r.bucket < v_d2
        and sa_dims_match(r.source, r.sentiment, r.author_role, p_sources, p_sentiments, p_roles)
      union all
      select r.bucket, r.source, r.sentiment, 0, r.n, 0
      from sa_volume_hour r
      where v_volume and r.site_id = p_site and r.bucket >= v_d2 and r.bucket < v_h2
        and sa_dims_match(r.source, r.sentiment, r.author_role, p_sources, p_sentiments, p_roles)
      union all
      select r.bucket + interval '12 hours', r.source, r.sentiment, r.topic_mask, r.n,
             case when v_topic_days then 1 else 0 end
      from sa_topic_day r
      where (v_topic_days or v_one_topic) and r.site_id = p_site and r.bucket >= v_d1 and r.bucket < v_d2
        and (not v_one_topic or r.topic_mask = v_mask)
        and sa_dims_match(r.source, r.sentiment, r.author_role, p_sources, p_sentiments, p_roles)
      union all
      -- A moved hour counts at its own time, and is taken back from the noon of its UTC day.
      select x.t, r.source, r.sentiment, r.topic_mask, x.sign * r.n, 0
      from sa_rollup_hour r
      cross join lateral (values (r.bucket, 1), (date_trunc('day', r.bucket, 'UTC') + interval '12 hours', -1))
        as x(t, sign)
      where not v_volume and cardinality(v_moved) > 0 and r.site_id = p_site and r.bucket = any (v_moved)
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and sa_dims_match(r.source, r.sentiment, r.author_role, p_sources, p_sentiments, p_roles)
      union all
      select x.t, r.source, r.sentiment, 0, x.sign * r.n, 0
      from sa_volume_hour r
      cross join lateral (values (r.bucket, 1), (date_trunc('day', r.bucket, 'UTC') + interval '12 hours', -1))
        as x(t, sign)
      where v_volume and cardinality(v_moved) > 0 and r.site_id = p_site and r.bucket = any (v_moved)
        and sa_dims_match(r.source, r.sentiment, r.author_role, p_sources, p_sentiments, p_roles)
      union all
      -- And between the last rollup hour's end and the window's end.
      select m.created_at, m.source, coalesce(m.sentiment, ''), m.topic_mask, case when v_h2 > p_to then -1 else 1 end,
             0
      from messages m
      where m.site_id = p_site and m.created_at >= least(v_h2, p_to) and m.created_at < greatest(v_h2, p_to)
        and (v_mask = 0 or m.topic_mask & v_mask <> 0) and (v_mask_also = 0 or m.topic_mask & v_mask_also <> 0)
        and sa_dims_match(m.source, m.sentiment, m.author_role, p_sources, p_sentiments, p_roles)
        and (v_pattern is null or m.text ilike v_pattern)
    ),
    -- Collapse to the dimension asked for before any time-zone arithmetic, which is then done once per
    -- distinct hour rather than once per row. `part` says what a row counts for: 0 both the keys and the total,
    -- 1 the keys only, 2 the total only.
    collapsed as (
      select case when v_needs_t then src.t end as t,
             case p_key when 'source' then src.source when 'sentiment' then src.sentiment
                        when 'topic' then src.topic_mask::text end as dim,
             src.part,
             sum(src.n) as n
      from src
      group by 1, 2, 3
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
      where c.part <> 2
    ),
    grouped as (
      select k.bucket, k.key, sum(k.n::integer) as n
      from keyed k
      where p_key is null or k.key is not null
      group by 1, 2
      -- A local day whose messages all moved out sums to zero; like any empty bucket it has no row.
      having sum(k.n::integer) <> 0
    )
    select jsonb_build_object(
      'total', (select coalesce(sum(c.n::integer), 0) from collapsed c where c.part <> 1),
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
