import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REFERRAL_STATES, canMove, isAwaitingScreen, stateAfterScreen } from './referral-state.js';

test('a new referral is picked up for screening, or closed with no further action', () => {
  assert.ok(canMove('new', 'being_screened'));
  assert.ok(canMove('new', 'no_further_action'));
  assert.equal(canMove('new', 'assessment_needed'), false, 'not without a screen');
});

test('a screen in progress can be put back on the list', () => assert.ok(canMove('being_screened', 'new')));

test('finished states are final', () => {
  for (const from of ['screened', 'assessment_needed', 'no_further_action'] as const) for (const to of REFERRAL_STATES) assert.equal(canMove(from, to), false, `${from} → ${to}`);
});

test('the clock runs only while waiting for a screen', () => {
  assert.deepEqual(REFERRAL_STATES.filter(isAwaitingScreen), ['new', 'being_screened']);
});

test('a screen outcome decides the state', () => {
  assert.equal(stateAfterScreen('full_assessment'), 'assessment_needed');
  assert.equal(stateAfterScreen('advice_signpost'), 'screened');
  assert.equal(stateAfterScreen('no_further_action'), 'no_further_action');
});
