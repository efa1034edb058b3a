import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ASSESSMENT_DOMAINS, assessmentProblems, concernsWithoutAction, needsFromScreen, type AssessmentDraft, type NeedAnswer } from './assessment-form.js';
import { VULNERABILITY_DOMAIN_LABELS, type VulnerabilityDomain } from './vulnerability-domains.js';

const labels = VULNERABILITY_DOMAIN_LABELS;
const FAMILY = ['11111111-1111-4111-8111-111111111111'];

function whole(overrides: Partial<AssessmentDraft> = {}): AssessmentDraft {
  const needs: Partial<Record<VulnerabilityDomain, NeedAnswer>> = {};
  for (const d of ASSESSMENT_DOMAINS) needs[d] = { need: 'none', evidence: '', wants: '' };
  return { needs, strengths: 'Close to his sister', riskToSelf: '', riskToOthers: '', riskLevel: 'low', safeguarding: [], family: [], ...overrides };
}

const check = (draft: AssessmentDraft, completing: boolean) => assessmentProblems(draft, { completing, familyIds: FAMILY, labels });

describe('assessment form', () => {
  test('the screen pre-fills each domain: none stays none, a need starts ungraded with its notes, not asked stays empty', () => {
    const needs = needsFromScreen({
      mental_health: { finding: 'identified', notes: 'Low mood' },
      housing: { finding: 'suspected', notes: '' },
      autism: { finding: 'none', notes: 'No signs' },
      adhd: { finding: 'not_asked', notes: '' },
      made_up: { finding: 'identified', notes: 'ignored' },
    });
    assert.deepEqual(needs.mental_health, { need: null, evidence: 'At screening: Low mood', wants: '' });
    assert.deepEqual(needs.housing, { need: null, evidence: '', wants: '' });
    assert.deepEqual(needs.autism, { need: 'none', evidence: 'No signs', wants: '' });
    assert.equal(needs.adhd, undefined);
    assert.equal(Object.keys(needs).length, 3);
  });

  test('a whole assessment completes with no problems', () => {
    assert.deepEqual(check(whole(), true), {});
  });

  test('a draft may leave gaps; completing names every gap', () => {
    const draft: AssessmentDraft = { needs: { mental_health: { need: 'high', evidence: '', wants: '' } }, strengths: '', riskToSelf: '', riskToOthers: '', riskLevel: null, safeguarding: [], family: [] };
    assert.deepEqual(check(draft, false), {});
    const problems = check(draft, true);
    assert.equal(problems['evidence-mental_health'], 'Enter the evidence for a high need in mental health');
    assert.equal(problems['need-housing'], 'Select the level of need for housing');
    assert.equal(problems.riskLevel, 'Select the risk level: low, medium or high');
    assert.equal(Object.keys(problems).filter((k) => k.startsWith('need-')).length, ASSESSMENT_DOMAINS.length - 1);
  });

  test('evidence is needed for a medium or high need, not for low or none', () => {
    const base = whole();
    base.needs.housing = { need: 'medium', evidence: ' ', wants: '' };
    base.needs.autism = { need: 'low', evidence: '', wants: '' };
    assert.deepEqual(Object.keys(check(base, true)), ['evidence-housing']);
  });

  test('a medium or high risk level needs the risk described', () => {
    assert.match(check(whole({ riskLevel: 'high' }), true).riskToSelf ?? '', /risk level high/);
    assert.deepEqual(check(whole({ riskLevel: 'high', riskToOthers: 'Threats to a neighbour' }), true), {});
  });

  test('a safeguarding concern needs its kind always, and details and an action taken to complete', () => {
    const noKind = whole({ safeguarding: [{ concern: null, details: 'Younger brother at home', actionTaken: '' }] });
    assert.ok(check(noKind, false)['safeguarding-0-concern']);
    const noAction = whole({ safeguarding: [{ concern: 'child_at_risk', details: 'Younger brother at home', actionTaken: '' }] });
    assert.deepEqual(check(noAction, false), {});
    assert.match(check(noAction, true)['safeguarding-0-actionTaken'] ?? '', /action taken on safeguarding concern 1/);
    assert.equal(concernsWithoutAction(noAction.safeguarding), 1);
    const done = whole({ safeguarding: [{ concern: 'child_at_risk', details: 'Younger brother at home', actionTaken: "Referred to children's social care" }] });
    assert.deepEqual(check(done, true), {});
  });

  test('family entries must be linked people, each once; text limits hold', () => {
    const stranger = whole({ family: [{ personId: '22222222-2222-4222-8222-222222222222', offerSupport: 'yes', notes: '' }] });
    assert.ok(check(stranger, false).family);
    const twice = whole({ family: [{ personId: FAMILY[0]!, offerSupport: 'yes', notes: '' }, { personId: FAMILY[0]!, offerSupport: 'no', notes: '' }] });
    assert.ok(check(twice, false).family);
    assert.ok(check(whole({ strengths: 'x'.repeat(4001) }), false).strengths);
    const longNotes = whole({ family: [{ personId: FAMILY[0]!, offerSupport: null, notes: 'x'.repeat(1001) }] });
    assert.ok(check(longNotes, false)[`family-${FAMILY[0]}-notes`]);
  });

  test('an area the form does not ask about is refused', () => {
    const draft = whole();
    (draft.needs as Record<string, NeedAnswer>).astrology = { need: 'low', evidence: '', wants: '' };
    assert.ok(check(draft, false)['need-astrology']);
  });
});
