// Police National Computer IDs (YYYY/NNNNNNNC): parsing short and full forms and checking the check letter.

const CHECK_LETTERS = 'ZABCDEFGHJKLMNPQRTUVWXY'; // 23 letters: no I, O or S
const MAX_SERIAL = 9_999_999;
const EARLIEST_YEAR = 1900;

export const PNC_ID_MESSAGES = {
  missing: 'Enter the PNC ID',
  wrongShape: 'PNC ID must be a year, a slash, up to 7 numbers and a check letter, like 2008/0056560Z',
  futureYear: 'PNC ID year must not be in the future',
  tooEarly: `PNC ID year must be ${EARLIEST_YEAR} or later`,
  wrongCheckLetter: 'PNC ID check letter does not match the year and number; check each character and try again',
} as const;

export type PncIdParse = { ok: true; value: string } | { ok: false; error: string };

/** The check letter: ZABCDEFGHJKLMNPQRTUVWXY[n mod 23], n = two-digit year followed by the 7-digit serial. */
export function pncCheckLetter(year: number, serial: number): string {
  if (!Number.isSafeInteger(year) || year < 0) throw new RangeError('PNC year must be a non-negative whole number');
  if (!Number.isSafeInteger(serial) || serial < 0 || serial > MAX_SERIAL) {
    throw new RangeError(`PNC serial must be a whole number from 0 to ${MAX_SERIAL}`);
  }
  const n = (year % 100) * (MAX_SERIAL + 1) + serial;
  return CHECK_LETTERS.charAt(n % CHECK_LETTERS.length);
}

/**
 * Reads a PNC ID as typed (any case, surrounding spaces) in the full form 2008/0056560Z
 * or a short form such as 08/56560Z, and returns the full form. A two-digit year is in
 * this century if it is not after this year's two digits, otherwise in the last one.
 */
export function parsePncId(input: string, now: Date = new Date()): PncIdParse {
  const text = input.replace(/\s+/g, '').toUpperCase();
  if (text === '') return { ok: false, error: PNC_ID_MESSAGES.missing };

  const match = /^([0-9]{2}|[0-9]{4})\/([0-9]{1,7})([A-Z])$/.exec(text);
  if (match === null) return { ok: false, error: PNC_ID_MESSAGES.wrongShape };
  const [, yearText = '', serialText = '', letter = ''] = match;

  const currentYear = now.getUTCFullYear();
  const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), currentYear) : Number(yearText);
  if (year > currentYear) return { ok: false, error: PNC_ID_MESSAGES.futureYear };
  if (year < EARLIEST_YEAR) return { ok: false, error: PNC_ID_MESSAGES.tooEarly };

  const serial = Number(serialText);
  if (pncCheckLetter(year, serial) !== letter) return { ok: false, error: PNC_ID_MESSAGES.wrongCheckLetter };
  return { ok: true, value: `${year}/${serialText.padStart(7, '0')}${letter}` };
}

function expandTwoDigitYear(twoDigits: number, currentYear: number): number {
  const century = Math.floor(currentYear / 100) * 100;
  return twoDigits <= currentYear % 100 ? century + twoDigits : century - 100 + twoDigits;
}
