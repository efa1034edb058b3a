// Reading justice events (re-arrests, charges, cautions, convictions) from a CSV file exported by police systems: columns by name, each row checked, duplicates found by a stable key.
import { createHash } from 'node:crypto';
import { ageOn, isRealDate, OLDEST_LIKELY_AGE, YOUNGEST_AGE } from './age.js';
import { parseCourtListDate } from './court-list-csv.js';
import { csvRecords, isBlank, quote, recordShapeProblem } from './csv.js';
import { isValidNhsNumber, normaliseNhsNumber } from './nhs-number.js';
import { parsePncId, PNC_ID_MESSAGES } from './pnc-id.js';
import { JUSTICE_EVENT_OUTCOMES, type JusticeEventOutcome } from './reoffending.js';

/** The column names the import reads, as the page's help text shows them. */
export const REOFFENDING_CSV_HEADERS = ['nhs_number', 'pnc_id', 'given_name', 'family_name', 'date_of_birth', 'offence_date', 'outcome', 'outcome_date'] as const;

export type ReoffendingCsvColumn = (typeof REOFFENDING_CSV_HEADERS)[number];

/** Other names accepted for each column. A header is matched in any case, with spaces, underscores, hyphens and dots ignored. */
export const REOFFENDING_CSV_ALIASES: Record<ReoffendingCsvColumn, readonly string[]> = {
  nhs_number: ['nhs number', 'nhs no', 'nhs'],
  pnc_id: ['pnc id', 'pnc', 'pnc number', 'pnc no', 'pnc ref'],
  given_name: ['given names', 'first name', 'first names', 'forename', 'forenames'],
  family_name: ['surname', 'last name'],
  date_of_birth: ['dob', 'birth date'],
  offence_date: ['offense date', 'date of offence', 'offence committed', 'committed on'],
  outcome: ['outcome type', 'result', 'disposal'],
  outcome_date: ['date of outcome', 'result date', 'disposal date'],
};

/** Outcome words as police systems write them, each read as one outcome (matched like headers). */
export const REOFFENDING_OUTCOME_ALIASES: Record<JusticeEventOutcome, readonly string[]> = {
  arrest: ['arrest', 'arrested'],
  charge: ['charge', 'charged', 'summons', 'summonsed', 'postal requisition'],
  caution: ['caution', 'cautioned', 'simple caution', 'youth caution', 'conditional caution', 'youth conditional caution', 'adult conditional caution', 'reprimand', 'final warning'],
  conviction: ['conviction', 'convicted', 'guilty', 'found guilty', 'pleaded guilty', 'guilty plea'],
  acquittal: ['acquittal', 'acquitted', 'not guilty', 'found not guilty', 'dismissed', 'discontinued', 'withdrawn'],
  no_further_action: ['no further action', 'nfa'],
};

/** The most rows one file may hold: a larger file is refused whole. */
export const MAX_REOFFENDING_CSV_ROWS = 50_000;
/** The most characters one file may hold, checked before it is read. */
export const MAX_REOFFENDING_CSV_CHARACTERS = 20_000_000;
const NAME_LIMIT = 100;

export const REOFFENDING_CSV_EXAMPLE_HEADER = REOFFENDING_CSV_HEADERS.join(',');

/** Who an event is about, as the file gives it: each only when present and valid. */
export type EventIdentifiers = { nhsNumber?: string; pncId?: string; givenName?: string; familyName?: string; dateOfBirth?: string };

/** One good row: a justice event about one person. Dates are YYYY-MM-DD; an NHS number is 10 digits; a PNC ID is in its full form. */
export type ReoffendingRow = { line: number; identifiers: EventIdentifiers; offenceOn: string; outcome: JusticeEventOutcome; outcomeOn: string };

export type ReoffendingCsvProblem = { line: number; message: string };
/** A row describing the same event as an earlier row: left out, as importing it again would count it twice. */
export type ReoffendingCsvDuplicate = { line: number; sameAsLine: number; message: string };

export type ReoffendingCsvParse =
  | { ok: false; error: string }
  | { ok: true; rows: ReoffendingRow[]; problems: ReoffendingCsvProblem[]; duplicates: ReoffendingCsvDuplicate[]; ignoredColumns: string[] };

const normalWord = (text: string): string => text.toLowerCase().replace(/[\s_\-.]+/g, '');

const COLUMN_BY_NAME = new Map<string, ReoffendingCsvColumn>(
  REOFFENDING_CSV_HEADERS.flatMap((column) => [column, ...REOFFENDING_CSV_ALIASES[column]].map((name) => [normalWord(name), column] as const)),
);

const OUTCOME_BY_WORD = new Map<string, JusticeEventOutcome>(
  JUSTICE_EVENT_OUTCOMES.flatMap((outcome) => [outcome, ...REOFFENDING_OUTCOME_ALIASES[outcome]].map((word) => [normalWord(word), outcome] as const)),
);

/** The outcome a word from the file stands for ('Youth conditional caution' → caution), or null. */
export function parseEventOutcome(text: string): JusticeEventOutcome | null {
  return OUTCOME_BY_WORD.get(normalWord(text)) ?? null;
}

const DATE_SHAPE = /^[0-9]{1,2}\/[0-9]{1,2}\/[0-9]{4}$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const LABELS: Record<ReoffendingCsvColumn, string> = {
  nhs_number: 'NHS number',
  pnc_id: 'PNC ID',
  given_name: 'given name',
  family_name: 'family name',
  date_of_birth: 'date of birth',
  offence_date: 'offence date',
  outcome: 'outcome',
  outcome_date: 'outcome date',
};
const OUTCOME_LIST = 'arrest, charge, caution, conviction, acquittal or no further action';
const IDENTIFY = 'give an NHS number, a PNC ID, or a given name, family name and date of birth';

/** A date as DD/MM/YYYY (or D/M/YYYY) or YYYY-MM-DD, read into YYYY-MM-DD, or the problem with it. */
function readDate(text: string, label: string): { date: string } | { problem: string } {
  if (text === '') return { problem: `the ${label} is empty` };
  const date = parseCourtListDate(text);
  if (date !== null) return { date };
  if (DATE_SHAPE.test(text)) return { problem: `${label} ${quote(text)} is not a real date` };
  return { problem: `${label} ${quote(text)} is not a date in DD/MM/YYYY or YYYY-MM-DD, like 05/01/2026` };
}

function pncProblem(text: string, error: string): string {
  if (error === PNC_ID_MESSAGES.wrongCheckLetter) return `PNC ID ${quote(text)} is not valid: its check letter does not match the year and number`;
  if (error === PNC_ID_MESSAGES.futureYear) return `PNC ID ${quote(text)} is not valid: its year is in the future`;
  if (error === PNC_ID_MESSAGES.tooEarly) return `PNC ID ${quote(text)} is not valid: its year is before 1900`;
  return `PNC ID ${quote(text)} is not valid: it must be a year, a slash, up to 7 numbers and a check letter, like 2008/0056560Z`;
}

export type ReoffendingCsvOptions = {
  /** Today's date (YYYY-MM-DD): dates after it are bad rows, and PNC ID years are checked against it. */
  today: string;
  /** Rows allowed at most; a larger file is refused whole. */
  maxRows?: number;
};

/**
 * Reads a CSV file of justice events. The first row names the columns (REOFFENDING_CSV_HEADERS
 * or their aliases, in any case and order); other columns are ignored and listed. The file is
 * refused whole when it is empty, too large, has no rows, lacks the offence date, outcome or
 * outcome date column, has no column that identifies people, or names a column twice. Otherwise
 * each row is checked, a bad row is left out and each of its problems reported with its line,
 * and a row with the same eventKey as an earlier one is left out as a duplicate. A row must
 * identify the person by a valid NHS number, a valid PNC ID, or a given name, family name and
 * date of birth; any identifier given must be valid. Its outcome date is on or after its offence
 * date, and neither is after today.
 */
export function parseReoffendingCsv(csvText: string, options: ReoffendingCsvOptions): ReoffendingCsvParse {
  const { today } = options;
  const maxRows = options.maxRows ?? MAX_REOFFENDING_CSV_ROWS;
  if (!isRealDate(today)) throw new RangeError(`Today is not a real date (YYYY-MM-DD): ${today}`);
  const like = `the first row must name the columns, like ${REOFFENDING_CSV_EXAMPLE_HEADER}`;
  if (csvText.length > MAX_REOFFENDING_CSV_CHARACTERS) {
    return { ok: false, error: `The file is too large: it has more than ${MAX_REOFFENDING_CSV_CHARACTERS.toLocaleString('en-GB')} characters. Split it into smaller files and import each` };
  }
  const records = csvRecords(csvText.replace(/^\uFEFF/, '')).filter((r) => !isBlank(r));
  const [header, ...data] = records;
  if (header === undefined) return { ok: false, error: `The file is empty: ${like}` };
  if (header.problem !== null) return { ok: false, error: `The first row of the file cannot be read (${header.problem}): ${like}` };

  const index = new Map<ReoffendingCsvColumn, number>();
  const ignoredColumns: string[] = [];
  for (const [position, name] of header.fields.entries()) {
    const column = COLUMN_BY_NAME.get(normalWord(name));
    if (column === undefined) {
      if (name.trim() !== '') ignoredColumns.push(name.trim());
      continue;
    }
    const earlier = index.get(column);
    if (earlier !== undefined) return { ok: false, error: `The file has two ${LABELS[column]} columns (columns ${earlier + 1} and ${position + 1}): keep one` };
    index.set(column, position);
  }
  const missing = (['offence_date', 'outcome', 'outcome_date'] as const).filter((c) => !index.has(c)).map((c) => LABELS[c]);
  if (missing.length > 0) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} or ${missing[missing.length - 1]}`;
    return { ok: false, error: `The file has no ${list} ${missing.length === 1 ? 'column' : 'columns'}: ${like}` };
  }
  const byName = index.has('given_name') && index.has('family_name') && index.has('date_of_birth');
  if (!index.has('nhs_number') && !index.has('pnc_id') && !byName) {
    return { ok: false, error: `The file has no columns that identify people: it needs an NHS number column, a PNC ID column, or given name, family name and date of birth columns (${like})` };
  }
  if (data.length === 0) return { ok: false, error: 'The file has column names but no rows of events' };
  if (data.length > maxRows) {
    return { ok: false, error: `The file has ${data.length.toLocaleString('en-GB')} rows: at most ${maxRows.toLocaleString('en-GB')} can be imported at once. Split it into smaller files and import each; nothing was imported` };
  }

  const pncNow = new Date(`${today}T12:00:00Z`);
  const width = header.fields.length;
  const rows: ReoffendingRow[] = [];
  const problems: ReoffendingCsvProblem[] = [];
  const duplicates: ReoffendingCsvDuplicate[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const record of data) {
    const report = (message: string) => problems.push({ line: record.line, message: `Line ${record.line}: ${message}` });
    const shape = recordShapeProblem(record, width);
    if (shape !== null) {
      report(shape);
      continue;
    }
    const { fields } = record;
    const cell = (column: ReoffendingCsvColumn): string => {
      const position = index.get(column);
      return position === undefined ? '' : (fields[position] ?? '').replace(/\s+/g, ' ').trim();
    };
    const rowProblems: string[] = [];
    const identifiers: EventIdentifiers = {};

    const nhsText = cell('nhs_number');
    if (nhsText !== '') {
      if (isValidNhsNumber(nhsText)) identifiers.nhsNumber = normaliseNhsNumber(nhsText)!;
      else if (normaliseNhsNumber(nhsText) === null) rowProblems.push(`NHS number ${quote(nhsText)} is not valid: it must be 10 digits`);
      else rowProblems.push(`NHS number ${quote(nhsText)} is not valid: its check digit is wrong`);
    }
    const pncText = cell('pnc_id');
    if (pncText !== '') {
      const pnc = parsePncId(pncText, pncNow);
      if (pnc.ok) identifiers.pncId = pnc.value;
      else rowProblems.push(pncProblem(pncText, pnc.error));
    }
    for (const [column, key] of [['given_name', 'givenName'], ['family_name', 'familyName']] as const) {
      const name = cell(column);
      if (name.length > NAME_LIMIT) rowProblems.push(`the ${LABELS[column]} is longer than ${NAME_LIMIT} characters`);
      else if (name !== '') identifiers[key] = name;
    }
    const offence = readDate(cell('offence_date'), 'offence date');
    const dobText = cell('date_of_birth');
    if (dobText !== '') {
      const dob = readDate(dobText, 'date of birth');
      if ('problem' in dob) rowProblems.push(dob.problem);
      else if (dob.date > today) rowProblems.push(`date of birth ${dobText} is in the future`);
      else if (ageOn(dob.date, today) > OLDEST_LIKELY_AGE) rowProblems.push(`date of birth ${dobText} makes the person over ${OLDEST_LIKELY_AGE}: check the year`);
      else if ('date' in offence && offence.date >= dob.date && ageOn(dob.date, offence.date) < YOUNGEST_AGE) {
        rowProblems.push(`date of birth ${dobText} makes the person under ${YOUNGEST_AGE} on the offence date, below the age of criminal responsibility: check it`);
      } else if ('date' in offence && offence.date < dob.date) rowProblems.push(`the offence date is before the date of birth ${dobText}`);
      else identifiers.dateOfBirth = dob.date;
    }
    const named = identifiers.givenName !== undefined && identifiers.familyName !== undefined && identifiers.dateOfBirth !== undefined;
    if (rowProblems.length === 0 && identifiers.nhsNumber === undefined && identifiers.pncId === undefined && !named) {
      rowProblems.push(`the person cannot be identified: ${IDENTIFY}`);
    }

    if ('problem' in offence) rowProblems.push(offence.problem);
    else if (offence.date > today) rowProblems.push(`offence date ${cell('offence_date')} is in the future`);
    const outcomeText = cell('outcome');
    const outcome = parseEventOutcome(outcomeText);
    if (outcomeText === '') rowProblems.push(`the outcome is empty: use ${OUTCOME_LIST}`);
    else if (outcome === null) rowProblems.push(`outcome ${quote(outcomeText)} is not one the import knows: use ${OUTCOME_LIST}`);
    const outcomeDate = readDate(cell('outcome_date'), 'outcome date');
    if ('problem' in outcomeDate) rowProblems.push(outcomeDate.problem);
    else if (outcomeDate.date > today) rowProblems.push(`outcome date ${cell('outcome_date')} is in the future`);
    else if ('date' in offence && outcomeDate.date < offence.date) {
      rowProblems.push(`outcome date ${cell('outcome_date')} is before the offence date ${cell('offence_date')}: an outcome is on or after its offence`);
    }

    if (rowProblems.length > 0 || !('date' in offence) || !('date' in outcomeDate) || outcome === null) {
      for (const message of rowProblems) report(message);
      continue;
    }
    const row: ReoffendingRow = { line: record.line, identifiers, offenceOn: offence.date, outcome, outcomeOn: outcomeDate.date };
    const key = eventKey(row);
    const sameAsLine = firstLineOfKey.get(key);
    if (sameAsLine !== undefined) {
      duplicates.push({ line: record.line, sameAsLine, message: `Line ${record.line}: the same event as line ${sameAsLine} (same person, offence date, outcome and outcome date), so it was left out` });
      continue;
    }
    firstLineOfKey.set(key, record.line);
    rows.push(row);
  }
  return { ok: true, rows, problems, duplicates, ignoredColumns };
}

const normalName = (name: string): string => name.normalize('NFKC').toLocaleLowerCase('en-GB').replace(/\s+/g, ' ').trim();

/**
 * A stable key for one event (SHA-256, hex) so that importing the same event again changes
 * nothing: the person by their strongest identifier (the NHS number, else the PNC ID in its full
 * form, else the given and family names in lower case with the date of birth), then the offence
 * date, outcome and outcome date. Rows written differently (spaces in an NHS number, a short PNC
 * ID, DD/MM/YYYY dates, 'Found guilty' for conviction) give the same key once parsed.
 */
export function eventKey(row: Pick<ReoffendingRow, 'identifiers' | 'offenceOn' | 'outcome' | 'outcomeOn'>): string {
  const { nhsNumber, pncId, givenName, familyName, dateOfBirth } = row.identifiers;
  let person: string;
  if (nhsNumber !== undefined) person = `nhs:${normaliseNhsNumber(nhsNumber) ?? nhsNumber}`;
  else if (pncId !== undefined) person = `pnc:${pncId.toUpperCase()}`;
  else if (givenName !== undefined && familyName !== undefined && dateOfBirth !== undefined) person = `name:${normalName(givenName)}\u001f${normalName(familyName)}\u001f${dateOfBirth}`;
  else throw new RangeError('An event key needs an NHS number, a PNC ID, or a given name, family name and date of birth');
  return createHash('sha256').update([person, row.offenceOn, row.outcome, row.outcomeOn].join('\u001e')).digest('hex');
}

/** The message for an imported row whose offence was committed on or before the person's index date: it is not a re-offence and is not imported. */
export function beforeIndexMessage(row: Pick<ReoffendingRow, 'line' | 'offenceOn'>, indexDate: string): string {
  return `Line ${row.line}: offence date ${britishDate(row.offenceOn)} is on or before the person's index date (${britishDate(indexDate)}), so it is not a re-offence and was not imported`;
}

const britishDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
