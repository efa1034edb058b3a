import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeLink, isRelationship } from './relationships.js';

test('a link reads the right way round from each side', () => {
  const link = { personId: 'kai', relationship: 'parent' as const };
  assert.equal(describeLink(link, 'kai'), 'Parent', "on Kai's page, the other person is his parent");
  assert.equal(describeLink(link, 'mum'), 'Child', "on his mother's page, Kai is her child");
  assert.equal(describeLink({ personId: 'a', relationship: 'sibling' }, 'b'), 'Sibling');
});

test('only known relationships are accepted', () => {
  assert.ok(isRelationship('carer'));
  assert.equal(isRelationship('friend'), false);
});
