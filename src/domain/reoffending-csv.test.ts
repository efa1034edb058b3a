// Tests for reading justice events from a police CSV export: columns, identifiers, dates, outcomes, duplicates and every refusal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_REOFFENDING_CSV_CHARACTERS,
  REOFFENDING_CSV_ALIASES,
  REOFFENDING_CSV_HEADERS,
  beforeIndexMessage,
  eventKey,
  parseEventOutcome,
  parseReoffendingCsv,
  type ReoffendingCsvParse,
} from './reoffending-csv.js';

const HEADER = REOFFENDING_CSV_HEADERS.join(',');
const TODAY = '2026-06-01';

function parsed(result: ReoffendingCsvParse) {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result;
}
const read = (csv: string) => parsed(parseReoffendingCsv(csv, { today: TODAY }));
const refusal = (csv: string, maxRows?: number): string => {
  const result = parseReoffendingCsv(csv, maxRows === undefined ? { today: TODAY } : { today: TODAY, maxRows });
  assert.equal(result.ok, false, 'the file should be refused');
  return result.ok ? '' : result.error;
};
const messages = (csv: string): string[] => read(csv).problems.map((p) => p.message);

test('a plain export is read row by row, with identifiers and dates normalised', () => {
  const result = read(`${HEADER}\n943 476 5919,,,,,05/01/2026,Conviction,02/03/2026\n,08/56560Z,,,,2026-02-10,youth conditional caution,2026-02-11\n,,Amina,Hussain,14/02/2008,2026-03-01,arrest,2026-03-01\n`);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.duplicates, []);
  assert.deepEqual(result.ignoredColumns, []);
  assert.deepEqual(result.rows, [
    { line: 2, identifiers: { nhsNumber: '9434765919' }, offenceOn: '2026-01-05', outcome: 'conviction', outcomeOn: '2026-03-02' },
    { line: 3, identifiers: { pncId: '2008/0056560Z' }, offenceOn: '2026-02-10', outcome: 'caution', outcomeOn: '2026-02-11' },
    { line: 4, identifiers: { givenName: 'Amina', familyName: 'Hussain', dateOfBirth: '2008-02-14' }, offenceOn: '2026-03-01', outcome: 'arrest', outcomeOn: '2026-03-01' },
  ]);
});

test('headers are found in any case and order, by their aliases, and other columns are listed as ignored', () => {
  const csv = 'Outcome Date,RESULT,Date of Offence,Force,PNC,Surname,Forename,DOB,NHS No\r\n2026-02-01,Found guilty,2026-01-20,West Midlands,2019/1234567J,Smith,John,01/01/1990,999 000 0018\r\n';
  const result = read(csv);
  assert.deepEqual(result.ignoredColumns, ['Force']);
  assert.deepEqual(result.rows, [
    {
      line: 2,
      identifiers: { nhsNumber: '9990000018', pncId: '2019/1234567J', givenName: 'John', familyName: 'Smith', dateOfBirth: '1990-01-01' },
      offenceOn: '2026-01-20',
      outcome: 'conviction',
      outcomeOn: '2026-02-01',
    },
  ]);
  for (const column of REOFFENDING_CSV_HEADERS) assert.ok(Array.isArray(REOFFENDING_CSV_ALIASES[column]));
});

test('outcome words from police systems map to the six outcomes; others are refused', () => {
  assert.equal(parseEventOutcome('Youth Caution'), 'caution');
  assert.equal(parseEventOutcome('adult conditional caution'), 'caution');
  assert.equal(parseEventOutcome('REPRIMAND'), 'caution');
  assert.equal(parseEventOutcome('guilty'), 'conviction');
  assert.equal(parseEventOutcome('not guilty'), 'acquittal');
  assert.equal(parseEventOutcome('NFA'), 'no_further_action');
  assert.equal(parseEventOutcome('no_further_action'), 'no_further_action');
  assert.equal(parseEventOutcome('charged'), 'charge');
  assert.equal(parseEventOutcome('fined'), null);
  assert.deepEqual(messages(`${HEADER}\n9434765919,,,,,05/01/2026,fined,06/01/2026\n9434765919,,,,,05/01/2026,,06/01/2026\n`), [
    'Line 2: outcome fined is not one the import knows: use arrest, charge, caution, conviction, acquittal or no further action',
    'Line 3: the outcome is empty: use arrest, charge, caution, conviction, acquittal or no further action',
  ]);
});

test('dates must be real and in DD/MM/YYYY or YYYY-MM-DD, and none may be after today', () => {
  const csv = [
    HEADER,
    '9434765919,,,,,31/02/2026,conviction,01/03/2026',
    '9434765919,,,,,2026-13-01,conviction,2026-03-01',
    '9434765919,,,,,5 Jan 2026,conviction,2026-03-01',
    '9434765919,,,,,,conviction,2026-03-01',
    '9434765919,,,,,2026-01-05,conviction,',
    '9434765919,,,,,2026-06-02,arrest,2026-06-02',
    '9434765919,,,,,2026-05-01,conviction,2026-06-02',
    '9434765919,,,,,2026-06-01,arrest,2026-06-01',
  ].join('\n');
  const result = read(csv);
  assert.deepEqual(result.problems.map((p) => p.message), [
    'Line 2: offence date 31/02/2026 is not a real date',
    'Line 3: offence date 2026-13-01 is not a real date',
    'Line 4: offence date 5 Jan 2026 is not a date in DD/MM/YYYY or YYYY-MM-DD, like 05/01/2026',
    'Line 5: the offence date is empty',
    'Line 6: the outcome date is empty',
    'Line 7: offence date 2026-06-02 is in the future',
    'Line 7: outcome date 2026-06-02 is in the future',
    'Line 8: outcome date 2026-06-02 is in the future',
  ]);
  assert.deepEqual(result.rows.map((r) => r.line), [9], 'an event today is fine');
});

test('an outcome date before the offence date is refused; on the same day is fine', () => {
  const result = read(`${HEADER}\n9434765919,,,,,10/02/2026,conviction,09/02/2026\n9434765919,,,,,10/02/2026,arrest,10/02/2026\n`);
  assert.deepEqual(result.problems.map((p) => p.message), ['Line 2: outcome date 09/02/2026 is before the offence date 10/02/2026: an outcome is on or after its offence']);
  assert.deepEqual(result.rows.map((r) => r.line), [3]);
});

test('a row must identify the person by a valid NHS number, a valid PNC ID, or names and date of birth', () => {
  const csv = [
    HEADER,
    '9434765918,,,,,2026-01-05,conviction,2026-02-01',
    '99912345,,,,,2026-01-05,conviction,2026-02-01',
    ',2008/0056560A,,,,2026-01-05,conviction,2026-02-01',
    ',2099/0056560Z,,,,2026-01-05,conviction,2026-02-01',
    ',PNC123,,,,2026-01-05,conviction,2026-02-01',
    ',,Amina,Hussain,,2026-01-05,conviction,2026-02-01',
    ',,,Hussain,14/02/2008,2026-01-05,conviction,2026-02-01',
    ',,,,,2026-01-05,conviction,2026-02-01',
    '9434765918,2008/0056560Z,,,,2026-01-05,conviction,2026-02-01',
    ',1979/0163001B,,Hussain,,2026-01-05,conviction,2026-02-01',
  ].join('\n');
  const result = read(csv);
  const identify = 'the person cannot be identified: give an NHS number, a PNC ID, or a given name, family name and date of birth';
  assert.deepEqual(result.problems.map((p) => p.message), [
    'Line 2: NHS number 9434765918 is not valid: its check digit is wrong',
    'Line 3: NHS number 99912345 is not valid: it must be 10 digits',
    'Line 4: PNC ID 2008/0056560A is not valid: its check letter does not match the year and number',
    'Line 5: PNC ID 2099/0056560Z is not valid: its year is in the future',
    'Line 6: PNC ID PNC123 is not valid: it must be a year, a slash, up to 7 numbers and a check letter, like 2008/0056560Z',
    `Line 7: ${identify}`,
    `Line 8: ${identify}`,
    `Line 9: ${identify}`,
    'Line 10: NHS number 9434765918 is not valid: its check digit is wrong',
  ]);
  assert.deepEqual(result.rows.map((r) => [r.line, r.identifiers]), [[11, { pncId: '1979/0163001B', familyName: 'Hussain' }]]);
});

test('a date of birth must be real, in the past, under 110 years ago, and make the person 10 or over at the offence', () => {
  const csv = [
    HEADER,
    ',,A,One,30/02/2000,2026-01-05,arrest,2026-01-05',
    ',,B,Two,2027-01-01,2026-01-05,arrest,2026-01-05',
    ',,C,Three,1900-01-01,2026-01-05,arrest,2026-01-05',
    ',,D,Four,2016-01-06,2026-01-05,arrest,2026-01-05',
    ',,E,Five,2016-01-05,2026-01-05,arrest,2026-01-05',
    ',,F,Six,2026-02-01,2026-01-05,arrest,2026-01-05',
  ].join('\n');
  const result = read(csv);
  assert.deepEqual(result.problems.map((p) => p.message), [
    'Line 2: date of birth 30/02/2000 is not a real date',
    'Line 3: date of birth 2027-01-01 is in the future',
    'Line 4: date of birth 1900-01-01 makes the person over 110: check the year',
    'Line 5: date of birth 2016-01-06 makes the person under 10 on the offence date, below the age of criminal responsibility: check it',
    'Line 7: the offence date is before the date of birth 2026-02-01',
  ]);
  assert.deepEqual(result.rows.map((r) => r.identifiers.familyName), ['Five'], '10 on the day of the offence');
});

test('names longer than 100 characters are refused; one row with several problems reports each', () => {
  assert.deepEqual(messages(`${HEADER}\n,,${'x'.repeat(101)},Smith,01/01/1990,2026-01-05,arrest,2026-01-05\n`), ['Line 2: the given name is longer than 100 characters']);
  assert.deepEqual(messages(`${HEADER}\n9434765918,,,,,31/02/2026,fined,\n`), [
    'Line 2: NHS number 9434765918 is not valid: its check digit is wrong',
    'Line 2: offence date 31/02/2026 is not a real date',
    'Line 2: outcome fined is not one the import knows: use arrest, charge, caution, conviction, acquittal or no further action',
    'Line 2: the outcome date is empty',
  ]);
});

test('the wrong number of fields, or a broken quote, is a bad row; quoted fields and line breaks keep the line numbers', () => {
  const csv = `${HEADER}\n9434765919,,,,,2026-01-05,conviction\n9434765919,,,,,2026-01-05,conviction,2026-02-01,extra\n,,"Amina\nJane",Hussain,14/02/2008,2026-03-01,"arrest",2026-03-01\n,,"O'Neill" x,Hussain,14/02/2008,2026-03-01,arrest,2026-03-01\n9434765919,,,,,2026-01-05,conviction,2026-02-01,,\n,,"Amina,Hussain,14/02/2008,2026-03-01,arrest,2026-03-01\n`;
  const result = read(csv);
  assert.deepEqual(result.problems.map((p) => p.message), [
    'Line 2: has 7 fields but the first row names 8 columns: check for a missing comma',
    'Line 3: has 9 fields but the first row names 8 columns: put a field with a comma in it in double quotes',
    'Line 6: a field has text after its closing quote (")',
    'Line 8: a field starts with a quote (") that is never closed',
  ]);
  assert.deepEqual(result.rows.map((r) => [r.line, r.identifiers.givenName ?? null]), [[4, 'Amina Jane'], [7, null]]);
});

test('duplicate rows are left out with the line they repeat, however they are written', () => {
  const csv = [
    HEADER,
    '9434765919,,,,,05/01/2026,Conviction,02/03/2026',
    '943-476-5919,,,,,2026-01-05,found guilty,2026-03-02',
    '9434765919,,,,,2026-01-05,caution,2026-03-02',
    ',08/56560Z,,,,2026-02-10,caution,2026-02-11',
    ',2008/0056560z,,,,10/02/2026,Youth Caution,11/02/2026',
    ',,Amina,Hussain,14/02/2008,2026-03-01,arrest,2026-03-01',
    ',,AMINA, hussain ,2008-02-14,01/03/2026,Arrested,01/03/2026',
  ].join('\n');
  const result = read(csv);
  assert.deepEqual(result.rows.map((r) => r.line), [2, 4, 5, 7]);
  assert.deepEqual(result.duplicates, [
    { line: 3, sameAsLine: 2, message: 'Line 3: the same event as line 2 (same person, offence date, outcome and outcome date), so it was left out' },
    { line: 6, sameAsLine: 5, message: 'Line 6: the same event as line 5 (same person, offence date, outcome and outcome date), so it was left out' },
    { line: 8, sameAsLine: 7, message: 'Line 8: the same event as line 7 (same person, offence date, outcome and outcome date), so it was left out' },
  ]);
  assert.deepEqual(result.problems, []);
});

test('the event key is stable, uses the strongest identifier, and changes with any part of the event', () => {
  const base = { identifiers: { nhsNumber: '9434765919', givenName: 'Amina' }, offenceOn: '2026-01-05', outcome: 'conviction' as const, outcomeOn: '2026-03-02' };
  const key = eventKey(base);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(eventKey({ ...base, identifiers: { nhsNumber: '943 476 5919' } }), key, 'names do not matter beside an NHS number');
  assert.notEqual(eventKey({ ...base, identifiers: { nhsNumber: '9990000018' } }), key);
  assert.notEqual(eventKey({ ...base, offenceOn: '2026-01-06' }), key);
  assert.notEqual(eventKey({ ...base, outcome: 'caution' }), key);
  assert.notEqual(eventKey({ ...base, outcomeOn: '2026-03-03' }), key);
  assert.notEqual(eventKey({ ...base, identifiers: { pncId: '2008/0056560Z' } }), key);
  assert.equal(eventKey({ ...base, identifiers: { givenName: 'Amina ', familyName: 'HUSSAIN', dateOfBirth: '2008-02-14' } }), eventKey({ ...base, identifiers: { givenName: 'amina', familyName: 'Hussain', dateOfBirth: '2008-02-14' } }));
  assert.throws(() => eventKey({ ...base, identifiers: { givenName: 'Amina' } }), RangeError);
  // Re-importing the same file gives the same keys.
  const csv = `${HEADER}\n9434765919,,,,,05/01/2026,Conviction,02/03/2026\n,08/56560Z,,,,2026-02-10,caution,2026-02-11\n`;
  assert.deepEqual(read(csv).rows.map(eventKey), read(csv).rows.map(eventKey));
});

test('files that are refused whole', () => {
  for (const text of ['', '\uFEFF', '\r\n\r\n', ',,,\n']) assert.match(refusal(text), /^The file is empty: the first row must name the columns, like nhs_number,pnc_id,/);
  assert.equal(refusal(`${HEADER}\n\n`), 'The file has column names but no rows of events');
  assert.equal(
    refusal('nhs_number,offence_date,outcome\n9434765919,2026-01-05,conviction\n'),
    `The file has no outcome date column: the first row must name the columns, like ${HEADER}`,
  );
  assert.match(refusal('nhs_number,notes\n9434765919,x\n'), /^The file has no offence date, outcome or outcome date columns:/);
  assert.match(refusal('given_name,family_name,offence_date,outcome,outcome_date\nA,B,2026-01-05,arrest,2026-01-05\n'), /^The file has no columns that identify people: it needs an NHS number column, a PNC ID column, or given name, family name and date of birth columns/);
  assert.equal(refusal('nhs_number,NHS No,offence_date,outcome,outcome_date\n'), 'The file has two NHS number columns (columns 1 and 2): keep one');
  assert.match(refusal('"nhs_number,offence_date\n'), /^The first row of the file cannot be read \(a field starts with a quote/);
  // Data without its header row: the first row names no known columns.
  assert.match(refusal('9434765919,,,,,05/01/2026,conviction,02/03/2026\n'), /^The file has no offence date, outcome or outcome date columns/);
  assert.match(refusal('x'.repeat(MAX_REOFFENDING_CSV_CHARACTERS + 1)), /^The file is too large: it has more than 20,000,000 characters/);
  assert.throws(() => parseReoffendingCsv(HEADER, { today: '2026-02-30' }), RangeError);
});

test('more than 50,000 rows are refused whole, with nothing imported; 50,000 are read', () => {
  const row = '9434765919,,,,,05/01/2026,arrest,05/01/2026';
  const atLimit = [HEADER, ...Array.from({ length: 50_000 }, () => row)].join('\n');
  const result = read(atLimit);
  assert.equal(result.rows.length, 1);
  assert.equal(result.duplicates.length, 49_999);
  assert.equal(
    refusal(`${atLimit}\n${row}`),
    'The file has 50,001 rows: at most 50,000 can be imported at once. Split it into smaller files and import each; nothing was imported',
  );
  assert.equal(refusal(`${HEADER}\n${row}\n${row}\n${row}`, 2), 'The file has 3 rows: at most 2 can be imported at once. Split it into smaller files and import each; nothing was imported');
});

test('an offence on or before the index date is reported with its line and the index date', () => {
  assert.equal(beforeIndexMessage({ line: 7, offenceOn: '2026-01-03' }, '2026-01-05'), "Line 7: offence date 03/01/2026 is on or before the person's index date (05/01/2026), so it is not a re-offence and was not imported");
});
