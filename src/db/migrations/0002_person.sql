-- People the service has met: identity, identifiers, flags, aliases and family links.
create extension if not exists pg_trgm;

create table person (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references service(id),
  given_name text not null check (length(given_name) between 1 and 100),
  family_name text not null check (length(family_name) between 1 and 100),
  preferred_name text not null default '' check (length(preferred_name) <= 100),
  date_of_birth date,
  sex text not null default 'not_known' check (sex in ('female', 'male', 'not_known', 'not_stated')),
  gender_identity text not null default '' check (length(gender_identity) <= 100),
  ethnicity_code text not null default '99',
  first_language text not null default '' check (length(first_language) <= 60),
  interpreter_needed boolean not null default false,
  address text not null default '' check (length(address) <= 300),
  postcode text not null default '' check (length(postcode) <= 10),
  phone text not null default '' check (length(phone) <= 40),
  email text not null default '' check (length(email) <= 200),
  nhs_number text check (nhs_number ~ '^[0-9]{10}$'),
  pnc_id text check (pnc_id ~ '^[0-9]{4}/[0-9]{7}[A-Z]$'),
  probation_crn text not null default '' check (length(probation_crn) <= 20),
  is_veteran boolean not null default false,
  is_care_leaver boolean not null default false,
  known_risk text not null default '' check (length(known_risk) <= 500),
  -- Lower-case "given family" for spelling-tolerant search.
  search_name text generated always as (lower(given_name || ' ' || family_name)) stored,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid references app_user(id),
  updated_at timestamptz not null default now(),
  unique (service_id, id)
);
create unique index person_nhs_number on person (service_id, nhs_number) where nhs_number is not null;
create unique index person_pnc_id on person (service_id, pnc_id) where pnc_id is not null;
create index person_search_name on person using gin (search_name gin_trgm_ops);
create index person_family_name on person using gin (lower(family_name) gin_trgm_ops);
create index person_date_of_birth on person (service_id, date_of_birth);

create table person_alias (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  person_id uuid not null,
  given_name text not null check (length(given_name) between 1 and 100),
  family_name text not null check (length(family_name) between 1 and 100),
  search_name text generated always as (lower(given_name || ' ' || family_name)) stored,
  created_at timestamptz not null default now(),
  foreign key (service_id, person_id) references person(service_id, id) on delete cascade
);
create index person_alias_person on person_alias (person_id);
create index person_alias_search_name on person_alias using gin (search_name gin_trgm_ops);

-- Family and household, for the whole-family approach.
create table person_link (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  person_id uuid not null,
  related_person_id uuid not null,
  relationship text not null check (relationship in ('parent', 'carer', 'child', 'sibling', 'partner', 'other_family', 'household')),
  created_at timestamptz not null default now(),
  foreign key (service_id, person_id) references person(service_id, id) on delete cascade,
  foreign key (service_id, related_person_id) references person(service_id, id) on delete cascade,
  check (person_id <> related_person_id),
  unique (person_id, related_person_id)
);
