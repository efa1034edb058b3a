// Demo case work, first weeks: allocation to a worker, the assessment built on the screen, the support plan
// with its interventions, review dates and any extension past 12 weeks.
import { daysBetween } from '../../domain/calendar-date.js';
import { londonDate } from '../../domain/london-time.js';
import type { Pathway } from '../../domain/pathways.js';
import { reviewDates, SUPPORT_DAYS } from '../../domain/twelve-week-clock.js';
import { VULNERABILITY_DOMAINS, type VulnerabilityDomain } from '../../domain/vulnerability-domains.js';
import { phrasesFor, type Phrase } from './activity-data.js';
import { DAY, HOUR, dayAfter, minDay, type CasePartner, type CaseState, type CaseWorkContext, type Needs } from './case-activity.js';
import {
  EXIT_STRATEGIES, EXTENSION_REASONS, FAMILY_NOTES, GENERAL_GOALS, GOALS, INTERVENTION_RATIONALE, NEED_EVIDENCE, NEED_WANTS, REALLOCATION_REASONS, REVIEW_NOTES,
  RISK_TO_OTHERS, RISK_TO_SELF, SAFEGUARDING, STRENGTHS,
} from './case-activity-data.js';

type Level = Needs[string]['need'];
const RANK: Record<Level, number> = { none: 0, low: 1, medium: 2, high: 3 };
const level = (needs: Needs, d: VulnerabilityDomain): number => RANK[needs[d]?.need ?? 'none'];

/** Most cases go to a practitioner or support worker within two days; a few new ones wait; now and then one is reallocated. */
export function allocate(ctx: CaseWorkContext, s: CaseState): void {
  const { rng, now } = ctx;
  const c = s.row;
  const opened = c.opened_at.getTime();
  if (s.closing === null && rng.chance(now.getTime() - opened < 5 * DAY ? 0.45 : 0.03)) return;
  const latest = Math.min(s.endAt.getTime(), now.getTime()) - 60_000;
  let t = new Date(Math.max(opened, Math.min(latest, opened + rng.int(1, 48) * HOUR)));
  const by = rng.pick(ctx.managers);
  let worker = rng.pick(ctx.workers);
  ctx.rows.allocations.push({ id: ctx.newId(), service_id: c.service_id, case_id: c.id, from_user_id: null, to_user_id: worker.id, reason: '', allocated_by: by.id, allocated_at: t });
  s.holders.push({ user: worker, from: t });
  const span = Math.floor((latest - t.getTime()) / DAY);
  if (span > 21 && ctx.workers.length > 1 && rng.chance(0.08)) {
    const next = rng.pick(ctx.workers.filter((w) => w.id !== worker.id));
    t = new Date(t.getTime() + rng.int(7, span - 7) * DAY);
    ctx.rows.allocations.push({ id: ctx.newId(), service_id: c.service_id, case_id: c.id, from_user_id: worker.id, to_user_id: next.id, reason: rng.pick(REALLOCATION_REASONS), allocated_by: rng.pick(ctx.managers).id, allocated_at: t });
    s.holders.push({ user: next, from: t });
    worker = next;
  }
  s.worker = worker;
  Object.assign(c, { allocated_to: worker.id, allocated_at: t, version: 1 + s.holders.length, updated_at: t });
}

type Phrases = readonly Phrase[];
const suited = new WeakMap<Phrases, [string[], string[]]>();
/** A phrase that suits a child or an adult, or '' when none does. */
const pickPhrase = (ctx: CaseWorkContext, list: Phrases | undefined, isChild: boolean): string => {
  if (!list) return '';
  let both = suited.get(list);
  if (!both) suited.set(list, (both = [phrasesFor(list, false), phrasesFor(list, true)]));
  const options = both[isChild ? 1 : 0];
  return options.length > 0 ? ctx.rng.pick(options) : '';
};

/** The assessment: completed for most cases after a week or two, a draft for recent ones; needs follow the screen's findings. */
export function assess(ctx: CaseWorkContext, s: CaseState): void {
  const { rng, now } = ctx;
  if (!s.worker && !(s.closing === null && rng.chance(0.3))) return;
  const assessor = s.worker && ctx.service.practitioners.some((p) => p.id === s.worker!.id) ? s.worker : rng.pick(ctx.service.practitioners);
  const startedAt = new Date((s.holders[0]?.from ?? s.row.opened_at).getTime() + rng.int(2, 72) * HOUR);
  const end = Math.min(s.endAt.getTime(), now.getTime());
  if (startedAt.getTime() >= end) return;
  const completedAt = new Date(startedAt.getTime() + rng.int(2, 12) * DAY + rng.int(0, 6) * HOUR);
  const completed = s.worker !== null && completedAt.getTime() < end && rng.chance(0.96);

  const needs: Needs = {};
  for (const domain of VULNERABILITY_DOMAINS) {
    const finding = s.findings[domain]?.finding;
    const found = finding === 'identified' || finding === 'suspected';
    if (!completed && !(found && rng.chance(0.6))) continue;
    const need: Level = finding === 'identified' ? rng.weighted<Level>([['high', 45], ['medium', 55]]) : finding === 'suspected' ? rng.weighted<Level>([['medium', 40], ['low', 45], ['none', 15]]) : 'none';
    const evidence = need === 'medium' || need === 'high' || (need === 'low' && rng.chance(0.5)) ? pickPhrase(ctx, NEED_EVIDENCE[domain], s.isChild) || s.findings[domain]?.notes || 'Found at assessment' : '';
    const wants = need !== 'none' && rng.chance(0.7) ? pickPhrase(ctx, NEED_WANTS[domain], s.isChild) : '';
    needs[domain] = { need, evidence, wants };
  }
  const concern = rng.chance(0.07) ? rng.pick(SAFEGUARDING.filter((g) => g.forChild === null || g.forChild === s.isChild)) : null;
  const safeguarding = concern ? [{ concern: concern.concern, details: concern.details, actionTaken: concern.actionTaken }] : [];
  const family = s.familyIds.map((personId) => ({ personId, offerSupport: rng.weighted<'yes' | 'no' | 'not_now'>([['yes', 40], ['no', 25], ['not_now', 35]]), notes: rng.pick(FAMILY_NOTES) }));
  const riskLevel = level(needs, 'self_harm_suicide') >= 3 ? rng.weighted<'medium' | 'high'>([['medium', 60], ['high', 40]]) : rng.weighted<'low' | 'medium' | 'high'>([['low', 55], ['medium', 35], ['high', 10]]);
  const updatedAt = completed ? completedAt : new Date(Math.min(now.getTime() - 60_000, startedAt.getTime() + rng.int(1, 48) * HOUR));
  ctx.rows.assessments.push({
    id: ctx.newId(), service_id: s.row.service_id, case_id: s.row.id, person_id: s.row.person_id,
    needs: JSON.stringify(needs), strengths: completed || rng.chance(0.5) ? pickPhrase(ctx, STRENGTHS, s.isChild) : '',
    risk_to_self: completed ? rng.pick(RISK_TO_SELF) : '', risk_to_others: completed ? rng.pick(RISK_TO_OTHERS) : '', risk_level: completed ? riskLevel : null,
    safeguarding: JSON.stringify(safeguarding), family: JSON.stringify(completed || rng.chance(0.5) ? family : []),
    assessment_status: completed ? 'completed' : 'draft', assessed_by: assessor.id, started_at: startedAt, completed_at: completed ? completedAt : null,
    version: completed ? rng.int(2, 4) : rng.int(1, 2), created_at: startedAt, updated_at: updatedAt,
  });
  s.assessor = assessor;
  if (completed) {
    s.needs = needs;
    s.assessedOn = londonDate(completedAt);
  }
}

/** Partner services for the needs found: at most three, one per pathway. */
function partnersFor(ctx: CaseWorkContext, s: CaseState, needs: Needs): CasePartner[] {
  const { rng } = ctx;
  const adult = !s.isChild;
  const wanted: Array<[Pathway, number]> = [
    [s.isChild ? 'camhs' : 'adult_mental_health', Math.max(level(needs, 'mental_health'), level(needs, 'self_harm_suicide'))],
    ['substance_misuse', level(needs, 'substance_use')],
    ['speech_and_language', level(needs, 'speech_language_communication')],
    ['learning_disability', Math.max(level(needs, 'learning_disability'), level(needs, 'autism'))],
    ['housing', adult ? level(needs, 'housing') : 0],
    ['debt_advice', adult ? level(needs, 'finance_debt') : 0],
    ['domestic_abuse', adult ? level(needs, 'domestic_abuse') : 0],
    ['womens_centre', adult && s.female ? Math.max(2, level(needs, 'trauma_abuse')) : 0],
    ['education_employment', level(needs, 'education_training_employment')],
  ];
  const chosen: CasePartner[] = [];
  for (const [pathway, rank] of wanted) {
    if (chosen.length >= 3 || rank === 0 || !rng.chance(rank >= 2 ? 0.7 : 0.25)) continue;
    const partner = ctx.team.partners.find((p) => p.pathway === pathway);
    if (partner) chosen.push(partner);
  }
  return chosen;
}

const INTERVENTION_NEEDS: ReadonlyArray<[string, (n: Needs) => boolean, number]> = [
  ['Mental health and wellbeing support', (n) => level(n, 'mental_health') >= 2, 0.5],
  ['Speech and language assessment', (n) => level(n, 'speech_language_communication') >= 1 || level(n, 'learning_disability') >= 1, 0.7],
  ['Education or training support', (n) => level(n, 'education_training_employment') >= 1, 0.6],
  ['Drug and alcohol brief intervention', (n) => level(n, 'substance_use') >= 2, 0.5],
  ['Housing and debt advice', (n) => level(n, 'housing') >= 1 || level(n, 'finance_debt') >= 1, 0.6],
];

/** The support plan, agreed a few days after the assessment (a draft while it is being agreed), with its clock, reviews and interventions. */
export function planFor(ctx: CaseWorkContext, s: CaseState): void {
  const { rng } = ctx;
  const needs = s.needs;
  if (!needs || !s.assessedOn || !s.assessor) return;
  s.partnersChosen = s.healthSharing ? partnersFor(ctx, s, needs) : [];
  const agreedOn = dayAfter(s.assessedOn, rng.int(1, 6));
  const agreed = agreedOn <= s.limitOn;
  if (!agreed && !(s.closing === null && rng.chance(0.6))) return;

  const domains = VULNERABILITY_DOMAINS.filter((d) => level(needs, d) >= 1).sort((a, b) => level(needs, b) - level(needs, a));
  const goals: string[] = [];
  for (const d of domains) {
    const goal = pickPhrase(ctx, GOALS[d], s.isChild);
    if (goal && !goals.includes(goal) && goals.length < (agreed ? rng.int(2, 4) : 1)) goals.push(goal);
  }
  if (goals.length === 0 || rng.chance(0.3)) goals.push(pickPhrase(ctx, GENERAL_GOALS, s.isChild));
  const partnerName = s.partnersChosen[0]?.name ?? 'my GP';
  const createdAt = ctx.at(s.assessedOn, 15, rng.int(0, 59));
  const agreedAt = agreed ? ctx.at(agreedOn, 11, rng.int(0, 59)) : createdAt;
  ctx.rows.plans.push({
    id: ctx.newId(), service_id: s.row.service_id, case_id: s.row.id, goals: JSON.stringify([...new Set(goals)]),
    exit_strategy: agreed || rng.chance(0.5) ? rng.pick(EXIT_STRATEGIES).replace('{partner}', partnerName) : '',
    plan_status: agreed ? 'agreed' : 'draft', agreed_on: agreed ? agreedOn : null, agreed_by: agreed ? s.assessor.id : null,
    version: agreed ? rng.int(2, 3) : 1, created_at: createdAt, updated_at: agreedAt,
  });
  if (!agreed) return;
  s.agreedOn = agreedOn;
  Object.assign(s.row, { plan_agreed_on: agreedOn, version: (s.row.version as number) + 1, updated_at: agreedAt });
  s.endsOn = extend(ctx, s, agreedOn);
  reviewsFor(ctx, s, agreedOn, s.endsOn);
  interventionsFor(ctx, s, needs, agreedOn, agreedAt);
}

/** An extension past 12 weeks: approved for some cases past their end, pending for one or two, none for the overdue. Returns the end date. */
function extend(ctx: CaseWorkContext, s: CaseState, agreedOn: string): string {
  const { rng, today } = ctx;
  const planned = dayAfter(agreedOn, SUPPORT_DAYS);
  const day = daysBetween(agreedOn, s.limitOn);
  let kind: 'approved' | 'pending' | null = null;
  if (s.closing === 'closed') kind = s.limitOn > planned ? 'approved' : null;
  else if (day > SUPPORT_DAYS) kind = rng.weighted<'approved' | 'pending' | null>([['approved', 45], ['pending', 10], [null, 45]]);
  else if (day >= 63 && rng.chance(0.1)) kind = 'pending';
  if (!kind) return planned;
  const requestedOn = kind === 'approved' ? dayAfter(agreedOn, rng.int(66, 80)) : minDay(today, dayAfter(agreedOn, Math.max(60, day - rng.int(0, 5))));
  const decidedOn = minDay(s.limitOn, dayAfter(requestedOn, rng.int(1, 3)));
  let newEnd = dayAfter(planned, rng.int(3, 6) * 7);
  if (s.closing === 'closed' && newEnd < s.limitOn) newEnd = s.limitOn;
  const who = s.worker ?? s.assessor!;
  ctx.rows.extensions.push({
    id: ctx.newId(), service_id: s.row.service_id, case_id: s.row.id, reason: rng.pick(EXTENSION_REASONS), new_end_on: newEnd, requested_by: who.id,
    requested_at: ctx.at(requestedOn, 10, rng.int(0, 59)), decision: kind === 'approved' ? 'approved' : null,
    decided_by: kind === 'approved' ? rng.pick(ctx.managers).id : null, decided_on: kind === 'approved' ? decidedOn : null,
  });
  return kind === 'approved' ? newEnd : planned;
}

/** Reviews every two weeks to the end date: past ones mostly done, some overdue; all done when the plan was completed. */
function reviewsFor(ctx: CaseWorkContext, s: CaseState, agreedOn: string, endsOn: string): void {
  const { rng, today } = ctx;
  const allDone = s.closing === 'closed' && s.row.closure_reason === 'plan_completed';
  for (const due of reviewDates(agreedOn, endsOn)) {
    if (s.closing === 'closed' && due > s.limitOn) break;
    const done = due < today && (allDone || rng.chance(0.85));
    const completedOn = done ? minDay(s.limitOn, dayAfter(due, rng.int(-2, 3))) : null;
    const row = {
      id: ctx.newId(), service_id: s.row.service_id, case_id: s.row.id, due_on: due, completed_on: completedOn,
      notes: done ? rng.pick(REVIEW_NOTES) : '', reviewed_by: done ? (s.worker ?? s.assessor)!.id : null,
    };
    ctx.rows.reviews.push(row);
    s.reviews.push(row);
  }
}

/** Interventions from the catalogue for the needs found, and a restorative one for about half the offences it answers. */
function interventionsFor(ctx: CaseWorkContext, s: CaseState, needs: Needs, agreedOn: string, addedAt: Date): void {
  const { rng, today } = ctx;
  const byName = new Map(ctx.interventions.map((i) => [i.name, i]));
  const chosen = INTERVENTION_NEEDS.filter(([, fits, p]) => fits(needs) && rng.chance(p)).map(([name]) => name);
  const restorative = ctx.interventions.filter((i) => i.is_restorative && (i.offence_categories as string[]).includes(s.offence));
  if (restorative.length > 0 && rng.chance(0.5)) chosen.push(rng.pick(restorative).name);
  if (chosen.length === 0) chosen.push('Mental health and wellbeing support');
  const elapsed = daysBetween(agreedOn, s.closing === 'closed' ? s.limitOn : today);
  for (const name of chosen) {
    const intervention = byName.get(name);
    if (!intervention) continue;
    let status: 'planned' | 'booked' | 'completed' | 'not_completed' = 'planned';
    if (!intervention.is_restorative) {
      if (s.closing === 'closed') status = s.row.closure_reason === 'plan_completed' ? rng.weighted([['completed', 85], ['not_completed', 15]]) : rng.weighted([['completed', 30], ['not_completed', 30], ['planned', 40]]);
      else if (elapsed > 42) status = rng.weighted([['completed', 55], ['booked', 20], ['planned', 25]]);
      else if (elapsed > 14) status = rng.weighted([['booked', 40], ['planned', 45], ['completed', 15]]);
      else status = rng.weighted([['planned', 75], ['booked', 25]]);
    }
    const row = {
      id: ctx.newId(), service_id: s.row.service_id, case_id: s.row.id, intervention_id: intervention.id, rationale: rng.pick(INTERVENTION_RATIONALE[name] ?? ['Agreed with the person']),
      intervention_status: status, added_by: s.assessor!.id, added_at: addedAt,
    };
    ctx.rows.planInterventions.push(row);
    s.planInterventions.push(row);
  }
}
