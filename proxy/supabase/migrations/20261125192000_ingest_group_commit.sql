-- Group commit for webhook receivers: deliveries that arrive while a commit is in flight are committed together
-- in the next one, each still answered only after its own rows are durable. Replaces the one-delivery accept.

drop function if exists sa_inbox_accept(text, jsonb);

-- Accepts [{site, items: [{id, revision, payload}]}] in one transaction. Returns one {accepted, duplicates} per
-- delivery, in order; an item named by two deliveries of the batch counts as accepted for the first.
create or replace function sa_inbox_accept_batch(p_deliveries jsonb) returns jsonb
language plpgsql
as $$
declare
  v_result jsonb;
begin
  if jsonb_typeof(p_deliveries) is distinct from 'array' then
    raise exception 'p_deliveries must be a JSON array' using errcode = '22023';
  end if;
  with items as (
    select d.ord as delivery, d.x->>'site' as site_id, i.x->>'id' as message_id,
           (i.x->>'revision')::bigint as revision, i.x->'payload' as payload, i.ord as item
    from jsonb_array_elements(p_deliveries) with ordinality as d(x, ord)
    cross join lateral jsonb_array_elements(d.x->'items') with ordinality as i(x, ord)
  ),
  firsts as (
    select distinct on (site_id, message_id, revision) *
    from items
    order by site_id, message_id, revision, delivery, item
  ),
  inserted as (
    insert into sa_inbox (site_id, message_id, revision, payload)
    select site_id, message_id, revision, payload from firsts
    order by delivery, item
    on conflict (site_id, message_id, revision) do nothing
    returning site_id, message_id, revision
  ),
  counted as (
    select i.delivery, count(*) as total,
           count(*) filter (where f.delivery = i.delivery and f.item = i.item and n.message_id is not null)
             as accepted
    from items i
    join firsts f using (site_id, message_id, revision)
    left join inserted n using (site_id, message_id, revision)
    group by i.delivery
  )
  select coalesce(jsonb_agg(jsonb_build_object('accepted', coalesce(c.accepted, 0),
                                               'duplicates', coalesce(c.total - c.accepted, 0))
                            order by d.ord), '[]')
  into v_result
  from jsonb_array_elements(p_deliveries) with ordinality as d(x, ord)
  left join counted c on c.delivery = d.ord;
  return v_result;
end
$$;
