import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeNext } from './safe-redirect.js';

test('only paths on this site are followed after a form', () => {
  assert.equal(safeNext('/admin/users?x=1'), '/admin/users?x=1');
  assert.equal(safeNext('https://evil.example/'), '/');
  assert.equal(safeNext('//evil.example/'), '/');
  assert.equal(safeNext('/\\evil.example'), '/');
  assert.equal(safeNext(undefined), '/');
  assert.equal(safeNext(['/a']), '/');
});
