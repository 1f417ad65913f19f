-- The store's data access as SQL functions, so the three adapters share one implementation: PGlite and
-- PostgreSQL call `select sa_fn(...)`, Supabase calls `rpc('sa_fn', args)`. Each returns one jsonb value with
-- times as ISO 8601 UTC strings, so every adapter hands back the same shapes.

create or replace function sa_iso(p_at timestamptz) returns text
language sql immutable parallel safe
as $$ select to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

-- Keeps microseconds, so a cursor names exactly one position even when rows share a millisecond.
create or replace function sa_iso_us(p_at timestamptz) returns text
language sql immutable parallel safe
as $$ select to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;

create or replace function sa_like_pattern(p_text text) returns text
language sql immutable parallel safe
as $$ select '%' || replace(replace(replace(p_text, '\', '\\'), '%', '\%'), '_', '\_') || '%' $$;

create or replace function sa_message_json(m messages) returns jsonb
language sql stable parallel safe
as $$
  select jsonb_build_object(
    'id', m.id, 'source', m.source, 'conversation_id', m.conversation_id, 'author_role', m.author_role,
    'created_at', sa_iso(m.created_at), 'text', m.text, 'topics', to_jsonb(m.topics),
    'topic_scores', m.topic_scores, 'sentiment', m.sentiment, 'model_version', m.model_version,
    'labelled_by', m.labelled_by)
$$;

-- Inserts or updates a batch in one statement (all or nothing). Given labels are human labels; a row without
-- labels keeps the labels it has, and goes back to the model when its text changed (human labels stay).
-- A batch naming an id twice keeps the last one. Returns {inserted, updated, unchanged}.
create or replace function sa_upsert_messages(p_site text, p_messages jsonb) returns jsonb
language plpgsql
as $$
declare
  v_total integer;
  v_inserted integer;
  v_updated integer;
begin
  if jsonb_typeof(p_messages) is distinct from 'array' then
    raise exception 'p_messages must be a JSON array' using errcode = '22023';
  end if;
  with input as (
    select distinct on (e.m->>'id')
      e.m->>'id' as id, e.m->>'source' as source, e.m->>'conversation_id' as conversation_id,
      e.m->>'author_role' as author_role, (e.m->>'created_at')::timestamptz as created_at, e.m->>'text' as text,
      case when e.m ? 'topics' and e.m->'topics' <> 'null'
           then array(select jsonb_array_elements_text(e.m->'topics')) end as topics,
      nullif(e.m->'topic_scores', 'null') as topic_scores,
      e.m->>'sentiment' as sentiment, e.m->>'model_version' as model_version
    from jsonb_array_elements(p_messages) with ordinality as e(m, ord)
    order by e.m->>'id', e.ord desc
  ),
  rows as (
    select id, source, conversation_id, author_role, created_at, text,
           coalesce(topics, '{}') as topics, coalesce(topic_scores, '{}') as topic_scores, sentiment,
           model_version,
           case when topics is not null or sentiment is not null then 'human' else 'pending' end as labelled_by,
           topics is null or sentiment is null as needs_labels
    from input
  ),
  written as (
    insert into messages as m (site_id, id, source, conversation_id, author_role, created_at, text, topics,
                               topic_scores, sentiment, model_version, labelled_by, needs_labels)
    select p_site, id, source, conversation_id, author_role, created_at, text, topics, topic_scores, sentiment,
           model_version, labelled_by, needs_labels
    from rows
    order by id
    on conflict (site_id, id) do update set
      source = excluded.source,
      conversation_id = excluded.conversation_id,
      author_role = excluded.author_role,
      created_at = excluded.created_at,
      text = excluded.text,
      topics = case when excluded.labelled_by = 'human' then excluded.topics else m.topics end,
      topic_scores = case when excluded.labelled_by = 'human' then excluded.topic_scores else m.topic_scores end,
      sentiment = case when excluded.labelled_by = 'human' then excluded.sentiment else m.sentiment end,
      model_version = case when excluded.labelled_by = 'human' then excluded.model_version else m.model_version end,
      labelled_by = case when excluded.labelled_by = 'human' then 'human' else m.labelled_by end,
      needs_labels = case
        when excluded.labelled_by = 'human' then excluded.needs_labels
        when m.labelled_by <> 'human' and m.text <> excluded.text then true
        else m.needs_labels end,
      updated_at = now()
    where (m.source, m.conversation_id, m.author_role, m.created_at, m.text) is distinct from
          (excluded.source, excluded.conversation_id, excluded.author_role, excluded.created_at, excluded.text)
       or (excluded.labelled_by = 'human' and
           (m.labelled_by, m.topics, m.topic_scores, m.sentiment, m.model_version, m.needs_labels) is distinct from
           ('human', excluded.topics, excluded.topic_scores, excluded.sentiment, excluded.model_version,
            excluded.needs_labels))
    returning (xmax = 0) as inserted
  )
  select (select count(*) from rows), count(*) filter (where inserted), count(*) filter (where not inserted)
  into v_total, v_inserted, v_updated
  from written;
  return jsonb_build_object('inserted', v_inserted, 'updated', v_updated,
                            'unchanged', v_total - v_inserted - v_updated);
end
$$;

-- One page of messages, newest first, after the cursor position (p_before_at, p_before_id) when given.
-- Reads one row more than asked to know whether another page follows; `next` is that page's cursor.
create or replace function sa_list_messages(
  p_site text,
  p_from timestamptz,
  p_to timestamptz,
  p_topics text[],
  p_sources text[],
  p_sentiments text[],
  p_roles text[],
  p_text text,
  p_before_at timestamptz,
  p_before_id text,
  p_limit integer
) returns jsonb
language plpgsql stable
as $$
declare
  v_mask integer := case when p_topics is null then 0 else sa_topic_mask(p_topics) end;
begin
  if p_limit is null or p_limit < 1 then
    raise exception 'p_limit must be a positive integer' using errcode = '22023';
  end if;
  return (
    with page as (
      select m as msg, m.created_at, m.id
      from messages m
      where m.site_id = p_site
        and (p_from is null or m.created_at >= p_from)
        and (p_to is null or m.created_at < p_to)
        and (p_before_at is null or (m.created_at, m.id) < (p_before_at, p_before_id))
        and (v_mask = 0 or m.topic_mask & v_mask <> 0)
        and (p_sources is null or m.source = any (p_sources))
        and (p_sentiments is null or m.sentiment = any (p_sentiments))
        and (p_roles is null or m.author_role = any (p_roles))
        and (p_text is null or m.text ilike sa_like_pattern(p_text))
      order by m.created_at desc, m.id desc
      limit p_limit + 1
    ),
    numbered as (
      select p.*, row_number() over (order by p.created_at desc, p.id desc) as rn from page p
    )
    select jsonb_build_object(
      'messages', coalesce((select jsonb_agg(sa_message_json(n.msg) order by n.rn)
                            from numbered n where n.rn <= p_limit), '[]'),
      'next', (select jsonb_build_object('at', sa_iso_us(n.created_at), 'id', n.id)
               from numbered n
               where n.rn = p_limit and exists (select 1 from numbered x where x.rn > p_limit)))
  );
end
$$;

create or replace function sa_count_messages(p_site text) returns bigint
language sql stable
as $$ select coalesce(sum(n), 0)::bigint from sa_rollup_day where site_id = p_site $$;

-- Oldest-waiting first, so a steady inflow cannot starve earlier rows.
create or replace function sa_pending_classification(p_limit integer) returns jsonb
language sql stable
as $$
  select coalesce(jsonb_agg(jsonb_build_object('site', site_id, 'id', id, 'text', text) order by updated_at, id),
                  '[]')
  from (select site_id, id, text, updated_at from messages where needs_labels
        order by updated_at, site_id, id limit p_limit) as p
$$;

-- Model labels for [{site, id, topics, topic_scores, sentiment, model_version}]. Model-labelled and pending
-- rows take them whole; a human-labelled row only has its missing part filled in and never loses a human
-- label. Returns how many rows changed.
create or replace function sa_save_model_labels(p_labels jsonb) returns integer
language plpgsql
as $$
declare
  v_count integer;
begin
  if jsonb_typeof(p_labels) is distinct from 'array' then
    raise exception 'p_labels must be a JSON array' using errcode = '22023';
  end if;
  with input as (
    select distinct on (e.l->>'site', e.l->>'id')
      e.l->>'site' as site_id, e.l->>'id' as id,
      array(select jsonb_array_elements_text(e.l->'topics')) as topics,
      coalesce(e.l->'topic_scores', '{}') as topic_scores, e.l->>'sentiment' as sentiment,
      e.l->>'model_version' as model_version
    from jsonb_array_elements(p_labels) with ordinality as e(l, ord)
    order by e.l->>'site', e.l->>'id', e.ord desc
  ),
  changed as (
    update messages m set
      topics = case when m.labelled_by = 'human' and cardinality(m.topics) > 0 then m.topics else i.topics end,
      topic_scores = case when m.labelled_by = 'human' then m.topic_scores else i.topic_scores end,
      sentiment = case when m.labelled_by = 'human' then coalesce(m.sentiment, i.sentiment) else i.sentiment end,
      model_version = case when m.labelled_by = 'human' then coalesce(m.model_version, i.model_version)
                           else i.model_version end,
      labelled_by = case when m.labelled_by = 'human' then 'human' else 'model' end,
      needs_labels = false,
      updated_at = now()
    from input i
    where m.site_id = i.site_id and m.id = i.id and (m.labelled_by <> 'human' or m.needs_labels)
    returning 1
  )
  select count(*) into v_count from changed;
  return v_count;
end
$$;

create or replace function sa_mark_for_reclassification(p_site text) returns integer
language plpgsql
as $$
declare
  v_count integer;
begin
  update messages set needs_labels = true, updated_at = now()
  where labelled_by = 'model' and not needs_labels and (p_site is null or site_id = p_site);
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

create or replace function sa_load_conversation(p_site text, p_id text) returns jsonb
language sql stable
as $$
  select jsonb_build_object('id', id, 'site', site_id, 'turns', turns, 'summary', summary,
                            'updated_at', sa_iso(updated_at))
  from conversations where site_id = p_site and id = p_id
$$;

create or replace function sa_save_conversation(
  p_site text, p_id text, p_turns jsonb, p_summary text, p_updated_at timestamptz
) returns void
language sql
as $$
  insert into conversations (site_id, id, turns, summary, updated_at)
  values (p_site, p_id, p_turns, p_summary, p_updated_at)
  on conflict (site_id, id) do update
    set turns = excluded.turns, summary = excluded.summary, updated_at = excluded.updated_at
$$;

-- Which migrations the database has, whichever tool applied them: the adapters' own table, or the Supabase
-- CLI's history. The Supabase adapter checks this because it cannot run DDL through RPC.
create or replace function sa_applied_migrations() returns jsonb
language plpgsql stable
as $$
declare
  v_versions text[] := '{}';
  v_more text[];
begin
  if to_regclass('sa_migrations') is not null then
    execute 'select coalesce(array_agg(version), ''{}'') from sa_migrations' into v_more;
    v_versions := v_versions || v_more;
  end if;
  if to_regclass('supabase_migrations.schema_migrations') is not null then
    execute 'select coalesce(array_agg(version), ''{}'') from supabase_migrations.schema_migrations' into v_more;
    v_versions := v_versions || v_more;
  end if;
  return to_jsonb(array(select distinct v from unnest(v_versions) as v order by v));
end
$$;

-- Counts the messages matching the filters in [p_from, p_to), optionally per time bucket (p_time: day, week or
-- hour in p_time_zone) and per key (p_key: topic, source, sentiment, hour_of_day or weekday). Any-of topic
-- filters: p_topics and, when given, also p_topics_also (a share's numerator within its denominator).
--
-- The window is cut into raw rows for the partial hours at either end, hourly rollup rows for whole hours and
-- daily rollup rows for whole UTC days in the middle. The caller says which rollups give exact answers:
-- p_use_hours when the zone's offsets are whole hours across the window (or no time grouping is asked),
-- p_use_days when nothing is grouped finer than a UTC day. A text filter always reads raw rows.
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
as $$
declare
  v_mask integer := case when p_topics is null then 0 else sa_topic_mask(p_topics) end;
  v_mask_also integer := case when p_topics_also is null then 0 else sa_topic_mask(p_topics_also) end;
  v_needs_t boolean := p_time is not null or p_key in ('hour_of_day', 'weekday');
  v_pattern text := case when p_text is null then null else sa_like_pattern(p_text) end;
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

  return (
    with src as (
      select m.created_at as t, m.source, coalesce(m.sentiment, '') as sentiment, m.topic_mask, 1::bigint as n
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
      where r.site_id = p_site and r.bucket >= v_h1 and r.bucket < v_d1
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select r.bucket, r.source, r.sentiment, r.topic_mask, r.n
      from sa_rollup_day r
      where r.site_id = p_site and r.bucket >= v_d1 and r.bucket < v_d2
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select r.bucket, r.source, r.sentiment, r.topic_mask, r.n
      from sa_rollup_hour r
      where r.site_id = p_site and r.bucket >= v_d2 and r.bucket < v_h2
        and (v_mask = 0 or r.topic_mask & v_mask <> 0) and (v_mask_also = 0 or r.topic_mask & v_mask_also <> 0)
        and (p_sources is null or r.source = any (p_sources))
        and (p_sentiments is null or r.sentiment = any (p_sentiments))
        and (p_roles is null or r.author_role = any (p_roles))
      union all
      select m.created_at, m.source, coalesce(m.sentiment, ''), m.topic_mask, 1::bigint
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
      select k.bucket, k.key, sum(k.n) as n
      from keyed k
      where p_key is null or k.key is not null
      group by 1, 2
    )
    select jsonb_build_object(
      'total', (select coalesce(sum(c.n), 0) from collapsed c),
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
