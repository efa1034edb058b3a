// Time-based one-time passwords (RFC 6238: HMAC-SHA-1, 6 digits, 30-second step) for two-step sign-in.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const TOTP_DIGITS = 6;
export const TOTP_STEP_SECONDS = 30;
export const TOTP_SECRET_BYTES = 20;
/** How many steps either side of the current one are accepted, to allow for clock drift. */
export const TOTP_WINDOW_STEPS = 1;

export type TotpVerification =
  | { ok: true; step: number }
  | { ok: false; reason: 'malformed' | 'wrong' | 'reused' };

/** RFC 4648 base32, upper case, without padding. */
export function base32Encode(buf: Uint8Array): string {
  let out = '';
  let value = 0;
  let bits = 0;
  for (const byte of buf) {
    value = ((value << 8) | byte) & 0xfff; // never more than 12 pending bits
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET.charAt((value << (5 - bits)) & 31);
  return out;
}

/** RFC 4648 base32; ignores white space and trailing padding, any letter case. Throws on other characters. */
export function base32Decode(text: string): Uint8Array {
  const cleaned = text.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  const bytes: number[] = [];
  let value = 0;
  let bits = 0;
  for (const char of cleaned) {
    const index = BASE32_ALPHABET.indexOf(char);
    // The message deliberately does not echo the input: it may be a secret.
    if (index === -1) throw new Error('Text is not valid base32: it contains a character outside A-Z and 2-7');
    value = ((value << 5) | index) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(bytes);
}

/** A new shared secret: 20 random bytes (160 bits, as RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}

/** RFC 4226 HOTP value for a base32 secret and counter, as 6 zero-padded digits. */
export function hotp(secret: string, counter: number): string {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new RangeError('HOTP counter must be a non-negative whole number');
  }
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', base32Decode(secret)).update(message).digest();
  const offset = digest.readUInt8(digest.length - 1) & 0x0f;
  const truncated = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(truncated % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

/** The 30-second time step that contains a moment. */
export function totpStep(at: Date): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('totpStep needs a valid date');
  return Math.floor(ms / 1000 / TOTP_STEP_SECONDS);
}

/**
 * Checks a code typed by the user against the current step and one step either side.
 * A code for a step at or before lastUsedStep is refused as 'reused', so a code
 * cannot be replayed; on success, store the returned step as the new lastUsedStep.
 */
export function verifyTotp(
  secret: string,
  code: string,
  at: Date,
  lastUsedStep: number | null,
): TotpVerification {
  const digits = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(digits)) return { ok: false, reason: 'malformed' };

  const given = Buffer.from(digits, 'utf8');
  const current = totpStep(at);
  let acceptedStep: number | null = null;
  let replayed = false;
  // Every candidate is computed and compared, whatever the outcome, to keep timing uniform.
  for (let step = current - TOTP_WINDOW_STEPS; step <= current + TOTP_WINDOW_STEPS; step++) {
    if (step < 0) continue;
    const expected = Buffer.from(hotp(secret, step), 'utf8');
    if (!timingSafeEqual(expected, given)) continue;
    if (lastUsedStep === null || step > lastUsedStep) acceptedStep = step;
    else replayed = true;
  }

  if (acceptedStep !== null) return { ok: true, step: acceptedStep };
  return { ok: false, reason: replayed ? 'reused' : 'wrong' };
}

/** The otpauth:// URI that authenticator apps read from a QR code (Google Authenticator key URI format). */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const normalisedSecret = secret.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = [
    `secret=${encodeURIComponent(normalisedSecret)}`,
    `issuer=${encodeURIComponent(issuer)}`,
    'algorithm=SHA1',
    `digits=${TOTP_DIGITS}`,
    `period=${TOTP_STEP_SECONDS}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
