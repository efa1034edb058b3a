// The tables as Kysely sees them. Keep in step with the SQL files in ./migrations.
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../domain/roles.js';
import type { SiteKind } from '../domain/site-kinds.js';
import type { Pathway } from '../domain/pathways.js';
import type { Relationship } from '../domain/relationships.js';
import type { OnwardReferralState } from '../domain/onward-referral-state.js';
import type { ContactOutcome } from '../domain/engagement.js';
import type { ClosureReason } from '../domain/closure.js';
import type { NeedLevel } from '../domain/assessment-form.js';
import type { ContactKind } from '../domain/contact-rules.js';
import type { DisclosureKind, DisclosureRecipient, DisclosureBasis, LegalBasis, DisclosureStatus } from '../domain/disclosure-basis.js';
import type { CourtReportPurpose, CourtReportSections, CourtReportState } from '../domain/court-report-state.js';
import type { Compliance, DisposalKind, SentenceKind, TreatmentRequirement } from '../domain/disposals.js';
import type { CustodyRiskLevel, FitnessForInterview } from '../domain/custody-advice.js';

export type { ClosureReason, ContactKind };

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Version = ColumnType<number, number | undefined, number>;

export interface ServiceTable {
  id: Generated<string>;
  code: string;
  name: string;
  provider: Generated<string>;
  commissioner: Generated<string>;
  contact_email: Generated<string>;
  is_active: Generated<boolean>;
  follow_up_after_days: Generated<number>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SiteTable {
  id: Generated<string>;
  service_id: string;
  code: string;
  name: string;
  site_kind: SiteKind;
  address: Generated<string>;
  response_target_minutes: Generated<number>;
  is_active: Generated<boolean>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PartnerOrganisationTable {
  id: Generated<string>;
  service_id: string;
  name: string;
  pathway: Pathway;
  contact_name: Generated<string>;
  contact_phone: Generated<string>;
  contact_email: Generated<string>;
  typical_wait_days: number | null;
  is_active: Generated<boolean>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  email: Generated<string>;
  job_title: Generated<string>;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  totp_required: Generated<boolean>;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  is_active: Generated<boolean>;
  last_signed_in_at: Date | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  service_id: string | null;
  site_id: string | null;
  partner_organisation_id: string | null;
  created_at: CreatedAt;
  created_by: string | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  role_grant_id: string | null;
  second_factor_pending: Generated<boolean>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ip_address: string | null;
  user_agent: string | null;
}

export interface InstallationSecretTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

export interface AuditEventTable {
  id: Generated<number>;
  occurred_at: Date;
  user_id: string | null;
  username: string | null;
  role: string | null;
  service_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  person_id: string | null;
  reason: string | null;
  ip_address: string | null;
  user_agent: string | null;
  detail: ColumnType<Record<string, unknown> | null, string | null, never>;
  prev_hash: string;
  hash: string;
}

export type Sex = 'female' | 'male' | 'not_known' | 'not_stated';

export interface PersonTable {
  id: Generated<string>;
  service_id: string;
  given_name: string;
  family_name: string;
  preferred_name: Generated<string>;
  date_of_birth: string | null;
  sex: Generated<Sex>;
  gender_identity: Generated<string>;
  ethnicity_code: Generated<string>;
  first_language: Generated<string>;
  interpreter_needed: Generated<boolean>;
  address: Generated<string>;
  postcode: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  nhs_number: string | null;
  pnc_id: string | null;
  probation_crn: Generated<string>;
  is_veteran: Generated<boolean>;
  is_care_leaver: Generated<boolean>;
  known_risk: Generated<string>;
  search_name: ColumnType<string, never, never>;
  version: Version;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface PersonAliasTable {
  id: Generated<string>;
  service_id: string;
  person_id: string;
  given_name: string;
  family_name: string;
  search_name: ColumnType<string, never, never>;
  created_at: CreatedAt;
}

export interface PersonLinkTable {
  id: Generated<string>;
  service_id: string;
  person_id: string;
  related_person_id: string;
  relationship: Relationship;
  created_at: CreatedAt;
}

export type ReferralState = 'new' | 'being_screened' | 'screened' | 'assessment_needed' | 'no_further_action';
export type Urgency = 'routine' | 'urgent' | 'immediate';

export interface ReferralTable {
  id: Generated<string>;
  service_id: string;
  site_id: string;
  person_id: string | null;
  subject_given_name: string;
  subject_family_name: string;
  subject_date_of_birth: string | null;
  source: string;
  referrer_name: Generated<string>;
  referrer_role: Generated<string>;
  referred_by: string | null;
  arrived_at: Date | null;
  referred_at: Date;
  reason_for_concern: string;
  offence_category: Generated<string>;
  victim_involved: Generated<string>;
  custody_status: string;
  custody_record_number: Generated<string>;
  court_case_reference: Generated<string>;
  urgency: Generated<Urgency>;
  referral_state: Generated<ReferralState>;
  picked_up_by: string | null;
  picked_up_at: Date | null;
  screened_at: Date | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ScreeningTable {
  id: Generated<string>;
  service_id: string;
  referral_id: string;
  person_id: string;
  form_version: number;
  findings: ColumnType<Record<string, { finding: string; notes: string }>, string | undefined, string>;
  urgency: Generated<Urgency>;
  risk_in_custody: Generated<string>;
  consent: ColumnType<Record<string, { decision: string; decidedBy: string; notes: string }>, string | undefined, string>;
  child_pathway: ColumnType<Record<string, string> | null, string | null, string | null>;
  notes: Generated<string>;
  outcome: 'no_further_action' | 'advice_signpost' | 'full_assessment' | null;
  screening_status: Generated<'draft' | 'completed'>;
  /** Worked out by the database from the findings: the domains found 'identified', by name. */
  identified_domains: GeneratedAlways<string[]>;
  screened_by: string;
  started_at: Date;
  completed_at: Date | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CaseEpisodeTable {
  id: Generated<string>;
  service_id: string;
  person_id: string;
  referral_id: string | null;
  opened_at: Date;
  opened_by: string;
  case_status: Generated<CaseStatus>;
  allocated_to: string | null;
  allocated_at: Date | null;
  linked_from_case_id: string | null;
  plan_agreed_on: string | null;
  closure_reason: ClosureReason | null;
  closure_details: Generated<string>;
  exit_summary: Generated<string>;
  closure_requested_by: string | null;
  closure_requested_at: Date | null;
  closure_signed_off_by: string | null;
  closed_on: string | null;
  closed_at: Date | null;
  follow_up_due_on: string | null;
  /** Kept by the database: true once a follow-up is recorded (0017). */
  followed_up: Generated<boolean>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export type CaseStatus = 'open' | 'closure_requested' | 'closed';
/** A draft may hold a domain not yet graded (need null); a completed assessment grades every domain. */
export type AssessmentNeeds = Record<string, { need: NeedLevel | null; evidence: string; wants: string }>;
export type SafeguardingConcern = { concern: 'child_at_risk' | 'adult_at_risk'; details: string; actionTaken: string };
export type FamilyMemberOffer = { personId: string; offerSupport: 'yes' | 'no' | 'not_now'; notes: string };
export type OnwardExitStatus = 'engaged' | 'waiting' | 'disengaged' | 'did_not_attend' | 'declined' | 'withdrawn' | 'not_known';

export interface CaseAllocationTable {
  id: Generated<string>;
  service_id: string;
  case_id: string;
  from_user_id: string | null;
  to_user_id: string;
  reason: Generated<string>;
  allocated_by: string;
  allocated_at: Date;
  /** Tie-break for two allocations at the same instant. */
  seq: GeneratedAlways<number>;
}

export interface AssessmentTable {
  id: Generated<string>;
  service_id: string;
  case_id: string;
  person_id: string;
  needs: ColumnType<AssessmentNeeds, string | undefined, string>;
  strengths: Generated<string>;
  risk_to_self: Generated<string>;
  risk_to_others: Generated<string>;
  risk_level: 'low' | 'medium' | 'high' | null;
  safeguarding: ColumnType<SafeguardingConcern[], string | undefined, string>;
  family: ColumnType<FamilyMemberOffer[], string | undefined, string>;
  assessment_status: Generated<'draft' | 'completed'>;
  assessed_by: string;
  started_at: Date;
  completed_at: Date | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface InterventionTable {
  id: Generated<string>;
  service_id: string;
  name: string;
  description: Generated<string>;
  is_restorative: Generated<boolean>;
  offence_categories: ColumnType<string[], string[] | undefined, string[]>;
  is_active: Generated<boolean>;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SupportPlanTable {
  id: Generated<string>;
  service_id: string;
  case_id: string;
  goals: ColumnType<string[], string | undefined, string>;
  exit_strategy: Generated<string>;
  plan_status: Generated<'draft' | 'agreed'>;
  agreed_on: string | null;
  agreed_by: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PlanInterventionTable {
  id: Generated<string>;
  service_id: string;
  case_id: string;
  intervention_id: string;
  rationale: Generated<string>;
  intervention_status: Generated<'planned' | 'booked' | 'completed' | 'not_completed'>;
  added_by: string;
  added_at: Date;
}

export interface PlanReviewTable {
  id: Generated<string>;
  service_id: string;
  case_id: string;
  due_on: string;
  completed_on: string | null;
  notes: Generated<string>;
  reviewed_by: string | null;
}

export interface CaseExtensionTable {
  id: Generated<string>;
  service_id: string;
  case_id: string;
  reason: string;
  new_end_on: string;
  requested_by: string;
  requested_at: Date;
  decision: 'approved' | 'refused' | null;
  decided_by: string | null;
  decided_on: string | null;
}

export interface OnwardReferralTable {
  id: Generated<string>;
  service_id: string;
  case_id: string;
  person_id: string;
  partner_organisation_id: string;
  reason: string;
  onward_state: Generated<OnwardReferralState>;
  sent_on: string | null;
  state_changed_on: string;
  first_appointment_on: string | null;
  exit_status: OnwardExitStatus | null;
  created_by: string;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface OnwardReferralEventTable {
  id: Generated<string>;
  service_id: string;
  onward_referral_id: string;
  from_state: OnwardReferralState | null;
  to_state: OnwardReferralState;
  occurred_on: string;
  reason: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

export interface InterimSupportTable {
  id: Generated<string>;
  service_id: string;
  onward_referral_id: string;
  what: string;
  offered_by: string;
  offered_on: string;
  taken_up: Generated<'yes' | 'no' | 'not_yet'>;
  notes: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

export interface ContactTable {
  id: Generated<string>;
  service_id: string;
  case_id: string;
  person_id: string;
  contact_kind: ContactKind;
  starts_at: Date;
  place: Generated<string>;
  with_whom: Generated<string>;
  worker_id: string | null;
  worker_went_too: Generated<boolean>;
  outcome: ContactOutcome | null;
  notes: Generated<string>;
  outcome_recorded_at: Date | null;
  recorded_by: string;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RestorativeSessionTable {
  id: Generated<string>;
  service_id: string;
  intervention_id: string;
  starts_at: Date;
  place: string;
  facilitator_id: string | null;
  places: number;
  created_by: string;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RestorativeBookingTable {
  id: Generated<string>;
  service_id: string;
  session_id: string;
  case_id: string;
  person_id: string;
  plan_intervention_id: string;
  attendance: 'attended' | 'did_not_attend' | null;
  attendance_recorded_by: string | null;
  attendance_recorded_at: Date | null;
  booked_by: string;
  booked_at: Date;
}

export interface FollowUpTable {
  id: Generated<string>;
  service_id: string;
  case_id: string;
  still_engaged: ColumnType<Record<string, 'yes' | 'no' | 'not_known'>, string | undefined, string>;
  new_arrest: 'yes' | 'no' | 'not_known';
  notes: Generated<string>;
  followed_up_on: string;
  recorded_by: string;
  recorded_at: Date;
}

export interface AmendmentTable {
  id: Generated<string>;
  service_id: string;
  person_id: string | null;
  case_id: string | null;
  subject_type: string;
  subject_id: string;
  field: string;
  old_value: ColumnType<unknown, string | null, never>;
  new_value: ColumnType<unknown, string | null, never>;
  reason: string;
  amended_by: string;
  amended_at: Date;
}

export interface PersonTransferTable {
  id: Generated<string>;
  person_id: string;
  to_person_id: string;
  from_service_id: string;
  to_service_id: string;
  reason: string;
  transferred_by: string;
  transferred_at: Date;
}

export interface CourtListEntryTable {
  id: Generated<string>;
  service_id: string;
  site_id: string;
  hearing_date: string;
  hearing_time: Generated<string>;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  court_case_reference: Generated<string>;
  court_name: Generated<string>;
  charge: Generated<string>;
  matched_person_id: string | null;
  imported_by: string;
  imported_at: Date;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface DisclosureTable {
  id: Generated<string>;
  service_id: string;
  person_id: string;
  case_id: string | null;
  referral_id: string | null;
  recipient: DisclosureRecipient;
  recipient_name: string;
  site_id: string | null;
  disclosure_kind: DisclosureKind;
  content: string;
  purpose: string;
  basis: DisclosureBasis;
  consent_screening_id: string | null;
  legal_basis: LegalBasis | null;
  legal_basis_reason: Generated<string>;
  disclosure_status: DisclosureStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: Generated<string>;
  disclosed_at: Date | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CustodyAdviceTable {
  id: Generated<string>;
  service_id: string;
  person_id: string;
  referral_id: string;
  site_id: string;
  fit_for_interview: FitnessForInterview;
  fitness_notes: Generated<string>;
  appropriate_adult_needed: boolean;
  risk_level: CustodyRiskLevel;
  risk_management: Generated<string>;
  healthcare_review_needed: boolean;
  healthcare_review_reason: Generated<string>;
  suggested_referral: Generated<string>;
  disclosure_id: string;
  given_by: string;
  given_at: Date;
}

export interface CourtReportTable {
  id: Generated<string>;
  service_id: string;
  person_id: string;
  case_id: string;
  court_site_id: string;
  hearing_on: string;
  due_on: string;
  purpose: CourtReportPurpose;
  period_from: string;
  period_to: string;
  sections: ColumnType<CourtReportSections, string | undefined, string>;
  report_version: Generated<number>;
  first_version_id: string | null;
  report_state: Generated<CourtReportState>;
  basis: Generated<DisclosureBasis>;
  legal_basis: LegalBasis | null;
  legal_basis_reason: Generated<string>;
  drafted_by: string;
  submitted_by: string | null;
  submitted_at: Date | null;
  returned_reason: Generated<string>;
  signed_off_by: string | null;
  issued_at: Date | null;
  /** Buffer from a server, Uint8Array from PGlite: read with Buffer.from. */
  pdf: Uint8Array | null;
  disclosure_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DisposalTable {
  id: Generated<string>;
  service_id: string;
  person_id: string;
  case_id: string | null;
  disposal_kind: DisposalKind;
  decided_on: string;
  decided_by: Generated<string>;
  offence: Generated<string>;
  bail_conditions: Generated<string>;
  sentence_kind: SentenceKind | null;
  treatment_requirements: ColumnType<TreatmentRequirement[], TreatmentRequirement[] | undefined, TreatmentRequirement[]>;
  unpaid_work_hours: number | null;
  custody_months: number | null;
  notes: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DisposalConditionTable {
  id: Generated<string>;
  service_id: string;
  disposal_id: string;
  description: string;
  deadline_on: string;
  compliance: Generated<Compliance>;
  compliance_on: string | null;
  plan_intervention_id: string | null;
  reported_disclosure_id: string | null;
  version: Version;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface PaybackHoursTable {
  id: Generated<string>;
  service_id: string;
  disposal_id: string;
  worked_on: string;
  hours: number;
  recorded_by: string;
  recorded_at: Date;
}

export interface TrainingSessionTable {
  id: Generated<string>;
  service_id: string;
  delivered_on: string;
  audience: 'police' | 'court' | 'probation' | 'youth_justice' | 'other';
  site_id: string | null;
  topic: string;
  attendees: number;
  trainer: string;
  notes: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

export type JusticeEventOutcomeColumn = 'arrest' | 'charge' | 'caution' | 'conviction' | 'acquittal' | 'no_further_action';

export interface ReoffendingImportTable {
  id: Generated<string>;
  service_id: string;
  file_name: Generated<string>;
  imported_by: string;
  imported_at: Date;
  rows_read: number;
  events_added: number;
  already_held: number;
  /** Lines naming nobody known to the service. */
  unmatched: ColumnType<Array<{ line: number; message: string }>, string | undefined, string>;
  /** Lines refused. */
  problems: ColumnType<Array<{ line: number; message: string }>, string | undefined, string>;
}

export interface JusticeEventTable {
  id: Generated<string>;
  service_id: string;
  person_id: string;
  offence_on: string;
  outcome: JusticeEventOutcomeColumn;
  outcome_on: string;
  source: 'recorded' | 'imported';
  import_id: string | null;
  notes: Generated<string>;
  recorded_by: string;
  recorded_at: Date;
}

/** Attempts counted per key in fixed windows (migration 0012), shared by every instance. */
export interface RateLimitWindowTable {
  key: string;
  window_started_at: Date;
  hits: number;
}

/** When the embedded database was last vacuumed and analysed (migration 0013): one row, once it has run. */
export interface DatabaseUpkeepTable {
  only_row: Generated<boolean>;
  last_finished_at: Timestamp;
  seconds: number;
}

export interface Database {
  service: ServiceTable;
  site: SiteTable;
  partner_organisation: PartnerOrganisationTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  installation_secret: InstallationSecretTable;
  audit_event: AuditEventTable;
  schema_migration: SchemaMigrationTable;
  person: PersonTable;
  person_alias: PersonAliasTable;
  person_link: PersonLinkTable;
  referral: ReferralTable;
  screening: ScreeningTable;
  case_episode: CaseEpisodeTable;
  court_list_entry: CourtListEntryTable;
  case_allocation: CaseAllocationTable;
  assessment: AssessmentTable;
  intervention: InterventionTable;
  support_plan: SupportPlanTable;
  plan_intervention: PlanInterventionTable;
  plan_review: PlanReviewTable;
  case_extension: CaseExtensionTable;
  onward_referral: OnwardReferralTable;
  onward_referral_event: OnwardReferralEventTable;
  interim_support: InterimSupportTable;
  contact: ContactTable;
  restorative_session: RestorativeSessionTable;
  restorative_booking: RestorativeBookingTable;
  follow_up: FollowUpTable;
  amendment: AmendmentTable;
  person_transfer: PersonTransferTable;
  disclosure: DisclosureTable;
  custody_advice: CustodyAdviceTable;
  court_report: CourtReportTable;
  disposal: DisposalTable;
  disposal_condition: DisposalConditionTable;
  payback_hours: PaybackHoursTable;
  training_session: TrainingSessionTable;
  reoffending_import: ReoffendingImportTable;
  justice_event: JusticeEventTable;
  rate_limit_window: RateLimitWindowTable;
  database_upkeep: DatabaseUpkeepTable;
}

export type ServiceRow = Selectable<ServiceTable>;
export type SiteRow = Selectable<SiteTable>;
export type PartnerOrganisationRow = Selectable<PartnerOrganisationTable>;
export type AppUserRow = Selectable<AppUserTable>;
export type RoleGrantRow = Selectable<RoleGrantTable>;
export type PersonRow = Selectable<PersonTable>;
export type ReferralRow = Selectable<ReferralTable>;
export type ScreeningRow = Selectable<ScreeningTable>;
export type CaseEpisodeRow = Selectable<CaseEpisodeTable>;
export type AssessmentRow = Selectable<AssessmentTable>;
export type InterventionRow = Selectable<InterventionTable>;
export type SupportPlanRow = Selectable<SupportPlanTable>;
export type OnwardReferralRow = Selectable<OnwardReferralTable>;
export type ContactRow = Selectable<ContactTable>;
export type RestorativeSessionRow = Selectable<RestorativeSessionTable>;
export type DisclosureRow = Selectable<DisclosureTable>;
export type CustodyAdviceRow = Selectable<CustodyAdviceTable>;
export type CourtReportRow = Selectable<CourtReportTable>;
export type DisposalRow = Selectable<DisposalTable>;
export type DisposalConditionRow = Selectable<DisposalConditionTable>;
export type TrainingSessionRow = Selectable<TrainingSessionTable>;
export type JusticeEventRow = Selectable<JusticeEventTable>;
export type ReoffendingImportRow = Selectable<ReoffendingImportTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;
