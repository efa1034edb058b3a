// Demo onward referrals: each one's life as a timeline of dated moves that follow the state machine, waits
// around the partner's typical wait, interim support while waiting, and where it stood when the case closed.
import type { OnwardExitStatus } from '../../db/schema.js';
import { daysBetween } from '../../domain/calendar-date.js';
import { WAITING_STATES, type OnwardReferralState } from '../../domain/onward-referral-state.js';
import { PATHWAY_LABELS } from '../../domain/pathways.js';
import { dayAfter, holderAt, maxDay, minDay, type CasePartner, type CaseState, type CaseWorkContext } from './case-activity.js';
import { DECLINE_REASONS, INTERIM_NOTES, INTERIM_SUPPORT, ONWARD_REASONS, WITHDRAW_REASONS } from './case-activity-data.js';

/** Moves the partner service records (when it has workers on the system); the team records the rest. */
const PARTNER_MOVES: ReadonlySet<OnwardReferralState> = new Set(['accepted', 'declined', 'first_appointment_booked', 'attended', 'did_not_attend', 'engaged', 'disengaged']);

/** Where an earlier referral may stand when the person is referred to the same service again. */
const REREFERRED_AFTER: ReadonlySet<OnwardReferralState> = new Set(['declined', 'withdrawn', 'did_not_attend', 'disengaged']);

type Move = { from: OnwardReferralState | null; to: OnwardReferralState; on: string; reason: string };

/** Where the person stood with the partner when L&D support ended. */
function exitStatusOf(ctx: CaseWorkContext, state: OnwardReferralState): OnwardExitStatus {
  switch (state) {
    case 'engaged':
    case 'attended':
      return 'engaged';
    case 'sent':
    case 'accepted':
    case 'waiting':
    case 'first_appointment_booked':
      return ctx.rng.chance(0.85) ? 'waiting' : 'not_known';
    case 'draft':
      return 'not_known';
    default:
      return state;
  }
}

/** The moves of one referral from its creation up to `limit` (the closure date, or today), or only as far as `stopAt`. */
function timeline(ctx: CaseWorkContext, partner: CasePartner, createdOn: string, limit: string, recentDraft: boolean, stopAt?: OnwardReferralState): { moves: Move[]; firstAppointmentOn: string | null } {
  const { rng } = ctx;
  const moves: Move[] = [];
  let state: OnwardReferralState | null = null;
  let on = createdOn;
  let firstAppointmentOn: string | null = null;
  const go = (to: OnwardReferralState, day: string, reason = ''): boolean => {
    if (day > limit) return false;
    moves.push({ from: state, to, on: day, reason });
    state = to;
    on = day;
    return true;
  };
  go('draft', createdOn);
  const run = () => {
    if (recentDraft || !go('sent', dayAfter(on, rng.int(0, 3))) || stopAt === 'sent') return;
    const sentOn = on;
    if (!stopAt && rng.chance(0.03)) return void go('withdrawn', dayAfter(on, rng.int(1, 5)), 'Sent in error: wrong service chosen');
    const decisionOn = dayAfter(on, rng.int(1, 7));
    if (!stopAt && rng.chance(0.1)) return void go('declined', decisionOn, rng.pick(DECLINE_REASONS));
    if (!go('accepted', decisionOn) || stopAt === 'accepted') return;
    const typical = partner.typicalWaitDays ?? 14;
    const bookOn = maxDay(dayAfter(on, 1), dayAfter(sentOn, Math.max(1, Math.round(typical * (0.4 + rng.float() * 1.3)))));
    if (stopAt === 'waiting' || typical > 7 || rng.chance(0.4)) {
      if (!go('waiting', dayAfter(on, rng.int(0, 2))) || stopAt) return;
      if (rng.chance(0.07)) return void go('withdrawn', maxDay(on, minDay(dayAfter(bookOn, -1), dayAfter(on, rng.int(3, 20)))), rng.pick(WITHDRAW_REASONS));
    }
    if (!go('first_appointment_booked', maxDay(on, bookOn))) return;
    firstAppointmentOn = dayAfter(on, rng.int(3, 14));
    if (rng.chance(0.18)) return void go('did_not_attend', firstAppointmentOn);
    if (!go('attended', firstAppointmentOn)) return;
    go(rng.chance(0.2) ? 'disengaged' : 'engaged', dayAfter(on, rng.int(14, 42)));
  };
  run();
  return { moves, firstAppointmentOn };
}

/** Onward referrals to the partners the plan chose, from the day the plan was agreed (or soon after the assessment). */
export function onwardReferralsFor(ctx: CaseWorkContext, s: CaseState): void {
  const { rng, today } = ctx;
  if (!s.assessedOn || !s.assessor) return;
  for (const partner of s.partnersChosen) {
    const createdOn = s.agreedOn ?? dayAfter(s.assessedOn, rng.int(0, 3));
    if (createdOn > s.limitOn) continue;
    const recentDraft = s.closing === null && daysBetween(createdOn, today) <= 4 && rng.chance(0.5);
    referTo(ctx, s, partner, createdOn, recentDraft);
  }
}

/** Who a partner service sees: children (CAMHS), adults (adult services), women (a women's centre), or anyone. */
function suits(partner: CasePartner, s: CaseState): boolean {
  switch (partner.pathway) {
    case 'camhs':
      return s.isChild;
    case 'womens_centre':
      return s.female && !s.isChild;
    case 'adult_mental_health':
    case 'housing':
    case 'debt_advice':
    case 'domestic_abuse':
      return !s.isChild;
    default:
      return true;
  }
}

/**
 * Partner services whose workers use the system have something to act on: when none of their referrals waits for
 * them, the newest assessed open case that suits them (with consent to share) sends one in the last week, left sent, accepted or waiting.
 */
export function leaveReferralsToActOn(ctx: CaseWorkContext, states: readonly CaseState[]): void {
  const { rng, today } = ctx;
  for (const partner of ctx.team.partners) {
    if (partner.workers.length === 0 || ctx.rows.onwardReferrals.some((r) => r.partner_organisation_id === partner.id && WAITING_STATES.includes(r.onward_state))) continue;
    const settled = dayAfter(today, -3);
    const open = [...states].reverse().filter((c) => c.closing === null && c.healthSharing && c.assessor && c.assessedOn && (c.agreedOn ?? c.assessedOn) <= settled && suits(partner, c));
    const earlier = (c: CaseState) => c.onward.filter((r) => r.partner_organisation_id === partner.id);
    // A case not yet referred there, or else one whose earlier referral there ended (declined, withdrawn, missed or dropped out).
    const s = open.find((c) => earlier(c).length === 0) ?? open.find((c) => earlier(c).every((r) => REREFERRED_AFTER.has(r.onward_state)));
    if (!s) continue;
    if (!s.partnersChosen.includes(partner)) s.partnersChosen.push(partner);
    referTo(ctx, s, partner, maxDay(s.agreedOn ?? s.assessedOn!, dayAfter(today, -rng.int(5, 9))), false, rng.pick(WAITING_STATES));
  }
}

/** One referral to a partner, created on a day, with its timeline, events and interim support. */
function referTo(ctx: CaseWorkContext, s: CaseState, partner: CasePartner, createdOn: string, recentDraft: boolean, stopAt?: OnwardReferralState): void {
  const { rng, now } = ctx;
  const assessor = s.assessor!;
  const { moves, firstAppointmentOn } = timeline(ctx, partner, createdOn, s.limitOn, recentDraft, stopAt);
  let last = moves[moves.length - 1]!;
  if (s.closing === 'closed' && last.to === 'draft') moves.push((last = { from: 'draft', to: 'withdrawn', on: s.limitOn, reason: 'Case closed before the referral was sent' }));
  const id = ctx.newId();
  let previous = 0;
  const stamps: Date[] = [];
  for (const m of moves) {
    const t = Math.min(now.getTime(), Math.max(previous + 1000, ctx.at(m.on, rng.int(9, 16), rng.int(0, 59)).getTime()));
    previous = t;
    stamps.push(new Date(t));
    const byPartner = PARTNER_MOVES.has(m.to) && partner.workers.length > 0 && rng.chance(0.7);
    const by = byPartner ? rng.pick(partner.workers) : (holderAt(s, new Date(t)) ?? assessor);
    ctx.rows.onwardEvents.push({ id: ctx.newId(), service_id: s.row.service_id, onward_referral_id: id, from_state: m.from, to_state: m.to, occurred_on: m.on, reason: m.reason, recorded_by: by.id, recorded_at: new Date(t) });
  }
  const sent = moves.find((m) => m.to === 'sent');
  const row = {
    id, service_id: s.row.service_id, case_id: s.row.id, person_id: s.row.person_id, partner_organisation_id: partner.id,
    reason: rng.pick(ONWARD_REASONS[partner.pathway] ?? [`Support from ${PATHWAY_LABELS[partner.pathway].toLowerCase()}`]),
    onward_state: last.to, sent_on: sent?.on ?? null, state_changed_on: last.on, first_appointment_on: moves.some((m) => m.to === 'first_appointment_booked') ? firstAppointmentOn : null,
    exit_status: s.closing !== null ? exitStatusOf(ctx, last.to) : null, created_by: (holderAt(s, stamps[0]!) ?? assessor).id,
    version: moves.length, created_at: stamps[0]!, updated_at: stamps[stamps.length - 1]!,
  };
  ctx.rows.onwardReferrals.push(row);
  s.onward.push(row);
  interim(ctx, s, partner, id, moves);
}

/** Support offered while a referral waits ten days or more. */
function interim(ctx: CaseWorkContext, s: CaseState, partner: CasePartner, onwardReferralId: string, moves: Move[]): void {
  const { rng } = ctx;
  const i = moves.findIndex((m) => m.to === 'waiting');
  if (i < 0) return;
  const from = moves[i]!.on;
  const until = moves[i + 1]?.on ?? s.limitOn;
  const span = daysBetween(from, until);
  if (span < 10 || !rng.chance(0.55)) return;
  const offeredOn = dayAfter(from, rng.int(1, Math.min(7, span)));
  const worker = holderAt(s, ctx.at(offeredOn, 12)) ?? s.assessor!;
  const what = INTERIM_SUPPORT[partner.pathway] ?? ['Weekly check-in calls from the L&D worker'];
  ctx.rows.interimSupport.push({
    id: ctx.newId(), service_id: s.row.service_id, onward_referral_id: onwardReferralId, what: rng.pick(what), offered_by: `${worker.displayName}, L&D team`, offered_on: offeredOn,
    taken_up: daysBetween(offeredOn, s.limitOn) < 5 ? 'not_yet' : rng.weighted([['yes', 60], ['no', 25], ['not_yet', 15]]), notes: rng.pick(INTERIM_NOTES),
    recorded_by: worker.id, recorded_at: ctx.at(offeredOn, rng.int(10, 16), rng.int(0, 59)),
  });
}
