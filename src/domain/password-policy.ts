// Password rules after NCSC guidance: length over complexity, no personal details, no common or patterned passwords.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** Usernames and name parts shorter than this are not looked for inside a password. */
const MIN_PERSONAL_TEXT_LENGTH = 3;

export const PASSWORD_MESSAGES = {
  missing: 'Enter a password',
  tooShort: `Password must be ${PASSWORD_MIN_LENGTH} characters or more`,
  tooLong: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`,
  containsUsername: 'Password must not contain your username',
  containsName: 'Password must not contain your name',
  tooCommon: 'Password is too common; choose a longer phrase of unrelated words',
  patterned: 'Password must not be a repeated character, a repeated pattern or a simple sequence like abcdef or 123456',
} as const;

/**
 * Words that sit at the top of breached-password lists, plus some this service's users
 * would reach for. Compared after trimming digits and punctuation from both ends and
 * undoing common letter swaps (p@ssw0rd), so "Password2024!" counts as "password".
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password', 'passwort', 'pass', 'passcode', 'passphrase', 'mypassword', 'newpassword', 'secret',
  'letmein', 'welcome', 'welcomeback', 'hello', 'helloworld', 'iloveyou', 'loveyou', 'love', 'lovely',
  'admin', 'administrator', 'root', 'user', 'guest', 'login', 'default', 'changeme', 'changeit', 'test',
  'testing', 'temp', 'temporary', 'qwerty', 'qwertyuiop', 'qwertz', 'azerty', 'asdf', 'asdfgh', 'asdfghjkl',
  'zxcvbnm', 'qazwsx', 'qwe', 'abc', 'abcd', 'abcdef', 'aaa', 'trustno', 'trustnoone', 'whatever',
  'nothing', 'access', 'master', 'monkey', 'dragon', 'shadow', 'superman', 'batman', 'spiderman',
  'starwars', 'pokemon', 'princess', 'sunshine', 'rainbow', 'flower', 'butterfly', 'cookie', 'chocolate',
  'freedom', 'football', 'soccer', 'baseball', 'cricket', 'rugby', 'liverpool', 'arsenal', 'chelsea',
  'everton', 'tottenham', 'manchester', 'manutd', 'newcastle', 'london', 'england', 'britain',
  'charlie', 'michael', 'jennifer', 'jessica', 'thomas', 'daniel', 'ashley', 'jordan', 'hunter', 'buster',
  'maggie', 'ginger', 'pepper', 'summer', 'winter', 'spring', 'autumn', 'january', 'february', 'march',
  'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'friday',
  'nhs', 'nhsnhs', 'nhspassword', 'hospital', 'nurse', 'doctor', 'police', 'custody', 'court',
  'liaison', 'diversion', 'divert', 'liaisonanddiversion', 'probation', 'justice',
]);

/** Runs of characters that people type as a "password": alphabet, digits and keyboard walks. */
const SEQUENCES: readonly string[] = [
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  'qazwsxedcrfvtgbyhnujmikolp',
];

/** Checks a proposed password; returns messages to show the user, or an empty list if it is acceptable. */
export function checkPassword(password: string, context: { username: string; displayName?: string }): string[] {
  if (password.length === 0) return [PASSWORD_MESSAGES.missing];

  const errors: string[] = [];
  const length = [...password].length; // count characters, not UTF-16 code units
  if (length < PASSWORD_MIN_LENGTH) errors.push(PASSWORD_MESSAGES.tooShort);
  if (length > PASSWORD_MAX_LENGTH) errors.push(PASSWORD_MESSAGES.tooLong);

  const compactPassword = compact(password);
  if (usernameForms(context.username).some((form) => compactPassword.includes(form))) {
    errors.push(PASSWORD_MESSAGES.containsUsername);
  }
  if (nameForms(context.displayName ?? '').some((form) => compactPassword.includes(form))) {
    errors.push(PASSWORD_MESSAGES.containsName);
  }

  if (isPatterned(password)) errors.push(PASSWORD_MESSAGES.patterned);
  else if (isCommon(password)) errors.push(PASSWORD_MESSAGES.tooCommon);

  return errors;
}

/** Lower case, letters and digits only, so "Sam.Smith" and "sam smith" compare equal. */
function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function longEnough(form: string): boolean {
  return [...form].length >= MIN_PERSONAL_TEXT_LENGTH;
}

/** The username, and for an email address also the part before the @. */
function usernameForms(username: string): string[] {
  const forms = [compact(username)];
  const at = username.indexOf('@');
  if (at > 0) forms.push(compact(username.slice(0, at)));
  return forms.filter(longEnough);
}

/** Each part of the person's name, and the whole name run together. */
function nameForms(displayName: string): string[] {
  const parts = displayName.split(/[^\p{L}\p{N}]+/u).map(compact);
  return [compact(displayName), ...parts].filter(longEnough);
}

/** One character repeated, a short pattern repeated (abababab), or a run along the alphabet, digits or keyboard. */
function isPatterned(password: string): boolean {
  const lowered = password.toLowerCase();
  if (/^(.{1,4})\1+$/su.test(lowered)) return true;
  return SEQUENCES.some((sequence) => {
    const reversed = [...sequence].reverse().join('');
    const repeats = Math.ceil(lowered.length / sequence.length) + 1;
    return sequence.repeat(repeats).includes(lowered) || reversed.repeat(repeats).includes(lowered);
  });
}

function isCommon(password: string): boolean {
  const core = password
    .toLowerCase()
    .replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '')
    .replace(/[\s._-]+/g, '');
  if (core.length === 0) return false;
  return commonCandidates(core).some((candidate) => COMMON_PASSWORDS.has(smallestRepeatingUnit(candidate)));
}

/** The core as typed and with common letter swaps undone (1 can stand for i or l). */
function commonCandidates(core: string): string[] {
  const swaps: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '!': 'i', '0': 'o', '$': 's', '5': 's', '7': 't', '+': 't' };
  const undoSwaps = (one: string): string =>
    [...core].map((char) => (char === '1' ? one : (swaps[char] ?? char))).join('');
  return [core, undoSwaps('i'), undoSwaps('l')];
}

/** "qwertyqwerty" → "qwerty"; text that is not a repetition comes back unchanged. */
function smallestRepeatingUnit(text: string): string {
  const chars = [...text];
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size !== 0) continue;
    const unit = chars.slice(0, size).join('');
    if (unit.repeat(chars.length / size) === text) return unit;
  }
  return text;
}
