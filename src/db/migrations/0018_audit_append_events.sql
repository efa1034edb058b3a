-- Appends audit events in order, each chained from the head as 0011's one statement does, in one call: an
-- instance appends the events its requests record at the same moment together, in place of one statement (and one
-- commit, and one turn at the head's row lock) each. `events` is a JSON array of objects with the columns' values
-- and `hashInput`, the text the application hashes an event's content as (auditHashInput), so the database computes
-- the same hash as auditHash. Returns how many were appended.
create function audit_append_events(events jsonb) returns integer language plpgsql as $$
declare
  e jsonb;
  head record;
  appended integer := 0;
begin
  for e in select t.value from jsonb_array_elements(events) with ordinality as t(value, n) order by t.n loop
    update audit_chain_head
       set prev_hash = hash,
           hash = encode(sha256(convert_to(hash || E'\n' || (e->>'hashInput'), 'UTF8')), 'hex')
    returning prev_hash, hash into head;
    if not found then
      raise exception 'The audit chain has no head row: run divert migrate';
    end if;
    insert into audit_event (occurred_at, user_id, username, role, service_id, action, subject_type, subject_id, person_id,
                             reason, ip_address, user_agent, detail, prev_hash, hash)
    values ((e->>'occurredAt')::timestamptz, (e->>'userId')::uuid, e->>'username', e->>'role', (e->>'serviceId')::uuid, e->>'action',
            e->>'subjectType', e->>'subjectId', (e->>'personId')::uuid, e->>'reason', e->>'ipAddress', e->>'userAgent',
            case when jsonb_typeof(e->'detail') = 'null' then null else e->'detail' end, head.prev_hash, head.hash);
    appended := appended + 1;
  end loop;
  return appended;
end $$;
