-- The head of the audit chain: one row holding the last event's hash. An event is appended by one statement that
-- moves the head on and inserts the event from it, so the head's row lock orders writers (on every instance) for as
-- long as the appending transaction lasts, in place of an advisory lock, a read of the last event and an insert.
create table audit_chain_head (
  only_row boolean primary key default true check (only_row),
  prev_hash text not null,
  hash text not null
);

insert into audit_chain_head (prev_hash, hash)
select coalesce((select prev_hash from audit_event order by id desc limit 1), repeat('0', 64)),
       coalesce((select hash from audit_event order by id desc limit 1), repeat('0', 64));

create function audit_chain_head_stays() returns trigger language plpgsql as $$
begin
  raise exception 'audit_chain_head has exactly one row: % is not allowed', tg_op;
end;
$$;
create trigger audit_chain_head_no_delete before insert or delete on audit_chain_head
  for each row execute function audit_chain_head_stays();
