import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DUE_KIND_LABELS, compareUrgency, courtReportDueItems, dueItems, sortDueItems, type CaseFacts, type CourtReportDueFact, type DueItem } from './due-items.js';

const TODAY = '2026-11-23';

/** An open case opened on 2 November with an agreed plan and a completed assessment: nothing due. */
function facts(over: Partial<CaseFacts> = {}): CaseFacts {
  return {
    caseId: 'c1', personName: 'Ottilie Quennell', caseStatus: 'open', openedAt: new Date('2026-11-02T10:00:00Z'),
    planAgreedOn: '2026-11-09', extensions: [], assessmentCompleted: true, openReviews: [], contacts: [], waitingReferrals: [],
    pendingExtensions: [], closureRequestedAt: null, closedOn: null, followUpDueOn: null, followUpRecorded: false, ...over,
  };
}
const only = (items: DueItem[]) => items.map((i) => `${i.kind}:${i.dueOn}:${i.overdue ? 'overdue' : 'due'}`);

test('a case with nothing outstanding has nothing due', () => {
  assert.deepEqual(dueItems(facts(), TODAY), []);
});

test('a review shows from 7 days ahead; due today is not overdue; yesterday is', () => {
  assert.deepEqual(only(dueItems(facts({ openReviews: ['2026-12-01'] }), TODAY)), []);
  assert.deepEqual(only(dueItems(facts({ openReviews: ['2026-11-30'] }), TODAY)), ['review:2026-11-30:due']);
  assert.deepEqual(only(dueItems(facts({ openReviews: ['2026-11-23'] }), TODAY)), ['review:2026-11-23:due']);
  assert.deepEqual(only(dueItems(facts({ openReviews: ['2026-11-22'] }), TODAY)), ['review:2026-11-22:overdue']);
  assert.match(dueItems(facts({ openReviews: ['2026-11-22'] }), TODAY)[0]!.text, /overdue/);
});

test('a did-not-attend is followed up by the next day; a later contact clears it', () => {
  const dna = { id: 'k1', startsAt: new Date('2026-11-22T10:00:00Z'), outcome: 'did_not_attend' };
  assert.deepEqual(only(dueItems(facts({ contacts: [dna] }), TODAY)), ['missed_contact:2026-11-23:due']);
  assert.deepEqual(only(dueItems(facts({ contacts: [{ ...dna, startsAt: new Date('2026-11-21T10:00:00Z') }] }), TODAY)), ['missed_contact:2026-11-22:overdue']);
  const booked = { id: 'k2', startsAt: new Date('2026-11-26T10:00:00Z'), outcome: null };
  assert.deepEqual(dueItems(facts({ contacts: [dna, booked] }), TODAY), []);
  assert.deepEqual(dueItems(facts({ contacts: [{ ...dna, outcome: 'attended' }] }), TODAY), []);
});

test('an onward referral is flagged once it has waited longer than the partner typical wait', () => {
  const r = { id: 'o1', partnerName: 'Calder Vale CAMHS', state: 'waiting' as const, sentOn: '2026-10-12', typicalWaitDays: 42 };
  assert.deepEqual(dueItems(facts({ waitingReferrals: [r] }), TODAY), [], '42 days is the typical wait, not longer');
  const items = dueItems(facts({ waitingReferrals: [{ ...r, sentOn: '2026-10-11' }] }), TODAY);
  assert.deepEqual(only(items), ['long_wait:2026-11-22:overdue']);
  assert.match(items[0]!.text, /Calder Vale CAMHS/);
  assert.deepEqual(dueItems(facts({ waitingReferrals: [{ ...r, sentOn: '2026-01-01', state: 'first_appointment_booked' }] }), TODAY), []);
  assert.deepEqual(dueItems(facts({ waitingReferrals: [{ ...r, sentOn: '2026-01-01', typicalWaitDays: null }] }), TODAY), []);
});

test('a case turns amber at week 10 and red the day after its end date, unless an approved extension moves it', () => {
  // Plan agreed 2026-09-21: day 63 is 2026-11-23, the end is 2026-12-14.
  assert.deepEqual(dueItems(facts({ planAgreedOn: '2026-09-22' }), TODAY), [], 'day 62 is still on track');
  assert.deepEqual(only(dueItems(facts({ planAgreedOn: '2026-09-21' }), TODAY)), ['near_end:2026-12-14:due']);
  // Plan agreed 2026-08-31: ends 2026-11-23 (today) — amber; a day earlier it ended yesterday — red.
  assert.deepEqual(only(dueItems(facts({ planAgreedOn: '2026-08-31' }), TODAY)), ['near_end:2026-11-23:due']);
  assert.deepEqual(only(dueItems(facts({ planAgreedOn: '2026-08-30' }), TODAY)), ['past_end:2026-11-22:overdue']);
  const extension = { approvedOn: '2026-11-20', approvedBy: 'Joanne Barraclough', reason: 'Waiting for CAMHS', newEndOn: '2026-12-31' };
  assert.deepEqual(only(dueItems(facts({ planAgreedOn: '2026-08-30', extensions: [extension] }), TODAY)), ['near_end:2026-12-31:due']);
  assert.deepEqual(dueItems(facts({ planAgreedOn: null }), TODAY), [], 'no clock before the plan');
});

test('the assessment is due 14 days after the case opened; overdue the day after', () => {
  assert.deepEqual(dueItems(facts({ assessmentCompleted: false, openedAt: new Date('2026-11-10T10:00:00Z') }), TODAY), []);
  assert.deepEqual(only(dueItems(facts({ assessmentCompleted: false, openedAt: new Date('2026-11-09T10:00:00Z') }), TODAY)), ['assessment:2026-11-23:due']);
  assert.deepEqual(only(dueItems(facts({ assessmentCompleted: false, openedAt: new Date('2026-11-08T23:30:00Z') }), TODAY)), ['assessment:2026-11-22:overdue']);
  // 23:30 UTC on 8 June is 00:30 on 9 June in London (summer time): the London date counts.
  assert.deepEqual(only(dueItems(facts({ assessmentCompleted: false, openedAt: new Date('2026-06-08T23:30:00Z') }), '2026-06-23')), ['assessment:2026-06-23:due']);
});

test('an extension awaiting a decision is due to the manager within 2 days', () => {
  assert.deepEqual(only(dueItems(facts({ pendingExtensions: [new Date('2026-11-21T09:00:00Z')] }), TODAY)), ['extension_decision:2026-11-23:due']);
  assert.deepEqual(only(dueItems(facts({ pendingExtensions: [new Date('2026-11-20T09:00:00Z')] }), TODAY)), ['extension_decision:2026-11-22:overdue']);
});

test('a closure awaiting sign-off is the only thing due on the case', () => {
  const items = dueItems(facts({ caseStatus: 'closure_requested', closureRequestedAt: new Date('2026-11-23T09:00:00Z'), openReviews: ['2026-11-01'], planAgreedOn: '2026-08-01' }), TODAY);
  assert.deepEqual(only(items), ['closure_sign_off:2026-11-25:due']);
  assert.deepEqual(only(dueItems(facts({ caseStatus: 'closure_requested', closureRequestedAt: new Date('2026-11-20T09:00:00Z') }), TODAY)), ['closure_sign_off:2026-11-22:overdue']);
});

test('a follow-up after closure is due on its date until it is recorded; only for a year', () => {
  const closed = facts({ caseStatus: 'closed', closedOn: '2026-08-31', followUpDueOn: '2026-11-23', openReviews: ['2026-08-01'], assessmentCompleted: false });
  assert.deepEqual(only(dueItems(closed, TODAY)), ['follow_up:2026-11-23:due']);
  assert.deepEqual(only(dueItems({ ...closed, followUpDueOn: '2026-11-22' }, TODAY)), ['follow_up:2026-11-22:overdue']);
  assert.deepEqual(dueItems({ ...closed, followUpDueOn: '2026-11-24' }, TODAY), [], 'not yet due');
  assert.deepEqual(dueItems({ ...closed, followUpRecorded: true }, TODAY), []);
  assert.deepEqual(dueItems({ ...closed, followUpDueOn: '2025-11-22' }, TODAY), [], 'more than a year past');
  assert.deepEqual(dueItems({ ...closed, followUpDueOn: null }, TODAY), []);
});

test('a court report not yet issued shows from 7 days before it is due, and is overdue once its due day has passed', () => {
  const report: CourtReportDueFact = { reportId: 'r1', caseId: 'c1', personName: 'Ottilie Quennell', courtName: "Calder Vale Magistrates' Court", hearingOn: '2026-12-04', dueOn: '2026-12-01', state: 'draft' };
  assert.deepEqual(courtReportDueItems([report], TODAY), [], '8 days ahead: not listed yet');
  const [due] = courtReportDueItems([{ ...report, dueOn: '2026-11-30' }], TODAY);
  assert.deepEqual(only([due!]), ['court_report:2026-11-30:due']);
  assert.equal(due!.reportId, 'r1', 'the item names its report');
  assert.equal(DUE_KIND_LABELS[due!.kind], 'Court report due');
  assert.equal(due!.text, "Report to Calder Vale Magistrates' Court for the hearing on 4 December 2026: finish the draft and send it for sign-off");
  assert.deepEqual(only(courtReportDueItems([{ ...report, dueOn: TODAY }], TODAY)), ['court_report:2026-11-23:due']);
  const [late] = courtReportDueItems([{ ...report, dueOn: '2026-11-22', state: 'awaiting_sign_off' }], TODAY);
  assert.deepEqual(only([late!]), ['court_report:2026-11-22:overdue']);
  assert.match(late!.text, /waiting for a manager to sign it off/);
});

test('items sort by date, then kind, then name', () => {
  const a = dueItems(facts({ caseId: 'a', personName: 'Zena Marwood-Pike', openReviews: ['2026-11-20'] }), TODAY);
  const b = dueItems(facts({ caseId: 'b', personName: 'Abel Quennell', openReviews: ['2026-11-20'], assessmentCompleted: false, openedAt: new Date('2026-11-06T10:00:00Z') }), TODAY);
  assert.deepEqual(sortDueItems([...a, ...b]).map((i) => `${i.caseId}:${i.kind}`), ['b:review', 'a:review', 'b:assessment']);
});

test('caseloads order past 12 weeks first, then overdue, then near 12 weeks, then due, then the rest', () => {
  const base = { overdue: 0, due: 0, earliestDue: null, openedAt: new Date('2026-10-01T10:00:00Z') };
  const cases = {
    quiet: { ...base, clockState: 'on_track' as const },
    older: { ...base, clockState: 'on_track' as const, openedAt: new Date('2026-09-01T10:00:00Z') },
    due: { ...base, clockState: 'on_track' as const, due: 1, earliestDue: '2026-11-25' },
    amber: { ...base, clockState: 'amber' as const, due: 1, earliestDue: '2026-12-10' },
    overdue: { ...base, clockState: 'not_started' as const, overdue: 1, due: 1, earliestDue: '2026-11-20' },
    red: { ...base, clockState: 'red' as const, overdue: 1, due: 1, earliestDue: '2026-11-22' },
  };
  const order = Object.entries(cases).sort(([, a], [, b]) => compareUrgency(a, b)).map(([k]) => k);
  assert.deepEqual(order, ['red', 'overdue', 'amber', 'due', 'older', 'quiet']);
});
