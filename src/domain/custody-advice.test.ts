// Tests for advice to custody: what must be answered, and the exact text custody staff are given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { custodyAdviceOf, custodyAdviceProblems, custodyAdviceText, type CustodyAdvice, type CustodyAdviceInput } from './custody-advice.js';

const answered = (over: Partial<CustodyAdviceInput> = {}): CustodyAdviceInput => ({
  fitForInterview: 'fit', fitnessNotes: '', appropriateAdultNeeded: false, riskLevel: 'low', riskManagement: '',
  healthcareReviewNeeded: false, healthcareReviewReason: '', suggestedReferral: '', ...over,
});

test('advice with every point answered has no problems', () => {
  assert.deepEqual(custodyAdviceProblems(answered()), {});
  assert.deepEqual(custodyAdviceProblems(answered({ fitForInterview: 'not_yet_known', riskLevel: 'high', riskManagement: 'Constant observation', healthcareReviewNeeded: true, healthcareReviewReason: 'Missed medication' })), {});
});

test('nothing answered: each point is named, keyed by its field', () => {
  const problems = custodyAdviceProblems({ fitForInterview: '', fitnessNotes: '', appropriateAdultNeeded: null, riskLevel: '', riskManagement: '', healthcareReviewNeeded: null, healthcareReviewReason: '', suggestedReferral: '' });
  assert.deepEqual(problems, {
    fitForInterview: 'Select whether the person is fit for interview',
    appropriateAdultNeeded: 'Select whether an appropriate adult is needed',
    riskLevel: 'Select the risk in custody: low, medium or high',
    healthcareReviewNeeded: 'Select whether a healthcare professional review is needed',
  });
});

test('a choice outside the lists is refused', () => {
  const problems = custodyAdviceProblems(answered({ fitForInterview: 'maybe', riskLevel: 'extreme' }));
  assert.deepEqual(Object.keys(problems).sort(), ['fitForInterview', 'riskLevel']);
});

test('fit with support or not fit needs a note saying what support or why', () => {
  assert.match(custodyAdviceProblems(answered({ fitForInterview: 'fit_with_support' })).fitnessNotes!, /what support the person needs/);
  assert.match(custodyAdviceProblems(answered({ fitForInterview: 'not_fit', fitnessNotes: '  ' })).fitnessNotes!, /why the person is not fit/);
  assert.deepEqual(custodyAdviceProblems(answered({ fitForInterview: 'not_fit', fitnessNotes: 'Acutely psychotic' })), {});
  assert.match(custodyAdviceProblems(answered({ fitnessNotes: 'n'.repeat(1001) })).fitnessNotes!, /1000 characters or fewer/);
});

test('a medium or high risk needs to say how to manage it; a low risk need not', () => {
  assert.match(custodyAdviceProblems(answered({ riskLevel: 'medium' })).riskManagement!, /how to manage a medium risk/);
  assert.match(custodyAdviceProblems(answered({ riskLevel: 'high' })).riskManagement!, /how to manage a high risk/);
  assert.deepEqual(custodyAdviceProblems(answered({ riskLevel: 'low' })), {});
  assert.match(custodyAdviceProblems(answered({ riskManagement: 'm'.repeat(2001) })).riskManagement!, /2000 characters or fewer/);
});

test('a healthcare review needs a reason; the suggested referral is at most 1000 characters', () => {
  assert.deepEqual(custodyAdviceProblems(answered({ healthcareReviewNeeded: true })), { healthcareReviewReason: 'Say why a healthcare professional review is needed' });
  assert.match(custodyAdviceProblems(answered({ healthcareReviewNeeded: true, healthcareReviewReason: 'r'.repeat(1001) })).healthcareReviewReason!, /1000 characters/);
  assert.deepEqual(custodyAdviceProblems(answered({ healthcareReviewNeeded: false, healthcareReviewReason: 'r'.repeat(1001) })), {}, 'a reason left over from an earlier answer is dropped, not checked');
  assert.match(custodyAdviceProblems(answered({ suggestedReferral: 's'.repeat(1001) })).suggestedReferral!, /1000 characters or fewer/);
});

test('the advice kept is trimmed, and a review reason only when a review is needed', () => {
  const advice = custodyAdviceOf(answered({ fitForInterview: 'fit_with_support', fitnessNotes: '  Breaks every hour ', healthcareReviewNeeded: false, healthcareReviewReason: 'Left over', suggestedReferral: ' Recovery hub ' }));
  assert.equal(advice.fitnessNotes, 'Breaks every hour');
  assert.equal(advice.healthcareReviewReason, '');
  assert.equal(advice.suggestedReferral, 'Recovery hub');
  assert.throws(() => custodyAdviceOf(answered({ appropriateAdultNeeded: null })));
});

test('the text shared with custody has one line per point', () => {
  const advice: CustodyAdvice = {
    fitForInterview: 'fit_with_support', fitnessNotes: 'Needs breaks every 30 minutes and questions kept short', appropriateAdultNeeded: true,
    riskLevel: 'high', riskManagement: 'Constant observation; remove cords', healthcareReviewNeeded: true, healthcareReviewReason: 'Has not had her insulin since 6am',
    suggestedReferral: 'Calder Vale Recovery Hub',
  };
  assert.equal(custodyAdviceText(advice), [
    'Fit for interview: Fit for interview with support — Needs breaks every 30 minutes and questions kept short',
    'Appropriate adult needed: Yes',
    'Risk in custody: High. How to manage it: Constant observation; remove cords',
    'Healthcare professional review needed: Yes — Has not had her insulin since 6am',
    'Suggested referral: Calder Vale Recovery Hub',
  ].join('\n'));
});

test('empty optional notes are left out of the text', () => {
  const advice: CustodyAdvice = {
    fitForInterview: 'fit', fitnessNotes: ' ', appropriateAdultNeeded: false, riskLevel: 'low', riskManagement: '',
    healthcareReviewNeeded: false, healthcareReviewReason: '', suggestedReferral: '',
  };
  assert.equal(custodyAdviceText(advice), [
    'Fit for interview: Fit for interview',
    'Appropriate adult needed: No',
    'Risk in custody: Low',
    'Healthcare professional review needed: No',
  ].join('\n'));
});
