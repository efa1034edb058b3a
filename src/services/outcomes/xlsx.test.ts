// Tests for the spreadsheet writer: the parts a spreadsheet program needs, cells where they belong, text escaped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { columnLetters, writeXlsx, xmlText } from './xlsx.js';

test('column letters run A..Z, AA..ZZ, AAA as in A1 references', () => {
  assert.deepEqual([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetters), ['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  assert.throws(() => columnLetters(-1), RangeError);
});

test('text is escaped for XML and characters XML cannot hold are dropped', () => {
  assert.equal(xmlText('a < b & "c" > d'), 'a &lt; b &amp; &quot;c&quot; &gt; d');
  assert.equal(xmlText('bell\x07 tab\t'), 'bell tab\t');
});

test('the workbook unzips into its parts, one worksheet per sheet, with the rows in them', () => {
  const bytes = writeXlsx([
    { name: 'Referrals', rows: [['person_key', 'minutes'], ['ab12', 95], ['=SUM(A1)', null]] },
    { name: 'By site', rows: [['Site', 'Count'], ['Custody & court <main>', '*']] },
  ]);
  const files = unzipSync(bytes);
  assert.deepEqual(Object.keys(files).sort(), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
  const workbook = strFromU8(files['xl/workbook.xml']!);
  assert.match(workbook, /<sheet name="Referrals" sheetId="1" r:id="rId1"\/><sheet name="By site" sheetId="2" r:id="rId2"\/>/);
  const sheet1 = strFromU8(files['xl/worksheets/sheet1.xml']!);
  assert.match(sheet1, /<c r="A2" t="inlineStr"><is><t xml:space="preserve">ab12<\/t><\/is><\/c><c r="B2"><v>95<\/v><\/c>/);
  assert.match(sheet1, /<c r="A1" s="1" t="inlineStr">/, 'the header row is bold');
  assert.match(sheet1, /<c r="A3" t="inlineStr"><is><t xml:space="preserve">=SUM\(A1\)<\/t>/, 'a formula-like text stays text');
  assert.doesNotMatch(sheet1, /<f>/);
  assert.match(strFromU8(files['xl/worksheets/sheet2.xml']!), /Custody &amp; court &lt;main&gt;/);
  assert.match(strFromU8(files['[Content_Types].xml']!), /\/xl\/worksheets\/sheet2\.xml/);
  assert.deepEqual(writeXlsx([{ name: 'A', rows: [['x']] }]), writeXlsx([{ name: 'A', rows: [['x']] }]), 'the same sheets give the same bytes');
});

test('sheet names Excel would refuse are refused', () => {
  assert.throws(() => writeXlsx([]), RangeError);
  assert.throws(() => writeXlsx([{ name: 'a/b', rows: [] }]), RangeError);
  assert.throws(() => writeXlsx([{ name: 'x'.repeat(32), rows: [] }]), RangeError);
  assert.throws(() => writeXlsx([{ name: 'Sheet', rows: [] }, { name: 'sheet', rows: [] }]), /Two sheets/);
});
