// Tests for writing the return's CSV: RFC 4180 quoting and CRLF, and formulas made inert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRecords } from './csv.js';
import { csvField, neutraliseFormula, toCsv } from './quarterly-return-csv.js';

test('fields with commas, quotes or line breaks are quoted with quotes doubled (RFC 4180 section 2)', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hello"'), '"say ""hello"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(42), '42');
  assert.equal(csvField(-3), '-3', 'a number is never a formula');
  assert.throws(() => csvField(Number.NaN), RangeError);
});

test('text a spreadsheet would run as a formula gets a leading apostrophe', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(neutraliseFormula(`${start}SUM(A1)`), `'${start}SUM(A1)`);
  assert.equal(neutraliseFormula('SUM(A1)'), 'SUM(A1)');
  assert.equal(csvField('=HYPERLINK("http://x","y")'), '"\'=HYPERLINK(""http://x"",""y"")"');
});

test('a file has a header row, CRLF after every line, and reads back as written', () => {
  const text = toCsv(['a', 'b'], [['1', 'x,y'], [null, 7]]);
  assert.equal(text, 'a,b\r\n1,"x,y"\r\n,7\r\n');
  const records = csvRecords(text).map((r) => r.fields);
  assert.deepEqual(records.slice(0, 3), [['a', 'b'], ['1', 'x,y'], ['', '7']]);
  assert.throws(() => toCsv(['a', 'b'], [['only one']]), /Row 1 has 1 values for 2 columns/);
});
