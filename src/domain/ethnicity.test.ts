// Tests for NHS ethnic category codes and their groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEthnicCategory, ETHNIC_CATEGORIES, ETHNIC_GROUPS, ethnicGroupOf, isEthnicCategory } from './ethnicity.js';

test('the 16 census categories, Not stated and Not known, in Data Dictionary order', () => {
  assert.deepEqual(
    ETHNIC_CATEGORIES.map((c) => c.code),
    ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'S', 'Z', '99'],
  );
  assert.equal(new Set(ETHNIC_CATEGORIES.map((c) => c.label)).size, ETHNIC_CATEGORIES.length);
});

test('every category is in a known group, every group has a category, in the order of the groups', () => {
  const groupsInOrder = [...new Set(ETHNIC_CATEGORIES.map((c) => c.group))];
  assert.deepEqual(groupsInOrder, [...ETHNIC_GROUPS]);
});

test('codes map to their groups', () => {
  assert.equal(ethnicGroupOf('A'), 'White');
  assert.equal(ethnicGroupOf('C'), 'White');
  assert.equal(ethnicGroupOf('D'), 'Mixed');
  assert.equal(ethnicGroupOf('G'), 'Mixed');
  assert.equal(ethnicGroupOf('H'), 'Asian or Asian British');
  assert.equal(ethnicGroupOf('L'), 'Asian or Asian British');
  assert.equal(ethnicGroupOf('M'), 'Black or Black British');
  assert.equal(ethnicGroupOf('N'), 'Black or Black British');
  assert.equal(ethnicGroupOf('P'), 'Black or Black British');
  assert.equal(ethnicGroupOf('R'), 'Other ethnic groups');
  assert.equal(ethnicGroupOf('S'), 'Other ethnic groups');
  assert.equal(ethnicGroupOf('Z'), 'Not stated or not known');
  assert.equal(ethnicGroupOf('99'), 'Not stated or not known');
  assert.equal(ethnicGroupOf('Q'), null);
});

test('only the listed codes are ethnic categories', () => {
  for (const c of ETHNIC_CATEGORIES) assert.ok(isEthnicCategory(c.code));
  for (const other of ['I', 'O', 'Q', 'T', 'X', '9', 'a', 'A1', '', ' A', null, undefined, 1]) {
    assert.equal(isEthnicCategory(other), false, String(other));
  }
});

test('descriptions name the group, except for not stated and not known', () => {
  assert.equal(describeEthnicCategory('A'), 'White: British');
  assert.equal(describeEthnicCategory('N'), 'Black or Black British: African');
  assert.equal(describeEthnicCategory('R'), 'Other ethnic groups: Chinese');
  assert.equal(describeEthnicCategory('Z'), 'Not stated');
  assert.equal(describeEthnicCategory('99'), 'Not known');
  assert.equal(describeEthnicCategory('X'), null);
});
