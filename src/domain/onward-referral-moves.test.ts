// Tests for checking a move of an onward referral, the partner's moves, and the wait.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayOfferInterimSupport, nextOnwardStates, onwardMoveProblems, onwardWait, type OnwardMoveCheck } from './onward-referral-moves.js';

const move = (over: Partial<OnwardMoveCheck>): OnwardMoveCheck => ({
  from: 'sent', to: 'accepted', mover: 'team', on: '2026-11-20', reason: '', appointmentOn: null, previousOn: '2026-11-10', firstAppointmentOn: null, today: '2026-11-23', ...over,
});

test('the team may make every move of the state machine; a partner only its own decisions and attendance', () => {
  assert.deepEqual(nextOnwardStates('draft', 'team'), ['sent', 'withdrawn']);
  assert.deepEqual(nextOnwardStates('accepted', 'team'), ['waiting', 'first_appointment_booked', 'withdrawn']);
  assert.deepEqual(nextOnwardStates('sent', 'partner'), ['accepted', 'declined']);
  assert.deepEqual(nextOnwardStates('accepted', 'partner'), ['first_appointment_booked']);
  assert.deepEqual(nextOnwardStates('first_appointment_booked', 'partner'), ['attended', 'did_not_attend']);
  assert.deepEqual(nextOnwardStates('attended', 'partner'), ['engaged', 'disengaged']);
  assert.deepEqual(nextOnwardStates('draft', 'partner'), []);
  assert.deepEqual(nextOnwardStates('engaged', 'team'), []);
});

test('a good move has no problems', () => {
  assert.deepEqual(onwardMoveProblems(move({})), {});
  assert.deepEqual(onwardMoveProblems(move({ on: '2026-11-10' })), {}, 'the same day as the last change is fine');
  assert.deepEqual(onwardMoveProblems(move({ to: 'declined', reason: 'Not our area', mover: 'partner' })), {});
});

test('a move the state machine forbids names the current state', () => {
  assert.match(onwardMoveProblems(move({ from: 'draft', to: 'attended' })).to!, /referral that is draft cannot be moved to attended: select sent or withdrawn/);
  assert.match(onwardMoveProblems(move({ from: 'engaged', to: 'withdrawn' })).to!, /This referral is engaged: no further change/);
  assert.match(onwardMoveProblems(move({ from: 'sent', to: 'withdrawn', mover: 'partner', reason: 'x' })).to!, /select accepted or declined/);
  assert.match(onwardMoveProblems(move({ from: 'draft', to: 'sent', mover: 'partner' })).to!, /L&D team records its next change/);
});

test('the date must be given, real, not in the future and not before the last change', () => {
  assert.equal(onwardMoveProblems(move({ on: '' })).on, 'Enter the date of the change');
  assert.match(onwardMoveProblems(move({ on: '2026-02-30' })).on!, /real date/);
  assert.match(onwardMoveProblems(move({ on: '2026-11-24' })).on!, /today or in the past/);
  assert.match(onwardMoveProblems(move({ on: '2026-11-09' })).on!, /not be before/);
});

test('attendance cannot be recorded before the first appointment', () => {
  const booked = { from: 'first_appointment_booked' as const, firstAppointmentOn: '2026-11-21', previousOn: '2026-11-12' };
  assert.match(onwardMoveProblems(move({ ...booked, to: 'attended', on: '2026-11-20' })).on!, /on or after the first appointment/);
  assert.deepEqual(onwardMoveProblems(move({ ...booked, to: 'did_not_attend', on: '2026-11-21' })), {});
});

test('declining or withdrawing needs a reason; other reasons are optional but bounded', () => {
  assert.match(onwardMoveProblems(move({ to: 'declined', reason: '  ' })).reason!, /why the partner service declined/);
  assert.match(onwardMoveProblems(move({ to: 'withdrawn' })).reason!, /why the referral is being withdrawn/);
  assert.match(onwardMoveProblems(move({ reason: 'x'.repeat(1001) })).reason!, /1000 characters/);
});

test('booking a first appointment needs its date, which may be in the future but not before the booking', () => {
  const booking = { from: 'accepted' as const, to: 'first_appointment_booked' as const };
  assert.match(onwardMoveProblems(move(booking)).appointmentOn!, /Enter the date of the first appointment/);
  assert.deepEqual(onwardMoveProblems(move({ ...booking, appointmentOn: '2026-12-14' })), {});
  assert.match(onwardMoveProblems(move({ ...booking, appointmentOn: '2026-11-19' })).appointmentOn!, /on or after the date it was booked/);
});

test('the wait runs to today while waiting, then to the first appointment or the end', () => {
  assert.equal(onwardWait({ sentOn: null, state: 'draft', firstAppointmentOn: null, stateChangedOn: '2026-11-01' }, '2026-11-23'), null);
  assert.deepEqual(onwardWait({ sentOn: '2026-11-01', state: 'waiting', firstAppointmentOn: null, stateChangedOn: '2026-11-05' }, '2026-11-23'), { days: 22, stillWaiting: true });
  assert.deepEqual(onwardWait({ sentOn: '2026-11-01', state: 'attended', firstAppointmentOn: '2026-11-15', stateChangedOn: '2026-11-15' }, '2026-11-23'), { days: 14, stillWaiting: false });
  assert.deepEqual(onwardWait({ sentOn: '2026-11-01', state: 'declined', firstAppointmentOn: null, stateChangedOn: '2026-11-04' }, '2026-11-23'), { days: 3, stillWaiting: false });
});

test('interim support is offered only while the person waits', () => {
  assert.equal(mayOfferInterimSupport('sent'), true);
  assert.equal(mayOfferInterimSupport('waiting'), true);
  assert.equal(mayOfferInterimSupport('draft'), false);
  assert.equal(mayOfferInterimSupport('engaged'), false);
});
