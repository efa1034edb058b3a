import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assignGroups, isComparisonGroup, type ReferralPath } from './outcome-groups.js';

const path = (personId: string, referredOn: string, facts: Partial<ReferralPath> = {}): ReferralPath =>
  ({ personId, referredOn, screened: true, planAgreed: false, closedDisengaged: false, ...facts });

describe('comparison groups', () => {
  test('only the fixed list is a comparison group', () => {
    assert.equal(isComparisonGroup('screened_not_supported'), true);
    assert.equal(isComparisonGroup('supported_disengaged'), true);
    assert.equal(isComparisonGroup('everyone'), false);
    assert.equal(isComparisonGroup(''), false);
  });

  test('screened, not supported: supported takes precedence and each person is placed once, at the earliest date', () => {
    const paths = [
      path('ann', '2024-05-01', { planAgreed: true }),
      path('ann', '2024-02-01', { planAgreed: true }),
      path('ann', '2023-12-01'), // screened earlier but supported later: supported only
      path('bob', '2024-03-10'),
      path('bob', '2024-01-10'),
      path('cat', '2024-04-04', { screened: false }), // never screened, never supported: neither group
      path('dan', '2024-06-06', { planAgreed: true, closedDisengaged: true }),
    ];
    const groups = assignGroups(paths, 'screened_not_supported');
    assert.deepEqual(groups.supported, [{ personId: 'ann', indexDate: '2024-02-01' }, { personId: 'dan', indexDate: '2024-06-06' }]);
    assert.deepEqual(groups.comparison, [{ personId: 'bob', indexDate: '2024-01-10' }]);
  });

  test('supported but disengaged: the disengaged leave the supported group', () => {
    const paths = [
      path('ann', '2024-02-01', { planAgreed: true }),
      path('dan', '2024-01-06', { planAgreed: true }),
      path('dan', '2024-06-06', { planAgreed: true, closedDisengaged: true }),
      path('eve', '2024-07-07', { closedDisengaged: true }),
      path('bob', '2024-01-10'),
    ];
    const groups = assignGroups(paths, 'supported_disengaged');
    assert.deepEqual(groups.supported, [{ personId: 'ann', indexDate: '2024-02-01' }]);
    assert.deepEqual(groups.comparison, [{ personId: 'dan', indexDate: '2024-06-06' }, { personId: 'eve', indexDate: '2024-07-07' }]);
  });
});
