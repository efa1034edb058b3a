-- The platform: L&D services, their sites and partner organisations, the people who use
-- Divert and their roles, sessions, and the append-only audit trail.

create table service (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name text not null check (length(name) between 2 and 120),
  provider text not null default '' check (length(provider) <= 200),
  commissioner text not null default '' check (length(commissioner) <= 200),
  contact_email text not null default '' check (length(contact_email) <= 200),
  is_active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table site (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references service(id),
  code text not null check (code ~ '^[A-Z0-9][A-Z0-9-]{1,15}$'),
  name text not null check (length(name) between 2 and 120),
  site_kind text not null check (site_kind in (
    'custody_suite', 'police_station', 'magistrates_court', 'youth_court', 'crown_court', 'community_base')),
  address text not null default '' check (length(address) <= 300),
  -- Minutes from arrival or referral to screening before an item turns red on today's list.
  response_target_minutes integer not null default 60 check (response_target_minutes between 5 and 1440),
  is_active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, code),
  unique (service_id, id)
);

create table partner_organisation (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references service(id),
  name text not null check (length(name) between 2 and 160),
  pathway text not null check (pathway in (
    'camhs', 'adult_mental_health', 'substance_misuse', 'speech_and_language', 'womens_centre',
    'housing', 'debt_advice', 'domestic_abuse', 'education_employment', 'safeguarding',
    'learning_disability', 'youth_justice', 'probation', 'restorative_justice', 'other')),
  contact_name text not null default '' check (length(contact_name) <= 120),
  contact_phone text not null default '' check (length(contact_phone) <= 40),
  contact_email text not null default '' check (length(contact_email) <= 200),
  typical_wait_days integer check (typical_wait_days between 0 and 730),
  is_active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, name),
  unique (service_id, id)
);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,59}$'),
  display_name text not null check (length(display_name) between 2 and 120),
  email text not null default '' check (length(email) <= 200),
  job_title text not null default '' check (length(job_title) <= 120),
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  must_change_password boolean not null default false,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  totp_required boolean not null default false,
  totp_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  is_active boolean not null default true,
  last_signed_in_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A role granted to a user in one service (an administrator may hold it for every service:
-- service_id null). Custody and court staff are scoped to a site; partner workers to a
-- partner organisation.
create table role_grant (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references app_user(id) on delete cascade,
  role text not null check (role in (
    'practitioner', 'support_worker', 'team_manager', 'custody_court_staff',
    'partner_worker', 'volunteer', 'commissioner', 'administrator')),
  service_id uuid references service(id),
  site_id uuid,
  partner_organisation_id uuid,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  foreign key (service_id, site_id) references site(service_id, id),
  foreign key (service_id, partner_organisation_id) references partner_organisation(service_id, id),
  check (service_id is not null or role = 'administrator'),
  check ((role = 'custody_court_staff') = (site_id is not null)),
  check ((role = 'partner_worker') = (partner_organisation_id is not null))
);
create unique index role_grant_unique on role_grant (
  user_id, role, coalesce(service_id, '00000000-0000-0000-0000-000000000000'::uuid),
  coalesce(site_id, '00000000-0000-0000-0000-000000000000'::uuid),
  coalesce(partner_organisation_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Sessions live in the database so that several application instances share them.
-- The browser holds a random token; only its SHA-256 is stored.
create table user_session (
  token_hash text primary key,
  user_id uuid not null references app_user(id) on delete cascade,
  role_grant_id uuid references role_grant(id) on delete set null,
  second_factor_pending boolean not null default false,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ip_address text,
  user_agent text
);
create index user_session_user on user_session (user_id);

-- Secrets the installation makes for itself on first start (e.g. the key behind CSRF tokens),
-- shared by every instance on the same database and never kept in the repository.
create table installation_secret (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

-- Append-only audit trail. Each event carries the hash of the one before it.
create table audit_event (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null,
  user_id uuid,
  username text,
  role text,
  service_id uuid,
  action text not null,
  subject_type text,
  subject_id text,
  person_id uuid,
  reason text,
  ip_address text,
  user_agent text,
  detail jsonb,
  prev_hash text not null,
  hash text not null unique
);
create index audit_event_user on audit_event (user_id, id);
create index audit_event_person on audit_event (person_id, id) where person_id is not null;
create index audit_event_subject on audit_event (subject_type, subject_id, id);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % is not allowed', tg_op;
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_is_append_only();
