// Scoring whether a person already on the system may be the same as a new one: identifiers, names and dates of birth.
import { isRealDate } from './age.js';
import { normaliseNhsNumber } from './nhs-number.js';

export type PersonName = { givenName: string; familyName: string };

export type PersonIdentity = PersonName & {
  dateOfBirth: string | null;
  nhsNumber: string | null;
  pncId: string | null;
  aliases?: PersonName[];
};

export type CandidateScore = { score: number; reasons: string[] };

export type DateOfBirthMatch = 'same' | 'near' | 'different' | 'unknown';

/** At or above this score, warn that the person is probably already on the system. */
export const LIKELY_DUPLICATE_SCORE = 60;
/** At or above this score, show the person as someone to check. */
export const CANDIDATE_SCORE = 40;

const IDENTIFIER_MATCH_SCORE = 100;
const DIFFERENT_NHS_NUMBERS_CAP = 30;
const NAME_POINTS = 60;
/** Below this name similarity (pg_trgm's default threshold) names count as different. */
const NAME_SIMILARITY_THRESHOLD = 0.3;
const DATE_OF_BIRTH_POINTS: Record<DateOfBirthMatch, number> = { same: 35, near: 20, different: -20, unknown: 0 };

// Letters that NFD does not split into a base letter and an accent.
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Lower case, accents removed ("Zoë" → "zoe"), hyphens and dashes read as spaces, other
 * punctuation dropped ("O'Neill" → "oneill"), runs of spaces made one, ends trimmed.
 */
export function normaliseName(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøłđðþı]/g, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter] ?? letter)
    .replace(/[\p{Pd}_]+/gu, ' ')
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function trigrams(normalised: string): Set<string> {
  const grams = new Set<string>();
  for (const word of normalised.split(' ')) {
    if (word === '') continue;
    const chars = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''));
  }
  return grams;
}

/**
 * Trigram similarity as PostgreSQL's pg_trgm computes it, on normalised names: each word is
 * padded with two spaces before and one after, cut into 3-character pieces, and the score is
 * shared pieces over all distinct pieces (0 to 1). Word order does not matter. To agree with
 * it in SQL, compare names normalised the same way (accents and apostrophes removed).
 */
export function nameSimilarity(a: string, b: string): number {
  const gramsA = trigrams(normaliseName(a));
  const gramsB = trigrams(normaliseName(b));
  if (gramsA.size === 0 || gramsB.size === 0) return 0;
  let shared = 0;
  for (const gram of gramsA) if (gramsB.has(gram)) shared++;
  return shared / (gramsA.size + gramsB.size - shared);
}

/** Edits (insert, delete, change a letter, or swap two neighbouring letters) to turn a into b. */
function editDistance(a: readonly string[], b: readonly string[]): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

/** How alike two normalised name parts are: the better of trigram similarity and 1 − edits / longer length. */
function partSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const charsA = Array.from(a);
  const charsB = Array.from(b);
  const bySpelling = 1 - editDistance(charsA, charsB) / Math.max(charsA.length, charsB.length);
  return Math.max(nameSimilarity(a, b), bySpelling);
}

/**
 * How alike two people's names are (0 to 1): the better of the trigram similarity of the full
 * names and the weaker of the given-name and family-name similarities. The second catches a
 * letter wrong in each short name ("Jon Smyth", "John Smith"), which trigrams score low; taking
 * the weaker part keeps twins ("Jane Smith", "John Smith") apart.
 */
export function fullNameSimilarity(a: PersonName, b: PersonName): number {
  const given = [normaliseName(a.givenName), normaliseName(b.givenName)] as const;
  const family = [normaliseName(a.familyName), normaliseName(b.familyName)] as const;
  const whole = nameSimilarity(`${given[0]} ${family[0]}`, `${given[1]} ${family[1]}`);
  const byParts = Math.min(partSimilarity(...given), partSimilarity(...family));
  return Math.max(whole, byParts);
}

function isSameName(a: PersonName, b: PersonName): boolean {
  const givenA = normaliseName(a.givenName);
  const familyA = normaliseName(a.familyName);
  return (givenA !== '' || familyA !== '') && givenA === normaliseName(b.givenName) && familyA === normaliseName(b.familyName);
}

type DateParts = { year: number; month: number; day: number };

function dateParts(iso: string): DateParts {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
  return { year, month, day };
}

/** The reason a date of birth is near, or null when it is not. */
function nearDateOfBirthReason(a: string, b: string): string | null {
  const x = dateParts(a);
  const y = dateParts(b);
  const dayNumber = (d: DateParts) => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
  if (Math.abs(dayNumber(x) - dayNumber(y)) === 1) return 'Date of birth one day apart';
  if (x.year === y.year && x.day === y.month && x.month === y.day) return 'Day and month of birth swapped';
  if (x.month === y.month && x.day === y.day && Math.abs(x.year - y.year) === 1) return 'Year of birth one apart';
  if (x.year === y.year && x.month === y.month) {
    const dayA = String(x.day).padStart(2, '0');
    const dayB = String(y.day).padStart(2, '0');
    if ((dayA[0] === dayB[0]) !== (dayA[1] === dayB[1])) return 'Day of birth one digit different';
  }
  return null;
}

/**
 * Whether two dates of birth (YYYY-MM-DD) agree. Near: one day apart, day and month swapped,
 * the same day and month a year apart, or in the same month with one digit of the day
 * different. Unknown when either is missing or not a real date.
 */
export function dateOfBirthMatch(a: string | null, b: string | null): DateOfBirthMatch {
  if (a === null || b === null || !isRealDate(a) || !isRealDate(b)) return 'unknown';
  if (a === b) return 'same';
  return nearDateOfBirthReason(a, b) === null ? 'different' : 'near';
}

function dateOfBirthReason(a: string | null, b: string | null, match: DateOfBirthMatch): string | null {
  if (match === 'same') return 'Same date of birth';
  if (match === 'different') return 'Different date of birth';
  if (match === 'near' && a !== null && b !== null) return nearDateOfBirthReason(a, b);
  return null;
}

function comparableNhsNumber(n: string | null): string | null {
  if (n === null || n.trim() === '') return null;
  return normaliseNhsNumber(n) ?? n.replace(/[\s-]+/g, '');
}

function comparablePncId(id: string | null): string | null {
  if (id === null || id.trim() === '') return null;
  const text = id.replace(/\s+/g, '').toUpperCase();
  const full = /^([0-9]{4})\/([0-9]{1,7})([A-Z])$/.exec(text);
  return full === null ? text : `${full[1]}/${(full[2] ?? '').padStart(7, '0')}${full[3]}`;
}

type NameOption = { name: PersonName; alias: PersonName | null };

const namesOf = (person: PersonIdentity): NameOption[] => [
  { name: person, alias: null },
  ...(person.aliases ?? []).map((alias) => ({ name: alias, alias })),
];

const swapped = (name: PersonName): PersonName => ({ givenName: name.familyName, familyName: name.givenName });

const displayName = (name: PersonName): string => `${name.givenName} ${name.familyName}`.replace(/\s+/g, ' ').trim();

/** The best-scoring pairing of the two people's names (each with its aliases, and swapped), with its reason. */
function nameScore(newPerson: PersonIdentity, existing: PersonIdentity): { points: number; reason: string | null } {
  let best: { points: number; same: boolean; reason: string | null } = { points: 0, same: false, reason: null };
  for (const ours of namesOf(newPerson)) {
    for (const theirs of namesOf(existing)) {
      for (const isSwapped of [false, true]) {
        const other = isSwapped ? swapped(theirs.name) : theirs.name;
        const same = isSameName(ours.name, other);
        const similarity = same ? 1 : fullNameSimilarity(ours.name, other);
        if (similarity < NAME_SIMILARITY_THRESHOLD) continue;
        // Squared, so that only close names score high: 0.9 → 49 points, 0.5 → 15.
        const points = same ? NAME_POINTS : Math.round(NAME_POINTS * similarity * similarity);
        if (!(points > best.points || (points === best.points && same && !best.same))) continue;
        const alias = theirs.alias ?? ours.alias;
        const base = same ? 'Same name' : `Similar name (${similarity.toFixed(2)})`;
        const asAlias = alias === null ? '' : ` as the alias ${displayName(alias)}`;
        const order = isSwapped ? ', with given and family names swapped' : '';
        best = { points, same, reason: base + asAlias + order };
      }
    }
  }
  return { points: best.points, reason: best.reason };
}

/**
 * How likely an existing person is to be the same as a new one, 0 to 100, with the reasons
 * in plain English. The same NHS number or PNC ID scores 100. Different NHS numbers cap the
 * score at 30. Otherwise the closest names score up to 60 (the same name 60) and the date of
 * birth adds 35 if the same, 20 if near, and takes off 20 if different.
 */
export function scoreCandidate(newPerson: PersonIdentity, existing: PersonIdentity): CandidateScore {
  const nhsA = comparableNhsNumber(newPerson.nhsNumber);
  const nhsB = comparableNhsNumber(existing.nhsNumber);
  const pncA = comparablePncId(newPerson.pncId);
  const pncB = comparablePncId(existing.pncId);
  const sameNhs = nhsA !== null && nhsA === nhsB;
  const differentNhs = nhsA !== null && nhsB !== null && nhsA !== nhsB;
  const samePnc = pncA !== null && pncA === pncB;
  const differentPnc = pncA !== null && pncB !== null && pncA !== pncB;

  if (sameNhs || samePnc) {
    const reasons: string[] = [];
    if (sameNhs) reasons.push('Same NHS number');
    if (samePnc) reasons.push('Same PNC ID');
    if (differentNhs) reasons.push('Different NHS numbers');
    if (differentPnc) reasons.push('Different PNC IDs');
    return { score: IDENTIFIER_MATCH_SCORE, reasons };
  }

  const reasons: string[] = [];
  const name = nameScore(newPerson, existing);
  if (name.reason !== null) reasons.push(name.reason);
  const dobMatch = dateOfBirthMatch(newPerson.dateOfBirth, existing.dateOfBirth);
  const dobReason = dateOfBirthReason(newPerson.dateOfBirth, existing.dateOfBirth, dobMatch);
  if (dobReason !== null) reasons.push(dobReason);
  if (differentPnc) reasons.push('Different PNC IDs');

  let score = Math.max(0, Math.min(100, name.points + DATE_OF_BIRTH_POINTS[dobMatch]));
  if (differentNhs) {
    score = Math.min(score, DIFFERENT_NHS_NUMBERS_CAP);
    reasons.unshift('Different NHS numbers');
  }
  return { score, reasons };
}

export const isLikelyDuplicate = (score: number): boolean => score >= LIKELY_DUPLICATE_SCORE;

/** The existing people scoring 40 or more against the new one, highest first (ties keep their order). */
export function rankCandidates<T extends PersonIdentity>(
  newPerson: PersonIdentity,
  existing: readonly T[],
): Array<{ person: T } & CandidateScore> {
  return existing
    .map((person) => ({ person, ...scoreCandidate(newPerson, person) }))
    .filter((candidate) => candidate.score >= CANDIDATE_SCORE)
    .sort((a, b) => b.score - a.score);
}
