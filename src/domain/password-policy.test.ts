// Tests for the password policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES, PASSWORD_MIN_LENGTH } from './password-policy.js';

const user = { username: 'sjones', displayName: 'Samira Jones' };

test('limits are 12 and 128 characters', () => {
  assert.equal(PASSWORD_MIN_LENGTH, 12);
  assert.equal(PASSWORD_MAX_LENGTH, 128);
});

test('a long phrase of unrelated words is accepted, with no complexity rules', () => {
  assert.deepEqual(checkPassword('correct horse battery staple', user), []);
  assert.deepEqual(checkPassword('kettlemarmaladeviolin', user), []);
  assert.deepEqual(checkPassword('tulip granite oboe', user), []);
});

test('an empty password asks for one', () => {
  assert.deepEqual(checkPassword('', user), ['Enter a password']);
});

test('too short and too long are plain-English messages naming the limit', () => {
  assert.deepEqual(checkPassword('violin tulip', user), []); // exactly 12
  assert.deepEqual(checkPassword('violintulip', user), ['Password must be 12 characters or more']);
  assert.deepEqual(checkPassword('granite oboe '.repeat(10), user), ['Password must be 128 characters or fewer']);
  assert.deepEqual(checkPassword('granite oboe '.repeat(9) + 'a', user), []); // 118 characters
});

test('length counts characters, not UTF-16 units', () => {
  // 11 characters (14 UTF-16 units), 3 of them outside the basic plane: still too short.
  assert.deepEqual(checkPassword('🌷🌷🍎 granite', user), [PASSWORD_MESSAGES.tooShort]);
  assert.deepEqual(checkPassword('🌷🌷🍎 granites', user), []);
});

test('the username may not appear in the password, whatever the case or separators', () => {
  assert.deepEqual(checkPassword('kettle SJones violin', { username: 'sjones' }), [PASSWORD_MESSAGES.containsUsername]);
  assert.deepEqual(checkPassword('kettle s-jones violin', { username: 'SJones' }), [PASSWORD_MESSAGES.containsUsername]);
  const emailUser = { username: 'sam.smith@nhs.net' };
  assert.deepEqual(checkPassword('granite samsmith oboe', emailUser), [PASSWORD_MESSAGES.containsUsername]);
  // Very short usernames are not looked for: too many false alarms.
  assert.deepEqual(checkPassword('kettle jo violin', { username: 'jo' }), []);
});

test('the person\'s name may not appear in the password', () => {
  assert.deepEqual(checkPassword('kettle samira violin', user), [PASSWORD_MESSAGES.containsName]);
  assert.deepEqual(checkPassword('JONES marmalade oboe', user), [PASSWORD_MESSAGES.containsName]);
  assert.deepEqual(checkPassword('kettle marmalade oboe', { username: 'x1', displayName: 'Al Li' }), []);
});

test('common passwords are refused even with digits, punctuation and letter swaps', () => {
  for (const password of [
    'Password2024!',
    'password123456',
    'P@ssw0rd12345',
    'Qwertyuiop123',
    'letmein123456',
    'LetMeIn!!!!!!',
    'Welcome2024!!',
    '!!!iloveyou!!!',
    'passwordpassword',
    'qwertyqwertyqwerty',
    'Liverpool1892',
    'September2024',
  ]) {
    assert.deepEqual(checkPassword(password, user), [PASSWORD_MESSAGES.tooCommon], password);
  }
});

test('a common word inside a longer phrase is fine', () => {
  assert.deepEqual(checkPassword('password kettle violin', user), []);
});

test('repeated characters, repeated patterns and simple sequences are refused', () => {
  for (const password of [
    'aaaaaaaaaaaa',
    '            ',
    '111111111111',
    'abababababab',
    '123123123123',
    'abcdefghijklmn',
    'ABCDEFGHIJKL',
    'zyxwvutsrqponm',
    '123456789012',
    '0987654321098',
    'qwertyuiopasdf',
    '1qaz2wsx3edc4rfv',
  ]) {
    assert.deepEqual(checkPassword(password, user), [PASSWORD_MESSAGES.patterned], password);
  }
});

test('several problems are all reported, length first', () => {
  assert.deepEqual(checkPassword('sjones1', user), [
    PASSWORD_MESSAGES.tooShort,
    PASSWORD_MESSAGES.containsUsername,
    PASSWORD_MESSAGES.containsName, // "jones" is also part of the name
  ]);
  assert.deepEqual(checkPassword('password', user), [PASSWORD_MESSAGES.tooShort, PASSWORD_MESSAGES.tooCommon]);
});

test('every message is a sentence that names what to fix', () => {
  for (const message of Object.values(PASSWORD_MESSAGES)) {
    assert.match(message, /^(Password|Enter)/);
    assert.doesNotMatch(message, /symbol|upper ?case|special character/i);
  }
});
