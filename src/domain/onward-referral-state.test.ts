// Tests for the onward-referral lifecycle: every allowed and forbidden move, reasons, and long waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ONWARD_REFERRAL_STATES,
  ONWARD_REFERRAL_STATE_LABELS,
  canMoveOnward,
  isFinalOnward,
  needsReason,
  waitingTooLong,
  type OnwardReferralState,
} from './onward-referral-state.js';

const ALLOWED: ReadonlyArray<[OnwardReferralState, OnwardReferralState]> = [
  ['draft', 'sent'],
  ['draft', 'withdrawn'],
  ['sent', 'accepted'],
  ['sent', 'declined'],
  ['sent', 'withdrawn'],
  ['accepted', 'waiting'],
  ['accepted', 'first_appointment_booked'],
  ['accepted', 'withdrawn'],
  ['waiting', 'first_appointment_booked'],
  ['waiting', 'withdrawn'],
  ['first_appointment_booked', 'attended'],
  ['first_appointment_booked', 'did_not_attend'],
  ['first_appointment_booked', 'withdrawn'],
  ['attended', 'engaged'],
  ['attended', 'disengaged'],
  ['attended', 'withdrawn'],
];

test('every move between states is allowed or forbidden exactly as the lifecycle says', () => {
  const allowed = new Set(ALLOWED.map(([a, b]) => `${a} → ${b}`));
  for (const from of ONWARD_REFERRAL_STATES) {
    for (const to of ONWARD_REFERRAL_STATES) {
      assert.equal(canMoveOnward(from, to), allowed.has(`${from} → ${to}`), `${from} → ${to}`);
    }
  }
});

test('declined, engaged, disengaged, did not attend and withdrawn are final', () => {
  assert.deepEqual(ONWARD_REFERRAL_STATES.filter(isFinalOnward), ['declined', 'engaged', 'disengaged', 'did_not_attend', 'withdrawn']);
});

test('withdrawn from any state that is not final', () => {
  for (const from of ONWARD_REFERRAL_STATES) assert.equal(canMoveOnward(from, 'withdrawn'), !isFinalOnward(from), from);
});

test('declining and withdrawing need a reason', () => {
  assert.deepEqual(ONWARD_REFERRAL_STATES.filter(needsReason), ['declined', 'withdrawn']);
});

test('every state has a plain-English label', () => {
  assert.equal(ONWARD_REFERRAL_STATE_LABELS.first_appointment_booked, 'First appointment booked');
  assert.equal(ONWARD_REFERRAL_STATE_LABELS.did_not_attend, 'Did not attend');
  for (const s of ONWARD_REFERRAL_STATES) assert.ok(ONWARD_REFERRAL_STATE_LABELS[s].length > 0);
});

test('a referral still waiting past the typical wait is flagged', () => {
  for (const state of ['sent', 'accepted', 'waiting'] as const) {
    assert.equal(waitingTooLong('2025-01-01', 28, '2025-01-29', state), false, `${state} on day 28`);
    assert.equal(waitingTooLong('2025-01-01', 28, '2025-01-30', state), true, `${state} on day 29`);
  }
});

test('no flag once seen, when finished or in draft, or when the typical wait is unknown', () => {
  for (const state of ONWARD_REFERRAL_STATES.filter((s) => !['sent', 'accepted', 'waiting'].includes(s))) {
    assert.equal(waitingTooLong('2025-01-01', 28, '2025-06-01', state), false, state);
  }
  assert.equal(waitingTooLong('2025-01-01', null, '2025-06-01', 'waiting'), false);
});

test('a typical wait must be whole days, 0 or more', () => {
  assert.equal(waitingTooLong('2025-01-01', 0, '2025-01-02', 'sent'), true);
  assert.throws(() => waitingTooLong('2025-01-01', -1, '2025-01-02', 'sent'), RangeError);
  assert.throws(() => waitingTooLong('2025-01-01', 1.5, '2025-01-02', 'sent'), RangeError);
});
