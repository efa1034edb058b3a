-- Justice liaison: disclosures to justice agencies, custody advice, court reports, disposals and their
-- conditions, community payback hours, and the training the team gives to police and court staff.

-- Everything shared outside the health team, exactly as shared, with its basis.
create table disclosure (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  person_id uuid not null,
  case_id uuid,
  referral_id uuid,
  -- Who receives it.
  recipient text not null check (recipient in ('custody', 'cps', 'court', 'probation', 'youth_justice', 'defence')),
  recipient_name text not null check (length(recipient_name) between 2 and 200),
  -- The custody suite or court it is shared with; its staff then see it.
  site_id uuid,
  disclosure_kind text not null check (disclosure_kind in ('information', 'custody_advice', 'court_report', 'condition_compliance')),
  content text not null check (length(content) between 1 and 20000),
  purpose text not null check (length(purpose) between 1 and 1000),
  basis text not null check (basis in ('consent', 'legal_basis')),
  -- The screen whose recorded consent to share with justice agencies this relies on.
  consent_screening_id uuid references screening(id),
  legal_basis text check (legal_basis in ('serious_harm', 'safeguarding', 'crime_and_disorder_act', 'court_order')),
  -- Why consent is not relied on (refused, lacks capacity, not possible to ask).
  legal_basis_reason text not null default '' check (length(legal_basis_reason) <= 2000),
  disclosure_status text not null check (disclosure_status in ('awaiting_approval', 'disclosed', 'not_approved')),
  requested_by uuid not null references app_user(id),
  requested_at timestamptz not null,
  approved_by uuid references app_user(id),
  decided_at timestamptz,
  decision_reason text not null default '' check (length(decision_reason) <= 1000),
  disclosed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  foreign key (service_id, site_id) references site(service_id, id),
  check ((basis = 'consent') = (consent_screening_id is not null)),
  check ((basis = 'legal_basis') = (legal_basis is not null)),
  check (basis = 'consent' or length(legal_basis_reason) > 0),
  check ((disclosure_status = 'disclosed') = (disclosed_at is not null)),
  check (disclosure_status <> 'disclosed' or basis = 'consent' or approved_by is not null)
);
create index disclosure_person on disclosure (person_id, requested_at desc);
create index disclosure_case on disclosure (case_id) where case_id is not null;
create index disclosure_site on disclosure (site_id, disclosed_at desc) where disclosure_status = 'disclosed';
create index disclosure_awaiting on disclosure (service_id, requested_at) where disclosure_status = 'awaiting_approval';

-- Structured advice to custody; its text is shared as a disclosure to the custody staff of the site.
create table custody_advice (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  person_id uuid not null,
  referral_id uuid not null,
  site_id uuid not null,
  fit_for_interview text not null check (fit_for_interview in ('fit', 'fit_with_support', 'not_fit', 'not_yet_known')),
  fitness_notes text not null default '' check (length(fitness_notes) <= 1000),
  appropriate_adult_needed boolean not null,
  risk_level text not null check (risk_level in ('low', 'medium', 'high')),
  risk_management text not null default '' check (length(risk_management) <= 2000),
  healthcare_review_needed boolean not null,
  healthcare_review_reason text not null default '' check (length(healthcare_review_reason) <= 1000),
  suggested_referral text not null default '' check (length(suggested_referral) <= 1000),
  disclosure_id uuid not null unique references disclosure(id),
  given_by uuid not null references app_user(id),
  given_at timestamptz not null,
  foreign key (service_id, person_id) references person(service_id, id),
  foreign key (service_id, referral_id) references referral(service_id, id),
  foreign key (service_id, site_id) references site(service_id, id)
);
create index custody_advice_referral on custody_advice (referral_id);

-- A report for a hearing. Each version is a row; an issued version is never edited, a new version is drafted instead.
create table court_report (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  person_id uuid not null,
  case_id uuid not null,
  court_site_id uuid not null,
  hearing_on date not null,
  -- The day the court needs it by (on or before the hearing).
  due_on date not null check (due_on <= hearing_on),
  purpose text not null check (purpose in ('bail', 'remand', 'sentence', 'fitness_to_plead')),
  -- The contacts and engagement of this range are pulled into the report.
  period_from date not null,
  period_to date not null check (period_to >= period_from),
  -- { background, needs, support, options, recommendations }
  sections jsonb not null default '{}',
  report_version integer not null default 1 check (report_version >= 1),
  -- The first version of this report; all versions share it.
  first_version_id uuid references court_report(id),
  report_state text not null default 'draft' check (report_state in ('draft', 'awaiting_sign_off', 'issued', 'superseded')),
  basis text not null default 'consent' check (basis in ('consent', 'legal_basis')),
  legal_basis text check (legal_basis in ('serious_harm', 'safeguarding', 'crime_and_disorder_act', 'court_order')),
  legal_basis_reason text not null default '' check (length(legal_basis_reason) <= 2000),
  drafted_by uuid not null references app_user(id),
  submitted_by uuid references app_user(id),
  submitted_at timestamptz,
  returned_reason text not null default '' check (length(returned_reason) <= 1000),
  signed_off_by uuid references app_user(id),
  issued_at timestamptz,
  pdf bytea,
  disclosure_id uuid unique references disclosure(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  foreign key (service_id, court_site_id) references site(service_id, id),
  check ((report_state in ('issued', 'superseded')) = (issued_at is not null and signed_off_by is not null and pdf is not null and disclosure_id is not null))
);
create index court_report_case on court_report (case_id, created_at);
create index court_report_due on court_report (service_id, due_on) where report_state in ('draft', 'awaiting_sign_off');
create unique index court_report_one_version on court_report (coalesce(first_version_id, id), report_version);

-- What the justice system decided at each step.
create table disposal (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  person_id uuid not null,
  case_id uuid,
  disposal_kind text not null check (disposal_kind in (
    'no_further_action', 'community_resolution', 'outcome_22', 'youth_caution', 'youth_conditional_caution',
    'adult_conditional_caution', 'charge', 'bail', 'remand', 'sentence')),
  decided_on date not null,
  -- Who decided: the police, the CPS or a court, in words (e.g. "Northgate Magistrates' Court").
  decided_by text not null default '' check (length(decided_by) <= 200),
  offence text not null default '' check (length(offence) <= 500),
  bail_conditions text not null default '' check (length(bail_conditions) <= 2000),
  sentence_kind text check (sentence_kind in ('community_order', 'suspended_sentence', 'custody', 'fine', 'discharge')),
  treatment_requirements text[] not null default '{}' check (treatment_requirements <@ array['mental_health', 'drug', 'alcohol']::text[]),
  unpaid_work_hours integer check (unpaid_work_hours between 1 and 300),
  custody_months integer check (custody_months between 1 and 600),
  notes text not null default '' check (length(notes) <= 2000),
  recorded_by uuid not null references app_user(id),
  recorded_at timestamptz not null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  check (sentence_kind is null or disposal_kind = 'sentence'),
  check (unpaid_work_hours is null or disposal_kind = 'sentence')
);
create index disposal_person on disposal (person_id, decided_on desc);
create index disposal_case on disposal (case_id) where case_id is not null;

-- A condition of a conditional caution, with its deadline and compliance; it may rest on work in the plan.
create table disposal_condition (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  disposal_id uuid not null,
  description text not null check (length(description) between 2 and 500),
  deadline_on date not null,
  compliance text not null default 'in_progress' check (compliance in ('in_progress', 'met', 'not_met')),
  compliance_on date,
  plan_intervention_id uuid,
  -- The latest report of compliance to the justice agency.
  reported_disclosure_id uuid references disclosure(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (service_id, disposal_id) references disposal(service_id, id),
  foreign key (service_id, plan_intervention_id) references plan_intervention(service_id, id),
  check ((compliance = 'in_progress') = (compliance_on is null))
);
create index disposal_condition_disposal on disposal_condition (disposal_id);

-- Community payback (unpaid work) hours completed against a sentence.
create table payback_hours (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  disposal_id uuid not null,
  worked_on date not null,
  hours numeric(4, 1) not null check (hours > 0 and hours <= 12),
  recorded_by uuid not null references app_user(id),
  recorded_at timestamptz not null,
  foreign key (service_id, disposal_id) references disposal(service_id, id)
);
create index payback_hours_disposal on payback_hours (disposal_id);

-- Mental health awareness training given to police and court staff.
create table training_session (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references service(id),
  delivered_on date not null,
  audience text not null check (audience in ('police', 'court', 'probation', 'youth_justice', 'other')),
  site_id uuid,
  topic text not null check (length(topic) between 2 and 200),
  attendees integer not null check (attendees between 1 and 500),
  trainer text not null check (length(trainer) between 2 and 200),
  notes text not null default '' check (length(notes) <= 1000),
  recorded_by uuid not null references app_user(id),
  recorded_at timestamptz not null,
  foreign key (service_id, site_id) references site(service_id, id)
);
create index training_session_service on training_session (service_id, delivered_on desc);
