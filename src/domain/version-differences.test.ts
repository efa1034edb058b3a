import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOT_GIVEN, answerAsShown, versionDifferences, type LabelledField } from './version-differences.js';

const fields: LabelledField[] = [
  { name: 'givenName', label: 'First name' },
  { name: 'address', label: 'Address' },
  { name: 'riskLevel', label: 'Risk level', choices: { low: 'Low', medium: 'Medium', high: 'High' } },
  { name: 'isVeteran', label: 'Veteran of the armed forces', choices: { yes: 'Yes' }, blankText: 'No' },
];

test('only the fields that differ are listed, in the order of the form, with both answers', () => {
  const theirs = { givenName: 'Dale', address: '1 Mill Lane', riskLevel: 'low', isVeteran: '' };
  const yours = { givenName: 'Dale', address: '22 Canal Street', riskLevel: 'high', isVeteran: 'yes' };
  assert.deepEqual(versionDifferences(fields, theirs, yours), [
    { name: 'address', label: 'Address', theirs: '1 Mill Lane', yours: '22 Canal Street' },
    { name: 'riskLevel', label: 'Risk level', theirs: 'Low', yours: 'High' },
    { name: 'isVeteran', label: 'Veteran of the armed forces', theirs: 'No', yours: 'Yes' },
  ]);
});

test('the same answers give no differences, whatever the spaces, line endings or missing fields', () => {
  const theirs = { givenName: 'Dale', address: '1 Mill Lane\nHalifax', riskLevel: null };
  const yours = { givenName: '  Dale ', address: '1 Mill Lane\r\nHalifax\r\n', riskLevel: '', isVeteran: '', version: '7' };
  assert.deepEqual(versionDifferences(fields, theirs, yours), []);
});

test('a blank answer reads "Not given"; a field may say what a blank means instead', () => {
  const finding: LabelledField = { name: 'finding-housing', label: 'Housing', choices: { not_asked: 'Not asked', identified: 'Need identified' }, blankMeans: 'not_asked' };
  assert.deepEqual(versionDifferences([...fields, finding], { address: 'Somewhere' }, { address: '', 'finding-housing': 'not_asked' }), [
    { name: 'address', label: 'Address', theirs: 'Somewhere', yours: NOT_GIVEN },
  ]);
  assert.deepEqual(versionDifferences([finding], {}, { 'finding-housing': 'identified' }), [{ name: 'finding-housing', label: 'Housing', theirs: 'Not asked', yours: 'Need identified' }]);
});

test('long text is kept whole, not shortened', () => {
  const long = `${'Sleeping at a friend’s flat since the summer. '.repeat(60)}End.`;
  const [difference] = versionDifferences(fields, { address: '' }, { address: long });
  assert.equal(difference?.yours, long.trim());
  assert.ok(difference!.yours.length > 2000);
});

test('a value outside the choices is shown as it is, not dropped', () => {
  assert.deepEqual(versionDifferences(fields, { riskLevel: 'low' }, { riskLevel: 'severe' }), [{ name: 'riskLevel', label: 'Risk level', theirs: 'Low', yours: 'severe' }]);
});

test('a date in three boxes compares as a date and is written out', () => {
  const dob: LabelledField = { name: 'dateOfBirth', label: 'Date of birth', kind: 'date' };
  const boxes = (day: string, month: string, year: string) => ({ 'dateOfBirth-day': day, 'dateOfBirth-month': month, 'dateOfBirth-year': year });
  assert.deepEqual(versionDifferences([dob], boxes('3', '2', '1996'), boxes('03', '02', '1996')), [], 'leading zeros do not make a difference');
  assert.deepEqual(versionDifferences([dob], boxes('14', '2', '1996'), boxes('4', '12', '1996')), [{ name: 'dateOfBirth', label: 'Date of birth', theirs: '14 February 1996', yours: '4 December 1996' }]);
  assert.deepEqual(versionDifferences([dob], boxes('', '', ''), boxes('31', '2', '1996')), [{ name: 'dateOfBirth', label: 'Date of birth', theirs: NOT_GIVEN, yours: '31/2/1996' }], 'a date that is not real is shown as typed');
});

test('a question that counts only after another answer is blank on a side that did not give that answer', () => {
  const basis: LabelledField[] = [
    { name: 'basis', label: 'Basis', choices: { consent: 'Consent', legal_basis: 'A legal basis' } },
    { name: 'legalBasis', label: 'Legal basis', onlyWhen: (v) => v.basis === 'legal_basis' },
  ];
  // Boxes left filled under another choice are not an answer: nothing differs but the basis.
  assert.deepEqual(versionDifferences(basis, { basis: 'consent', legalBasis: 'court_order' }, { basis: 'consent', legalBasis: 'crime' }), []);
  assert.deepEqual(versionDifferences(basis, { basis: 'consent', legalBasis: 'court_order' }, { basis: 'legal_basis', legalBasis: 'crime' }), [
    { name: 'basis', label: 'Basis', theirs: 'Consent', yours: 'A legal basis' },
    { name: 'legalBasis', label: 'Legal basis', theirs: NOT_GIVEN, yours: 'crime' },
  ]);
  const on: LabelledField = { name: 'metOn', label: 'Met on', kind: 'date', onlyWhen: (v) => v.state !== 'in_progress' };
  const boxes = { 'metOn-day': '3', 'metOn-month': '2', 'metOn-year': '2026' };
  assert.deepEqual(versionDifferences([on], { state: 'in_progress' }, { state: 'in_progress', ...boxes }), []);
  assert.deepEqual(versionDifferences([on], { state: 'in_progress' }, { state: 'met', ...boxes }), [{ name: 'metOn', label: 'Met on', theirs: NOT_GIVEN, yours: '3 February 2026' }]);
});

test('answerAsShown: one answer as the comparison shows it, a partly typed date with its gap kept', () => {
  const date: LabelledField = { name: 'closedOn', label: 'Closure date', kind: 'date' };
  assert.equal(answerAsShown(date, { 'closedOn-day': '3', 'closedOn-month': '', 'closedOn-year': '2026' }), '3//2026');
  assert.equal(answerAsShown(date, { 'closedOn-day': '3', 'closedOn-month': '2', 'closedOn-year': '2026' }), '3 February 2026');
  assert.equal(answerAsShown(date, {}), NOT_GIVEN);
  const reason: LabelledField = { name: 'reason', label: 'Reason', choices: { plan_completed: 'Plan completed' } };
  assert.equal(answerAsShown(reason, { reason: 'plan_completed' }), 'Plan completed');
});
