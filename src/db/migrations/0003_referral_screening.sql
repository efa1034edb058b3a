-- The front door: referrals into L&D, screening with consent and capacity, and the case a screen opens.

create table referral (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references service(id),
  site_id uuid not null,
  -- The person, once the team has matched the referral to a record; custody and court staff
  -- give only the details below and never see person records.
  person_id uuid,
  subject_given_name text not null check (length(subject_given_name) between 1 and 100),
  subject_family_name text not null check (length(subject_family_name) between 1 and 100),
  subject_date_of_birth date,
  source text not null check (source in (
    'custody_staff', 'court_staff', 'solicitor', 'probation', 'youth_justice', 'health', 'family', 'self', 'list_check')),
  referrer_name text not null default '' check (length(referrer_name) <= 120),
  referrer_role text not null default '' check (length(referrer_role) <= 120),
  referred_by uuid references app_user(id),
  arrived_at timestamptz,
  referred_at timestamptz not null,
  reason_for_concern text not null check (length(reason_for_concern) between 1 and 2000),
  offence_category text not null default 'not_known' check (offence_category in (
    'violence', 'sexual', 'robbery', 'theft', 'criminal_damage', 'drugs', 'weapons', 'public_order',
    'fraud', 'motoring', 'breach', 'other', 'not_known')),
  victim_involved text not null default 'not_known' check (victim_involved in ('yes', 'no', 'not_known')),
  custody_status text not null check (custody_status in ('in_custody', 'voluntary_attendance', 'bailed', 'at_court')),
  custody_record_number text not null default '' check (length(custody_record_number) <= 40),
  court_case_reference text not null default '' check (length(court_case_reference) <= 40),
  urgency text not null default 'routine' check (urgency in ('routine', 'urgent', 'immediate')),
  referral_state text not null default 'new' check (referral_state in (
    'new', 'being_screened', 'screened', 'assessment_needed', 'no_further_action')),
  picked_up_by uuid references app_user(id),
  picked_up_at timestamptz,
  screened_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, id),
  foreign key (service_id, site_id) references site(service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  check (arrived_at is null or arrived_at <= referred_at)
);
create index referral_site_time on referral (site_id, referred_at desc);
create index referral_service_time on referral (service_id, referred_at desc);
create index referral_open on referral (site_id, referral_state) where referral_state in ('new', 'being_screened');
create index referral_person on referral (person_id) where person_id is not null;
create index referral_referred_by on referral (referred_by, referred_at desc) where referred_by is not null;

-- A screen of one referral, on a numbered version of the screening form so that old screens keep their meaning.
create table screening (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  referral_id uuid not null unique,
  person_id uuid not null,
  form_version integer not null,
  -- { domain: { finding: identified|suspected|none|not_asked, notes } }
  findings jsonb not null default '{}',
  urgency text not null default 'routine' check (urgency in ('routine', 'urgent', 'immediate')),
  risk_in_custody text not null default '' check (length(risk_in_custody) <= 2000),
  -- { purpose: { decision: given|refused|lacks_capacity|not_asked, decidedBy, notes } }
  consent jsonb not null default '{}',
  -- Children only: { appropriateAdult, parentCarerContacted, youthJusticeInformed }
  child_pathway jsonb,
  notes text not null default '' check (length(notes) <= 4000),
  outcome text check (outcome in ('no_further_action', 'advice_signpost', 'full_assessment')),
  screening_status text not null default 'draft' check (screening_status in ('draft', 'completed')),
  screened_by uuid not null references app_user(id),
  started_at timestamptz not null,
  completed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (service_id, referral_id) references referral(service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  check ((screening_status = 'completed') = (outcome is not null and completed_at is not null))
);

-- The span of L&D work with a person, opened by a screen whose outcome is full assessment.
create table case_episode (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  person_id uuid not null,
  referral_id uuid not null,
  opened_at timestamptz not null,
  opened_by uuid not null references app_user(id),
  case_status text not null default 'open' check (case_status in ('open', 'closed')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  foreign key (service_id, referral_id) references referral(service_id, id)
);
create index case_episode_person on case_episode (person_id);

-- Court lists imported from a CSV file, matched against people known to the service.
create table court_list_entry (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  site_id uuid not null,
  hearing_date date not null,
  hearing_time text not null default '' check (length(hearing_time) <= 10),
  given_name text not null,
  family_name text not null,
  date_of_birth date,
  court_case_reference text not null default '',
  court_name text not null default '',
  charge text not null default '' check (length(charge) <= 500),
  matched_person_id uuid,
  imported_by uuid not null references app_user(id),
  imported_at timestamptz not null,
  foreign key (service_id, site_id) references site(service_id, id),
  foreign key (service_id, matched_person_id) references person(service_id, id)
);
create index court_list_entry_site_date on court_list_entry (site_id, hearing_date);
