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

-- One page of messages, newest first, after the cursor position (p_before_at, p_before_id) when given. The
-- page is read by a backward scan of messages_site_created_idx that stops after p_limit + 1 rows (the keyset
-- predicate is an index condition once the per-call plan folds the null checks); the row past the page only
-- says that another page follows, and `next` is the cursor of the page's last row. Each row goes straight into
-- JSON, and the cursor's microsecond time is formatted for the one row that needs it.
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
set plan_cache_mode = force_custom_plan
as $$
declare
  v_mask integer := case when p_topics is null then 0 else sa_topic_mask(p_topics) end;
  v_pattern text := case when p_text is null then null else sa_like_pattern(p_text) end;
  v_messages jsonb;
  v_ats timestamptz[];
  v_ids text[];
begin
  if p_limit is null or p_limit < 1 then
    raise exception 'p_limit must be a positive integer' using errcode = '22023';
  end if;
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', p.id, 'source', p.source, 'conversation_id', p.conversation_id, 'author_role', p.author_role,
           'created_at', sa_iso(p.created_at), 'text', p.text, 'topics', to_jsonb(p.topics),
           'topic_scores', p.topic_scores, 'sentiment', p.sentiment, 'model_version', p.model_version,
           'labelled_by', p.labelled_by) order by p.created_at desc, p.id desc), '[]'),
         array_agg(p.created_at order by p.created_at desc, p.id desc),
         array_agg(p.id order by p.created_at desc, p.id desc)
  into v_messages, v_ats, v_ids
  from (
    select m.id, m.source, m.conversation_id, m.author_role, m.created_at, m.text, m.topics, m.topic_scores,
           m.sentiment, m.model_version, m.labelled_by
    from messages m
    where m.site_id = p_site
      and (p_from is null or m.created_at >= p_from)
      and (p_to is null or m.created_at < p_to)
      and (p_before_at is null or (m.created_at, m.id) < (p_before_at, p_before_id))
      and (v_mask = 0 or m.topic_mask & v_mask <> 0)
      and (p_sources is null or m.source = any (p_sources))
      and (p_sentiments is null or m.sentiment = any (p_sentiments))
      and (p_roles is null or m.author_role = any (p_roles))
      and (v_pattern is null or m.text ilike v_pattern)
    order by m.created_at desc, m.id desc
    limit p_limit + 1
  ) p;
  if coalesce(cardinality(v_ats), 0) <= p_limit then
    return jsonb_build_object('messages', v_messages, 'next', null);
  end if;
  -- The extra row only says that another page follows; the cursor names the last row shown.
  return jsonb_build_object('messages', v_messages - p_limit,
                            'next', jsonb_build_object('at', sa_iso_us(v_ats[p_limit]), 'id', v_ids[p_limit]));
end
$$;

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
