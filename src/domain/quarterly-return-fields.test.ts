// Tests for the coded row of the quarterly return.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RETURN_FIELDS, RETURN_HEADER, returnRecord, type ReferralFacts } from './quarterly-return-fields.js';
import { PATHWAYS } from './pathways.js';
import { VULNERABILITY_DOMAINS } from './vulnerability-domains.js';

const facts = (over: Partial<ReferralFacts> = {}): ReferralFacts => ({
  personKey: 'a1b2c3d4e5f60718',
  siteCode: 'CV-CUST',
  source: 'custody_staff',
  referredOn: '2026-08-14',
  dateOfBirth: '2008-08-15',
  sex: 'female',
  ethnicityCode: 'N',
  findings: { mental_health: { finding: 'identified' }, housing: { finding: 'suspected' } },
  screenedOn: '2026-08-14',
  minutesToScreen: 95,
  fullAssessment: true,
  caseOpenedOn: '2026-08-15',
  planAgreedOn: '2026-08-20',
  closureReason: 'plan_completed',
  engagedAtExit: true,
  onwardByPathway: { camhs: 2, housing: 1 },
  disclosures: 1,
  courtReports: 0,
  ...over,
});

const byName = (row: unknown[]) => Object.fromEntries(RETURN_HEADER.map((h, i) => [h, row[i]]));

test('every field is documented once and the row has one value per field', () => {
  assert.equal(new Set(RETURN_HEADER).size, RETURN_HEADER.length);
  assert.equal(RETURN_HEADER.length, 16 + VULNERABILITY_DOMAINS.length + PATHWAYS.length);
  assert.ok(RETURN_FIELDS.every((f) => f.description.length > 10));
  assert.equal(returnRecord(facts()).length, RETURN_HEADER.length);
});

test('a referral becomes coded values; the age band is worked out and the date of birth is not written', () => {
  const row = byName(returnRecord(facts()));
  assert.equal(row.age_band, 'child', 'one day before the 18th birthday');
  assert.equal(byName(returnRecord(facts({ dateOfBirth: '2008-08-14' }))).age_band, 'young_adult');
  assert.equal(row.need_mental_health, 'identified');
  assert.equal(row.need_housing, 'suspected');
  assert.equal(row.need_autism, 'not_asked');
  assert.equal(row.full_assessment, 'y');
  assert.equal(row.engaged_at_exit, 'y');
  assert.equal(row.onward_camhs, 2);
  assert.equal(row.onward_probation, 0);
  assert.equal(row.minutes_to_screen, 95);
  assert.ok(!Object.values(row).includes('2008-08-15'));
});

test('not screened, no case: blanks where nothing happened, defaults where nothing was recorded', () => {
  const row = byName(returnRecord(facts({ findings: null, screenedOn: null, minutesToScreen: null, fullAssessment: false, caseOpenedOn: null, planAgreedOn: null, closureReason: null, engagedAtExit: null, onwardByPathway: {}, sex: null, ethnicityCode: '', dateOfBirth: null, personKey: null })));
  assert.equal(row.need_mental_health, null);
  assert.equal(row.screened_on, null);
  assert.equal(row.full_assessment, 'n');
  assert.equal(row.engaged_at_exit, null, 'blank while open');
  assert.equal(row.sex, 'not_known');
  assert.equal(row.ethnicity_code, '99');
  assert.equal(row.age_band, 'not_known');
  assert.equal(row.person_key, null);
  assert.equal(byName(returnRecord(facts({ engagedAtExit: null }))).engaged_at_exit, 'n', 'closed without an engaged onward referral');
});

test('free text cannot travel through a coded column', () => {
  const row = byName(returnRecord(facts({ source: 'Jo Bloggs, 07700 900123', siteCode: '=cmd|x', sex: 'Female (told us)', ethnicityCode: 'Irish', findings: { mental_health: { finding: 'hears voices' } } })));
  assert.equal(row.source, 'other');
  assert.equal(row.site_code, '');
  assert.equal(row.sex, 'not_known');
  assert.equal(row.ethnicity_code, '99');
  assert.equal(row.need_mental_health, 'not_asked');
});
