// Demo disposals: what the police, the CPS and the courts decided for some of the service's cases, by age. Children:
// Outcome 22, youth cautions and youth conditional cautions; adults: no further action, community resolutions, adult
// conditional cautions (conditions met, not met and in progress, one resting on a restorative session in the plan),
// charge, bail with conditions, remand and sentences (community orders with treatment requirements and unpaid work
// partly done, custody).
import { addDays, daysBetween } from '../../domain/calendar-date.js';
import { complianceReportPurpose, complianceReportText, type Compliance, type DisposalKind, type SentenceKind, type TreatmentRequirement } from '../../domain/disposals.js';
import { londonDate } from '../../domain/london-time.js';
import { ageAt, type CaseState } from './case-activity.js';
import { authorOf, weekdayFrom, type JusticeContext } from './justice-activity.js';
import { ADULT_CONDITIONS, BAIL_CONDITIONS, DISPOSAL_NOTES, OFFENCES, RESTORATIVE_CONDITIONS, YOUTH_CONDITIONS } from './justice-activity-data.js';

type When = 'recent' | 'older';
type Condition = { description: string; compliance: Compliance; planInterventionId?: string; report?: boolean };
type Decision = {
  kind: DisposalKind; on: string; by: string; bailConditions?: string; sentence?: SentenceKind; requirements?: TreatmentRequirement[]; unpaidWorkHours?: number;
  custodyMonths?: number; notes?: string; conditions?: Condition[];
};

export function disposalsFor(j: JusticeContext): void {
  const { rng, today } = j;
  const used = new Set<string>();
  const police = j.service.sites.find((s) => s.siteKind === 'custody_suite') ?? j.service.sites.find((s) => s.siteKind === 'police_station');
  const court = j.service.sites.find((s) => s.siteKind === 'magistrates_court') ?? j.service.sites.find((s) => s.siteKind === 'crown_court');
  const byPolice = police ? `Police, ${j.siteName(police)}` : 'Police';
  const byCourt = court ? j.siteName(court) : "Magistrates' court";
  const age = (s: CaseState, on: string) => ageAt(j.people.get(s.row.person_id)!.date_of_birth, on);
  const restorative = (s: CaseState) => s.planInterventions.find((p) => RESTORATIVE_CONDITIONS[nameOf(j, p.intervention_id as string)] && p.intervention_status !== 'not_completed');

  /** A case not yet used: opened lately and still open, or opened months ago; for a child or an adult at the decision. */
  const take = (when: When, child: boolean, extra: (s: CaseState) => boolean = () => true): { s: CaseState; on: string } | null => {
    const matches = j.states.filter((s) => {
      if (used.has(s.row.person_id) || !s.row.referral_id) return false;
      const days = daysBetween(s.openedOn, today);
      const fits = when === 'recent' ? s.row.case_status === 'open' && days >= 10 && days <= 75 : days >= 110 && days <= 330;
      return fits && age(s, addDays(s.openedOn, 10)) < 18 === child && age(s, s.openedOn) < 18 === child && extra(s);
    });
    if (matches.length === 0) return null;
    const s = rng.pick(matches);
    used.add(s.row.person_id);
    return { s, on: addDays(s.openedOn, rng.int(1, 7)) };
  };
  const record = (found: { s: CaseState; on: string } | null, decisions: (on: string, s: CaseState) => Decision[]) => {
    if (found) for (const d of decisions(found.on, found.s)) write(j, found.s, d);
  };
  const conditionsOf = (list: readonly string[], compliance: Compliance[]): Condition[] => {
    const left = [...list];
    return compliance.map((c) => ({ description: left.splice(rng.int(0, left.length - 1), 1)[0] ?? list[0]!, compliance: c }));
  };

  // Children, dealt with by the police.
  record(take('older', true), (on) => [{ kind: 'outcome_22', on, by: `${byPolice} (out-of-court disposal panel)`, notes: rng.pick(DISPOSAL_NOTES.outcome_22!) }]);
  record(take('recent', true), (on) => [{ kind: 'outcome_22', on, by: `${byPolice} (out-of-court disposal panel)`, notes: rng.pick(DISPOSAL_NOTES.outcome_22!) }]);
  record(take('older', true), (on) => [{ kind: 'youth_caution', on, by: byPolice, notes: rng.pick(DISPOSAL_NOTES.youth_caution!) }]);
  record(take('older', true), (on) => [{ kind: 'youth_conditional_caution', on, by: byPolice, conditions: conditionsOf(YOUTH_CONDITIONS, ['met', rng.chance(0.5) ? 'met' : 'not_met']) }]);
  record(take('recent', true), (on) => [{ kind: 'youth_conditional_caution', on, by: byPolice, conditions: conditionsOf(YOUTH_CONDITIONS, ['in_progress', 'in_progress']) }]);

  // Adults, dealt with by the police.
  record(take('older', false), (on) => [{ kind: 'no_further_action', on, by: byPolice, notes: rng.pick(DISPOSAL_NOTES.no_further_action!) }]);
  record(take('older', false), (on) => [{ kind: 'community_resolution', on, by: byPolice, notes: rng.pick(DISPOSAL_NOTES.community_resolution!) }]);
  record(take('recent', false), (on) => [{ kind: 'community_resolution', on, by: byPolice, notes: rng.pick(DISPOSAL_NOTES.community_resolution!) }]);
  record(take('older', false), (on) => [{ kind: 'adult_conditional_caution', on, by: byPolice, conditions: conditionsOf(ADULT_CONDITIONS, ['met', 'met']).map((c, i) => ({ ...c, report: i === 0 })) }]);
  record(take('older', false), (on) => [{ kind: 'adult_conditional_caution', on, by: byPolice, conditions: conditionsOf(ADULT_CONDITIONS, ['met', 'not_met']) }]);
  const linked = take('recent', false, (s) => restorative(s) !== undefined) ?? take('older', false, (s) => restorative(s) !== undefined);
  record(linked, (on, s) => {
    const session = restorative(s)!;
    const done: Compliance = session.intervention_status === 'completed' ? 'met' : 'in_progress';
    return [{
      kind: 'adult_conditional_caution', on, by: byPolice,
      conditions: [{ description: RESTORATIVE_CONDITIONS[nameOf(j, session.intervention_id as string)]!, compliance: done, planInterventionId: session.id }, ...conditionsOf(ADULT_CONDITIONS, ['in_progress'])],
    }];
  });
  record(take('recent', false), (on) => [{ kind: 'adult_conditional_caution', on, by: byPolice, conditions: conditionsOf(ADULT_CONDITIONS, ['in_progress', 'met']) }]);

  // Adults charged and dealt with at court.
  record(take('older', false), (on) => {
    const sentencedOn = weekdayFrom(addDays(on, rng.int(28, 56)));
    return [
      { kind: 'charge', on, by: 'Crown Prosecution Service', notes: DISPOSAL_NOTES.charge![0] },
      { kind: 'bail', on: weekdayFrom(addDays(on, 1)), by: byCourt, bailConditions: rng.pick(BAIL_CONDITIONS) },
      { kind: 'sentence', on: sentencedOn, by: byCourt, sentence: 'community_order', requirements: ['alcohol'], unpaidWorkHours: rng.pick([60, 80, 100, 120]), notes: DISPOSAL_NOTES.community_order![0] },
    ];
  });
  record(take('older', false, (s) => s.row.closure_reason === 'in_custody') ?? take('older', false), (on) => [
    { kind: 'charge', on, by: 'Crown Prosecution Service', notes: DISPOSAL_NOTES.charge![0] },
    { kind: 'remand', on: weekdayFrom(addDays(on, 1)), by: byCourt, notes: DISPOSAL_NOTES.remand![0] },
    { kind: 'sentence', on: weekdayFrom(addDays(on, rng.int(35, 70))), by: byCourt, sentence: 'custody', custodyMonths: rng.pick([4, 6, 9, 12, 18]), notes: DISPOSAL_NOTES.custody![0] },
  ]);
  record(take('older', false), (on) => [
    { kind: 'charge', on, by: 'Crown Prosecution Service' },
    { kind: 'sentence', on: weekdayFrom(addDays(on, rng.int(21, 42))), by: byCourt, sentence: 'community_order', requirements: ['mental_health', 'drug'], unpaidWorkHours: 40, notes: DISPOSAL_NOTES.community_order![0] },
  ]);
  record(take('recent', false), (on) => [
    { kind: 'charge', on, by: 'Crown Prosecution Service', notes: DISPOSAL_NOTES.charge![0] },
    { kind: 'bail', on: weekdayFrom(addDays(on, 1)), by: byCourt, bailConditions: rng.pick(BAIL_CONDITIONS) },
  ]);
}

function nameOf(j: JusticeContext, interventionId: string): string {
  return j.interventions.find((i) => i.id === interventionId)?.name ?? '';
}

function write(j: JusticeContext, s: CaseState, d: Decision): void {
  const { rng, today } = j;
  if (d.on >= today) return;
  const id = j.newId();
  const author = authorOf(j, s, j.at(d.on, 12));
  const recordedAt = j.at(minDay(addDays(d.on, rng.int(0, 2)), today), rng.int(10, 16), rng.int(0, 59));
  j.out.disposals.push({
    id, service_id: j.service.id, person_id: s.row.person_id, case_id: s.row.id, disposal_kind: d.kind, decided_on: d.on, decided_by: d.by,
    offence: rng.pick(OFFENCES[s.offence] ?? OFFENCES.not_known!), bail_conditions: d.bailConditions ?? '', sentence_kind: d.sentence ?? null,
    treatment_requirements: d.requirements ?? [], unpaid_work_hours: d.unpaidWorkHours ?? null, custody_months: d.custodyMonths ?? null, notes: d.notes ?? '',
    recorded_by: author, recorded_at: recordedAt, version: 1, created_at: recordedAt, updated_at: recordedAt,
  });
  for (const c of d.conditions ?? []) condition(j, s, d, id, c, author);
  if (d.unpaidWorkHours) payback(j, s, d, id, author);
}

/** A condition with its deadline: in the future while in progress, passed when met or not met. */
function condition(j: JusticeContext, s: CaseState, d: Decision, disposalId: string, c: Condition, author: string): void {
  const { rng, today } = j;
  const span = rng.int(42, 84);
  // In progress: due in the coming weeks; met: by the deadline (which may still be ahead); not met: the deadline has passed.
  const deadline = c.compliance === 'in_progress' ? addDays(today, rng.int(10, 45)) : c.compliance === 'met' ? addDays(d.on, span) : maxDay(addDays(d.on, 7), minDay(addDays(d.on, span), addDays(today, -2)));
  const complianceOn = c.compliance === 'met'
    ? addDays(d.on, rng.int(1, Math.max(1, daysBetween(d.on, minDay(deadline, addDays(today, -1))))))
    : c.compliance === 'not_met' ? minDay(addDays(deadline, rng.int(1, 5)), addDays(today, -1)) : null;
  let reported: string | null = null;
  if (c.report && complianceOn) {
    const at = j.at(minDay(addDays(complianceOn, rng.int(0, 2)), today), rng.int(10, 16), rng.int(0, 59));
    const consent = j.consentAt(s.row.person_id, at);
    if (consent.decision === 'given' && consent.screeningId) {
      const police = j.service.sites.find((x) => x.siteKind === 'custody_suite');
      reported = j.disclose({
        personId: s.row.person_id, caseId: s.row.id, recipient: 'custody', recipientName: `Out of court disposals team${police ? `, ${j.siteName(police)}` : ''}`, kind: 'condition_compliance',
        content: complianceReportText({ description: c.description, deadlineOn: deadline, compliance: c.compliance, complianceOn }, londonDate(at)), purpose: complianceReportPurpose(d.kind),
        requestedBy: author, at, basis: { screeningId: consent.screeningId },
      });
    }
  }
  const updatedAt = complianceOn ? j.at(complianceOn, rng.int(10, 16), rng.int(0, 59)) : j.at(d.on, 17);
  j.out.disposalConditions.push({
    id: j.newId(), service_id: j.service.id, disposal_id: disposalId, description: c.description, deadline_on: deadline, compliance: c.compliance, compliance_on: complianceOn,
    plan_intervention_id: c.planInterventionId ?? null, reported_disclosure_id: reported, version: complianceOn ? 2 : 1, created_at: j.at(d.on, 17), updated_at: updatedAt,
  });
}

/** Unpaid work done most weeks since the order, up to about half the hours ordered. */
function payback(j: JusticeContext, s: CaseState, d: Decision, disposalId: string, author: string): void {
  const { rng, today } = j;
  const target = d.unpaidWorkHours! * (0.3 + rng.float() * 0.3);
  const by = j.team.supportWorkers.length > 0 ? rng.pick(j.team.supportWorkers).id : author;
  let done = 0;
  for (let on = addDays(d.on, rng.int(7, 14)); on < today && done < target; on = addDays(on, rng.int(6, 10))) {
    const hours = rng.pick([3.5, 6, 6.5, 7]);
    done += hours;
    j.out.paybackHours.push({ id: j.newId(), service_id: j.service.id, disposal_id: disposalId, worked_on: on, hours, recorded_by: by, recorded_at: j.at(on, rng.int(16, 18), rng.int(0, 59)) });
  }
}

const minDay = (a: string, b: string) => (a <= b ? a : b);
const maxDay = (a: string, b: string) => (a >= b ? a : b);
