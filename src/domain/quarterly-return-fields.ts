// The fields of the quarterly return, one row per referral received in the quarter: what each column holds and how a
// referral's facts become coded values. No name, NHS number, PNC ID, date of birth or free text is ever a field.
import { reportingAgeBand } from './age-bands.js';
import type { ClosureReason } from './closure.js';
import { isEthnicCategory } from './ethnicity.js';
import { PATHWAYS, PATHWAY_LABELS, type Pathway } from './pathways.js';
import type { CsvValue } from './quarterly-return-csv.js';
import { isDomainFinding, VULNERABILITY_DOMAINS, VULNERABILITY_DOMAIN_LABELS } from './vulnerability-domains.js';

/** A column of the return: its name in the files and what it holds, for the Fields sheet and the documentation. */
export type ReturnField = { name: string; description: string };

/** What the return reads about one referral (gathered by the service; dates 'YYYY-MM-DD', London). */
export type ReferralFacts = {
  /** The pseudonymised person key (see `personKey`), or null when the referral was never matched to a person. */
  personKey: string | null;
  siteCode: string;
  source: string;
  referredOn: string;
  /** The person's date of birth, else the one given on the referral: used for the age band only, never written out. */
  dateOfBirth: string | null;
  sex: string | null;
  ethnicityCode: string | null;
  /** The completed screen's finding per vulnerability domain, or null when the referral has no completed screen. */
  findings: Readonly<Record<string, { finding: string }>> | null;
  screenedOn: string | null;
  /** Whole minutes from arrival (or the referral) to the completed screen, rounded down; null without a screen. */
  minutesToScreen: number | null;
  fullAssessment: boolean;
  caseOpenedOn: string | null;
  planAgreedOn: string | null;
  closureReason: ClosureReason | null;
  /** At closure, whether any onward referral's exit status was 'engaged'; null while the case is open or without one. */
  engagedAtExit: boolean | null;
  /** Onward referrals sent in the case, by pathway. */
  onwardByPathway: Readonly<Partial<Record<Pathway, number>>>;
  disclosures: number;
  courtReports: number;
};

const domainField = (domain: string): string => `need_${domain}`;
const pathwayField = (pathway: string): string => `onward_${pathway}`;

/** Every column, in file order. */
export const RETURN_FIELDS: readonly ReturnField[] = [
  { name: 'person_key', description: 'Pseudonymised person key: the first 16 hexadecimal characters of HMAC-SHA256 of the person record under a secret held by the installation. The same person has the same key in every quarter; blank when the referral was not matched to a person.' },
  { name: 'site_code', description: 'Code of the site the referral came from (custody suite, court, police station or community base).' },
  { name: 'source', description: 'Who referred: custody_staff, court_staff, solicitor, probation, youth_justice, health, family, self or list_check.' },
  { name: 'referred_on', description: 'Date the referral was received (YYYY-MM-DD, UK time).' },
  { name: 'age_band', description: 'Age at the referral date: child (10-17), young_adult (18-24), adult (25+) or not_known.' },
  { name: 'sex', description: 'female, male, not_known or not_stated.' },
  { name: 'ethnicity_code', description: 'NHS ethnic category code (A to S, Z not stated, 99 not known).' },
  ...VULNERABILITY_DOMAINS.map((d) => ({ name: domainField(d), description: `Screening finding in the domain ${VULNERABILITY_DOMAIN_LABELS[d]}: identified, suspected, none or not_asked; blank when not screened.` })),
  { name: 'screened_on', description: 'Date the screen was completed; blank when not screened.' },
  { name: 'minutes_to_screen', description: 'Whole minutes from arrival (or the referral, when no arrival was recorded) to the completed screen, rounded down; blank when not screened.' },
  { name: 'full_assessment', description: 'y when a full assessment was completed in the case opened from the referral, else n.' },
  { name: 'case_opened_on', description: 'Date a case was opened from the referral; blank when none was.' },
  { name: 'plan_agreed_on', description: 'Date the support plan was agreed; blank when not agreed.' },
  { name: 'closure_reason', description: 'Why the case closed: plan_completed, disengaged, moved_away, transferred, in_custody, died or other; blank while open.' },
  { name: 'engaged_at_exit', description: 'y when at least one onward referral was engaged at closure, n when none was; blank while the case is open.' },
  ...PATHWAYS.map((p) => ({ name: pathwayField(p), description: `Onward referrals sent in the case on the pathway: ${PATHWAY_LABELS[p]}.` })),
  { name: 'disclosures', description: 'Disclosures made to justice agencies for the referral or its case.' },
  { name: 'court_reports', description: 'Court reports issued in the case (each report counted once, whatever its versions).' },
];

/** The header row: the field names in order. */
export const RETURN_HEADER: readonly string[] = RETURN_FIELDS.map((f) => f.name);

const yesNo = (value: boolean | null): string | null => (value === null ? null : value ? 'y' : 'n');
const CODE = /^[a-z0-9_]+$/;
/** A coded value passes only when it looks like a code, so free text can never leak through a coded column. */
const code = (value: string | null | undefined, fallback: string | null): string | null => (value && CODE.test(value) ? value : fallback);

/**
 * One referral as a row of coded values, in the order of `RETURN_HEADER`. Age band by `reportingAgeBand` at the
 * referral date; sex 'not_known' and ethnicity '99' when not recorded; a finding that is not one of the screening
 * findings is written 'not_asked'; any coded value that is not a lower-case code is replaced (source 'other',
 * site code kept as upper-case letters, digits and hyphens only). Counts are whole numbers, 0 when none.
 */
export function returnRecord(facts: ReferralFacts): CsvValue[] {
  const ethnicity = facts.ethnicityCode && isEthnicCategory(facts.ethnicityCode) ? facts.ethnicityCode : '99';
  const site = /^[A-Za-z0-9-]+$/.test(facts.siteCode) ? facts.siteCode : '';
  return [
    facts.personKey,
    site,
    code(facts.source, 'other'),
    facts.referredOn,
    reportingAgeBand(facts.dateOfBirth, facts.referredOn),
    code(facts.sex, 'not_known'),
    ethnicity,
    ...VULNERABILITY_DOMAINS.map((d) => {
      if (facts.findings === null) return null;
      const finding = facts.findings[d]?.finding;
      return isDomainFinding(finding) ? finding : 'not_asked';
    }),
    facts.screenedOn,
    facts.minutesToScreen,
    yesNo(facts.fullAssessment),
    facts.caseOpenedOn,
    facts.planAgreedOn,
    facts.closureReason,
    facts.closureReason === null ? null : yesNo(facts.engagedAtExit ?? false),
    ...PATHWAYS.map((p) => facts.onwardByPathway[p] ?? 0),
    facts.disclosures,
    facts.courtReports,
  ];
}
