// Tests for NHS number validation, formatting, messages and synthetic numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatNhsNumber,
  isValidNhsNumber,
  NHS_NUMBER_MESSAGES,
  nhsCheckDigit,
  nhsNumberError,
  normaliseNhsNumber,
  SYNTHETIC_NHS_NUMBER_COUNT,
  syntheticNhsNumber,
} from './nhs-number.js';

test('the worked examples in DOMAIN.md', () => {
  assert.equal(isValidNhsNumber('943 476 5919'), true);
  assert.equal(isValidNhsNumber('999 000 0018'), true);
  assert.equal(isValidNhsNumber('943 476 5918'), false);
  assert.equal(isValidNhsNumber('999 123 4567'), false);
});

test('normalising strips spaces and hyphens and wants exactly 10 digits', () => {
  assert.equal(normaliseNhsNumber('943 476 5919'), '9434765919');
  assert.equal(normaliseNhsNumber(' 943-476-5919 '), '9434765919');
  assert.equal(normaliseNhsNumber('9434765919'), '9434765919');
  assert.equal(normaliseNhsNumber('943 476 591'), null);
  assert.equal(normaliseNhsNumber('943 476 59190'), null);
  assert.equal(normaliseNhsNumber('943 476 591A'), null);
  assert.equal(normaliseNhsNumber(''), null);
});

test('check digit: 11 becomes 0 and 10 means invalid', () => {
  assert.equal(nhsCheckDigit('943476591'), 9);
  assert.equal(nhsCheckDigit('000000000'), 0); // sum 0 → 11 → 0
  assert.equal(isValidNhsNumber('0000000000'), true);
  assert.equal(nhsCheckDigit('999000000'), null); // sum 243, 243 mod 11 = 1 → 10
  for (let last = 0; last <= 9; last++) assert.equal(isValidNhsNumber(`999000000${last}`), false);
});

test('a wrong digit or two swapped digits fail the check', () => {
  assert.equal(isValidNhsNumber('9434765919'), true);
  assert.equal(isValidNhsNumber('9434765929'), false);
  assert.equal(isValidNhsNumber('9434756919'), false);
});

test('formatting gives 3-3-4 groups and leaves other input alone', () => {
  assert.equal(formatNhsNumber('9990000018'), '999 000 0018');
  assert.equal(formatNhsNumber('999-000-0018'), '999 000 0018');
  assert.equal(formatNhsNumber('12345'), '12345');
});

test('error messages are plain English, and null for a valid number', () => {
  assert.equal(nhsNumberError('943 476 5919'), null);
  assert.equal(nhsNumberError('  '), NHS_NUMBER_MESSAGES.missing);
  assert.equal(nhsNumberError('943 476 591O'), NHS_NUMBER_MESSAGES.wrongCharacters);
  assert.equal(nhsNumberError('943 476 591'), NHS_NUMBER_MESSAGES.wrongLength);
  assert.equal(nhsNumberError('943 476 5918'), NHS_NUMBER_MESSAGES.failsCheck);
  for (const message of Object.values(NHS_NUMBER_MESSAGES)) assert.match(message, /^(Enter the )?NHS number/);
});

test('synthetic numbers: 1000 of them are valid, distinct and in the 999 range', () => {
  const seen = new Set<string>();
  for (let serial = 0; serial < 1000; serial++) {
    const nhsNumber = syntheticNhsNumber(serial);
    assert.match(nhsNumber, /^999[0-9]{7}$/);
    assert.equal(isValidNhsNumber(nhsNumber), true, nhsNumber);
    seen.add(nhsNumber);
  }
  assert.equal(seen.size, 1000);
});

test('synthetic numbers are deterministic and cover the whole range', () => {
  assert.equal(syntheticNhsNumber(0), '9990000018');
  assert.equal(syntheticNhsNumber(12345), syntheticNhsNumber(12345));
  const last = syntheticNhsNumber(SYNTHETIC_NHS_NUMBER_COUNT - 1);
  assert.match(last, /^99999999[0-9]{2}$/);
  assert.equal(isValidNhsNumber(last), true);
  assert.throws(() => syntheticNhsNumber(-1), RangeError);
  assert.throws(() => syntheticNhsNumber(SYNTHETIC_NHS_NUMBER_COUNT), RangeError);
  assert.throws(() => syntheticNhsNumber(1.5), RangeError);
});
