import { test } from 'node:test';
import assert from 'node:assert/strict';
import { screenProblems, type ScreenDraft } from './screening-form.js';

const draft = (over: Partial<ScreenDraft> = {}): ScreenDraft => ({
  formVersion: 1,
  findings: { mental_health: { finding: 'identified', notes: 'Hearing voices' } },
  consent: { assessment: { decision: 'given', decidedBy: '', notes: '' } },
  childPathway: null,
  outcome: 'full_assessment',
  ...over,
});

test('a complete adult screen with consent has no problems', () => {
  assert.deepEqual(screenProblems(draft(), { isChild: false, completing: true }), {});
});

test('a draft may be saved without an outcome or consent', () => {
  assert.deepEqual(screenProblems(draft({ outcome: null, consent: {} }), { isChild: false, completing: false }), {});
});

test('completing needs an outcome and a consent decision for assessment', () => {
  const problems = screenProblems(draft({ outcome: null, consent: {} }), { isChild: false, completing: true });
  assert.deepEqual(Object.keys(problems).sort(), ['consent-assessment', 'outcome']);
});

test('a refusal rules out a full assessment', () => {
  const problems = screenProblems(draft({ consent: { assessment: { decision: 'refused', decidedBy: '', notes: '' } } }), { isChild: false, completing: true });
  assert.match(problems.outcome!, /refused assessment/);
});

test('lacking capacity must say who decided', () => {
  const problems = screenProblems(draft({ consent: { justice_sharing: { decision: 'lacks_capacity', decidedBy: ' ', notes: '' }, assessment: { decision: 'lacks_capacity', decidedBy: 'Dr A Patel, FME', notes: '' } } }), { isChild: false, completing: true });
  assert.deepEqual(Object.keys(problems), ['decidedBy-justice_sharing']);
});

test("a child's screen asks about communication and exploitation, and the children's pathway questions", () => {
  const problems = screenProblems(draft(), { isChild: true, completing: true });
  assert.deepEqual(Object.keys(problems).sort(), ['child-appropriateAdult', 'child-parentCarerContacted', 'child-youthJusticeInformed', 'finding-gangs_exploitation', 'finding-speech_language_communication']);
  const answered = draft({
    findings: { speech_language_communication: { finding: 'suspected', notes: '' }, gangs_exploitation: { finding: 'none', notes: '' } },
    childPathway: { appropriateAdult: 'yes', parentCarerContacted: 'yes', youthJusticeInformed: 'no' },
  });
  assert.deepEqual(screenProblems(answered, { isChild: true, completing: true }), {});
});

test('an unknown finding or form version is refused', () => {
  assert.ok(screenProblems(draft({ findings: { mental_health: { finding: 'maybe' as never, notes: '' } } }), { isChild: false, completing: false })['finding-mental_health']);
  assert.ok(screenProblems(draft({ formVersion: 99 }), { isChild: false, completing: false }).form);
});
