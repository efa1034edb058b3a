// The assessment form's fields: from a posted form to an assessment draft, and back to the values the form shows.
import {
  ASSESSMENT_DOMAINS, ASSESSMENT_LIMITS, FAMILY_OFFERS, FAMILY_OFFER_LABELS, NEED_LEVELS, NEED_LEVEL_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS,
  SAFEGUARDING_CONCERNS, SAFEGUARDING_CONCERN_LABELS, type AssessmentDraft, type SafeguardingEntry,
} from '../../../domain/assessment-form.js';
import { isOneOf } from '../../../domain/referral-vocabulary.js';
import { VULNERABILITY_DOMAIN_LABELS } from '../../../domain/vulnerability-domains.js';
import type { LabelledField } from '../../../domain/version-differences.js';

/** The assessment form's questions; those asked per need, concern or family member are named with it. */
export const ASSESSMENT_LABELS = {
  need: 'Level of need',
  evidence: 'Evidence',
  wants: 'What the person wants',
  strengths: 'What is going well for the person: skills, interests, people who support them',
  riskToSelf: 'Risk to self',
  riskToOthers: 'Risk to others',
  riskLevel: 'Risk level',
  concern: 'Who is at risk?',
  details: 'Details',
  actionTaken: 'Action taken',
  familyNotes: 'Notes',
} as const;

/** The question asked about each family member. */
export const familyOfferQuestion = (givenName: string) => `Could ${givenName} be offered support themselves?`;

/**
 * Every question of the form, in its order, labelled to be read on its own: for comparing two versions of an
 * assessment with `safeguardingRows` concerns and these family members.
 */
export function assessmentFields(safeguardingRows: number, family: ReadonlyArray<{ personId: string; givenName: string; familyName: string }>): LabelledField[] {
  const L = ASSESSMENT_LABELS;
  return [
    ...ASSESSMENT_DOMAINS.flatMap((domain) => {
      const area = VULNERABILITY_DOMAIN_LABELS[domain];
      return [
        { name: `need-${domain}`, label: `${area} – ${L.need}`, choices: NEED_LEVEL_LABELS, blankText: 'Not graded' },
        { name: `evidence-${domain}`, label: `${area} – ${L.evidence}` },
        { name: `wants-${domain}`, label: `${area} – ${L.wants}` },
      ];
    }),
    { name: 'strengths', label: L.strengths },
    { name: 'riskToSelf', label: L.riskToSelf },
    { name: 'riskToOthers', label: L.riskToOthers },
    { name: 'riskLevel', label: L.riskLevel, choices: RISK_LEVEL_LABELS },
    ...Array.from({ length: safeguardingRows }, (_, i) => {
      const concern = `Safeguarding concern ${i + 1}`;
      return [
        { name: `safeguarding-${i}-concern`, label: `${concern} – ${L.concern}`, choices: SAFEGUARDING_CONCERN_LABELS },
        { name: `safeguarding-${i}-details`, label: `${concern} – ${L.details}` },
        { name: `safeguarding-${i}-actionTaken`, label: `${concern} – ${L.actionTaken}` },
      ];
    }).flat(),
    ...family.flatMap((f) => [
      { name: `family-${f.personId}-offer`, label: `${f.givenName} ${f.familyName} – ${familyOfferQuestion(f.givenName)}`, choices: FAMILY_OFFER_LABELS },
      { name: `family-${f.personId}-notes`, label: `${f.givenName} ${f.familyName} – ${L.familyNotes}` },
    ]),
  ];
}

/** Blank safeguarding rows offered below those recorded, so a concern can be added without JavaScript. */
export const BLANK_SAFEGUARDING_ROWS = 2;
const MAX_ROWS = ASSESSMENT_LIMITS.concerns + BLANK_SAFEGUARDING_ROWS;

/** The draft a posted form describes: blank safeguarding rows are dropped; family answers only for `familyIds`. */
export function draftFrom(fields: Record<string, string>, familyIds: readonly string[]): AssessmentDraft {
  const text = (name: string) => (fields[name] ?? '').trim();
  const needs: AssessmentDraft['needs'] = {};
  for (const domain of ASSESSMENT_DOMAINS) {
    const level = fields[`need-${domain}`];
    const answer = { need: isOneOf(NEED_LEVELS, level) ? level : null, evidence: text(`evidence-${domain}`), wants: text(`wants-${domain}`) };
    if (answer.need || answer.evidence || answer.wants) needs[domain] = answer;
  }
  const rows = Math.min(Number(fields.safeguardingRows) || 0, MAX_ROWS);
  const safeguarding: SafeguardingEntry[] = [];
  for (let i = 0; i < rows; i++) {
    const concern = fields[`safeguarding-${i}-concern`];
    const entry = { concern: isOneOf(SAFEGUARDING_CONCERNS, concern) ? concern : null, details: text(`safeguarding-${i}-details`), actionTaken: text(`safeguarding-${i}-actionTaken`) };
    if (entry.concern || entry.details || entry.actionTaken) safeguarding.push(entry);
  }
  const family = familyIds.map((personId) => {
    const offer = fields[`family-${personId}-offer`];
    return { personId, offerSupport: isOneOf(FAMILY_OFFERS, offer) ? offer : null, notes: text(`family-${personId}-notes`) };
  });
  const riskLevel = fields.riskLevel;
  return { needs, strengths: text('strengths'), riskToSelf: text('riskToSelf'), riskToOthers: text('riskToOthers'), riskLevel: isOneOf(RISK_LEVELS, riskLevel) ? riskLevel : null, safeguarding, family };
}

/** The form's values for a draft, at `version`; the number of safeguarding rows to show is `safeguardingRows`. */
export function valuesOf(draft: AssessmentDraft, version: number): Record<string, string> {
  const values: Record<string, string> = {
    version: String(version),
    strengths: draft.strengths,
    riskToSelf: draft.riskToSelf,
    riskToOthers: draft.riskToOthers,
    riskLevel: draft.riskLevel ?? '',
    safeguardingRows: String(Math.min(draft.safeguarding.length + BLANK_SAFEGUARDING_ROWS, MAX_ROWS)),
  };
  for (const [domain, answer] of Object.entries(draft.needs)) {
    if (!answer) continue;
    values[`need-${domain}`] = answer.need ?? '';
    values[`evidence-${domain}`] = answer.evidence;
    values[`wants-${domain}`] = answer.wants;
  }
  draft.safeguarding.forEach((s, i) => {
    values[`safeguarding-${i}-concern`] = s.concern ?? '';
    values[`safeguarding-${i}-details`] = s.details;
    values[`safeguarding-${i}-actionTaken`] = s.actionTaken;
  });
  for (const f of draft.family) {
    values[`family-${f.personId}-offer`] = f.offerSupport ?? '';
    values[`family-${f.personId}-notes`] = f.notes;
  }
  return values;
}
