// Tests for RFC 6238 one-time passwords and RFC 4648 base32.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  base32Decode,
  base32Encode,
  hotp,
  newTotpSecret,
  otpauthUri,
  totpStep,
  verifyTotp,
} from './totp.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const RFC_SECRET = base32Encode(ascii('12345678901234567890'));
const atSeconds = (seconds: number): Date => new Date(seconds * 1000);

test('base32 matches the RFC 4648 test vectors (without padding)', () => {
  const vectors: Array<[string, string]> = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];
  for (const [plain, encoded] of vectors) {
    assert.equal(base32Encode(ascii(plain)), encoded, `encode ${plain}`);
    assert.deepEqual(base32Decode(encoded), ascii(plain), `decode ${encoded}`);
  }
});

test('base32 round-trips arbitrary bytes of every length', () => {
  for (let length = 0; length <= 40; length++) {
    const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length * 11) & 0xff);
    assert.deepEqual(base32Decode(base32Encode(bytes)), bytes);
  }
});

test('base32 decoding ignores spaces, letter case and padding', () => {
  assert.deepEqual(base32Decode('mzxw 6ytb oi'), ascii('foobar'));
  assert.deepEqual(base32Decode('MZXW6YTBOI======'), ascii('foobar'));
});

test('base32 decoding rejects characters outside the alphabet', () => {
  assert.throws(() => base32Decode('MZXW1'), Error); // 1 is not base32
  assert.throws(() => base32Decode('MZ-XW'), Error);
  assert.throws(() => base32Decode('MZ=XW'), Error); // padding only at the end
});

test('a new secret is 20 random bytes in base32', () => {
  const first = newTotpSecret();
  const second = newTotpSecret();
  assert.match(first, /^[A-Z2-7]{32}$/);
  assert.equal(base32Decode(first).length, 20);
  assert.notEqual(first, second);
});

test('hotp matches the RFC 4226 appendix D values', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => assert.equal(hotp(RFC_SECRET, counter), code));
});

test('hotp refuses a negative or fractional counter', () => {
  assert.throws(() => hotp(RFC_SECRET, -1), RangeError);
  assert.throws(() => hotp(RFC_SECRET, 1.5), RangeError);
});

test('TOTP matches the RFC 6238 SHA-1 test vectors (last 6 digits)', () => {
  const vectors: Array<[number, string]> = [
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ];
  for (const [seconds, code] of vectors) {
    const at = atSeconds(seconds);
    assert.equal(hotp(RFC_SECRET, totpStep(at)), code, `at ${seconds}`);
    assert.deepEqual(verifyTotp(RFC_SECRET, code, at, null), { ok: true, step: totpStep(at) });
  }
});

test('totpStep is whole 30-second periods since the epoch', () => {
  assert.equal(totpStep(atSeconds(0)), 0);
  assert.equal(totpStep(atSeconds(29.999)), 0);
  assert.equal(totpStep(atSeconds(30)), 1);
  assert.equal(totpStep(atSeconds(1111111109)), 37037036);
});

test('codes from one step either side are accepted, two steps away are wrong', () => {
  const now = atSeconds(1234567890);
  const step = totpStep(now);
  assert.deepEqual(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step - 1), now, null), { ok: true, step: step - 1 });
  assert.deepEqual(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step + 1), now, null), { ok: true, step: step + 1 });
  assert.deepEqual(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step - 2), now, null), { ok: false, reason: 'wrong' });
  assert.deepEqual(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step + 2), now, null), { ok: false, reason: 'wrong' });
});

test('a code with spaces is accepted; anything but 6 digits is malformed', () => {
  const now = atSeconds(1234567890);
  assert.equal(verifyTotp(RFC_SECRET, '005 924', now, null).ok, true);
  assert.equal(verifyTotp(RFC_SECRET, ' 00 59 24 ', now, null).ok, true);
  for (const code of ['', '05924', '0059245', '00592a', '005-924', '٠٠٥٩٢٤']) {
    assert.deepEqual(verifyTotp(RFC_SECRET, code, now, null), { ok: false, reason: 'malformed' }, code);
  }
});

test('a code for a step already used, or an earlier one, is refused as reused', () => {
  const now = atSeconds(1234567890);
  const step = totpStep(now);
  const first = verifyTotp(RFC_SECRET, '005924', now, null);
  assert.deepEqual(first, { ok: true, step });
  assert.deepEqual(verifyTotp(RFC_SECRET, '005924', now, step), { ok: false, reason: 'reused' });
  assert.deepEqual(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step - 1), now, step), { ok: false, reason: 'reused' });
  // The next step's code is still fine after using this one.
  assert.deepEqual(verifyTotp(RFC_SECRET, hotp(RFC_SECRET, step + 1), now, step), { ok: true, step: step + 1 });
});

test('otpauth URI carries the label, secret and parameters, URL-encoded', () => {
  assert.equal(
    otpauthUri('JBSW Y3DP', 'sam.jones@nhs.net', 'Divert (Test)'),
    'otpauth://totp/Divert%20(Test):sam.jones%40nhs.net?secret=JBSWY3DP&issuer=Divert%20(Test)&algorithm=SHA1&digits=6&period=30',
  );
});
