// Reading CSV text as spreadsheets and police and court systems write it (RFC 4180).

export type CsvRecord = { line: number; fields: string[]; quoted: boolean[]; problem: string | null };

/**
 * Splits CSV text into records (RFC 4180): fields in double quotes may hold commas, line breaks
 * and doubled quotes. Lines end in CRLF, LF or CR. Each record knows the line it starts on.
 * A quote inside an unquoted field is kept as written; text after a closing quote, or a quote
 * never closed, makes the record bad.
 */
export function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const record: CsvRecord = { line, fields: [], quoted: [], problem: null };
    let endOfRecord = false;
    while (!endOfRecord) {
      let value = '';
      let quoted = false;
      if (text[i] === '"') {
        quoted = true;
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\r' || c === '\n') {
            line++;
            if (c === '\r' && text[i + 1] === '\n') {
              value += '\r';
              i++;
            }
          }
          value += text[i];
          i++;
        }
        if (!closed) record.problem ??= 'a field starts with a quote (") that is never closed';
        // Anything between the closing quote and the next comma or line end breaks the format.
        let trailing = '';
        while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') trailing += text[i++];
        if (trailing.trim() !== '') record.problem ??= 'a field has text after its closing quote (")';
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') value += text[i++];
      }
      record.fields.push(value);
      record.quoted.push(quoted);
      if (i >= n) {
        endOfRecord = true;
      } else if (text[i] === ',') {
        i++;
        // A comma at the very end of the text still ends with an empty field.
        if (i >= n) {
          record.fields.push('');
          record.quoted.push(false);
          endOfRecord = true;
        }
      } else {
        // A line break: CRLF, LF or CR.
        i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
      }
    }
    records.push(record);
  }
  return records;
}

/** A record with nothing in it: an empty line, or a line of commas as spreadsheets write. */
export const isBlank = (record: CsvRecord): boolean => record.problem === null && record.fields.every((f) => f.trim() === '');

/** A value cut to 40 characters for a message about it. */
export const quote = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * What is wrong with a record's shape, as a message to follow "Line N: ", or null when it is fine: a broken
 * quote, or a field count other than the header's `width`. Spreadsheets sometimes add empty fields at the
 * end of a row, so only extra fields with text in them count. `example` shows a field with a comma in it.
 */
export function recordShapeProblem(record: CsvRecord, width: number, example = ''): string | null {
  if (record.problem !== null) return record.problem;
  const { fields } = record;
  const tooMany = fields.length > width && fields.slice(width).some((f) => f.trim() !== '');
  if (fields.length >= width && !tooMany) return null;
  const hint = tooMany ? `put a field with a comma in it${example ? `, like ${example},` : ''} in double quotes` : 'check for a missing comma';
  return `has ${fields.length} ${fields.length === 1 ? 'field' : 'fields'} but the first row names ${width} columns: ${hint}`;
}
