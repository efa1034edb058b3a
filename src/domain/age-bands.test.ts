// Tests for the reporting age bands: 10-17, 18-24, 25 and over, and not known, at the referral date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageBand } from './age.js';
import { addDays } from './calendar-date.js';
import {
  AGE_BAND_AGES,
  countByReportingAgeBand,
  REPORTING_AGE_BAND_LABELS,
  REPORTING_AGE_BANDS,
  reportingAgeBand,
} from './age-bands.js';

const referral = '2025-06-15';

test('the bands are listed youngest first with their labels, not known last', () => {
  assert.deepEqual(
    REPORTING_AGE_BANDS.map((band) => [band, REPORTING_AGE_BAND_LABELS[band]]),
    [
      ['child', '10 to 17'],
      ['young_adult', '18 to 24'],
      ['adult', '25 and over'],
      ['not_known', 'Not known'],
    ],
  );
});

test('each band starts on the birthday that reaches its first age, at the referral date', () => {
  // 10th birthday on the referral date: 10 to 17; the day before it: under 10, so not known.
  assert.equal(reportingAgeBand('2015-06-15', referral), 'child');
  assert.equal(reportingAgeBand('2015-06-16', referral), 'not_known');
  // 18th birthday: the day before is still a child.
  assert.equal(reportingAgeBand('2007-06-16', referral), 'child');
  assert.equal(reportingAgeBand('2007-06-15', referral), 'young_adult');
  // 25th birthday.
  assert.equal(reportingAgeBand('2000-06-16', referral), 'young_adult');
  assert.equal(reportingAgeBand('2000-06-15', referral), 'adult');
  assert.equal(reportingAgeBand('1950-01-01', referral), 'adult');
});

test('the band is the age on the referral date, not on any later day', () => {
  // 17 when referred, 18 a week later: counted as a child for that referral.
  assert.equal(reportingAgeBand('2007-06-20', referral), 'child');
  assert.equal(reportingAgeBand('2007-06-20', '2025-06-20'), 'young_adult');
});

test('a 29 February birthday turns over on 1 March in other years', () => {
  assert.equal(reportingAgeBand('2000-02-29', '2025-02-28'), 'young_adult');
  assert.equal(reportingAgeBand('2000-02-29', '2025-03-01'), 'adult');
});

test('a referral Date is read as its London calendar date', () => {
  // 23:30 UTC on 14 June 2025 is 00:30 on 15 June in London: the 18th birthday has come.
  assert.equal(reportingAgeBand('2007-06-15', new Date('2025-06-14T23:30:00Z')), 'young_adult');
  assert.equal(reportingAgeBand('2007-06-15', new Date('2025-06-14T22:30:00Z')), 'child');
});

test('no date of birth, or one that cannot be right on that referral, is not known', () => {
  assert.equal(reportingAgeBand(null, referral), 'not_known');
  assert.equal(reportingAgeBand(undefined, referral), 'not_known');
  assert.equal(reportingAgeBand('', referral), 'not_known');
  assert.equal(reportingAgeBand('   ', referral), 'not_known');
  assert.equal(reportingAgeBand('2001-02-29', referral), 'not_known'); // not a real date
  assert.equal(reportingAgeBand('15/06/1990', referral), 'not_known');
  assert.equal(reportingAgeBand('2025-06-16', referral), 'not_known'); // after the referral
  assert.equal(reportingAgeBand('2020-01-01', referral), 'not_known'); // 5 years old
  assert.equal(reportingAgeBand('1915-06-15', referral), 'adult'); // 110
  assert.equal(reportingAgeBand('1914-06-15', referral), 'not_known'); // 111: a mistyped year
  assert.equal(reportingAgeBand(' 1990-04-01 ', referral), 'adult');
});

test('a referral date that is not real is an error, not a band', () => {
  assert.throws(() => reportingAgeBand('1990-04-01', '2025-02-29'), RangeError);
  assert.throws(() => reportingAgeBand(null, 'today'), RangeError);
  assert.throws(() => reportingAgeBand(null, new Date('nonsense')), RangeError);
});

test('the band ages agree with the age rule at every age from 10 to 110', () => {
  for (let age = 10; age <= 110; age++) {
    const band = ageBand(age);
    const { from, to } = AGE_BAND_AGES[band];
    assert.ok(age >= from && (to === null || age <= to), `age ${age} in ${band}`);
    for (const other of REPORTING_AGE_BANDS) {
      if (other === band || other === 'not_known') continue;
      const bounds = AGE_BAND_AGES[other];
      assert.ok(age < bounds.from || (bounds.to !== null && age > bounds.to), `age ${age} also in ${other}`);
    }
  }
});

test('counts by band include every band, empty ones as 0', () => {
  assert.deepEqual(countByReportingAgeBand([]), { child: 0, young_adult: 0, adult: 0, not_known: 0 });
  const people = [
    { dateOfBirth: '2010-01-01', referralDate: referral },
    { dateOfBirth: '2009-12-31', referralDate: referral },
    { dateOfBirth: '2004-03-03', referralDate: referral },
    { dateOfBirth: '1980-07-07', referralDate: referral },
    { dateOfBirth: null, referralDate: referral },
    { dateOfBirth: addDays(referral, 1), referralDate: referral },
  ];
  const counts = countByReportingAgeBand(people);
  assert.deepEqual(counts, { child: 2, young_adult: 1, adult: 1, not_known: 2 });
  assert.deepEqual(Object.keys(counts), [...REPORTING_AGE_BANDS]);
});
