import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalMarkup, renderBoth } from './macro-twins.js';
import { select, type SelectParams } from './select-component.js';

function sameAsMacro(params: SelectParams) {
  const { macro, ours } = renderBoth('select', 'select', params);
  assert.equal(normalMarkup(ours), normalMarkup(macro), JSON.stringify(params));
}

const workers = [{ value: '', text: 'Select a worker' }, { value: 'a1', text: 'Amira Ashdown', selected: false }, { value: 'b2', text: 'Ben Brook', selected: true }];

test('select: the same markup as the nhsuk-frontend macro for the options Divert uses', () => {
  const cases: SelectParams[] = [
    { id: 'toUserId', name: 'toUserId', label: { text: 'Worker' }, hint: { text: 'A practitioner of the team' }, items: workers },
    { id: 'toUserId', name: 'toUserId', label: { text: 'Worker' }, items: workers, errorMessage: { text: 'Choose a worker' } },
    { id: 'service', name: 'service', label: { text: 'Service', size: 's' }, items: [{ value: 'all', text: 'All your services' }, { value: 1, text: 'Calder Vale' }] },
    { id: 'quarter', name: 'quarter', label: { text: 'Quarter', size: 'm' }, hint: { text: '' }, errorMessage: undefined, items: [{ text: 'No value given' }, { value: 0, text: 'Nought' }] },
    { name: 'kind', label: { text: 'Kind', classes: 'nhsuk-u-visually-hidden' }, items: [] },
    { name: 'kind', label: { text: 'Kind' }, errorMessage: false, items: null },
  ];
  for (const params of cases) sameAsMacro(params);
});

test('select: option texts and values are escaped as the macro escapes them', () => {
  const hostile = '"><script>alert(1)</script> & Sons';
  const params: SelectParams = { name: 'n', label: { text: hostile }, hint: { text: hostile }, errorMessage: { text: hostile }, items: [{ value: hostile, text: hostile, selected: true }] };
  sameAsMacro(params);
  assert.ok(!String(select(params)).includes('<script>'));
});

test('select: an option it does not draw is refused, so no page loses one silently', () => {
  assert.throws(() => select({ name: 'n', value: 'a' } as unknown as SelectParams), /does not take "value"/);
  assert.throws(() => select({ name: 'n', items: [{ value: 'a', text: 'A', disabled: true }] } as unknown as SelectParams), /does not take "disabled"/);
  assert.throws(() => select({ name: 'n', label: { text: 'N', isPageHeading: true } } as unknown as SelectParams), /does not take "isPageHeading"/);
});
