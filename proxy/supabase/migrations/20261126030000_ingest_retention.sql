-- Inbox retention and dead-letter replay. Done inbox rows and old live events were kept for ever; they are now
-- pruned after a retention time (the worker calls sa_inbox_prune), while dead letters stay until an operator
-- replays them (sa_inbox_retry, `sa inbox retry <seq>`). sa_ingest_applied is never pruned: it is what keeps a
-- late original or an old edit, redelivered after its inbox row is gone, from overwriting newer text.

create index if not exists sa_inbox_done_idx on sa_inbox (done_at) where status = 'done';
create index if not exists sa_inbox_dead_idx on sa_inbox (site_id, seq) where status = 'dead';
create index if not exists sa_events_at_idx on sa_events (at);

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
