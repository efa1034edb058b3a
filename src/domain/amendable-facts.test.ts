import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AMENDABLE_FACTS, amendableFact, choiceText, correctionReasonProblem, factValueOf, parseFactValue } from './amendable-facts.js';

const now = { instant: new Date('2026-11-23T10:00:00Z'), today: '2026-11-23' };

test('the registry holds each correctable fact once, and nothing else', () => {
  const keys = AMENDABLE_FACTS.map((f) => `${f.subjectType}.${f.field}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.deepEqual(keys.sort(), [
    'assessment.risk_level', 'assessment.risk_to_others', 'assessment.risk_to_self', 'assessment.strengths',
    'case_episode.closed_on', 'case_episode.closure_reason', 'case_episode.exit_summary',
    'contact.notes', 'contact.outcome', 'contact.place', 'contact.starts_at',
    'follow_up.new_arrest', 'follow_up.notes', 'interim_support.taken_up', 'onward_referral_event.occurred_on',
  ]);
  assert.equal(amendableFact('person', 'nhs_number'), null);
  assert.equal(amendableFact('contact', 'id'), null);
  for (const f of AMENDABLE_FACTS) if (f.kind === 'choice') assert.ok(f.choices && f.choices.length > 1, `${f.subjectType}.${f.field} has choices`);
});

test('a choice must be one of its values', () => {
  const outcome = amendableFact('contact', 'outcome')!;
  assert.deepEqual(parseFactValue(outcome, { value: 'did_not_attend' }, now), { ok: true, value: 'did_not_attend' });
  assert.deepEqual(parseFactValue(outcome, { value: 'vanished' }, now), { ok: false, error: 'Select the outcome of the contact', field: 'value' });
  assert.equal(choiceText(outcome, 'late'), 'Attended late');
});

test('text is trimmed, may be required, and has a length limit', () => {
  const place = amendableFact('contact', 'place')!;
  assert.deepEqual(parseFactValue(place, { value: '  Halifax library ' }, now), { ok: true, value: 'Halifax library' });
  assert.deepEqual(parseFactValue(place, { value: '' }, now), { ok: true, value: '' });
  assert.equal(parseFactValue(place, { value: 'x'.repeat(201) }, now).ok, false);
  const summary = amendableFact('case_episode', 'exit_summary')!;
  assert.deepEqual(parseFactValue(summary, { value: ' ' }, now), { ok: false, error: 'Enter the exit summary', field: 'value' });
});

test('dates are real and, where the fact says so, not in the future', () => {
  const occurred = amendableFact('onward_referral_event', 'occurred_on')!;
  assert.deepEqual(parseFactValue(occurred, { day: '2', month: '11', year: '2026' }, now), { ok: true, value: '2026-11-02' });
  assert.equal(parseFactValue(occurred, { day: '24', month: '11', year: '2026' }, now).ok, false);
  const bad = parseFactValue(occurred, { day: '31', month: '2', year: '2026' }, now);
  assert.ok(!bad.ok && bad.field === 'date-day');
});

test('a date and time is read as London wall-clock time', () => {
  const startsAt = amendableFact('contact', 'starts_at')!;
  assert.deepEqual(parseFactValue(startsAt, { day: '1', month: '7', year: '2026', time: '14:30' }, now), { ok: true, value: '2026-07-01T13:30:00.000Z' });
  assert.deepEqual(parseFactValue(startsAt, { day: '1', month: '12', year: '2026', time: '09:05' }, now), { ok: true, value: '2026-12-01T09:05:00.000Z' });
  const noTime = parseFactValue(startsAt, { day: '1', month: '12', year: '2026', time: '' }, now);
  assert.ok(!noTime.ok && noTime.field === 'time');
  assert.equal(factValueOf(startsAt, new Date('2026-07-01T13:30:00Z')), '2026-07-01T13:30:00.000Z');
  assert.equal(factValueOf(startsAt, null), null);
});

test('a correction needs a reason', () => {
  assert.match(correctionReasonProblem('  ')!, /Enter the reason/);
  assert.equal(correctionReasonProblem('Typed the wrong date'), null);
  assert.match(correctionReasonProblem('x'.repeat(1001))!, /1000 characters/);
});
