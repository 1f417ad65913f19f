-- Live ingestion: webhook events land in an inbox (committed before the platform gets its 200), workers claim
-- them, classify them and write the labelled message, its rollups and a live event in one transaction.
-- Done inbox rows and old live events are pruned after a retention time (the worker calls sa_inbox_prune),
-- while dead letters stay until an operator replays them (sa_inbox_retry, `sa inbox retry <seq>`).
-- sa_ingest_applied is never pruned: it is what keeps a late original or an old edit, redelivered after its
-- inbox row is gone, from overwriting newer text.

-- One row per message revision a webhook delivered. `payload` is the platform's own event object next to the
-- message fields read from it. A redelivery of the same revision is the same row (unique key), so it is
-- acknowledged again without a second row.
create table if not exists sa_inbox (
  seq bigserial primary key,
  site_id text not null,
  message_id text not null check (char_length(message_id) between 1 and 300),
  revision bigint not null,
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  status text not null default 'pending' check (status in ('pending', 'done', 'dead')),
  attempts integer not null default 0,
  -- When a pending row may be claimed: now for new rows, the end of the lease while a worker holds it, the
  -- end of the back-off after a failure. A worker that dies simply lets its lease run out.
  available_at timestamptz not null default now(),
  lease_token uuid,
  last_error text,
  received_at timestamptz not null default now(),
  done_at timestamptz,
  unique (site_id, message_id, revision)
);

create index if not exists sa_inbox_pending_idx on sa_inbox (seq) where status = 'pending';
-- Done rows are pruned by age (sa_inbox_prune); dead letters are listed per site until replayed.
create index if not exists sa_inbox_done_idx on sa_inbox (done_at) where status = 'done';
create index if not exists sa_inbox_dead_idx on sa_inbox (site_id, seq) where status = 'dead';

-- The newest revision written to messages per message, so an older delivery arriving late (out of order, or
-- a redelivery) never overwrites a newer text.
create table if not exists sa_ingest_applied (
  site_id text not null,
  message_id text not null,
  revision bigint not null,
  primary key (site_id, message_id)
);

-- What GET /v1/events streams. seq is assigned while sa_inbox_complete holds an advisory lock, so events
-- become visible in seq order and a reader resuming "after seq N" can never skip one committed later.
create table if not exists sa_events (
  seq bigserial primary key,
  site_id text not null,
  kind text not null check (kind in ('message.created', 'message.updated')),
  message jsonb not null,
  at timestamptz not null default now()
);

create index if not exists sa_events_site_seq_idx on sa_events (site_id, seq);
-- Old events are pruned by age (sa_inbox_prune).
create index if not exists sa_events_at_idx on sa_events (at);

-- Accepts [{site, items: [{id, revision, payload}]}] in one transaction: the receivers' group commit, where the
-- deliveries that arrive while a commit is in flight are committed together in the next one, each answered only
-- after its own rows are durable. Items are inserted in delivery order, and ON CONFLICT DO NOTHING also skips an
-- item named again later in the same batch, so the first mention is the one stored. Returns the keys
-- [site, id, revision] of the rows it inserted; the caller counts each delivery's accepted items and duplicates
-- from them (counting here, with joins back to the items per delivery, cost a third of the statement on PGlite).
create or replace function sa_inbox_accept_batch(p_deliveries jsonb) returns jsonb
language plpgsql
as $$
declare
  v_inserted jsonb;
begin
  if jsonb_typeof(p_deliveries) is distinct from 'array' then
    raise exception 'p_deliveries must be a JSON array' using errcode = '22023';
  end if;
  with inserted as (
    insert into sa_inbox (site_id, message_id, revision, payload)
    select d.x->>'site', i.x->>'id', (i.x->>'revision')::bigint, i.x->'payload'
    from jsonb_array_elements(p_deliveries) with ordinality as d(x, ord)
    cross join lateral jsonb_array_elements(d.x->'items') with ordinality as i(x, ord)
    order by d.ord, i.ord
    on conflict (site_id, message_id, revision) do nothing
    returning site_id, message_id, revision
  )
  select coalesce(jsonb_agg(jsonb_build_array(site_id, message_id, revision)), '[]')
  into v_inserted
  from inserted;
  return v_inserted;
end
$$;

-- Claims up to p_limit claimable rows, oldest first, for p_lease_seconds. SKIP LOCKED lets several workers
-- (several proxies on one PostgreSQL) claim side by side without waiting on each other. Each item carries the
-- payload's message fields only: the worker classifies the text, and the platform's event stays here.
create or replace function sa_inbox_claim(p_limit integer, p_lease_seconds integer) returns jsonb
language plpgsql
as $$
declare
  v_token uuid := gen_random_uuid();
  v_items jsonb;
begin
  if p_limit is null or p_limit < 1 then
    raise exception 'p_limit must be a positive integer' using errcode = '22023';
  end if;
  with picked as (
    select seq from sa_inbox
    where status = 'pending' and available_at <= now()
    order by seq
    limit p_limit
    for update skip locked
  ),
  claimed as (
    update sa_inbox i
    set attempts = i.attempts + 1, lease_token = v_token,
        available_at = now() + make_interval(secs => p_lease_seconds)
    from picked
    where i.seq = picked.seq
    returning i.seq, i.site_id, i.message_id, i.revision, i.payload->'message' as message, i.attempts
  )
  select coalesce(jsonb_agg(jsonb_build_object('seq', seq, 'site', site_id, 'id', message_id,
                                               'revision', revision, 'message', message,
                                               'attempts', attempts) order by seq), '[]')
  into v_items
  from claimed;
  return jsonb_build_object('token', v_token, 'items', v_items);
end
$$;

-- Finishes claimed rows: [{seq, labels: {topics, topic_scores, sentiment, model_version}}]. Only rows still
-- leased to p_token count (a worker whose lease ran out leaves the row to whoever claimed it next). Of those,
-- each message is written from the row's own payload (its message fields, as the receiver read them) with the
-- labels, at its newest revision unless a newer one was written before; human labels already on a row are kept. Everything runs in the
-- caller's one transaction, so a crash leaves all of it or none. Returns {done, written, last_event}.
--
-- New messages are inserted with ON CONFLICT DO NOTHING and edits updated in a second statement run only when
-- there are any: an INSERT ... ON CONFLICT DO UPDATE fires the statement-level rollup UPDATE trigger on every
-- batch even when nothing was updated, which cost more than the rest of the insert on PGlite (4.1 vs 1.7 ms
-- for 16 messages). Events of new messages come before those of edits in one batch.
create or replace function sa_inbox_complete(p_token uuid, p_results jsonb) returns jsonb
language plpgsql
as $$
declare
  v_done bigint;
  v_created bigint;
  v_edits jsonb;
  v_updated bigint := 0;
  v_last_created bigint;
  v_last_updated bigint;
begin
  if jsonb_typeof(p_results) is distinct from 'array' then
    raise exception 'p_results must be a JSON array' using errcode = '22023';
  end if;
  -- Any fixed key; it serialises event appends so their seq order is their commit order.
  perform pg_advisory_xact_lock(7146221509);
  with owned as (
    update sa_inbox i
    set status = 'done', done_at = now(), lease_token = null, last_error = null
    from jsonb_array_elements(p_results) as r(x)
    where i.seq = (r.x->>'seq')::bigint and i.lease_token = p_token and i.status = 'pending'
    returning i.seq, i.site_id, i.message_id, i.revision, i.payload->'message' as m, r.x->'labels' as l
  ),
  newest as (
    select distinct on (site_id, message_id) * from owned order by site_id, message_id, revision desc
  ),
  applied as (
    insert into sa_ingest_applied as a (site_id, message_id, revision)
    select site_id, message_id, revision from newest
    order by site_id, message_id
    on conflict (site_id, message_id) do update set revision = excluded.revision
    where a.revision < excluded.revision
    returning a.site_id, a.message_id
  ),
  rows as (
    select n.site_id, n.message_id as id, n.m->>'source' as source, n.m->>'conversation_id' as conversation_id,
           n.m->>'author_role' as author_role, (n.m->>'created_at')::timestamptz as created_at,
           n.m->>'text' as text, array(select jsonb_array_elements_text(n.l->'topics')) as topics,
           coalesce(n.l->'topic_scores', '{}') as topic_scores, n.l->>'sentiment' as sentiment,
           n.l->>'model_version' as model_version
    from newest n
    join applied a on a.site_id = n.site_id and a.message_id = n.message_id
  ),
  created as (
    insert into messages as m (site_id, id, source, conversation_id, author_role, created_at, text, topics,
                               topic_scores, sentiment, model_version, labelled_by, needs_labels)
    select site_id, id, source, conversation_id, author_role, created_at, text, topics, topic_scores, sentiment,
           model_version, 'model', false
    from rows
    order by site_id, id
    on conflict (site_id, id) do nothing
    returning m.site_id, m.id, m.created_at, sa_message_json(m) as message
  ),
  events as (
    insert into sa_events (site_id, kind, message)
    select c.site_id, 'message.created', c.message
    from created c
    order by c.site_id, c.created_at, c.id
    returning seq
  )
  select (select count(*) from owned), (select count(*) from created), (select max(seq) from events),
         (select jsonb_agg(to_jsonb(r)) from rows r
          where not exists (select from created c where c.site_id = r.site_id and c.id = r.id))
  into v_done, v_created, v_last_created, v_edits;

  if v_edits is not null then
    with updated as (
      update messages as m set
        source = e.source,
        conversation_id = e.conversation_id,
        author_role = e.author_role,
        created_at = e.created_at,
        text = e.text,
        topics = case when m.labelled_by = 'human' then m.topics else e.topics end,
        topic_scores = case when m.labelled_by = 'human' then m.topic_scores else e.topic_scores end,
        sentiment = case when m.labelled_by = 'human' then m.sentiment else e.sentiment end,
        model_version = case when m.labelled_by = 'human' then m.model_version else e.model_version end,
        labelled_by = case when m.labelled_by = 'human' then 'human' else 'model' end,
        needs_labels = case when m.labelled_by = 'human' then m.needs_labels else false end,
        updated_at = now()
      from jsonb_populate_recordset(null::messages, v_edits) as e
      where m.site_id = e.site_id and m.id = e.id
      returning m.site_id, m.id, m.created_at, sa_message_json(m) as message
    ),
    events as (
      insert into sa_events (site_id, kind, message)
      select u.site_id, 'message.updated', u.message
      from updated u
      order by u.site_id, u.created_at, u.id
      returning seq
    )
    select (select count(*) from updated), (select max(seq) from events) into v_updated, v_last_updated;
  end if;

  return jsonb_build_object('done', v_done, 'written', v_created + v_updated,
                            'last_event', greatest(v_last_created, v_last_updated));
end
$$;

-- Gives claimed rows back after a failure: [{seq, error}]. A row that has used p_max_attempts goes to the
-- dead-letter state with its error; the others wait p_backoff_ms * 2^(attempts - 1), at most an hour.
create or replace function sa_inbox_fail(p_token uuid, p_failures jsonb, p_max_attempts integer,
                                         p_backoff_ms integer) returns jsonb
language plpgsql
as $$
declare
  v_retried integer;
  v_dead integer;
begin
  with failed as (
    update sa_inbox i
    set status = case when i.attempts >= p_max_attempts then 'dead' else 'pending' end,
        last_error = left(f.x->>'error', 2000),
        lease_token = null,
        available_at = now() + least(interval '1 hour',
                                     make_interval(secs => p_backoff_ms / 1000.0 * 2 ^ (i.attempts - 1)))
    from jsonb_array_elements(p_failures) as f(x)
    where i.seq = (f.x->>'seq')::bigint and i.lease_token = p_token and i.status = 'pending'
    returning i.status
  )
  select count(*) filter (where status = 'pending'), count(*) filter (where status = 'dead')
  into v_retried, v_dead
  from failed;
  return jsonb_build_object('retried', v_retried, 'dead', v_dead);
end
$$;

-- Inbox depth and lag for /healthz: pending rows, dead letters, and how long the oldest pending row has waited.
create or replace function sa_inbox_stats() returns jsonb
language sql stable
as $$
  select jsonb_build_object(
    'pending', (select count(*) from sa_inbox where status = 'pending'),
    'dead', (select count(*) from sa_inbox where status = 'dead'),
    'oldest_pending_at', (select sa_iso(min(received_at)) from sa_inbox where status = 'pending'),
    'lag_ms', coalesce((select floor(extract(epoch from now() - min(received_at)) * 1000)::bigint
                        from sa_inbox where status = 'pending'), 0))
$$;

-- Dead-lettered rows of a site, newest first, with their error (for operators to inspect and replay).
create or replace function sa_inbox_dead(p_site text, p_limit integer) returns jsonb
language sql stable
as $$
  select coalesce(jsonb_agg(jsonb_build_object('seq', seq, 'id', message_id, 'revision', revision,
                                               'attempts', attempts, 'error', last_error,
                                               'received_at', sa_iso(received_at), 'payload', payload)
                            order by seq desc), '[]')
  from (select * from sa_inbox where site_id = p_site and status = 'dead' order by seq desc limit p_limit) d
$$;

-- Deletes up to p_limit done inbox rows finished more than p_older_than_seconds ago, and up to p_limit live
-- events older than that (a client resuming from an older Last-Event-ID continues at the oldest kept event).
-- Bounded per call so a large backlog is pruned in short transactions. Returns {inbox, events}.
create or replace function sa_inbox_prune(p_older_than_seconds integer, p_limit integer) returns jsonb
language plpgsql
as $$
declare
  v_cutoff timestamptz;
  v_inbox integer;
  v_events integer;
begin
  if p_older_than_seconds is null or p_older_than_seconds < 0 then
    raise exception 'p_older_than_seconds must be a non-negative number of seconds' using errcode = '22023';
  end if;
  if p_limit is null or p_limit < 1 then
    raise exception 'p_limit must be a positive integer' using errcode = '22023';
  end if;
  v_cutoff := now() - make_interval(secs => p_older_than_seconds);
  delete from sa_inbox
  where seq in (select seq from sa_inbox where status = 'done' and done_at < v_cutoff order by done_at
                limit p_limit);
  get diagnostics v_inbox = row_count;
  delete from sa_events
  where seq in (select seq from sa_events where at < v_cutoff order by at limit p_limit);
  get diagnostics v_events = row_count;
  return jsonb_build_object('inbox', v_inbox, 'events', v_events);
end
$$;

-- Puts a site's dead letter back in the queue: pending, claimable now, with a fresh set of attempts. Its last
-- error is kept until the row is processed. Returns {retried: 0|1} (0: no dead letter with that seq there).
create or replace function sa_inbox_retry(p_site text, p_seq bigint) returns jsonb
language plpgsql
as $$
declare
  v_retried integer;
begin
  update sa_inbox
  set status = 'pending', attempts = 0, available_at = now(), lease_token = null
  where seq = p_seq and site_id = p_site and status = 'dead';
  get diagnostics v_retried = row_count;
  return jsonb_build_object('retried', v_retried);
end
$$;

-- Events of a site after p_after (exclusive), oldest first; with p_after null only the newest seq, so a new
-- subscriber starts at the tail.
create or replace function sa_events_after(p_site text, p_after bigint, p_limit integer) returns jsonb
language sql stable
as $$
  select case
    when p_after is null then
      jsonb_build_object('last', (select max(seq) from sa_events where site_id = p_site), 'events', '[]'::jsonb)
    else jsonb_build_object('last', null, 'events', coalesce((
      select jsonb_agg(jsonb_build_object('seq', seq, 'kind', kind, 'message', message) order by seq)
      from (select seq, kind, message from sa_events
            where site_id = p_site and seq > p_after order by seq limit p_limit) e), '[]'::jsonb))
  end
$$;
