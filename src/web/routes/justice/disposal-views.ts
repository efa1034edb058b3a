// What the justice outcome pages show: each disposal as a card (its details, conditions with their compliance forms,
// unpaid work with its hours form), the choices of the new-outcome form, and those of the compliance report.
import type { SiteRow } from '../../../db/schema.js';
import { DISCLOSURE_RECIPIENTS, DISCLOSURE_RECIPIENT_LABELS, LEGAL_BASES, LEGAL_BASIS_LABELS, consentMissing } from '../../../domain/disclosure-basis.js';
import {
  COMPLIANCE_LABELS, COMPLIANCE_STATES, CONDITION_SLOTS, DISPOSAL_KINDS, DISPOSAL_KIND_LABELS, SENTENCE_KINDS, SENTENCE_KIND_LABELS,
  TREATMENT_REQUIREMENTS, TREATMENT_REQUIREMENT_LABELS, conditionField, disposalInWords, paybackHoursLeft, type Compliance,
} from '../../../domain/disposals.js';
import { londonDate } from '../../../domain/london-time.js';
import { isCourt } from '../../../domain/site-kinds.js';
import type { Role } from '../../../domain/roles.js';
import type { ComplianceReportDraft, DisposalView } from '../../../services/justice/disposals.js';
import type { PlanInterventionView } from '../../../services/cases/support-plans.js';
import type { FieldErrors } from '../../../services/errors.js';
import { dateBoxes, errorSummary } from '../../forms.js';
import { longDate } from '../../views.js';
import type { ConflictView } from '../../version-conflict.js';

export const COMPLIANCE_TAG_CLASSES: Record<Compliance, string> = { in_progress: 'nhsuk-tag--blue', met: 'nhsuk-tag--green', not_met: 'nhsuk-tag--red' };

/** The questions of a condition's compliance form. */
export const COMPLIANCE_QUESTIONS = { compliance: 'Where does the condition stand?', complianceOn: 'Date it was met or not met' } as const;

/** A form on the list page posted with problems, or refused as stale (`conflict`): shown again, open, with the user's input. */
export type CardForms = {
  compliance?: { conditionId: string; values: Record<string, string>; errors: FieldErrors; conflict?: ConflictView };
  payback?: { disposalId: string; values: Record<string, string>; errors: FieldErrors };
  errorList?: ReturnType<typeof errorSummary>;
};

const row = (key: string, text: string) => ({ key: { text: key }, value: { text } });
const say = (hours: number) => `${hours} ${hours === 1 ? 'hour' : 'hours'}`;

function summaryRows(d: DisposalView) {
  const rows = [row('Decided on', longDate(d.decided_on)), row('Decided by', d.decided_by || 'Not recorded'), row('Offence', d.offence || 'Not recorded')];
  if (d.disposal_kind === 'bail') rows.push(row('Bail conditions', d.bail_conditions || 'None recorded'));
  if (d.sentenceKindLabel) rows.push(row('Sentence', d.sentenceKindLabel + (d.custody_months ? `, ${d.custody_months} ${d.custody_months === 1 ? 'month' : 'months'}` : '')));
  if (d.sentence_kind === 'community_order' || d.sentence_kind === 'suspended_sentence') {
    rows.push(row('Treatment requirements', d.treatmentLabels.join(', ') || 'None'));
    rows.push(row('Unpaid work', d.unpaid_work_hours === null ? 'None' : `${say(d.unpaid_work_hours)} ordered, ${say(d.paybackHoursDone)} done, ${say(paybackHoursLeft({ hoursOrdered: d.unpaid_work_hours, hoursDone: d.paybackHoursDone }))} left`));
  }
  if (d.notes) rows.push(row('Notes', d.notes));
  rows.push(row('Recorded by', `${d.recordedByName}, ${longDate(londonDate(d.recorded_at))}`));
  return rows;
}

/** The cards of the justice outcomes page; `base` is the page's path. */
export function disposalCards(disposals: DisposalView[], base: string, now: Date, forms: CardForms, role: Role) {
  const today = dateBoxes('on', londonDate(now));
  const mayReport = role === 'practitioner' || role === 'team_manager';
  return disposals.map((d) => {
    const posted = forms.payback?.disposalId === d.id ? forms.payback : null;
    const left = d.unpaid_work_hours === null ? 0 : paybackHoursLeft({ hoursOrdered: d.unpaid_work_hours, hoursDone: d.paybackHoursDone });
    return {
      id: d.id,
      heading: d.sentenceKindLabel ? `${d.kindLabel}: ${d.sentenceKindLabel.toLowerCase()}` : d.kindLabel,
      decidedOn: longDate(d.decided_on),
      rows: summaryRows(d),
      conditionsCaption: `Conditions of the ${disposalInWords(d.disposal_kind)}`,
      conditions: d.conditions.map((k) => {
        const mine = forms.compliance?.conditionId === k.id ? forms.compliance : null;
        const stored = k.compliance_on ? dateBoxes('on', k.compliance_on) : today;
        return {
          id: k.id,
          description: k.description,
          deadline: longDate(k.deadline_on),
          complianceLabel: k.compliance === 'in_progress' ? k.complianceLabel : `${k.complianceLabel}, ${longDate(k.compliance_on)}`,
          tagClass: COMPLIANCE_TAG_CLASSES[k.compliance],
          interventionName: k.interventionName,
          reported: k.reported ? `${k.reported.status === 'disclosed' ? 'Reported' : 'Report awaiting approval'}, ${longDate(londonDate(k.reported.at))}` : 'Not reported',
          reportHref: mayReport ? `${base}/conditions/${k.id}/report` : null,
          action: `${base}/conditions/${k.id}/compliance`,
          version: k.version,
          open: mine !== null,
          conflicted: Boolean(mine?.conflict),
          errors: mine?.errors ?? {},
          items: COMPLIANCE_STATES.map((c) => ({ value: c, text: COMPLIANCE_LABELS[c], checked: (mine ? mine.values.compliance : k.compliance) === c })),
          dateValues: mine
            ? { day: mine.values['complianceOn-day'], month: mine.values['complianceOn-month'], year: mine.values['complianceOn-year'] }
            : { day: stored['on-day'], month: stored['on-month'], year: stored['on-year'] },
        };
      }),
      unpaidWork: d.unpaid_work_hours === null ? null : {
        ordered: d.unpaid_work_hours,
        done: d.paybackHoursDone,
        left,
        entries: d.payback.map((p) => ({ workedOn: longDate(p.workedOn), hours: say(p.hours) })),
        action: `${base}/${d.id}/payback-hours`,
        errors: posted?.errors ?? {},
        open: posted !== null,
        hours: posted?.values.hours ?? '',
        dateValues: posted
          ? { day: posted.values['workedOn-day'], month: posted.values['workedOn-month'], year: posted.values['workedOn-year'] }
          : { day: today['on-day'], month: today['on-month'], year: today['on-year'] },
      },
    };
  });
}

/** The radios, checkboxes and condition rows of the new-outcome form, checked as `values` says. */
export function disposalFormChoices(values: Record<string, string>, planInterventions: PlanInterventionView[]) {
  return {
    kindItems: DISPOSAL_KINDS.map((k) => ({ value: k, text: DISPOSAL_KIND_LABELS[k], checked: values.kind === k })),
    sentenceKindItems: SENTENCE_KINDS.map((k) => ({ value: k, text: SENTENCE_KIND_LABELS[k], checked: values.sentenceKind === k })),
    treatmentItems: TREATMENT_REQUIREMENTS.map((t) => ({ name: `treatment-${t}`, value: 'yes', text: TREATMENT_REQUIREMENT_LABELS[t], checked: values[`treatment-${t}`] === 'yes' })),
    conditionRows: Array.from({ length: CONDITION_SLOTS }, (_, i) => {
      const n = i + 1;
      const description = conditionField(n, 'Description');
      const deadline = conditionField(n, 'Deadline');
      const plan = conditionField(n, 'PlanInterventionId');
      return {
        n, description, deadline, plan,
        dateValues: { day: values[`${deadline}-day`], month: values[`${deadline}-month`], year: values[`${deadline}-year`] },
        planItems: [{ value: '', text: 'None' }, ...planInterventions.map((p) => ({ value: p.id, text: p.name, selected: values[plan] === p.id }))],
      };
    }),
    hasPlanInterventions: planInterventions.length > 0,
  };
}

/** The choices of the compliance report form: recipient, the custody suite or court it goes to, and the basis. */
export function reportChoices(values: Record<string, string>, sites: SiteRow[], report: ComplianceReportDraft) {
  const justiceSites = sites.filter((s) => s.site_kind === 'custody_suite' || s.site_kind === 'police_station' || isCourt(s.site_kind));
  return {
    recipientItems: DISCLOSURE_RECIPIENTS.map((r) => ({ value: r, text: DISCLOSURE_RECIPIENT_LABELS[r], checked: values.recipient === r })),
    siteItems: [{ value: '', text: 'None: not shared with a site' }, ...justiceSites.map((s) => ({ value: s.id, text: s.name, selected: values.siteId === s.id }))],
    legalBasisItems: LEGAL_BASES.map((b) => ({ value: b, text: LEGAL_BASIS_LABELS[b], checked: values.legalBasis === b })),
    consentGiven: report.consent.decision === 'given',
    consentProblem: report.consent.decision === 'given' ? null : consentMissing(report.consent.decision),
    deadline: longDate(report.condition.deadline_on),
    complianceLabel: COMPLIANCE_LABELS[report.condition.compliance],
    tagClass: COMPLIANCE_TAG_CLASSES[report.condition.compliance],
    cautionLabel: DISPOSAL_KIND_LABELS[report.disposal.disposal_kind],
    decidedOn: longDate(report.disposal.decided_on),
  };
}
