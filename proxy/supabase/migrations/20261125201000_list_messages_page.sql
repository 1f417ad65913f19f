-- sa_list_messages as in 20261125180100_api.sql, building each page in one pass. The page is still read by
-- a backward scan of messages_site_created_idx that stops after p_limit + 1 rows (the keyset predicate is an
-- index condition once the per-call plan folds the null checks); what this drops is the per-row work around
-- it: no whole-row value per message, no window function, and the page materialised and scanned once instead
-- of three times. The cursor's microsecond time is formatted for the one row that needs it.
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
