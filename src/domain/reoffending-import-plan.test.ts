// Tests for sorting a re-offending file's rows into events to add, events held, unknown people and refused lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REOFFENDING_CSV_HEADERS, parseReoffendingCsv } from './reoffending-csv.js';
import { heldEventKey, planReoffendingImport, type KnownPerson } from './reoffending-import-plan.js';

const HEADER = REOFFENDING_CSV_HEADERS.join(',');
const TODAY = '2026-06-01';

const people: KnownPerson[] = [
  { id: 'p-nhs', nhsNumber: '9434765919', pncId: null, givenName: 'Orla', familyName: 'Quennell', dateOfBirth: '1991-03-04', indexDate: '2025-01-10' },
  { id: 'p-pnc', nhsNumber: null, pncId: '2008/0056560Z', givenName: 'Tobias', familyName: 'Wrenfield', dateOfBirth: '1988-07-21', indexDate: '2025-02-01' },
  { id: 'p-name', nhsNumber: null, pncId: null, givenName: 'Marisol', familyName: 'Deverell-Ash', dateOfBirth: '2001-11-30', indexDate: '2025-03-15' },
  { id: 'p-twin-a', nhsNumber: null, pncId: null, givenName: 'Sam', familyName: 'Oakes', dateOfBirth: '1999-01-01', indexDate: null },
  { id: 'p-twin-b', nhsNumber: null, pncId: null, givenName: 'Sam', familyName: 'Oakes', dateOfBirth: '1999-01-01', indexDate: null },
  { id: 'p-none', nhsNumber: '9990000018', pncId: null, givenName: 'Ines', familyName: 'Farrow', dateOfBirth: '1970-05-05', indexDate: null },
];

function plan(lines: string[], held: Set<string> = new Set()) {
  const parsed = parseReoffendingCsv([HEADER, ...lines].join('\n'), { today: TODAY });
  assert.ok(parsed.ok);
  return planReoffendingImport(parsed, people, held);
}

test('matches by NHS number, then PNC ID, then name and date of birth in any case', () => {
  const result = plan([
    '943 476 5919,,,,,2025-06-01,arrest,2025-06-01', // line 2: NHS number
    ',08/56560Z,,,,01/07/2025,Found guilty,2025-09-30', // line 3: short PNC ID
    ',,MARISOL,deverell-ash,30/11/2001,2025-04-02,caution,2025-04-20', // line 4: name and date of birth
  ]);
  assert.deepEqual(result.toAdd.map((e) => [e.line, e.personId, e.outcome]), [[2, 'p-nhs', 'arrest'], [3, 'p-pnc', 'conviction'], [4, 'p-name', 'caution']]);
  assert.deepEqual(result.personIds, ['p-nhs', 'p-pnc', 'p-name']);
  assert.equal(result.rowsRead, 3);
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.unmatched, []);
});

test('an NHS number not known falls back to the PNC ID; unknown people are listed, not guessed', () => {
  const result = plan([
    '9990000018,2008/0056560Z,,,,2025-06-01,arrest,2025-06-02', // NHS number of p-none and PNC of p-pnc: two people
    '4010232137,2008/0056560Z,,,,2025-06-03,arrest,2025-06-03', // unknown NHS number, known PNC ID
    '9990000069,,Nobody,Known,01/01/1980,2025-06-03,arrest,2025-06-03',
    ',,Sam,Oakes,01/01/1999,2025-06-03,arrest,2025-06-03',
  ]);
  assert.deepEqual(result.toAdd.map((e) => [e.line, e.personId]), [[3, 'p-pnc']]);
  assert.equal(result.unmatched.length, 1);
  assert.equal(result.unmatched[0]!.message, 'Line 4: no one in the service has NHS number 999 000 0069, or Nobody Known, born 01/01/1980, so the event was not imported');
  assert.deepEqual(result.problems.map((p) => p.line), [2, 5]);
  assert.match(result.problems[0]!.message, /^Line 2: the NHS number and the PNC ID belong to two different people/);
  assert.match(result.problems[1]!.message, /^Line 5: 2 people in the service are called Sam Oakes and born 01\/01\/1999.*add their NHS number or PNC ID/);
});

test('an offence on or before the index date is refused; after it, and for a person with no index date, it is kept', () => {
  const result = plan([
    '9434765919,,,,,2025-01-10,arrest,2025-01-10', // on the index date
    '9434765919,,,,,2025-01-09,charge,2025-01-12', // before it
    '9434765919,,,,,2025-01-11,arrest,2025-01-11', // the day after
    '9990000018,,,,,2020-01-01,conviction,2020-06-01', // no index date
  ]);
  assert.deepEqual(result.toAdd.map((e) => e.line), [4, 5]);
  assert.equal(result.problems[0]!.message, "Line 2: offence date 10/01/2025 is on or before the person's index date (10/01/2025), so it is not a re-offence and was not imported");
  assert.equal(result.problems[1]!.line, 3);
});

test('events held already are counted, not added; the same event named two ways is a duplicate; file problems are kept in line order', () => {
  const held = new Set([heldEventKey('p-pnc', { offenceOn: '2025-07-01', outcome: 'conviction', outcomeOn: '2025-09-30' })]);
  const result = plan([
    ',2008/0056560Z,,,,2025-07-01,conviction,2025-09-30', // held
    ',,Tobias,Wrenfield,21/07/1988,2025-08-01,arrest,2025-08-01',
    ',2008/0056560Z,,,,2025-08-01,arrest,2025-08-01', // same event as line 3, by PNC ID
    ',2008/0056560Z,,,,2025-08-01,arrest,2025-08-01', // same as line 4 in the file
    ',2008/0056560Z,,,,31/02/2025,arrest,2025-08-01', // not a real date
  ], held);
  assert.deepEqual(result.alreadyHeld, [2]);
  assert.deepEqual(result.toAdd.map((e) => e.line), [3]);
  assert.deepEqual(result.problems.map((p) => p.line), [4, 5, 6]);
  assert.match(result.problems[0]!.message, /Line 4: the same event for the same person as line 3/);
  assert.match(result.problems[1]!.message, /Line 5: the same event as line 4/);
  assert.match(result.problems[2]!.message, /Line 6: offence date "?31\/02\/2025"? is not a real date/);
  assert.equal(result.rowsRead, 5);
});
