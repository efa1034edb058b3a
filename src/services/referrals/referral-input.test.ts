import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readReferralInput } from './referral-input.js';

const now = new Date('2026-11-23T03:30:00Z');
const form = (over: Record<string, string> = {}) => ({
  givenName: 'Dale', familyName: 'Whitworth', 'dateOfBirth-day': '2', 'dateOfBirth-month': '9', 'dateOfBirth-year': '1988',
  source: 'custody_staff', 'referredDate-day': '23', 'referredDate-month': '11', 'referredDate-year': '2026', referredTime: '03:10',
  'arrivedDate-day': '23', 'arrivedDate-month': '11', 'arrivedDate-year': '2026', arrivedTime: '01:45',
  reasonForConcern: 'Talking to himself in cell 4, not eating', custodyStatus: 'in_custody', ...over,
});

test('a complete referral is read with London times', () => {
  const r = readReferralInput(form(), now, { siteId: 'site-1' });
  assert.ok(r.ok);
  assert.equal(r.value.referredAt.toISOString(), '2026-11-23T03:10:00.000Z');
  assert.equal(r.value.arrivedAt?.toISOString(), '2026-11-23T01:45:00.000Z');
  assert.equal(r.value.urgency, 'routine');
  assert.equal(r.value.offenceCategory, 'not_known');
});

test('a referral in the future, or arrival after referral, is refused', () => {
  const future = readReferralInput(form({ referredTime: '05:00', arrivedTime: '' , 'arrivedDate-day': '', 'arrivedDate-month': '', 'arrivedDate-year': '' }), now, { siteId: 's' });
  assert.ok(!future.ok);
  assert.match(future.errors['referredDate-day']!, /cannot be in the future/);
  const backwards = readReferralInput(form({ arrivedTime: '03:20' }), now, { siteId: 's' });
  assert.ok(!backwards.ok);
  assert.equal(backwards.errors['arrivedDate-day'], 'Arrival must be before the referral: check both times');
});

test('a date of birth making the person under 10 is refused; no date of birth is allowed', () => {
  const young = readReferralInput(form({ 'dateOfBirth-year': '2018' }), now, { siteId: 's' });
  assert.ok(!young.ok);
  assert.match(young.errors['dateOfBirth-day']!, /under 10/);
  const unknown = readReferralInput(form({ 'dateOfBirth-day': '', 'dateOfBirth-month': '', 'dateOfBirth-year': '' }), now, { siteId: 's' });
  assert.ok(unknown.ok);
  assert.equal(unknown.value.dateOfBirth, null);
});

test('missing essentials name their fields', () => {
  const r = readReferralInput({}, now);
  assert.ok(!r.ok);
  for (const key of ['siteId', 'givenName', 'familyName', 'source', 'referredDate-day', 'reasonForConcern', 'custodyStatus']) assert.ok(r.errors[key], key);
});

test('a time not on the 24-hour clock is explained', () => {
  const r = readReferralInput(form({ referredTime: '3pm' }), now, { siteId: 's' });
  assert.ok(!r.ok);
  assert.match(r.errors.referredTime!, /24-hour clock, like 14:30/);
});
