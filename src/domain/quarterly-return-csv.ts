// Writing CSV for the quarterly return: RFC 4180 quoting, CRLF line ends, a header row, and text that a spreadsheet
// would run as a formula made inert.

/** A value of a cell: text, a whole or decimal number, or nothing (an empty cell). */
export type CsvValue = string | number | null;

/** The characters that make a spreadsheet read a cell as a formula (and tab and carriage return, which some strip first). */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];

/**
 * Text made safe to open in a spreadsheet: text starting with = + - @ (or a tab or carriage return) gets a leading
 * apostrophe, as OWASP's guidance on CSV injection advises, so it is shown as text and never evaluated. Numbers are
 * written as numbers and are not changed (a negative number is not a formula).
 */
export function neutraliseFormula(value: string): string {
  return FORMULA_STARTS.some((c) => value.startsWith(c)) ? `'${value}` : value;
}

/**
 * One field as RFC 4180 writes it: a field holding a comma, a double quote, CR or LF is put in double quotes with
 * each quote doubled; text is neutralised first (see `neutraliseFormula`); null is an empty field; a number is its
 * decimal text (a non-finite number is refused with a RangeError).
 */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`A CSV number must be finite: ${value}`);
    return String(value);
  }
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV file: the header row, then one record per row, each line ended by CRLF (RFC 4180 section 2). Throws a
 * RangeError when a row does not have one value per header.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header.map(csvField).join(',')];
  rows.forEach((row, i) => {
    if (row.length !== header.length) throw new RangeError(`Row ${i + 1} has ${row.length} values for ${header.length} columns`);
    lines.push(row.map(csvField).join(','));
  });
  return lines.map((l) => `${l}\r\n`).join('');
}
