-- What the justice system did after the team's work: re-arrests, charges, cautions, convictions,
-- acquittals and no further action, entered by the team or imported from a police system's CSV export.
-- Proven re-offending is derived from these (src/domain/reoffending.ts), never stored.

create table reoffending_import (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references service(id),
  file_name text not null default '' check (length(file_name) <= 200),
  imported_by uuid not null references app_user(id),
  imported_at timestamptz not null,
  rows_read integer not null check (rows_read >= 0),
  events_added integer not null check (events_added >= 0),
  already_held integer not null check (already_held >= 0),
  -- Lines naming nobody known to the service, and lines refused, each with its message.
  unmatched jsonb not null default '[]',
  problems jsonb not null default '[]',
  unique (service_id, id)
);

create table justice_event (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  person_id uuid not null,
  offence_on date not null,
  outcome text not null check (outcome in ('arrest', 'charge', 'caution', 'conviction', 'acquittal', 'no_further_action')),
  outcome_on date not null,
  source text not null check (source in ('recorded', 'imported')),
  import_id uuid,
  notes text not null default '' check (length(notes) <= 500),
  recorded_by uuid not null references app_user(id),
  recorded_at timestamptz not null,
  unique (service_id, id),
  -- The same event, entered twice or imported again, is held once.
  unique (person_id, offence_on, outcome, outcome_on),
  foreign key (service_id, person_id) references person(service_id, id),
  foreign key (service_id, import_id) references reoffending_import(service_id, id),
  check (outcome_on >= offence_on),
  check ((source = 'imported') = (import_id is not null))
);
create index justice_event_service on justice_event (service_id, offence_on);
