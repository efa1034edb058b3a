// Tests for PNC ID parsing and check letters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePncId, pncCheckLetter, PNC_ID_MESSAGES } from './pnc-id.js';

const now = new Date('2025-06-01T12:00:00Z');

test('the worked examples in DOMAIN.md have the right check letters', () => {
  assert.equal(pncCheckLetter(2008, 56560), 'Z');
  assert.equal(pncCheckLetter(1979, 163001), 'B');
  assert.equal(pncCheckLetter(2019, 1234567), 'J');
  for (const id of ['2008/0056560Z', '1979/0163001B', '2019/1234567J']) {
    assert.deepEqual(parsePncId(id, now), { ok: true, value: id });
  }
});

test('the check letter uses only the last two digits of the year', () => {
  assert.equal(pncCheckLetter(1908, 56560), pncCheckLetter(2008, 56560));
  // 08 0056560 = 80056560 = 23 × 3480720: remainder 0 → Z; add one to the serial → A.
  assert.equal(pncCheckLetter(2008, 56561), 'A');
  assert.throws(() => pncCheckLetter(2008, 10_000_000), RangeError);
  assert.throws(() => pncCheckLetter(2008, -1), RangeError);
});

test('short forms are expanded: serial padded, century from the two digits', () => {
  assert.deepEqual(parsePncId('08/56560Z', now), { ok: true, value: '2008/0056560Z' });
  assert.deepEqual(parsePncId('79/163001B', now), { ok: true, value: '1979/0163001B' });
  assert.deepEqual(parsePncId('2008/56560Z', now), { ok: true, value: '2008/0056560Z' });
});

test('the century boundary follows the current year', () => {
  const letter25 = pncCheckLetter(25, 1);
  const letter26 = pncCheckLetter(26, 1);
  assert.deepEqual(parsePncId(`25/1${letter25}`, now), { ok: true, value: `2025/0000001${letter25}` });
  assert.deepEqual(parsePncId(`26/1${letter26}`, now), { ok: true, value: `1926/0000001${letter26}` });
  assert.deepEqual(parsePncId(`26/1${letter26}`, new Date('2026-01-01T00:00:00Z')), {
    ok: true,
    value: `2026/0000001${letter26}`,
  });
});

test('lower case and stray spaces are tidied', () => {
  assert.deepEqual(parsePncId('  2008/0056560z ', now), { ok: true, value: '2008/0056560Z' });
  assert.deepEqual(parsePncId('08 / 56560 z', now), { ok: true, value: '2008/0056560Z' });
});

test('a wrong check letter is reported as such', () => {
  assert.deepEqual(parsePncId('2008/0056560A', now), { ok: false, error: PNC_ID_MESSAGES.wrongCheckLetter });
  assert.deepEqual(parsePncId('2008/0056561Z', now), { ok: false, error: PNC_ID_MESSAGES.wrongCheckLetter });
  assert.deepEqual(parsePncId('1908/0056560Z', now).ok, true); // same letter, different century: still well formed
});

test('the wrong shape is reported as such', () => {
  for (const input of ['2008-0056560Z', '2008/00565601Z', '2008/0056560', '200/0056560Z', '2008/Z', '2008/0056560ZZ', 'PNC']) {
    assert.deepEqual(parsePncId(input, now), { ok: false, error: PNC_ID_MESSAGES.wrongShape }, input);
  }
  assert.deepEqual(parsePncId('   ', now), { ok: false, error: PNC_ID_MESSAGES.missing });
});

test('a year in the future or before 1900 is refused', () => {
  const letter = pncCheckLetter(2030, 1);
  assert.deepEqual(parsePncId(`2030/0000001${letter}`, now), { ok: false, error: PNC_ID_MESSAGES.futureYear });
  assert.deepEqual(parsePncId(`1830/0000001${letter}`, now), { ok: false, error: PNC_ID_MESSAGES.tooEarly });
});

test('messages are plain English naming the PNC ID', () => {
  for (const message of Object.values(PNC_ID_MESSAGES)) assert.match(message, /^(Enter the )?PNC ID/);
});
