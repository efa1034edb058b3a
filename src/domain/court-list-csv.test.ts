// Tests for reading court list CSV files: the format, the columns, each kind of bad row, and the row cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCourtListCsv, parseCourtListDate, parseHearingTime, splitCourtListName, type CourtListParse } from './court-list-csv.js';

const HEADER = 'name,date of birth,case reference,court,hearing time,charge';

function parsed(result: CourtListParse) {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result;
}

test('a plain list is read row by row, with names split and dates and times normalised', () => {
  const result = parsed(parseCourtListCsv(`${HEADER}\n"SMITH, John",14/02/1996,CV-123,Court 1,9:30,Theft from a shop\nJane Doe,1990-07-01,CV-124,Court 2,14:00,Criminal damage\n`));
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.rows, [
    { line: 2, givenName: 'John', familyName: 'SMITH', dateOfBirth: '1996-02-14', caseReference: 'CV-123', court: 'Court 1', hearingTime: '09:30', charge: 'Theft from a shop' },
    { line: 3, givenName: 'Jane', familyName: 'Doe', dateOfBirth: '1990-07-01', caseReference: 'CV-124', court: 'Court 2', hearingTime: '14:00', charge: 'Criminal damage' },
  ]);
});

test('quoted fields hold commas, doubled quotes and line breaks, and line numbers still count lines of the file', () => {
  const csv = `${HEADER}\r\n"SMITH, John",14/02/1996,CV-1,"Court 1","10:00","Assault by beating, contrary to s.39"\r\n"O'NEILL, Siobhan",01/01/1985,CV-2,Court 1,10:30,"Said ""leave me alone""\r\nand ran"\r\nBad Row,31/02/1990,CV-3,Court 1,11:00,Theft\r\n`;
  const result = parsed(parseCourtListCsv(csv));
  assert.equal(result.rows.length, 2);
  assert.equal(result.rows[0]!.familyName, 'SMITH');
  assert.equal(result.rows[0]!.charge, 'Assault by beating, contrary to s.39');
  assert.equal(result.rows[1]!.familyName, "O'NEILL");
  assert.equal(result.rows[1]!.charge, 'Said "leave me alone" and ran');
  assert.equal(result.rows[1]!.line, 3);
  assert.deepEqual(result.problems, [{ line: 5, message: 'Line 5: date of birth 31/02/1990 is not a real date' }]);
});

test('a UTF-8 byte order mark, LF or CRLF line ends, and blank lines at the end or between rows are all read', () => {
  const lf = `\uFEFF${HEADER}\nJohn Smith,14/02/1996,CV-1,Court 1,10:00,Theft\n\n\n`;
  const crlf = `\uFEFF${HEADER}\r\n\r\nJohn Smith,14/02/1996,CV-1,Court 1,10:00,Theft\r\n,,,,,\r\n\r\n`;
  const a = parsed(parseCourtListCsv(lf));
  const b = parsed(parseCourtListCsv(crlf));
  assert.equal(a.rows.length, 1);
  assert.equal(b.rows.length, 1);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  assert.equal(a.rows[0]!.line, 2);
  assert.equal(b.rows[0]!.line, 3);
});

test('column names are found in any case and order, with spaces, underscores or hyphens', () => {
  const csv = 'Hearing_Time,CHARGE,Surname,First Name,Date-Of-Birth,Case_Reference\n10:15,Theft,Smith,John,14/02/1996,CV-9\n';
  const result = parsed(parseCourtListCsv(csv));
  assert.deepEqual(result.rows, [{ line: 2, givenName: 'John', familyName: 'Smith', dateOfBirth: '1996-02-14', caseReference: 'CV-9', court: '', hearingTime: '10:15', charge: 'Theft' }]);
  const given = parsed(parseCourtListCsv('given_name,family_name,dob,case ref,time\nAmina,Hussain,2009-05-05,Y-1,09:45\n'));
  assert.equal(given.rows[0]!.givenName, 'Amina');
  assert.equal(given.rows[0]!.familyName, 'Hussain');
});

test('a missing required column fails the whole file and says what the first row must be', () => {
  const noDob = parseCourtListCsv('name,case reference,court,hearing time,charge\nJohn Smith,CV-1,Court 1,10:00,Theft\n');
  assert.deepEqual(noDob, {
    ok: false,
    error: 'The file has no date of birth column: the first row must name the columns, like name,date of birth,case reference,court,hearing time,charge',
  });
  const several = parseCourtListCsv('court,charge\nCourt 1,Theft\n');
  assert.equal(several.ok, false);
  assert.match(several.ok ? '' : several.error, /^The file has no name, date of birth, case reference or hearing time columns:/);
  const onlyFirstName = parseCourtListCsv('first name,date of birth,case reference,hearing time\nJohn,14/02/1996,CV-1,10:00\n');
  assert.match(onlyFirstName.ok ? '' : onlyFirstName.error, /^The file has no name column/);
  // Data without a header row: its first row does not name the columns.
  const noHeader = parseCourtListCsv('John Smith,14/02/1996,CV-1,Court 1,10:00,Theft\n');
  assert.equal(noHeader.ok, false);
});

test('an empty file, or one of blank lines only, is refused', () => {
  for (const text of ['', '\uFEFF', '\r\n\r\n', ',,,\n']) {
    const result = parseCourtListCsv(text);
    assert.equal(result.ok, false, JSON.stringify(text));
    assert.match(result.ok ? '' : result.error, /^The file is empty/);
  }
});

test('a row with an empty name is reported with its line and left out', () => {
  const result = parsed(parseCourtListCsv(`${HEADER}\n,14/02/1996,CV-1,Court 1,10:00,Theft\n"  ",14/02/1996,CV-2,Court 1,10:00,Theft\n", Jo",14/02/1996,CV-3,Court 1,10:00,Theft\n`));
  assert.deepEqual(result.rows, []);
  assert.deepEqual(result.problems, [
    { line: 2, message: 'Line 2: the name is empty' },
    { line: 3, message: 'Line 3: the name is empty' },
    { line: 4, message: 'Line 4: the last name is empty' },
  ]);
});

test('a date of birth that is not a real date, or not in DD/MM/YYYY or YYYY-MM-DD, is a bad row', () => {
  const result = parsed(parseCourtListCsv(`${HEADER}\nA One,31/02/1990,1,,10:00,\nB Two,1990-13-01,2,,10:00,\nC Three,14-02-1996,3,,10:00,\nD Four,,4,,10:00,\nE Five,29/02/2000,5,,10:00,\n`));
  assert.deepEqual(result.problems.map((p) => p.message), [
    'Line 2: date of birth 31/02/1990 is not a real date',
    'Line 3: date of birth 1990-13-01 is not a real date',
    'Line 4: date of birth 14-02-1996 is not a date in DD/MM/YYYY or YYYY-MM-DD, like 14/02/1996',
    'Line 5: the date of birth is empty',
  ]);
  assert.deepEqual(result.rows.map((r) => r.dateOfBirth), ['2000-02-29']);
});

test('given the hearing date, a date of birth after it, or making the person under 10 or over 110, is a bad row', () => {
  const csv = `${HEADER}\nA One,01/01/2030,1,,10:00,\nB Two,01/01/2020,2,,10:00,\nC Three,01/01/1900,3,,10:00,\nD Four,01/01/2010,4,,10:00,\n`;
  const result = parsed(parseCourtListCsv(csv, { hearingDate: '2025-06-02' }));
  assert.deepEqual(result.problems.map((p) => p.line), [2, 3, 4]);
  assert.match(result.problems[0]!.message, /after the hearing date/);
  assert.match(result.problems[1]!.message, /under 10/);
  assert.match(result.problems[2]!.message, /over 110/);
  assert.deepEqual(result.rows.map((r) => r.familyName), ['Four']);
  assert.equal(parsed(parseCourtListCsv(csv)).rows.length, 4, 'without a hearing date only the format is checked');
});

test('a hearing time that is not HH:MM is a bad row', () => {
  const result = parsed(parseCourtListCsv(`${HEADER}\nA One,01/01/1990,1,,25:00,\nB Two,01/01/1990,2,,10am,\nC Three,01/01/1990,3,,,\nD Four,01/01/1990,4,,23:59,\n`));
  assert.deepEqual(result.problems.map((p) => p.message), [
    'Line 2: hearing time 25:00 is not a time in HH:MM, like 10:00',
    'Line 3: hearing time 10am is not a time in HH:MM, like 10:00',
    'Line 4: the hearing time is empty: use HH:MM, like 10:00',
  ]);
  assert.deepEqual(result.rows.map((r) => r.hearingTime), ['23:59']);
});

test('a row with the wrong number of fields is a bad row; empty fields added at the end are not', () => {
  const result = parsed(parseCourtListCsv(`${HEADER}\nJohn Smith,14/02/1996,CV-1,Court 1,10:00\nSMITH, John,14/02/1996,CV-1,Court 1,10:00,Theft\nJane Doe,01/01/1990,CV-2,Court 1,10:00,Theft,,\n`));
  assert.deepEqual(result.problems, [
    { line: 2, message: 'Line 2: has 5 fields but the first row names 6 columns: check for a missing comma' },
    { line: 3, message: 'Line 3: has 7 fields but the first row names 6 columns: put a field with a comma in it, like "SMITH, John", in double quotes' },
  ]);
  assert.deepEqual(result.rows.map((r) => r.line), [4]);
});

test('one row with several problems reports each; a quote never closed is a bad row', () => {
  const result = parsed(parseCourtListCsv(`${HEADER}\n,31/02/1990,1,,9am,\nJohn Smith,14/02/1996,CV-1,Court 1,10:00,"Theft\n`));
  assert.deepEqual(result.problems.map((p) => p.message), [
    'Line 2: the name is empty',
    'Line 2: date of birth 31/02/1990 is not a real date',
    'Line 2: hearing time 9am is not a time in HH:MM, like 10:00',
    'Line 3: a field starts with a quote (") that is never closed',
  ]);
  assert.deepEqual(result.rows, []);
});

test('a field too long for the record is a bad row', () => {
  const result = parsed(parseCourtListCsv(`${HEADER}\nJohn Smith,14/02/1996,CV-1,Court 1,10:00,${'x'.repeat(501)}\n`));
  assert.deepEqual(result.problems.map((p) => p.message), ['Line 2: the charge is longer than 500 characters']);
});

test('at most 2,000 rows are read: the rest are one problem', () => {
  const lines = [HEADER];
  for (let i = 0; i < 2005; i++) lines.push(`Person Number${i},01/01/1990,CV-${i},Court 1,10:00,Theft`);
  const result = parsed(parseCourtListCsv(lines.join('\n')));
  assert.equal(result.rows.length, 2000);
  assert.deepEqual(result.problems, [
    { line: 2002, message: 'Line 2002: the file has more than 2,000 rows, so this row and the rest were not read: split the list into smaller files' },
  ]);
});

test('names split as "FAMILY, Given" or "Given Family", with capitals marking the family name', () => {
  assert.deepEqual(splitCourtListName('SMITH, John'), { givenName: 'John', familyName: 'SMITH' });
  assert.deepEqual(splitCourtListName('  DE LA CRUZ ,  Maria  Jose '), { givenName: 'Maria Jose', familyName: 'DE LA CRUZ' });
  assert.deepEqual(splitCourtListName('John Smith'), { givenName: 'John', familyName: 'Smith' });
  assert.deepEqual(splitCourtListName('Mary Ann Smith'), { givenName: 'Mary Ann', familyName: 'Smith' });
  assert.deepEqual(splitCourtListName('Jean-Paul DE LA CRUZ'), { givenName: 'Jean-Paul', familyName: 'DE LA CRUZ' });
  assert.deepEqual(splitCourtListName('SMITH John'), { givenName: 'John', familyName: 'SMITH' });
  assert.deepEqual(splitCourtListName('John A SMITH'), { givenName: 'John A', familyName: 'SMITH' });
  assert.deepEqual(splitCourtListName('JOHN SMITH'), { givenName: 'JOHN', familyName: 'SMITH' });
  assert.deepEqual(splitCourtListName('Cher'), { givenName: '', familyName: 'Cher' });
});

test('dates and times on their own', () => {
  assert.equal(parseCourtListDate('1/2/1996'), '1996-02-01');
  assert.equal(parseCourtListDate('01/02/96'), null);
  assert.equal(parseCourtListDate('29/02/2001'), null);
  assert.equal(parseHearingTime('09:05'), '09:05');
  assert.equal(parseHearingTime('9:05'), '09:05');
  assert.equal(parseHearingTime('09:60'), null);
  assert.equal(parseHearingTime('0905'), null);
});
