-- Each instance keeps the sessions in use in memory (services/accounts/session-cache.ts), and must forget one as soon
-- as what it was read from changes, whichever instance changed it. These triggers announce such changes on the
-- channel divert_sessions: a session's token hash when that session ends or changes, or '*' when a user, a role or
-- the name of where a role is held changes (rare, so every instance forgets every session it keeps).
-- A session's last_seen_at, touched once a minute while it is used, is not announced: a kept session is read afresh
-- a minute after it was last seen.

create function announce_session_change() returns trigger
language plpgsql as $$
begin
  if tg_table_name = 'user_session' then
    perform pg_notify('divert_sessions', old.token_hash);
  else
    perform pg_notify('divert_sessions', '*');
  end if;
  return null;
end;
$$;

create trigger user_session_announced
  after update of user_id, role_grant_id, second_factor_pending, created_at or delete on user_session
  for each row execute function announce_session_change();

create trigger app_user_announced
  after update of username, display_name, must_change_password, is_active, totp_required, totp_enabled_at or delete on app_user
  for each statement execute function announce_session_change();

create trigger role_grant_announced
  after insert or update or delete on role_grant
  for each statement execute function announce_session_change();

create trigger service_announced
  after update or delete on service
  for each statement execute function announce_session_change();

create trigger site_announced
  after update or delete on site
  for each statement execute function announce_session_change();

create trigger partner_organisation_announced
  after update or delete on partner_organisation
  for each statement execute function announce_session_change();
