-- The 12-week case: allocation, assessment, support plan, onward referrals and waits, contacts,
-- restorative sessions, closure, follow-up, transfers and amendments.

-- How long after closure a follow-up is due, per service.
alter table service add column follow_up_after_days integer not null default 84 check (follow_up_after_days between 7 and 730);

-- The case itself gains its worker, its plan clock and its closure.
alter table case_episode drop constraint case_episode_case_status_check;
alter table case_episode add constraint case_episode_case_status_check check (case_status in ('open', 'closure_requested', 'closed'));
-- A family member's linked case is opened from the assessment, not from a referral of its own.
alter table case_episode alter column referral_id drop not null;
alter table case_episode
  add column allocated_to uuid references app_user(id),
  add column allocated_at timestamptz,
  -- The family member's case this one was opened from (whole-family work).
  add column linked_from_case_id uuid,
  -- The 12-week clock starts on the day the support plan is agreed.
  add column plan_agreed_on date,
  add column closure_reason text check (closure_reason in (
    'plan_completed', 'disengaged', 'moved_away', 'transferred', 'in_custody', 'died', 'other')),
  add column closure_details text not null default '' check (length(closure_details) <= 2000),
  add column exit_summary text not null default '' check (length(exit_summary) <= 4000),
  add column closure_requested_by uuid references app_user(id),
  add column closure_requested_at timestamptz,
  add column closure_signed_off_by uuid references app_user(id),
  add column closed_on date,
  add column closed_at timestamptz,
  add column follow_up_due_on date,
  add constraint case_linked_from foreign key (service_id, linked_from_case_id) references case_episode(service_id, id),
  add constraint case_opened_from check (referral_id is not null or linked_from_case_id is not null),
  add constraint case_closed_whole check ((case_status = 'closed') = (closed_on is not null and closure_reason is not null and closed_at is not null));
create index case_episode_worker on case_episode (service_id, allocated_to, opened_at desc) where case_status <> 'closed';
create index case_episode_open on case_episode (service_id, opened_at desc) where case_status <> 'closed';
-- Covers the due list's "follow-up after closure" read, so it never visits the table for cases already followed up.
create index case_episode_follow_up on case_episode (service_id, follow_up_due_on) include (id, person_id, opened_at, plan_agreed_on, allocated_to, closed_on) where case_status = 'closed';

-- Every allocation and reallocation, with its reason: who held the case when.
create table case_allocation (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  case_id uuid not null,
  from_user_id uuid references app_user(id),
  to_user_id uuid not null references app_user(id),
  reason text not null default '' check (length(reason) <= 500),
  allocated_by uuid not null references app_user(id),
  allocated_at timestamptz not null,
  foreign key (service_id, case_id) references case_episode(service_id, id)
);
create index case_allocation_case on case_allocation (case_id, allocated_at);

-- The full assessment: needs per vulnerability domain, strengths, risk, safeguarding, family.
create table assessment (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  case_id uuid not null unique,
  person_id uuid not null,
  -- { domain: { need: none|low|medium|high, evidence, wants } }
  needs jsonb not null default '{}',
  strengths text not null default '' check (length(strengths) <= 4000),
  risk_to_self text not null default '' check (length(risk_to_self) <= 4000),
  risk_to_others text not null default '' check (length(risk_to_others) <= 4000),
  risk_level text check (risk_level in ('low', 'medium', 'high')),
  -- [ { concern: child_at_risk|adult_at_risk, details, actionTaken } ]
  safeguarding jsonb not null default '[]',
  -- [ { personId, offerSupport: yes|no|not_now, notes } ]
  family jsonb not null default '[]',
  assessment_status text not null default 'draft' check (assessment_status in ('draft', 'completed')),
  assessed_by uuid not null references app_user(id),
  started_at timestamptz not null,
  completed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  check ((assessment_status = 'completed') = (completed_at is not null))
);

-- The interventions a service offers, which support plans choose from.
create table intervention (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null references service(id),
  name text not null check (length(name) between 2 and 120),
  description text not null default '' check (length(description) <= 1000),
  -- Run as restorative sessions by volunteer facilitators.
  is_restorative boolean not null default false,
  -- The offences it answers; empty means it answers a need, whatever the offence.
  offence_categories text[] not null default '{}',
  is_active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, name),
  unique (service_id, id)
);

-- The support plan: goals in the person's words, exit strategy from day one, review cadence.
create table support_plan (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  case_id uuid not null unique,
  -- [ "goal in the person's own words", ... ]
  goals jsonb not null default '[]',
  exit_strategy text not null default '' check (length(exit_strategy) <= 4000),
  plan_status text not null default 'draft' check (plan_status in ('draft', 'agreed')),
  agreed_on date,
  agreed_by uuid references app_user(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  check ((plan_status = 'agreed') = (agreed_on is not null))
);

create table plan_intervention (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  case_id uuid not null,
  intervention_id uuid not null,
  -- Why this is proportionate to the offence and the person's needs.
  rationale text not null default '' check (length(rationale) <= 1000),
  intervention_status text not null default 'planned' check (intervention_status in ('planned', 'booked', 'completed', 'not_completed')),
  added_by uuid not null references app_user(id),
  added_at timestamptz not null,
  unique (service_id, id),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  foreign key (service_id, intervention_id) references intervention(service_id, id)
);
create index plan_intervention_case on plan_intervention (case_id);

-- Review dates of the plan; a review is done when it has a completed date.
create table plan_review (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  case_id uuid not null,
  due_on date not null,
  completed_on date,
  notes text not null default '' check (length(notes) <= 4000),
  reviewed_by uuid references app_user(id),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  unique (case_id, due_on)
);
create index plan_review_open on plan_review (service_id, due_on) where completed_on is null;

-- More than 12 weeks of direct support: a reason, a new end date, and a manager's approval.
create table case_extension (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  case_id uuid not null,
  reason text not null check (length(reason) between 1 and 2000),
  new_end_on date not null,
  requested_by uuid not null references app_user(id),
  requested_at timestamptz not null,
  decision text check (decision in ('approved', 'refused')),
  decided_by uuid references app_user(id),
  decided_on date,
  foreign key (service_id, case_id) references case_episode(service_id, id),
  check ((decision is null) = (decided_by is null and decided_on is null))
);
create index case_extension_case on case_extension (case_id);
create index case_extension_pending on case_extension (service_id) where decision is null;

-- A referral from L&D on to a partner service, its lifecycle as a timeline, and support while it waits.
create table onward_referral (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  case_id uuid not null,
  person_id uuid not null,
  partner_organisation_id uuid not null,
  reason text not null check (length(reason) between 1 and 2000),
  onward_state text not null default 'draft' check (onward_state in (
    'draft', 'sent', 'accepted', 'declined', 'waiting', 'first_appointment_booked', 'attended',
    'engaged', 'disengaged', 'did_not_attend', 'withdrawn')),
  sent_on date,
  state_changed_on date not null,
  first_appointment_on date,
  -- Recorded at closure: where the person stood with this service when L&D support ended.
  exit_status text check (exit_status in (
    'engaged', 'waiting', 'disengaged', 'did_not_attend', 'declined', 'withdrawn', 'not_known')),
  created_by uuid not null references app_user(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, id),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  foreign key (service_id, partner_organisation_id) references partner_organisation(service_id, id)
);
create index onward_referral_case on onward_referral (case_id);
create index onward_referral_partner on onward_referral (partner_organisation_id, state_changed_on desc);
create index onward_referral_waiting on onward_referral (service_id, sent_on) where onward_state in ('sent', 'accepted', 'waiting');

create table onward_referral_event (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  onward_referral_id uuid not null,
  from_state text,
  to_state text not null,
  occurred_on date not null,
  reason text not null default '' check (length(reason) <= 1000),
  recorded_by uuid not null references app_user(id),
  recorded_at timestamptz not null,
  foreign key (service_id, onward_referral_id) references onward_referral(service_id, id)
);
create index onward_referral_event_referral on onward_referral_event (onward_referral_id, recorded_at);

create table interim_support (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  onward_referral_id uuid not null,
  what text not null check (length(what) between 1 and 500),
  offered_by text not null check (length(offered_by) between 1 and 160),
  offered_on date not null,
  taken_up text not null default 'not_yet' check (taken_up in ('yes', 'no', 'not_yet')),
  notes text not null default '' check (length(notes) <= 2000),
  recorded_by uuid not null references app_user(id),
  recorded_at timestamptz not null,
  foreign key (service_id, onward_referral_id) references onward_referral(service_id, id)
);
create index interim_support_referral on interim_support (onward_referral_id);

-- Appointments and contacts: meetings, calls, home visits, accompanied first appointments.
create table contact (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  case_id uuid not null,
  person_id uuid not null,
  contact_kind text not null check (contact_kind in ('meeting', 'phone_call', 'video_call', 'home_visit', 'accompanied_appointment', 'outreach')),
  starts_at timestamptz not null,
  place text not null default '' check (length(place) <= 200),
  with_whom text not null default '' check (length(with_whom) <= 200),
  worker_id uuid references app_user(id),
  worker_went_too boolean not null default false,
  outcome text check (outcome in ('attended', 'late', 'did_not_attend', 'cancelled_by_person', 'cancelled_by_service')),
  notes text not null default '' check (length(notes) <= 4000),
  outcome_recorded_at timestamptz,
  recorded_by uuid not null references app_user(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, id),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  check ((outcome is null) = (outcome_recorded_at is null))
);
create index contact_case_time on contact (case_id, starts_at desc);

-- Restorative sessions run by volunteer facilitators, and the people booked on them from their plans.
create table restorative_session (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  intervention_id uuid not null,
  starts_at timestamptz not null,
  place text not null check (length(place) between 1 and 200),
  facilitator_id uuid references app_user(id),
  places integer not null check (places between 1 and 50),
  created_by uuid not null references app_user(id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (service_id, id),
  foreign key (service_id, intervention_id) references intervention(service_id, id)
);
create index restorative_session_time on restorative_session (service_id, starts_at);
create index restorative_session_facilitator on restorative_session (facilitator_id, starts_at);

create table restorative_booking (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  session_id uuid not null,
  case_id uuid not null,
  person_id uuid not null,
  plan_intervention_id uuid not null,
  attendance text check (attendance in ('attended', 'did_not_attend')),
  attendance_recorded_by uuid references app_user(id),
  attendance_recorded_at timestamptz,
  booked_by uuid not null references app_user(id),
  booked_at timestamptz not null,
  foreign key (service_id, session_id) references restorative_session(service_id, id),
  foreign key (service_id, case_id) references case_episode(service_id, id),
  foreign key (service_id, person_id) references person(service_id, id),
  foreign key (service_id, plan_intervention_id) references plan_intervention(service_id, id),
  unique (session_id, case_id)
);
create index restorative_booking_case on restorative_booking (case_id);

-- The check some months after closure: still engaged with each service? any new arrest known?
create table follow_up (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  case_id uuid not null unique,
  -- { onwardReferralId: yes|no|not_known }
  still_engaged jsonb not null default '{}',
  new_arrest text not null check (new_arrest in ('yes', 'no', 'not_known')),
  notes text not null default '' check (length(notes) <= 2000),
  followed_up_on date not null,
  recorded_by uuid not null references app_user(id),
  recorded_at timestamptz not null,
  foreign key (service_id, case_id) references case_episode(service_id, id)
);

-- Corrections of recorded facts: the old value is kept with the reason and who corrected it.
create table amendment (
  id uuid primary key default gen_random_uuid(),
  service_id uuid not null,
  person_id uuid,
  case_id uuid,
  subject_type text not null check (length(subject_type) between 1 and 60),
  subject_id uuid not null,
  field text not null check (length(field) between 1 and 60),
  old_value jsonb,
  new_value jsonb,
  reason text not null check (length(reason) between 1 and 1000),
  amended_by uuid not null references app_user(id),
  amended_at timestamptz not null
);
create index amendment_subject on amendment (subject_type, subject_id, amended_at);
create index amendment_case on amendment (case_id, amended_at) where case_id is not null;

-- A person moved from one service to another in the same installation: the receiving service gets a
-- record of its own (person_id → to_person_id); the sending service keeps its cases, marked transferred.
create table person_transfer (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null unique,
  to_person_id uuid not null unique,
  from_service_id uuid not null references service(id),
  to_service_id uuid not null references service(id),
  reason text not null check (length(reason) between 1 and 1000),
  transferred_by uuid not null references app_user(id),
  transferred_at timestamptz not null,
  check (from_service_id <> to_service_id)
);
