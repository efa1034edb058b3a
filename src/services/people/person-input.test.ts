import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPersonInput } from './person-input.js';

const today = new Date('2026-11-23T10:00:00Z');
const good = { givenName: ' Kai ', familyName: 'Ellison', 'dateOfBirth-day': '7', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2009', sex: 'male', nhsNumber: '999 000 0018', pncId: '08/56560Z', postcode: 'ls1 4ap', probationCrn: 'x123456' };

test('a complete form is read, normalised', () => {
  const result = readPersonInput(good, today);
  assert.ok(result.ok);
  assert.equal(result.value.givenName, 'Kai');
  assert.equal(result.value.dateOfBirth, '2009-03-07');
  assert.equal(result.value.nhsNumber, '9990000018');
  assert.equal(result.value.pncId, '2008/0056560Z');
  assert.equal(result.value.postcode, 'LS1 4AP');
  assert.equal(result.value.probationCrn, 'X123456');
  assert.equal(result.value.ethnicityCode, '99');
});

test('each bad field is named with how to fix it', () => {
  const result = readPersonInput({ ...good, givenName: '', nhsNumber: '999 123 4567', pncId: '2008/0056560A', 'dateOfBirth-year': '2020', postcode: 'nowhere', sex: 'x' }, today);
  assert.ok(!result.ok);
  assert.equal(result.errors.givenName, 'Enter the first name');
  assert.match(result.errors.nhsNumber!, /NHS number/);
  assert.match(result.errors.pncId!, /check letter/i);
  assert.match(result.errors['dateOfBirth-day']!, /under 10/);
  assert.equal(result.errors.postcode, 'Enter a real postcode, like LS1 4AP');
  assert.match(result.errors.sex!, /Select the sex/);
});

test('a missing part of the date of birth points at that box', () => {
  const result = readPersonInput({ ...good, 'dateOfBirth-month': '' }, today);
  assert.ok(!result.ok);
  assert.equal(result.errors['dateOfBirth-month'], 'Date of birth must include a month');
});
