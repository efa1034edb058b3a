// The screen of a referral: every vulnerability domain, consent and capacity per purpose, the children's pathway, the outcome.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CLINICAL_TEAM_ROLES } from '../../domain/roles.js';
import { VULNERABILITY_DOMAIN_LABELS, DOMAIN_FINDINGS, DOMAIN_FINDING_LABELS, REQUIRED_FOR_CHILD, type VulnerabilityDomain } from '../../domain/vulnerability-domains.js';
import {
  CHILD_PATHWAY_LABELS, CHILD_PATHWAY_QUESTIONS, CONSENT_DECISIONS, CONSENT_DECISION_LABELS, CONSENT_PURPOSES, CONSENT_PURPOSE_LABELS, SCREENING_FORMS, SCREEN_OUTCOMES, SCREEN_OUTCOME_LABELS,
  type ConsentDecision, type ScreenOutcome,
} from '../../domain/screening-form.js';
import { URGENCIES, URGENCY_LABELS, isOneOf } from '../../domain/referral-vocabulary.js';
import type { LabelledField } from '../../domain/version-differences.js';
import type { ScreeningRow } from '../../db/schema.js';
import type { ScreenSave } from '../../services/referrals/screenings.js';
import { ConflictError, ValidationError } from '../../services/errors.js';
import { errorSummary, formFields, versionField } from '../forms.js';
import { originOf, requireActor } from '../request-context.js';
import { conflictErrors, conflictView } from '../version-conflict.js';
import { bannerOf } from './people.js';

const team = { access: { roles: CLINICAL_TEAM_ROLES } } as const;
type Params = { referralId: string };

/** The questions of the screen asked once each; those asked per need or per purpose take their labels from the domain. */
const SCREEN_LABELS = {
  urgency: 'Urgency',
  riskInCustody: 'Risk in custody and how to manage it',
  decidedBy: 'If the person lacks capacity: who decided, and their role',
  outcome: 'What happens next?',
  notes: 'Notes',
} as const;

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, text: labels[value] }));

/** The screening form on `formVersion`, its questions in order: what the page shows, and what a conflict compares. */
function screenForm(formVersion: number, isChild: boolean) {
  const domains = (SCREENING_FORMS[formVersion]?.domains ?? []).map((d: VulnerabilityDomain) => ({
    domain: d, label: VULNERABILITY_DOMAIN_LABELS[d], notesLabel: `Notes on ${VULNERABILITY_DOMAIN_LABELS[d].toLowerCase()}`, requiredForChild: REQUIRED_FOR_CHILD.includes(d),
  }));
  const purposes = options(CONSENT_PURPOSES, CONSENT_PURPOSE_LABELS);
  const childQuestions = options(CHILD_PATHWAY_QUESTIONS, CHILD_PATHWAY_LABELS);
  const fields: LabelledField[] = [
    ...domains.flatMap((d) => [
      { name: `finding-${d.domain}`, label: d.label, choices: DOMAIN_FINDING_LABELS, blankMeans: 'not_asked' },
      { name: `notes-${d.domain}`, label: d.notesLabel },
    ]),
    { name: 'urgency', label: SCREEN_LABELS.urgency, choices: URGENCY_LABELS, blankMeans: 'routine' },
    { name: 'riskInCustody', label: SCREEN_LABELS.riskInCustody },
    ...purposes.flatMap((p) => [
      { name: `consent-${p.value}`, label: p.text, choices: CONSENT_DECISION_LABELS, blankMeans: 'not_asked' },
      { name: `decidedBy-${p.value}`, label: `${p.text} – ${SCREEN_LABELS.decidedBy}` },
    ]),
    ...(isChild ? childQuestions.map((q) => ({ name: `child-${q.value}`, label: q.text, choices: { yes: 'Yes', no: 'No' } })) : []),
    { name: 'outcome', label: SCREEN_LABELS.outcome, choices: SCREEN_OUTCOME_LABELS },
    { name: 'notes', label: SCREEN_LABELS.notes },
  ];
  return { domains, purposes, childQuestions, fields };
}

/** The form's fields from a stored screen. */
function valuesOf(s: ScreeningRow): Record<string, string> {
  const values: Record<string, string> = { urgency: s.urgency, riskInCustody: s.risk_in_custody, notes: s.notes, outcome: s.outcome ?? '', version: String(s.version) };
  for (const [domain, answer] of Object.entries(s.findings)) {
    values[`finding-${domain}`] = answer.finding;
    values[`notes-${domain}`] = answer.notes;
  }
  for (const [purpose, answer] of Object.entries(s.consent)) {
    values[`consent-${purpose}`] = answer.decision;
    values[`decidedBy-${purpose}`] = answer.decidedBy;
  }
  for (const [question, answer] of Object.entries(s.child_pathway ?? {})) values[`child-${question}`] = answer;
  return values;
}

/** A screen as the service saves it, from the posted form: unanswered questions are simply absent. */
function screenFrom(fields: Record<string, string>, formVersion: number): ScreenSave {
  const findings: ScreenSave['findings'] = {};
  for (const domain of SCREENING_FORMS[formVersion]?.domains ?? []) {
    const finding = fields[`finding-${domain}`];
    const notes = (fields[`notes-${domain}`] ?? '').trim();
    if (finding || notes) findings[domain] = { finding: (finding || 'not_asked') as never, notes };
  }
  const consent: ScreenSave['consent'] = {};
  for (const purpose of CONSENT_PURPOSES) {
    const decision = fields[`consent-${purpose}`];
    if (decision && isOneOf(CONSENT_DECISIONS, decision)) consent[purpose] = { decision: decision as ConsentDecision, decidedBy: (fields[`decidedBy-${purpose}`] ?? '').trim(), notes: '' };
  }
  const childPathway: NonNullable<ScreenSave['childPathway']> = {};
  for (const question of CHILD_PATHWAY_QUESTIONS) {
    const answer = fields[`child-${question}`];
    if (answer === 'yes' || answer === 'no') childPathway[question] = answer;
  }
  const outcome = isOneOf(SCREEN_OUTCOMES, fields.outcome) ? (fields.outcome as ScreenOutcome) : null;
  const urgency = isOneOf(URGENCIES, fields.urgency) ? fields.urgency : 'routine';
  return { findings, consent, childPathway, outcome, urgency, riskInCustody: (fields.riskInCustody ?? '').trim(), notes: (fields.notes ?? '').trim() };
}

export async function screeningRoutes(app: FastifyInstance) {
  const { services } = app;

  /** The screen's page; with `conflictWith`, `screening` is the latest saved and `values` what the user typed. */
  async function render(reply: FastifyReply, actor: ReturnType<typeof requireActor>, referralId: string, screening: ScreeningRow, values: Record<string, string>, extra: Record<string, unknown> & { conflictWith?: true } = {}) {
    const referral = await services.referrals.get(actor, referralId);
    const person = await services.people.get(actor, screening.person_id);
    const isChild = await services.screenings.isChildAtReferral(person.id, referral.referred_at);
    const form = screenForm(screening.form_version, isChild);
    const conflict = extra.conflictWith ? conflictView(form.fields, valuesOf(screening), values, screening.updated_at) : null;
    return reply.page('pages/referrals/screen.njk', {
      title: `Screen: ${person.given_name} ${person.family_name}`,
      referral,
      ...bannerOf(person, services.clock.now()),
      screening,
      isChild,
      values,
      labels: SCREEN_LABELS,
      domains: form.domains,
      findings: options(DOMAIN_FINDINGS, DOMAIN_FINDING_LABELS),
      purposes: form.purposes,
      decisions: options(CONSENT_DECISIONS, CONSENT_DECISION_LABELS),
      childQuestions: form.childQuestions,
      outcomes: options(SCREEN_OUTCOMES, SCREEN_OUTCOME_LABELS),
      urgencies: options(URGENCIES, URGENCY_LABELS),
      backHref: `/referrals/${referralId}`,
      ...extra,
      conflict,
    });
  }

  app.get<{ Params: Params }>('/referrals/:referralId/screen', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    try {
      const screening = await services.screenings.open(actor, request.params.referralId, originOf(request));
      return render(reply, actor, request.params.referralId, screening, valuesOf(screening));
    } catch (error) {
      if (error instanceof ValidationError) return reply.redirect(`/referrals/${request.params.referralId}`, 303);
      throw error;
    }
  });

  app.post<{ Params: Params }>('/referrals/:referralId/screen', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const screening = await services.screenings.forReferral(actor, request.params.referralId);
    if (!screening) return reply.redirect(`/referrals/${request.params.referralId}/screen`, 303);
    const fields = formFields(request);
    const completing = fields.action === 'complete';
    try {
      const version = versionField(fields);
      if (version === null) throw new ConflictError(screening);
      const { caseId } = await services.screenings.save(actor, request.params.referralId, version, screenFrom(fields, screening.form_version), completing, originOf(request));
      return reply.redirect(`/referrals/${request.params.referralId}?saved=${completing ? (caseId ? 'case' : 'screen') : 'draft'}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) {
        const ids: Record<string, string> = {};
        for (const key of Object.keys(error.fieldErrors)) if (/^(finding|consent|child)-/.test(key)) ids[key] = `${key}-1`;
        return render(reply.code(400), actor, request.params.referralId, screening, fields, { errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors, { ...ids, outcome: 'outcome-1' }) });
      }
      if (error instanceof ConflictError) {
        const latest = error.current as ScreeningRow;
        const message = 'Someone else saved this screen while you were working on it. Your answers are below and have not been saved: check them against the latest screen and save again.';
        return render(reply.code(409), actor, request.params.referralId, latest, { ...fields, version: String(latest.version) }, { conflictWith: true, ...conflictErrors(message) });
      }
      throw error;
    }
  });
}
