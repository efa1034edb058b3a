import { test } from 'node:test';
import assert from 'node:assert/strict';
import { personFlags, type FlaggedPerson } from './person-flags.js';

const base: FlaggedPerson = { dateOfBirth: '1990-05-01', sex: 'male', genderIdentity: '', isVeteran: false, isCareLeaver: false, interpreterNeeded: false, firstLanguage: '', knownRisk: '' };
const on = new Date('2026-11-23T12:00:00Z');
const keys = (p: Partial<FlaggedPerson>) => personFlags({ ...base, ...p }, on).map((f) => f.key);

test('an adult man with nothing recorded has no flags', () => assert.deepEqual(keys({}), []));

test('age flags follow the age on the day', () => {
  assert.deepEqual(keys({ dateOfBirth: '2009-11-24' }), ['under_18']);
  assert.deepEqual(keys({ dateOfBirth: '2008-11-23' }), ['young_adult']);
  assert.deepEqual(keys({ dateOfBirth: '2001-11-24' }), ['young_adult']);
  assert.deepEqual(keys({ dateOfBirth: '2001-11-23' }), []);
  assert.equal(personFlags({ ...base, dateOfBirth: '2012-01-01' }, on)[0]!.label, 'Under 18 (14)');
});

test('women, veterans, care leavers, interpreter need and known risk are flagged', () => {
  assert.deepEqual(keys({ sex: 'female' }), ['woman']);
  assert.deepEqual(keys({ genderIdentity: 'Woman' }), ['woman']);
  assert.deepEqual(keys({ isVeteran: true, isCareLeaver: true, interpreterNeeded: true, firstLanguage: 'Polish', knownRisk: 'Assault on staff, 2024' }), ['veteran', 'care_leaver', 'interpreter', 'known_risk']);
  assert.equal(personFlags({ ...base, interpreterNeeded: true, firstLanguage: 'Polish' }, on)[0]!.label, 'Interpreter needed (Polish)');
});
