// NHS numbers: 10 digits with a modulus 11 check digit; formatting, messages and synthetic numbers for demo data.

export const NHS_NUMBER_MESSAGES = {
  missing: 'Enter the NHS number',
  wrongCharacters: 'NHS number must only include numbers 0 to 9, spaces and hyphens',
  wrongLength: 'NHS number must be 10 digits',
  failsCheck: 'NHS number is not valid; check each digit against the record you copied it from',
} as const;

/** Digits only: spaces and hyphens removed. Null unless exactly 10 digits remain. */
export function normaliseNhsNumber(input: string): string | null {
  const digits = input.replace(/[\s-]+/g, '');
  return /^[0-9]{10}$/.test(digits) ? digits : null;
}

/**
 * The check digit for the first nine digits: weights 10 down to 2, 11 − (sum mod 11);
 * 11 becomes 0; 10 means no valid NHS number starts with these nine digits (null).
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^[0-9]{9}$/.test(firstNine)) throw new RangeError('nhsCheckDigit needs exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine.charAt(i)) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** True for 10 digits (spaces and hyphens allowed) whose last digit is the modulus 11 check digit. */
export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (digits === null) return false;
  return nhsCheckDigit(digits.slice(0, 9)) === Number(digits.charAt(9));
}

/** "9990000018" → "999 000 0018". Input that is not 10 digits comes back unchanged. */
export function formatNhsNumber(n: string): string {
  const digits = normaliseNhsNumber(n);
  if (digits === null) return n;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

/** A message to show next to an NHS number field, or null if the number is valid. */
export function nhsNumberError(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return NHS_NUMBER_MESSAGES.missing;
  if (!/^[0-9\s-]+$/.test(trimmed)) return NHS_NUMBER_MESSAGES.wrongCharacters;
  if (normaliseNhsNumber(trimmed) === null) return NHS_NUMBER_MESSAGES.wrongLength;
  if (!isValidNhsNumber(trimmed)) return NHS_NUMBER_MESSAGES.failsCheck;
  return null;
}

/** Numbers in 999 000 0000 – 999 999 9999 are never issued to patients, so they are safe for demo data. */
const SYNTHETIC_PREFIX = '999';
const SYNTHETIC_BLOCKS = 100_000; // the five digits after 999
const VALID_PER_BLOCK = 9; // of the ten possible ninth digits, at least nine give a usable check digit
export const SYNTHETIC_NHS_NUMBER_COUNT = SYNTHETIC_BLOCKS * VALID_PER_BLOCK;

/**
 * A valid NHS number in the never-issued 999 range, the same for the same serial and
 * different for different serials (0 ≤ serial < 900,000). Each block of ten numbers
 * sharing their first eight digits supplies nine serials, skipping any ninth digit whose
 * check digit would be 10. Serial 0 is 999 000 0018.
 */
export function syntheticNhsNumber(serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= SYNTHETIC_NHS_NUMBER_COUNT) {
    throw new RangeError(`Synthetic NHS number serial must be a whole number from 0 to ${SYNTHETIC_NHS_NUMBER_COUNT - 1}`);
  }
  const firstEight = SYNTHETIC_PREFIX + String(Math.floor(serial / VALID_PER_BLOCK)).padStart(5, '0');
  let wanted = serial % VALID_PER_BLOCK;
  for (let ninth = 0; ninth <= 9; ninth++) {
    const firstNine = firstEight + String(ninth);
    const check = nhsCheckDigit(firstNine);
    if (check === null) continue;
    if (wanted === 0) return firstNine + String(check);
    wanted--;
  }
  throw new Error('unreachable: every block has at least nine valid NHS numbers');
}
