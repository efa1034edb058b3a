// Tests for the basis of a disclosure: consent as recorded, a legal basis with its reason, the status a new
// disclosure takes, and a team manager's decision on one waiting for approval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DISCLOSURE_KINDS, DISCLOSURE_KIND_LABELS, DISCLOSURE_RECIPIENTS, DISCLOSURE_RECIPIENT_LABELS, DISCLOSURE_STATUSES, DISCLOSURE_STATUS_LABELS,
  LEGAL_BASES, LEGAL_BASIS_LABELS, approvalProblems, consentMissing, disclosureBasisProblems, initialDisclosureStatus, type DisclosureBasisInput,
} from './disclosure-basis.js';

const SCREEN = '6f1c2a7e-3b1d-4c55-9a0e-2d4b8c1e9f10';
const given = { decision: 'given', screeningId: SCREEN } as const;
const input = (over: Partial<DisclosureBasisInput>): DisclosureBasisInput => ({ basis: 'consent', consent: given, legalBasis: null, legalBasisReason: '', ...over });

test('consent given on a screen is a basis to share at once', () => {
  assert.deepEqual(disclosureBasisProblems(input({})), {});
});

test('no basis chosen is refused, naming the basis field', () => {
  const problems = disclosureBasisProblems(input({ basis: null }));
  assert.deepEqual(Object.keys(problems), ['basis']);
  assert.match(problems.basis!, /Select the basis for sharing/);
});

test('consent refused, lacking capacity or not asked is refused, saying which and what to do instead', () => {
  const refused = disclosureBasisProblems(input({ consent: { decision: 'refused', screeningId: SCREEN } }));
  assert.deepEqual(Object.keys(refused), ['basis']);
  assert.match(refused.basis!, /refused consent to sharing with justice agencies/);
  assert.match(refused.basis!, /legal basis that a team manager approves/);

  const capacity = disclosureBasisProblems(input({ consent: { decision: 'lacks_capacity', screeningId: SCREEN } }));
  assert.match(capacity.basis!, /lacks capacity to consent/);
  assert.match(capacity.basis!, /Record a legal basis for a team manager to approve/);

  const notAsked = disclosureBasisProblems(input({ consent: { decision: 'not_asked', screeningId: null } }));
  assert.match(notAsked.basis!, /No consent to sharing with justice agencies is recorded/);
  assert.match(notAsked.basis!, /Record the person’s consent on their screening/);
});

test('consent said to be given without the screen it was recorded on is not enough', () => {
  const problems = disclosureBasisProblems(input({ consent: { decision: 'given', screeningId: null } }));
  assert.match(problems.basis!, /No consent to sharing with justice agencies is recorded/);
});

test('each way consent can be missing has its own message', () => {
  const messages = new Set((['refused', 'lacks_capacity', 'not_asked'] as const).map(consentMissing));
  assert.equal(messages.size, 3);
  assert.equal(consentMissing('given'), consentMissing('not_asked'), 'a decision that is not a refusal or incapacity reads as not recorded');
});

test('a legal basis needs the basis and the reason consent is not relied on, whatever the consent', () => {
  const refused = { decision: 'refused', screeningId: SCREEN } as const;
  assert.deepEqual(disclosureBasisProblems(input({ basis: 'legal_basis', consent: refused, legalBasis: 'serious_harm', legalBasisReason: 'Threatened to harm a named person' })), {});
  assert.deepEqual(disclosureBasisProblems(input({ basis: 'legal_basis', consent: given, legalBasis: 'court_order', legalBasisReason: 'Order of the court' })), {});

  const missingBoth = disclosureBasisProblems(input({ basis: 'legal_basis', consent: refused }));
  assert.deepEqual(Object.keys(missingBoth).sort(), ['legalBasis', 'legalBasisReason']);
  assert.match(missingBoth.legalBasis!, /Select the legal basis for sharing without consent/);
  assert.match(missingBoth.legalBasisReason!, /Explain why consent is not relied on/);

  const missingReason = disclosureBasisProblems(input({ basis: 'legal_basis', legalBasis: 'safeguarding', legalBasisReason: '   ' }));
  assert.deepEqual(Object.keys(missingReason), ['legalBasisReason'], 'a reason of spaces is no reason');

  const missingBasis = disclosureBasisProblems(input({ basis: 'legal_basis', legalBasisReason: 'Could not be asked: asleep in the cell' }));
  assert.deepEqual(Object.keys(missingBasis), ['legalBasis']);
});

test('the reason for a legal basis may be 2000 characters, no more', () => {
  const ok = disclosureBasisProblems(input({ basis: 'legal_basis', legalBasis: 'crime_and_disorder_act', legalBasisReason: 'r'.repeat(2000) }));
  assert.deepEqual(ok, {});
  const long = disclosureBasisProblems(input({ basis: 'legal_basis', legalBasis: 'crime_and_disorder_act', legalBasisReason: 'r'.repeat(2001) }));
  assert.deepEqual(long, { legalBasisReason: 'The reason must be 2000 characters or fewer' });
});

test('consent shares at once; a legal basis waits for a manager unless a manager makes it', () => {
  assert.equal(initialDisclosureStatus('consent', false), 'disclosed');
  assert.equal(initialDisclosureStatus('consent', true), 'disclosed');
  assert.equal(initialDisclosureStatus('legal_basis', false), 'awaiting_approval');
  assert.equal(initialDisclosureStatus('legal_basis', true), 'disclosed');
});

test('a manager may decide only on a disclosure waiting for approval', () => {
  assert.deepEqual(approvalProblems('awaiting_approval', 'approve', ''), {});
  assert.deepEqual(approvalProblems('awaiting_approval', 'refuse', 'Consent can still be asked tomorrow'), {});
  for (const status of ['disclosed', 'not_approved'] as const) {
    assert.deepEqual(approvalProblems(status, 'approve', ''), { decision: 'This disclosure is not waiting for approval' });
    assert.deepEqual(approvalProblems(status, 'refuse', 'Too late'), { decision: 'This disclosure is not waiting for approval' });
  }
});

test('not approving needs a reason; any reason is at most 1000 characters', () => {
  assert.deepEqual(approvalProblems('awaiting_approval', 'refuse', ''), { reason: 'Say why the disclosure is not approved' });
  assert.deepEqual(approvalProblems('awaiting_approval', 'refuse', '  \n '), { reason: 'Say why the disclosure is not approved' });
  assert.deepEqual(approvalProblems('awaiting_approval', 'refuse', 'x'.repeat(1000)), {});
  assert.deepEqual(approvalProblems('awaiting_approval', 'refuse', 'x'.repeat(1001)), { reason: 'The reason must be 1000 characters or fewer' });
  assert.deepEqual(approvalProblems('awaiting_approval', 'approve', 'x'.repeat(1001)), { reason: 'The reason must be 1000 characters or fewer' });
});

test('every recipient, kind, legal basis and status has a label', () => {
  for (const r of DISCLOSURE_RECIPIENTS) assert.ok(DISCLOSURE_RECIPIENT_LABELS[r]);
  for (const k of DISCLOSURE_KINDS) assert.ok(DISCLOSURE_KIND_LABELS[k]);
  for (const b of LEGAL_BASES) assert.ok(LEGAL_BASIS_LABELS[b]);
  for (const s of DISCLOSURE_STATUSES) assert.ok(DISCLOSURE_STATUS_LABELS[s]);
});
