import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { engagedAtExit, followUpStanding, summariseEngagement, type ClosedCaseEngagement } from './outcome-engagement.js';

const TODAY = '2026-06-30';
const closed = (exit: ClosedCaseEngagement['exitStatuses'], dueOn: string | null, answers: Record<string, 'yes' | 'no' | 'not_known'> | null): ClosedCaseEngagement =>
  ({ exitStatuses: exit, followUpDueOn: dueOn, followUp: answers === null ? null : { stillEngaged: answers } });

describe('engagement at exit and at follow-up', () => {
  test('engaged at exit needs one referral engaged; still waiting is not engagement', () => {
    assert.equal(engagedAtExit(['declined', 'engaged']), true);
    assert.equal(engagedAtExit(['waiting', 'not_known', null]), false);
    assert.equal(engagedAtExit([]), false);
  });

  test('follow-up standing: recorded answers, then due date with today as the edge', () => {
    assert.equal(followUpStanding(closed([], '2026-05-01', { a: 'no', b: 'yes' }), TODAY), 'engaged');
    assert.equal(followUpStanding(closed([], '2026-05-01', { a: 'not_known' }), TODAY), 'not_engaged');
    assert.equal(followUpStanding(closed([], '2026-05-01', {}), TODAY), 'not_engaged');
    assert.equal(followUpStanding(closed([], TODAY, null), TODAY), 'not_recorded', 'due today and not recorded');
    assert.equal(followUpStanding(closed([], '2026-07-01', null), TODAY), 'not_yet_due');
    assert.equal(followUpStanding(closed([], null, null), TODAY), 'not_yet_due');
  });

  test('summary: denominators, exclusions, and the Wilson interval of 81 of 263 (Newcombe 1998, table I, method 3: 0.2553 to 0.3662)', () => {
    const cases: ClosedCaseEngagement[] = [];
    for (let i = 0; i < 17; i++) cases.push(closed(['engaged'], '2026-01-01', { r: i < 12 ? 'yes' : 'no' }));
    for (let i = 0; i < 3; i++) cases.push(closed(['disengaged'], '2026-01-01', { r: 'no' }));
    cases.push(closed(['engaged'], '2026-09-01', null)); // not yet due
    cases.push(closed(['waiting'], '2026-03-01', null)); // due, not recorded
    const s = summariseEngagement(cases, TODAY);
    assert.equal(s.closed, 22);
    assert.equal(s.atExit.successes, 18);
    assert.equal(s.atExit.n, 22);
    assert.equal(s.atFollowUp.successes, 12);
    assert.equal(s.atFollowUp.n, 20);
    assert.equal(s.notYetDue, 1);
    assert.equal(s.notRecorded, 1);
    const many = Array.from({ length: 263 }, (_, i) => closed([i < 81 ? 'engaged' : 'disengaged'], '2026-01-01', { r: 'no' }));
    const newcombe = summariseEngagement(many, TODAY).atExit;
    assert.ok(Math.abs(newcombe.lower! - 0.2553) < 5e-5, String(newcombe.lower));
    assert.ok(Math.abs(newcombe.upper! - 0.3662) < 5e-5, String(newcombe.upper));
  });

  test('no closed cases gives no proportion, not zero', () => {
    const s = summariseEngagement([], TODAY);
    assert.equal(s.atExit.proportion, null);
    assert.equal(s.atFollowUp.proportion, null);
  });
});
