// Tests for ages, age bands, date-of-birth checks and the day-month-year date input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  ageBand,
  ageOn,
  DATE_OF_BIRTH_MESSAGES,
  dateOfBirthError,
  isChild,
  isRealDate,
  londonCalendarDate,
  parseDateParts,
} from './age.js';

test('age in whole years turns over on the birthday', () => {
  assert.equal(ageOn('2008-06-15', '2025-06-14'), 16);
  assert.equal(ageOn('2008-06-15', '2025-06-15'), 17);
  assert.equal(ageOn('2008-06-15', '2025-12-31'), 17);
  assert.equal(ageOn('2008-06-15', '2008-06-15'), 0);
  assert.equal(ageOn('1950-01-01', '2025-01-01'), 75);
});

test('a 29 February birthday turns a year older on 1 March in other years', () => {
  assert.equal(ageOn('2008-02-29', '2025-02-28'), 16);
  assert.equal(ageOn('2008-02-29', '2025-03-01'), 17);
  assert.equal(ageOn('2008-02-29', '2024-02-28'), 15);
  assert.equal(ageOn('2008-02-29', '2024-02-29'), 16);
});

test('a Date is read as its Europe/London calendar date', () => {
  // 23:30 UTC on 14 June is 00:30 on 15 June in London (summer time): the birthday has come.
  assert.equal(londonCalendarDate(new Date('2025-06-14T23:30:00Z')), '2025-06-15');
  assert.equal(ageOn('2008-06-15', new Date('2025-06-14T23:30:00Z')), 17);
  assert.equal(ageOn('2008-06-15', new Date('2025-06-14T22:30:00Z')), 16);
  // In winter London is on UTC.
  assert.equal(londonCalendarDate(new Date('2025-01-14T23:30:00Z')), '2025-01-14');
  assert.equal(ageOn('2008-01-15', new Date('2025-01-14T23:30:00Z')), 16);
  assert.equal(ageOn('2008-01-15', new Date('2025-01-15T00:00:00Z')), 17);
});

test('dates that are not real, or before the birth, are refused', () => {
  assert.throws(() => ageOn('2023-02-29', '2025-01-01'), RangeError);
  assert.throws(() => ageOn('15/06/2008', '2025-01-01'), RangeError);
  assert.throws(() => ageOn('2008-06-15', '2025-13-01'), RangeError);
  assert.throws(() => ageOn('2008-06-15', new Date('nonsense')), RangeError);
  assert.throws(() => ageOn('2008-06-15', '2008-06-14'), RangeError);
  assert.equal(isRealDate('2024-02-29'), true);
  assert.equal(isRealDate('2023-02-29'), false);
  assert.equal(isRealDate('2000-02-29'), true);
  assert.equal(isRealDate('1900-02-29'), false);
  assert.equal(isRealDate('2024-04-31'), false);
  assert.equal(isRealDate('2024-4-1'), false);
});

test('age bands: 10-17 child, 18-24 young adult, 25 and over adult', () => {
  assert.equal(ageBand(10), 'child');
  assert.equal(ageBand(17), 'child');
  assert.equal(ageBand(18), 'young_adult');
  assert.equal(ageBand(24), 'young_adult');
  assert.equal(ageBand(25), 'adult');
  assert.equal(ageBand(90), 'adult');
  assert.throws(() => ageBand(9), RangeError);
  assert.throws(() => ageBand(17.5), RangeError);
  assert.throws(() => ageBand(-1), RangeError);
  assert.deepEqual(
    AGE_BANDS.map((band) => AGE_BAND_LABELS[band]),
    ['10 to 17', '18 to 24', '25 and over'],
  );
});

test('a child is under 18', () => {
  assert.equal(isChild(10), true);
  assert.equal(isChild(17), true);
  assert.equal(isChild(18), false);
  assert.equal(isChild(ageOn('2007-06-15', '2025-06-14')), true);
  assert.equal(isChild(ageOn('2007-06-15', '2025-06-15')), false);
});

test('date of birth messages, checked against the referral date', () => {
  const referral = '2025-06-15';
  assert.equal(dateOfBirthError('1990-04-01', referral), null);
  assert.equal(dateOfBirthError('', referral), DATE_OF_BIRTH_MESSAGES.missing);
  assert.equal(dateOfBirthError('2001-02-29', referral), 'Date of birth must be a real date');
  assert.equal(dateOfBirthError('1 April 1990', referral), 'Date of birth must be a real date');
  assert.equal(dateOfBirthError('2025-06-16', referral), 'Date of birth must be in the past');
  assert.equal(
    dateOfBirthError('2015-06-16', referral),
    'Date of birth makes the person under 10 on the referral date: check it, as the service works with people aged 10 and over',
  );
  assert.equal(dateOfBirthError('2025-06-15', referral), DATE_OF_BIRTH_MESSAGES.underTen);
  assert.equal(dateOfBirthError('2015-06-15', referral), null); // 10 today
  assert.equal(dateOfBirthError('1915-06-16', referral), null); // 109, 110 tomorrow
  assert.equal(dateOfBirthError('1915-06-15', referral), null); // 110 today
  assert.equal(dateOfBirthError('1914-06-15', referral), 'Date of birth makes the person over 110: check the year');
  // A referral Date is read as its London calendar date: 23:30 UTC on 14 June 2025 is 15 June in London.
  assert.equal(dateOfBirthError('2015-06-15', new Date('2025-06-14T23:30:00Z')), null);
  for (const message of Object.values(DATE_OF_BIRTH_MESSAGES)) assert.match(message, /^(Enter the date of birth|Date of birth )/);
});

test('day, month and year boxes make a YYYY-MM-DD date', () => {
  assert.deepEqual(parseDateParts('1', '4', '1990'), { ok: true, date: '1990-04-01' });
  assert.deepEqual(parseDateParts(' 01 ', '04', '1990'), { ok: true, date: '1990-04-01' });
  assert.deepEqual(parseDateParts('29', '2', '2024'), { ok: true, date: '2024-02-29' });
});

test('missing parts are named, and the first missing box is highlighted', () => {
  assert.deepEqual(parseDateParts('', '', ''), { ok: false, error: 'Enter the date of birth', field: 'day' });
  assert.deepEqual(parseDateParts('1', '', '1990'), { ok: false, error: 'Date of birth must include a month', field: 'month' });
  assert.deepEqual(parseDateParts('', '', '1990'), { ok: false, error: 'Date of birth must include a day and month', field: 'day' });
  assert.deepEqual(parseDateParts('1', '', ''), { ok: false, error: 'Date of birth must include a month and year', field: 'month' });
  assert.deepEqual(parseDateParts('1', '4', ' '), { ok: false, error: 'Date of birth must include a year', field: 'year' });
});

test('parts that cannot make a real date are refused, naming the box', () => {
  const notReal = (field: string) => ({ ok: false, error: 'Date of birth must be a real date', field });
  assert.deepEqual(parseDateParts('30', '2', '2024'), notReal('day'));
  assert.deepEqual(parseDateParts('29', '2', '2023'), notReal('day'));
  assert.deepEqual(parseDateParts('31', '4', '2023'), notReal('day'));
  assert.deepEqual(parseDateParts('0', '4', '2023'), notReal('day'));
  assert.deepEqual(parseDateParts('1', '13', '2023'), notReal('month'));
  assert.deepEqual(parseDateParts('1', '0', '2023'), notReal('month'));
  assert.deepEqual(parseDateParts('1', 'April', '2023'), notReal('month'));
  assert.deepEqual(parseDateParts('1st', '4', '2023'), notReal('day'));
  assert.deepEqual(parseDateParts('-1', '4', '2023'), notReal('day'));
  assert.deepEqual(parseDateParts('123', '4', '2023'), notReal('day'));
  assert.deepEqual(parseDateParts('1', '4', '19x0'), notReal('year'));
  assert.deepEqual(parseDateParts('1', '4', '90'), { ok: false, error: 'Date of birth year must include 4 numbers', field: 'year' });
  assert.deepEqual(parseDateParts('1', '4', '19900'), { ok: false, error: 'Date of birth year must include 4 numbers', field: 'year' });
});

test('messages use the label given', () => {
  assert.deepEqual(parseDateParts('', '', '', 'Date of arrival'), { ok: false, error: 'Enter the date of arrival', field: 'day' });
  assert.deepEqual(parseDateParts('', '6', '2025', 'Date of arrival'), {
    ok: false,
    error: 'Date of arrival must include a day',
    field: 'day',
  });
  assert.deepEqual(parseDateParts('31', '6', '2025', 'Date of arrival'), {
    ok: false,
    error: 'Date of arrival must be a real date',
    field: 'day',
  });
  assert.deepEqual(parseDateParts('', '', '', 'NHS start date'), { ok: false, error: 'Enter the NHS start date', field: 'day' });
});
