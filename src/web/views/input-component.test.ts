import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalMarkup, renderBoth } from './macro-twins.js';
import { input, type InputParams } from './input-component.js';

function sameAsMacro(params: InputParams) {
  const { macro, ours } = renderBoth('input', 'input', params);
  assert.equal(normalMarkup(ours), normalMarkup(macro), JSON.stringify(params));
}

test('input: the same markup as the nhsuk-frontend macro for the options Divert uses', () => {
  const cases: InputParams[] = [
    { label: { text: 'First name' }, id: 'aliasGivenName', name: 'aliasGivenName', value: 'Ann', autocomplete: 'off' },
    { label: { text: 'Last name' }, id: 'aliasFamilyName', name: 'aliasFamilyName', autocomplete: 'off', errorMessage: { text: 'Enter a last name' } },
    { label: { text: 'Name' }, name: 'q', value: '' },
    { label: { text: 'Name' }, name: 'q', value: 0, width: 10 },
    { label: { text: 'Name' }, name: 'q', value: null, width: '4', classes: 'nhsuk-input--width-20' },
    { label: { text: 'NHS number', classes: 'nhsuk-label--s' }, hint: { text: 'For example, 999 123 4567' }, id: 'nhs', name: 'nhsNumber', inputmode: 'numeric', spellcheck: false, width: 10 },
    { label: { text: 'Phone' }, hint: { text: 'A number' }, name: 'phone', type: 'tel', errorMessage: { text: 'Enter a phone number, like 01632 960 001' }, spellcheck: true },
    { label: { text: 'Email' }, name: 'email', type: 'email', errorMessage: null, autocomplete: 'email', classes: 'extra' },
    { label: { text: 'Reason' }, name: 'reason', errorMessage: false, hint: { text: '' } },
    { label: { text: 'Reason' }, name: 'reason', errorMessage: { text: '' } },
    { name: 'unlabelled', value: 'x' },
    { label: { text: 'Partner name', size: 's' }, name: 'name', value: 'x' },
    { label: { html: 'Score <span class="nhsuk-u-visually-hidden">out of 10</span>' }, name: 'score', inputmode: 'numeric', width: 2 },
    { label: { text: 'Partner name', size: 'm', classes: 'nhsuk-label--s' }, name: 'name' },
  ];
  for (const params of cases) sameAsMacro(params);
});

test('input: what a user typed, and the label and messages, are escaped as the macro escapes them', () => {
  const hostile = '"><script>alert(1)</script> O\'Brien & Sons';
  sameAsMacro({ label: { text: hostile }, hint: { text: hostile }, name: 'n', value: hostile, errorMessage: { text: hostile } });
  const ours = String(input({ label: { text: 'Name' }, name: 'n', value: hostile }));
  assert.ok(!ours.includes('<script>'));
  assert.match(ours, /value="&quot;&gt;&lt;script&gt;/);
});

test('input: an option it does not draw is refused, so no page loses one silently', () => {
  assert.throws(() => input({ name: 'n', prefix: '£' } as unknown as InputParams), /does not take "prefix"/);
  assert.throws(() => input({ name: 'n', label: { text: 'x', isPageHeading: true } } as unknown as InputParams), /does not take "isPageHeading"/);
  assert.throws(() => input({ name: 'n', errorMessage: { html: '<b>x</b>' } } as unknown as InputParams), /does not take "html"/);
});
