import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishCount, publishFrequency, publishProportion } from './outcome-publication.js';
import { wilsonInterval } from './statistics/proportions.js';

describe('publishing outcome figures', () => {
  test('the team sees every figure', () => {
    const p = publishProportion(wilsonInterval(3, 10), false);
    assert.equal(p.successes.value, 3);
    assert.equal(p.proportion, 0.3);
    assert.ok(p.lower! > 0 && p.upper! < 1);
    assert.equal(publishCount(2, false).value, 2);
    assert.deepEqual(publishFrequency(3, 10, false), { value: 0.3, suppressed: false });
  });

  test('a commissioner sees no count from 1 to 4, and no rate or interval built on one', () => {
    const small = publishProportion(wilsonInterval(3, 40), true);
    assert.equal(small.successes.value, null);
    assert.equal(small.successes.suppressed, true);
    assert.equal(small.n.value, 40);
    assert.deepEqual([small.proportion, small.lower, small.upper, small.suppressed], [null, null, null, true]);
    const complement = publishProportion(wilsonInterval(38, 40), true);
    assert.equal(complement.successes.value, 38, 'the count itself is not small');
    assert.equal(complement.suppressed, true, 'but 2 not engaged could be worked out from the rate');
    const shown = publishProportion(wilsonInterval(10, 40), true);
    assert.equal(shown.proportion, 0.25);
    assert.equal(shown.suppressed, false);
    assert.equal(publishProportion(wilsonInterval(0, 40), true).proportion, 0, 'zero is not hidden');
    assert.deepEqual(publishFrequency(4, 40, true), { value: null, suppressed: true });
    assert.deepEqual(publishFrequency(12, 40, true), { value: 0.3, suppressed: false });
  });
});
