// What importing a re-offending CSV file would do: each good row matched to one person of the service (by NHS
// number, else PNC ID, else name and date of birth), and sorted into events to add, events already held, people
// not known, and lines refused (ambiguous, conflicting, a duplicate, or an offence on or before the index date).
import type { ReoffendingCsvParse, ReoffendingRow } from './reoffending-csv.js';
import { beforeIndexMessage } from './reoffending-csv.js';
import { formatNhsNumber } from './nhs-number.js';
import { precedesIndex, type JusticeEventOutcome } from './reoffending.js';

/** A person of the service the rows may name, with their index date (null when no referral led to a case). */
export type KnownPerson = {
  id: string;
  nhsNumber: string | null;
  pncId: string | null;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  indexDate: string | null;
};

export type LineMessage = { line: number; message: string };

/** A row matched to a person and not yet held: it would be added. */
export type PlannedEvent = { line: number; personId: string; offenceOn: string; outcome: JusticeEventOutcome; outcomeOn: string };

export type ImportPlan = {
  /** Lines of events the file holds (the row of column names not counted). */
  rowsRead: number;
  toAdd: PlannedEvent[];
  /** Lines whose event the service already holds: counted, not added again. */
  alreadyHeld: number[];
  /** Lines naming no one known to the service, each with its message. */
  unmatched: LineMessage[];
  /** Lines refused, each with its message, in line order (a line may have several). */
  problems: LineMessage[];
  /** The people the events to add are about, each once. */
  personIds: string[];
};

/** The key of one held event of one person, as the unique constraint on justice_event reads it. */
export const heldEventKey = (personId: string, event: { offenceOn: string; outcome: string; outcomeOn: string }): string =>
  [personId, event.offenceOn, event.outcome, event.outcomeOn].join('|');

const lowerName = (name: string): string => name.normalize('NFKC').toLocaleLowerCase('en-GB').replace(/\s+/g, ' ').trim();
const britishDate = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

type Match = { person: KnownPerson } | { problem: string } | { unknown: string };

/** Who the identifiers name, told in words, for a line naming no one known. */
function describe(row: ReoffendingRow): string {
  const { nhsNumber, pncId, givenName, familyName, dateOfBirth } = row.identifiers;
  const parts: string[] = [];
  if (nhsNumber !== undefined) parts.push(`NHS number ${formatNhsNumber(nhsNumber)}`);
  if (pncId !== undefined) parts.push(`PNC ID ${pncId}`);
  if (givenName !== undefined && familyName !== undefined && dateOfBirth !== undefined) parts.push(`${givenName} ${familyName}, born ${britishDate(dateOfBirth)}`);
  return parts.join(', or ');
}

function matchRow(row: ReoffendingRow, people: readonly KnownPerson[]): Match {
  const { nhsNumber, pncId, givenName, familyName, dateOfBirth } = row.identifiers;
  const byNhs = nhsNumber === undefined ? [] : people.filter((p) => p.nhsNumber === nhsNumber);
  const byPnc = pncId === undefined ? [] : people.filter((p) => p.pncId !== null && p.pncId.toUpperCase() === pncId.toUpperCase());
  const byName =
    givenName === undefined || familyName === undefined || dateOfBirth === undefined
      ? []
      : people.filter((p) => p.dateOfBirth === dateOfBirth && lowerName(p.givenName) === lowerName(givenName) && lowerName(p.familyName) === lowerName(familyName));
  const line = `Line ${row.line}`;
  // NHS numbers and PNC IDs are unique in a service, so each finds one person at most.
  const strong = byNhs[0] ?? byPnc[0];
  if (strong !== undefined) {
    const other = byNhs[0] !== undefined && byPnc[0] !== undefined && byPnc[0].id !== byNhs[0].id;
    if (other) return { problem: `${line}: the NHS number and the PNC ID belong to two different people in the service, so the event was not imported: check the row` };
    return { person: strong };
  }
  if (byName.length === 1) return { person: byName[0]! };
  if (byName.length > 1) {
    return { problem: `${line}: ${byName.length} people in the service are called ${givenName} ${familyName} and born ${britishDate(dateOfBirth!)}, so the event was not imported: add their NHS number or PNC ID to the row` };
  }
  return { unknown: `${line}: no one in the service has ${describe(row)}, so the event was not imported` };
}

/**
 * Sorts the good rows of a parsed file (parseReoffendingCsv) into what an import would do. Each row names the
 * person by their NHS number, else their PNC ID, else their exact given name, family name and date of birth
 * (ignoring case and repeated spaces); a name shared by several people, or an NHS number and a PNC ID of two
 * different people, is reported and not guessed. A row naming no one known is listed as unmatched. An offence on
 * or before the person's index date is refused (beforeIndexMessage): it is not a re-offence. An event the service
 * already holds (`held`, keyed by heldEventKey) is counted as already held; a second row naming the same person's
 * same event through another identifier is a duplicate. The file's own problems and duplicates are kept.
 */
export function planReoffendingImport(parsed: Extract<ReoffendingCsvParse, { ok: true }>, people: readonly KnownPerson[], held: ReadonlySet<string>): ImportPlan {
  const problems: LineMessage[] = [...parsed.problems, ...parsed.duplicates.map((d) => ({ line: d.line, message: d.message }))];
  const unmatched: LineMessage[] = [];
  const toAdd: PlannedEvent[] = [];
  const alreadyHeld: number[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of parsed.rows) {
    const match = matchRow(row, people);
    if ('unknown' in match) {
      unmatched.push({ line: row.line, message: match.unknown });
      continue;
    }
    if ('problem' in match) {
      problems.push({ line: row.line, message: match.problem });
      continue;
    }
    const { person } = match;
    if (person.indexDate !== null && precedesIndex(person.indexDate, row)) {
      problems.push({ line: row.line, message: beforeIndexMessage(row, person.indexDate) });
      continue;
    }
    const key = heldEventKey(person.id, row);
    const sameAs = firstLineOf.get(key);
    if (sameAs !== undefined) {
      problems.push({ line: row.line, message: `Line ${row.line}: the same event for the same person as line ${sameAs}, so it was left out` });
      continue;
    }
    firstLineOf.set(key, row.line);
    if (held.has(key)) alreadyHeld.push(row.line);
    else toAdd.push({ line: row.line, personId: person.id, offenceOn: row.offenceOn, outcome: row.outcome, outcomeOn: row.outcomeOn });
  }
  problems.sort((a, b) => a.line - b.line);
  const lines = new Set([...parsed.rows.map((r) => r.line), ...problems.map((p) => p.line)]);
  return { rowsRead: lines.size, toAdd, alreadyHeld, unmatched, problems, personIds: [...new Set(toAdd.map((e) => e.personId))] };
}
