import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attendanceTimingProblem, bookingProblem, placesLeft, planStatusAfter, type BookingRequest, type SessionFacts } from './restorative-booking.js';

const now = new Date('2026-11-23T10:00:00Z');
const session: SessionFacts = { interventionId: 'shop-theft', startsAt: new Date('2026-12-01T14:00:00Z'), places: 2, booked: 1 };
const request: BookingRequest = { caseOpen: true, planIntervention: { interventionId: 'shop-theft', status: 'planned' }, alreadyOnSession: false };

test('a planned intervention can be booked onto a later session of the same intervention with a place left', () => {
  assert.equal(bookingProblem(session, request, now), null);
  assert.equal(placesLeft(session), 1);
});

test('a full, past, already booked or non-matching session is refused', () => {
  assert.match(bookingProblem({ ...session, booked: 2 }, request, now) ?? '', /full/);
  assert.match(bookingProblem({ ...session, startsAt: new Date('2026-11-20T14:00:00Z') }, request, now) ?? '', /already started/);
  assert.match(bookingProblem(session, { ...request, alreadyOnSession: true }, now) ?? '', /already booked onto this session/);
  assert.match(bookingProblem(session, { ...request, planIntervention: { interventionId: 'victim-awareness', status: 'planned' } }, now) ?? '', /intervention in the support plan/);
  assert.match(bookingProblem(session, { ...request, planIntervention: { interventionId: 'shop-theft', status: 'booked' } }, now) ?? '', /already booked or finished/);
  assert.match(bookingProblem(session, { ...request, caseOpen: false }, now) ?? '', /closed/);
  assert.equal(placesLeft({ places: 2, booked: 3 }), 0);
});

test('attendance is recorded once the session has started', () => {
  assert.match(attendanceTimingProblem(session.startsAt, now) ?? '', /before the session starts: it starts at 14:00 on 1 December 2026/);
  assert.equal(attendanceTimingProblem(now, now), null);
});

test('attending completes the plan intervention; missing it leaves it to book again', () => {
  assert.equal(planStatusAfter('attended'), 'completed');
  assert.equal(planStatusAfter('did_not_attend'), 'planned');
});
