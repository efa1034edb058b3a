// Tests for the rules of recording disposals: each kind's details, conditions and their deadlines, ages, compliance, payback hours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  complianceProblems, complianceReportPurpose, complianceReportText, conditionProblems, disposalInWords, disposalProblems, paybackHoursLeft, paybackProblems,
  type DisposalDraft,
} from './disposals.js';

const today = '2026-12-10';
const blank: DisposalDraft = {
  kind: 'no_further_action', decidedOn: '2026-12-03', decidedBy: 'Calder Vale Police', offence: 'Theft from a shop', bailConditions: '',
  sentenceKind: null, treatmentRequirements: [], unpaidWorkHours: null, custodyMonths: null, notes: '', conditions: [],
};
const caution: DisposalDraft = {
  ...blank,
  kind: 'adult_conditional_caution',
  conditions: [
    { description: 'Attend a victim awareness session', deadlineOn: '2027-01-14', planInterventionId: null },
    { description: 'Write a letter of apology', deadlineOn: '2026-12-03', planInterventionId: null },
  ],
};
const communityOrder: DisposalDraft = { ...blank, kind: 'sentence', sentenceKind: 'community_order', treatmentRequirements: ['alcohol'], unpaidWorkHours: 40 };

test('a whole disposal of each shape has no problems', () => {
  assert.deepEqual(disposalProblems(blank, today, 30), {});
  assert.deepEqual(disposalProblems(caution, today, 30), {});
  assert.deepEqual(disposalProblems(communityOrder, today, 30), {});
  assert.deepEqual(disposalProblems({ ...blank, kind: 'bail', bailConditions: 'Live and sleep at 4 Mill Lane' }, today, 30), {});
  assert.deepEqual(disposalProblems({ ...blank, kind: 'sentence', sentenceKind: 'custody', custodyMonths: 18 }, today, 30), {});
  assert.deepEqual(disposalProblems({ ...blank, kind: 'youth_caution' }, today, 15), {});
});

test('the kind must be one of the list, and the date of decision real and not in the future', () => {
  assert.equal(disposalProblems({ ...blank, kind: 'telling_off' }, today, 30).kind, 'Select what was decided');
  assert.equal(disposalProblems({ ...blank, decidedOn: '' }, today, 30).decidedOn, 'Enter the date of the decision');
  assert.equal(disposalProblems({ ...blank, decidedOn: '2026-02-30' }, today, 30).decidedOn, 'The date of the decision must be a real date');
  assert.equal(disposalProblems({ ...blank, decidedOn: '2026-12-11' }, today, 30).decidedOn, 'The date of the decision cannot be in the future');
  assert.deepEqual(disposalProblems({ ...blank, decidedOn: today }, today, 30), {}, 'today is allowed');
});

test('youth disposals only for a child of 10 to 17 at the decision; an adult conditional caution only for 18 and over', () => {
  assert.match(disposalProblems({ ...blank, kind: 'youth_caution' }, today, 34).kind!, /^A youth caution is only for a child aged 10 to 17, and the person was 34 on the date of the decision/);
  assert.match(disposalProblems({ ...blank, kind: 'outcome_22' }, today, 18).kind!, /^An Outcome 22 is only for a child aged 10 to 17/);
  assert.match(disposalProblems({ ...caution, kind: 'youth_conditional_caution' }, today, 19).kind!, /youth conditional caution is only for a child/);
  assert.match(disposalProblems(caution, today, 17).kind!, /^An adult conditional caution is only for someone aged 18 or over, and the person was 17/);
  assert.deepEqual(disposalProblems({ ...caution, kind: 'youth_conditional_caution' }, today, 17), {});
  assert.deepEqual(disposalProblems(caution, today, 18), {});
  assert.deepEqual(disposalProblems({ ...blank, kind: 'youth_caution' }, today, null), {}, 'an unknown age is not checked');
});

test('a conditional caution needs at least one condition; no other disposal takes any', () => {
  assert.equal(disposalProblems({ ...caution, conditions: [] }, today, 30).condition1Description, 'Enter at least one condition of the adult conditional caution, with its deadline');
  assert.equal(disposalProblems({ ...caution, conditions: [null, null] }, today, 30).condition1Description, 'Enter at least one condition of the adult conditional caution, with its deadline');
  assert.match(disposalProblems({ ...blank, conditions: [null, null, caution.conditions[0]!] }, today, 30).condition3Description!, /only for a youth or adult conditional caution/, 'named at the first row filled in');
  assert.match(disposalProblems({ ...blank, conditions: caution.conditions }, today, 30).condition1Description!, /only for a youth or adult conditional caution/);
  assert.match(disposalProblems({ ...blank, kind: 'youth_caution', conditions: caution.conditions }, today, 14).condition1Description!, /only for a youth or adult conditional caution/);
});

test('a condition deadline before the caution date is refused, naming the condition and the date', () => {
  const early = { ...caution, conditions: [caution.conditions[0]!, { description: 'Pay for the damage', deadlineOn: '2026-12-02', planInterventionId: null }] };
  const problems = disposalProblems(early, today, 30);
  assert.equal(problems.condition2Deadline, 'Condition 2: the deadline must be on or after the date of the caution, 3 December 2026');
  assert.equal(problems.condition1Deadline, undefined);
  assert.deepEqual(conditionProblems({ description: 'Pay for the damage', deadlineOn: '2026-12-02', planInterventionId: null }, '2026-12-03'), {
    deadlineOn: 'The deadline must be on or after the date of the caution, 3 December 2026',
  });
});

test('a condition needs words and a real deadline', () => {
  assert.deepEqual(conditionProblems({ description: ' ', deadlineOn: '', planInterventionId: null }, '2026-12-03'), {
    description: 'Enter the condition, like Attend a victim awareness session', deadlineOn: 'Enter the deadline of the condition',
  });
  assert.equal(conditionProblems({ description: 'Ok then', deadlineOn: '2027-02-29', planInterventionId: null }, '2026-12-03').deadlineOn, 'The deadline must be a real date');
  assert.match(conditionProblems({ description: 'x'.repeat(501), deadlineOn: '2027-01-01', planInterventionId: null }, '2026-12-03').description!, /500 characters/);
  assert.deepEqual(conditionProblems({ description: 'Ok then', deadlineOn: '2026-01-01', planInterventionId: null }, 'not a date'), {}, 'no comparison against a date that is not real');
  assert.match(disposalProblems({ ...caution, conditions: [{ description: '', deadlineOn: '2027-01-01', planInterventionId: null }] }, today, 30).condition1Description!, /^Condition 1: enter the condition/);
  const second = disposalProblems({ ...caution, conditions: [null, { description: 'Repair the fence', deadlineOn: '2026-11-30', planInterventionId: null }] }, today, 30);
  assert.deepEqual(Object.keys(second), ['condition2Deadline'], 'a blank row keeps the numbering of the form');
});

test('bail conditions only for bail', () => {
  assert.match(disposalProblems({ ...blank, kind: 'remand', bailConditions: 'Curfew 7pm to 7am' }, today, 30).bailConditions!, /only for bail/);
  assert.match(disposalProblems({ ...blank, kind: 'bail', bailConditions: 'x'.repeat(2001) }, today, 30).bailConditions!, /2,000 characters or fewer/);
});

test('a sentence needs its kind; a kind of sentence belongs only to a sentence', () => {
  assert.equal(disposalProblems({ ...blank, kind: 'sentence' }, today, 30).sentenceKind, 'Select the kind of sentence');
  assert.equal(disposalProblems({ ...blank, kind: 'sentence', sentenceKind: 'probation' }, today, 30).sentenceKind, 'Select the kind of sentence');
  assert.match(disposalProblems({ ...blank, kind: 'charge', sentenceKind: 'fine' }, today, 30).sentenceKind!, /only for a sentence/);
});

test('treatment requirements and unpaid work only for a community or suspended sentence order, within limits', () => {
  assert.deepEqual(disposalProblems({ ...communityOrder, sentenceKind: 'suspended_sentence', unpaidWorkHours: 300 }, today, 30), {});
  const onFine = disposalProblems({ ...communityOrder, sentenceKind: 'fine' }, today, 30);
  assert.match(onFine.treatmentRequirements!, /only for a community order or a suspended sentence order/);
  assert.match(onFine.unpaidWorkHours!, /only for a community order or a suspended sentence order/);
  assert.match(disposalProblems({ ...communityOrder, kind: 'charge', sentenceKind: null }, today, 30).treatmentRequirements!, /only for a community order/);
  assert.equal(disposalProblems({ ...communityOrder, unpaidWorkHours: 301 }, today, 30).unpaidWorkHours, 'Unpaid work hours must be a whole number from 1 to 300');
  assert.equal(disposalProblems({ ...communityOrder, unpaidWorkHours: 0 }, today, 30).unpaidWorkHours, 'Unpaid work hours must be a whole number from 1 to 300');
  assert.equal(disposalProblems({ ...communityOrder, unpaidWorkHours: 12.5 }, today, 30).unpaidWorkHours, 'Unpaid work hours must be a whole number from 1 to 300');
  assert.equal(disposalProblems({ ...communityOrder, treatmentRequirements: ['gambling'] }, today, 30).treatmentRequirements, 'Select treatment requirements from the list');
});

test('months of custody only for custody, 1 to 600', () => {
  assert.match(disposalProblems({ ...communityOrder, custodyMonths: 6 }, today, 30).custodyMonths!, /only for a custodial sentence/);
  assert.match(disposalProblems({ ...blank, kind: 'sentence', sentenceKind: 'custody', custodyMonths: 0 }, today, 30).custodyMonths!, /whole number from 1 to 600/);
});

test('free text has length limits, named by field', () => {
  const long = disposalProblems({ ...blank, decidedBy: 'x'.repeat(201), offence: 'y'.repeat(501), notes: 'z'.repeat(2001) }, today, 30);
  assert.match(long.decidedBy!, /200 characters/);
  assert.match(long.offence!, /500 characters/);
  assert.match(long.notes!, /2,000 characters/);
});

test('met or not met needs a date between the caution and today; in progress takes none', () => {
  assert.deepEqual(complianceProblems({ compliance: 'met', on: '2026-12-09' }, '2026-12-03', today), {});
  assert.deepEqual(complianceProblems({ compliance: 'in_progress', on: null }, '2026-12-03', today), {});
  assert.deepEqual(complianceProblems({ compliance: 'done', on: null }, '2026-12-03', today), { compliance: 'Select where the condition stands: in progress, met or not met' });
  assert.deepEqual(complianceProblems({ compliance: 'not_met', on: '' }, '2026-12-03', today), { on: 'Enter the date the condition was not met' });
  assert.deepEqual(complianceProblems({ compliance: 'met', on: '2026-12-02' }, '2026-12-03', today), { on: 'The date the condition was met cannot be before the caution, 3 December 2026' });
  assert.deepEqual(complianceProblems({ compliance: 'met', on: '2026-12-11' }, '2026-12-03', today), { on: 'The date the condition was met cannot be in the future' });
  assert.deepEqual(complianceProblems({ compliance: 'met', on: '2026-13-01' }, '2026-12-03', today), { on: 'The date the condition was met must be a real date' });
});

test('payback hours: half hours from 0.5 to 12, on a day between the order and today, never past the hours ordered', () => {
  const order = { decidedOn: '2026-12-03', hoursOrdered: 40, hoursDone: 36 };
  assert.deepEqual(paybackProblems({ workedOn: '2026-12-05', hours: 3.5 }, order, today), {});
  assert.deepEqual(paybackProblems({ workedOn: '2026-12-05', hours: 4 }, order, today), {}, 'exactly the hours left');
  for (const hours of [0, 0.25, 12.5, 3.3, Number.NaN]) {
    assert.equal(paybackProblems({ workedOn: '2026-12-05', hours }, { ...order, hoursDone: 0 }, today).hours, 'Enter the hours worked, in half hours from 0.5 to 12, like 3.5', String(hours));
  }
  assert.equal(paybackProblems({ workedOn: '2026-12-05', hours: 4.5 }, order, today).hours, 'That would make 40.5 hours, more than the 40 hours ordered: 4 hours are left');
  assert.equal(paybackProblems({ workedOn: '2026-12-05', hours: 1 }, { ...order, hoursDone: 40 }, today).hours, 'All 40 hours of unpaid work ordered are already recorded');
  assert.equal(paybackProblems({ workedOn: '2026-12-02', hours: 1 }, order, today).workedOn, 'The date the hours were worked cannot be before the order was made, 3 December 2026');
  assert.equal(paybackProblems({ workedOn: '2026-12-11', hours: 1 }, order, today).workedOn, 'The date the hours were worked cannot be in the future');
  assert.equal(paybackProblems({ workedOn: '', hours: 1 }, order, today).workedOn, 'Enter the date the hours were worked');
  assert.equal(paybackHoursLeft({ hoursOrdered: 40, hoursDone: 41 }), 0);
});

test('the compliance report says the condition, its deadline and where it stands; its purpose names the caution', () => {
  const condition = { description: 'Attend a victim awareness session', deadlineOn: '2027-01-14', compliance: 'met' as const, complianceOn: '2027-01-09' };
  assert.equal(complianceReportText(condition, '2027-01-10'), 'Condition: Attend a victim awareness session by 14 January 2027 — Met on 9 January 2027');
  assert.equal(complianceReportText({ ...condition, compliance: 'not_met', complianceOn: '2027-01-15' }, '2027-01-16'), 'Condition: Attend a victim awareness session by 14 January 2027 — Not met on 15 January 2027');
  assert.equal(complianceReportText({ ...condition, compliance: 'in_progress', complianceOn: null }, '2026-12-20'), 'Condition: Attend a victim awareness session by 14 January 2027 — In progress on 20 December 2026');
  assert.equal(complianceReportPurpose('youth_conditional_caution'), 'To report compliance with the conditions of the youth conditional caution');
  assert.equal(disposalInWords('outcome_22'), 'Outcome 22');
  assert.equal(disposalInWords('remand'), 'remand in custody');
});
