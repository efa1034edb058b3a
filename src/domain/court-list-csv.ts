// Reading a court list from a CSV file: the columns by their names, each row checked, each bad row reported by its line.
import { DATE_OF_BIRTH_MESSAGES, dateOfBirthError, isRealDate } from './age.js';
import { csvRecords, isBlank, quote, recordShapeProblem } from './csv.js';

/** One good row of a court list. */
export type ParsedRow = {
  /** The line of the file the row starts on (1 is the first line, the column names). */
  line: number;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  caseReference: string;
  court: string;
  /** HH:MM, 24-hour. */
  hearingTime: string;
  charge: string;
};

export type CourtListProblem = { line: number; message: string };

export type CourtListParse =
  | { ok: false; error: string }
  | { ok: true; rows: ParsedRow[]; problems: CourtListProblem[] };

export type CourtListParseOptions = {
  /** The hearing date (YYYY-MM-DD): when given, a date of birth after it, or making the person under 10 or over 110 on it, is a bad row. */
  hearingDate?: string;
  /** Rows read at most; the rest are reported as one problem. */
  maxRows?: number;
};

/** The most rows one file may hold. */
export const MAX_COURT_LIST_ROWS = 2000;

export const COURT_LIST_EXAMPLE_HEADER = 'name,date of birth,case reference,court,hearing time,charge';

const FIELD_LIMITS = { name: 100, caseReference: 40, court: 120, charge: 500 } as const;

type Column = 'name' | 'givenName' | 'familyName' | 'dateOfBirth' | 'caseReference' | 'court' | 'hearingTime' | 'charge';

/** Column names as written in a header, with case, spaces, underscores, hyphens and dots taken out. */
const COLUMN_NAMES: Record<Column, readonly string[]> = {
  name: ['name', 'fullname', 'defendant', 'defendantname'],
  givenName: ['givenname', 'givennames', 'firstname', 'firstnames', 'forename', 'forenames'],
  familyName: ['familyname', 'lastname', 'surname'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate'],
  caseReference: ['casereference', 'caseref', 'casenumber', 'caseno', 'courtcasereference', 'courtcasenumber'],
  court: ['court', 'courtname', 'courtroom'],
  hearingTime: ['hearingtime', 'time', 'listedtime'],
  charge: ['charge', 'charges', 'offence', 'offences'],
};

const COLUMN_LABELS: Record<'name' | 'dateOfBirth' | 'caseReference' | 'hearingTime', string> = {
  name: 'name',
  dateOfBirth: 'date of birth',
  caseReference: 'case reference',
  hearingTime: 'hearing time',
};

const headerKey = (text: string): string => text.toLowerCase().replace(/[\s_\-.]+/g, '');


const isCapitalised = (word: string): boolean => /\p{L}.*\p{L}/u.test(word) && word === word.toUpperCase() && word !== word.toLowerCase();

/**
 * Splits a name as court lists write it: "FAMILY, Given" (the part before the comma is the
 * family name), or "Given Family". Without a comma, a run of words in capitals at the start or
 * the end is the family name ("SMITH John", "Jean-Paul DE LA CRUZ"); otherwise the last word is.
 * A single word is a family name alone.
 */
export function splitCourtListName(name: string): { givenName: string; familyName: string } {
  const text = name.replace(/\s+/g, ' ').trim();
  const comma = text.indexOf(',');
  if (comma >= 0) {
    return { familyName: text.slice(0, comma).trim(), givenName: text.slice(comma + 1).replace(/,/g, ' ').replace(/\s+/g, ' ').trim() };
  }
  const words = text === '' ? [] : text.split(' ');
  if (words.length <= 1) return { givenName: '', familyName: text };
  const caps = words.map(isCapitalised);
  if (caps.some(Boolean) && !caps.every(Boolean)) {
    let end = words.length;
    while (end > 0 && caps[end - 1]) end--;
    if (end < words.length && end > 0) return { givenName: words.slice(0, end).join(' '), familyName: words.slice(end).join(' ') };
    let start = 0;
    while (start < words.length && caps[start]) start++;
    if (start > 0 && start < words.length) return { familyName: words.slice(0, start).join(' '), givenName: words.slice(start).join(' ') };
  }
  return { givenName: words.slice(0, -1).join(' '), familyName: words[words.length - 1]! };
}

/** A date of birth as DD/MM/YYYY (or D/M/YYYY) or YYYY-MM-DD, as YYYY-MM-DD; null when it is neither or not a real date. */
export function parseCourtListDate(text: string): string | null {
  const value = text.trim();
  let iso: string | null = null;
  const british = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/.exec(value);
  if (british) iso = `${british[3]}-${british[2]!.padStart(2, '0')}-${british[1]!.padStart(2, '0')}`;
  else if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) iso = value;
  return iso !== null && isRealDate(iso) ? iso : null;
}

/** A hearing time as HH:MM (or H:MM), 24-hour, as HH:MM; null otherwise. */
export function parseHearingTime(text: string): string | null {
  const match = /^([0-9]{1,2}):([0-9]{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

function joinWithOr(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}


/**
 * Reads a court list CSV. The first row names the columns, in any case and order, with spaces
 * or underscores: name (or first name and last name), date of birth, case reference, court,
 * hearing time, charge. A missing required column (a name, date of birth, case reference,
 * hearing time) or an empty file fails the whole file. Otherwise each row is checked and a bad
 * row is left out and reported with the line it starts on; the good rows are returned.
 */
export function parseCourtListCsv(csvText: string, options: CourtListParseOptions = {}): CourtListParse {
  const maxRows = options.maxRows ?? MAX_COURT_LIST_ROWS;
  const text = csvText.replace(/^\uFEFF/, '');
  const records = csvRecords(text).filter((r) => !isBlank(r));
  const [header, ...data] = records;
  const like = `the first row must name the columns, like ${COURT_LIST_EXAMPLE_HEADER}`;
  if (header === undefined) return { ok: false, error: `The file is empty: ${like}` };
  if (header.problem !== null) return { ok: false, error: `The first row of the file cannot be read (${header.problem}): ${like}` };

  const keys = header.fields.map(headerKey);
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(COLUMN_NAMES) as Column[]) index[column] = keys.findIndex((k) => COLUMN_NAMES[column].includes(k));
  const hasSplitName = index.givenName >= 0 && index.familyName >= 0;
  const missing: string[] = [];
  if (index.name < 0 && !hasSplitName) missing.push(COLUMN_LABELS.name);
  if (index.dateOfBirth < 0) missing.push(COLUMN_LABELS.dateOfBirth);
  if (index.caseReference < 0) missing.push(COLUMN_LABELS.caseReference);
  if (index.hearingTime < 0) missing.push(COLUMN_LABELS.hearingTime);
  if (missing.length > 0) {
    const columnWord = missing.length === 1 ? 'column' : 'columns';
    return { ok: false, error: `The file has no ${joinWithOr(missing)} ${columnWord}: ${like}` };
  }

  const rows: ParsedRow[] = [];
  const problems: CourtListProblem[] = [];
  const width = header.fields.length;
  for (const [position, record] of data.entries()) {
    if (position >= maxRows) {
      problems.push({ line: record.line, message: `Line ${record.line}: the file has more than ${maxRows.toLocaleString('en-GB')} rows, so this row and the rest were not read: split the list into smaller files` });
      break;
    }
    const report = (message: string) => problems.push({ line: record.line, message: `Line ${record.line}: ${message}` });
    const shape = recordShapeProblem(record, width, '"SMITH, John"');
    if (shape !== null) {
      report(shape);
      continue;
    }
    const { fields } = record;
    const cell = (column: Column): string => (index[column] >= 0 ? (fields[index[column]] ?? '').replace(/\s+/g, ' ').trim() : '');

    const rowProblems: string[] = [];
    let givenName = cell('givenName');
    let familyName = cell('familyName');
    if (!hasSplitName || (givenName === '' && familyName === '')) {
      if (index.name >= 0) ({ givenName, familyName } = splitCourtListName(cell('name')));
    }
    if (givenName === '' && familyName === '') rowProblems.push('the name is empty');
    else if (familyName === '') rowProblems.push('the last name is empty');
    else if (givenName.length > FIELD_LIMITS.name || familyName.length > FIELD_LIMITS.name) rowProblems.push(`the name is longer than ${FIELD_LIMITS.name} characters`);

    const dobText = cell('dateOfBirth');
    const dateOfBirth = parseCourtListDate(dobText);
    if (dobText === '') rowProblems.push('the date of birth is empty');
    else if (dateOfBirth === null) {
      const shaped = /^[0-9]{1,2}\/[0-9]{1,2}\/[0-9]{4}$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(dobText);
      rowProblems.push(shaped ? `date of birth ${quote(dobText)} is not a real date` : `date of birth ${quote(dobText)} is not a date in DD/MM/YYYY or YYYY-MM-DD, like 14/02/1996`);
    } else if (options.hearingDate !== undefined && isRealDate(options.hearingDate)) {
      const error = dateOfBirthError(dateOfBirth, options.hearingDate);
      if (error === DATE_OF_BIRTH_MESSAGES.inFuture) rowProblems.push(`date of birth ${dobText} is after the hearing date`);
      else if (error === DATE_OF_BIRTH_MESSAGES.underTen) rowProblems.push(`date of birth ${dobText} makes the person under 10 on the hearing date: check it`);
      else if (error === DATE_OF_BIRTH_MESSAGES.overOneHundredAndTen) rowProblems.push(`date of birth ${dobText} makes the person over 110: check the year`);
    }

    const timeText = cell('hearingTime');
    const hearingTime = parseHearingTime(timeText);
    if (timeText === '') rowProblems.push('the hearing time is empty: use HH:MM, like 10:00');
    else if (hearingTime === null) rowProblems.push(`hearing time ${quote(timeText)} is not a time in HH:MM, like 10:00`);

    const caseReference = cell('caseReference');
    const court = cell('court');
    const charge = cell('charge');
    if (caseReference.length > FIELD_LIMITS.caseReference) rowProblems.push(`the case reference is longer than ${FIELD_LIMITS.caseReference} characters`);
    if (court.length > FIELD_LIMITS.court) rowProblems.push(`the court is longer than ${FIELD_LIMITS.court} characters`);
    if (charge.length > FIELD_LIMITS.charge) rowProblems.push(`the charge is longer than ${FIELD_LIMITS.charge} characters`);

    if (rowProblems.length > 0 || dateOfBirth === null || hearingTime === null) {
      for (const message of rowProblems) report(message);
      continue;
    }
    rows.push({ line: record.line, givenName, familyName, dateOfBirth, caseReference, court, hearingTime, charge });
  }
  return { ok: true, rows, problems };
}
