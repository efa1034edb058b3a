// Demo closures and follow-ups: when and why each closed case closed, a manager's sign-off when the plan was
// incomplete, a couple of closures awaiting sign-off, and the follow-up some 12 weeks later.
import type { ClosureReason } from '../../db/schema.js';
import { londonDate } from '../../domain/london-time.js';
import { DAY, HOUR, dayAfter, holderAt, minDay, type CaseState, type CaseWorkContext } from './case-activity.js';
import { CLOSURE_DETAILS, EXIT_SUMMARIES, FOLLOW_UP_NOTES } from './case-activity-data.js';
import type { ActivityRows } from './activity.js';

/** Days after closure a follow-up is due (the service's default). */
const FOLLOW_UP_AFTER_DAYS = 84;

/** When and why a closed case closed: after 10 to 14 weeks when the plan was completed, sooner otherwise; before the person's next case opened. */
export function timeClosure(ctx: CaseWorkContext, s: CaseState, nextOpening: Date | null): void {
  const { rng, now } = ctx;
  const c = s.row;
  let reason = rng.weighted<ClosureReason>([['plan_completed', 72], ['disengaged', 13], ['moved_away', 5], ['in_custody', 5], ['other', 5]]);
  const days = reason === 'plan_completed' ? rng.int(70, 95) : rng.int(21, 70);
  const latest = Math.min(now.getTime() - DAY, nextOpening ? nextOpening.getTime() - HOUR : Infinity);
  const closedAt = new Date(Math.max(c.opened_at.getTime() + HOUR, Math.min(latest, ctx.at(dayAfter(londonDate(c.opened_at), days), rng.int(13, 16), rng.int(0, 59)).getTime())));
  let details = rng.pick(CLOSURE_DETAILS[reason] ?? ['']);
  if (closedAt.getTime() - c.opened_at.getTime() < 28 * DAY && reason === 'plan_completed') {
    reason = nextOpening && closedAt.getTime() >= nextOpening.getTime() - 2 * HOUR ? 'other' : 'disengaged';
    details = reason === 'other' ? 'Closed when a new case was opened after a further referral' : rng.pick(CLOSURE_DETAILS.disengaged!);
  }
  Object.assign(c, { closure_reason: reason, closure_details: details, closed_at: closedAt, closed_on: londonDate(closedAt), updated_at: closedAt });
  s.endAt = closedAt;
  s.limitOn = londonDate(closedAt);
}

const partnerFor = (ctx: CaseWorkContext, s: CaseState): string => {
  const engaged = s.onward.find((r) => r.exit_status === 'engaged') ?? s.onward[0];
  return engaged ? ctx.team.partners.find((p) => p.id === engaged.partner_organisation_id)?.name ?? 'their GP' : 'their GP';
};

/** Finishes a closed case: a completed plan has every intervention finished; an incomplete one was signed off by a manager. */
export function closeCase(ctx: CaseWorkContext, s: CaseState): void {
  const { rng } = ctx;
  const c = s.row;
  const closedAt = c.closed_at as Date;
  if (c.closure_reason === 'plan_completed' && !s.agreedOn) Object.assign(c, { closure_reason: 'disengaged', closure_details: rng.pick(CLOSURE_DETAILS.disengaged!) });
  if (c.closure_reason === 'plan_completed') for (const pi of s.planInterventions) if (pi.intervention_status === 'planned' || pi.intervention_status === 'booked') pi.intervention_status = 'not_completed';
  const incomplete = !s.agreedOn || s.planInterventions.some((p) => p.intervention_status === 'planned' || p.intervention_status === 'booked') || s.reviews.some((r) => !r.completed_on && r.due_on < s.limitOn);
  const worker = holderAt(s, closedAt) ?? s.assessor ?? rng.pick(ctx.service.practitioners);
  // The worker asks to close; an incomplete plan waits some hours for a manager's sign-off (closed_at), the rest close at once.
  const requestedAt = new Date(Math.max(c.opened_at.getTime() + 30 * 60_000, closedAt.getTime() - (incomplete ? rng.int(60, 300) * 60_000 : 0)));
  Object.assign(c, {
    exit_summary: rng.pick(EXIT_SUMMARIES[c.closure_reason as string]!).replace('{partner}', partnerFor(ctx, s)),
    closure_requested_by: worker.id, closure_requested_at: new Date(Math.min(requestedAt.getTime(), closedAt.getTime())),
    closure_signed_off_by: incomplete ? rng.pick(ctx.managers).id : null, follow_up_due_on: dayAfter(c.closed_on as string, FOLLOW_UP_AFTER_DAYS),
    version: (c.version as number) + (incomplete ? 2 : 1),
  });
}

/** A closure the worker asked for a few days ago, waiting for a manager's sign-off. */
export function requestClosure(ctx: CaseWorkContext, s: CaseState): void {
  const { rng, now } = ctx;
  const c = s.row;
  const reason = rng.weighted<ClosureReason>([['disengaged', 45], ['plan_completed', 35], ['moved_away', 20]]);
  const requestedAt = new Date(Math.max(c.opened_at.getTime() + HOUR, now.getTime() - rng.int(1, 5) * DAY));
  const worker = s.worker ?? s.assessor ?? rng.pick(ctx.service.practitioners);
  Object.assign(c, {
    case_status: 'closure_requested', closure_reason: reason, closed_on: londonDate(requestedAt), closure_details: rng.pick(CLOSURE_DETAILS[reason] ?? ['']),
    exit_summary: rng.pick(EXIT_SUMMARIES[reason]!).replace('{partner}', partnerFor(ctx, s)), closure_requested_by: worker.id, closure_requested_at: requestedAt,
    version: (c.version as number) + 1, updated_at: requestedAt,
  });
}

/** Follow-ups for most closed cases whose follow-up date has come; the rest are still due. */
export function followUps(ctx: CaseWorkContext, states: readonly CaseState[], referrals: ActivityRows['referrals']): void {
  const { rng, today } = ctx;
  const referredOn = new Map<string, string[]>();
  for (const r of referrals) if (r.person_id) referredOn.set(r.person_id, [...(referredOn.get(r.person_id) ?? []), londonDate(r.referred_at)]);
  for (const s of states) {
    const due = s.row.follow_up_due_on;
    if (s.closing !== 'closed' || !due || due > today || !rng.chance(0.8)) continue;
    const on = minDay(today, dayAfter(due, rng.int(0, 14)));
    const stillEngaged: Record<string, 'yes' | 'no' | 'not_known'> = {};
    for (const r of s.onward) if (r.exit_status === 'engaged' || r.exit_status === 'waiting') stillEngaged[r.id] = rng.weighted([['yes', 70], ['no', 20], ['not_known', 10]]);
    const rearrested = (referredOn.get(s.row.person_id) ?? []).some((d) => d > s.limitOn && d <= on);
    const by = s.holders.length > 0 ? holderAt(s, s.endAt)! : rng.pick(ctx.service.practitioners);
    ctx.rows.followUps.push({
      id: ctx.newId(), service_id: s.row.service_id, case_id: s.row.id, still_engaged: JSON.stringify(stillEngaged),
      new_arrest: rearrested ? 'yes' : rng.weighted([['no', 85], ['not_known', 15]]), notes: rng.pick(FOLLOW_UP_NOTES), followed_up_on: on,
      recorded_by: by.id, recorded_at: ctx.at(on, rng.int(9, 16), rng.int(0, 59)),
    });
  }
}
