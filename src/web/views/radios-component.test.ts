import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalMarkup, renderBoth } from './macro-twins.js';
import { radios, type RadiosParams } from './radios-component.js';

function sameAsMacro(params: RadiosParams) {
  const { macro, ours } = renderBoth('radios', 'radios', params);
  assert.equal(normalMarkup(ours), normalMarkup(macro), JSON.stringify(params));
}

const yesNo = (checked: string | null) => [
  { value: 'yes', text: 'Yes', checked: checked === 'yes' },
  { value: 'no', text: 'No', checked: checked === 'no' },
];

test('radios: the same markup as the nhsuk-frontend macro for the options Divert uses', () => {
  const cases: RadiosParams[] = [
    { idPrefix: 'consent', name: 'consent', fieldset: { legend: { text: 'Has the person given consent?', size: 's' } }, items: yesNo(null) },
    { idPrefix: 'consent', name: 'consent', fieldset: { legend: { text: 'Consent', size: 'm' } }, hint: { text: 'Ask in private' }, errorMessage: { text: 'Say whether the person consents' }, items: yesNo('no') },
    { idPrefix: 'kind', name: 'kind', classes: 'nhsuk-radios--inline', fieldset: { legend: { text: 'Kind' } }, errorMessage: undefined, hint: { text: '' }, items: yesNo('yes') },
    {
      idPrefix: 'outcome', name: 'outcome', fieldset: { legend: { text: 'Outcome', size: 's' } },
      items: [
        { value: 'attended', text: 'Attended', hint: { text: 'They came' }, checked: true },
        { value: 'did_not_attend', html: 'Did not attend <span class="nhsuk-u-visually-hidden">the contact</span>', checked: false },
        null,
        { value: 'cancelled', text: 'Cancelled', conditional: { html: '<p>Say why</p>' }, checked: true },
        { value: 'other', text: 'Other', conditional: { html: '<label for="x">Why</label><input id="x" name="x">' } },
        { value: 0, text: 'Nought', hint: null, conditional: null },
      ],
    },
    { name: 'bare', items: [{ text: 'No value' }] },
    { idPrefix: 'c-1', name: 'c-1', classes: 'nhsuk-radios--inline nhsuk-radios--small', fieldset: { legend: { html: 'Concern<span class="nhsuk-u-visually-hidden"> (concern 1)</span>' } }, items: yesNo('yes') },
    { name: 'none', fieldset: { legend: { text: '' } }, items: [] },
  ];
  for (const params of cases) sameAsMacro(params);
});

test('radios: texts, values and messages are escaped as the macro escapes them; html is markup as given', () => {
  const hostile = '"><script>alert(1)</script> O\'Brien & Sons';
  const params: RadiosParams = { name: 'n', fieldset: { legend: { text: hostile } }, hint: { text: hostile }, errorMessage: { text: hostile }, items: [{ value: hostile, text: hostile, hint: { text: hostile } }] };
  sameAsMacro(params);
  assert.ok(!String(radios(params)).includes('<script>'));
});

test('radios: an option it does not draw is refused, so no page loses one silently', () => {
  assert.throws(() => radios({ name: 'n', value: 'a' } as unknown as RadiosParams), /does not take "value"/);
  assert.throws(() => radios({ name: 'n', items: [{ value: 'a', text: 'A', disabled: true }] } as unknown as RadiosParams), /does not take "disabled"/);
  assert.throws(() => radios({ name: 'n', items: [{ divider: 'or' }] } as unknown as RadiosParams), /does not take "divider"/);
  assert.throws(() => radios({ name: 'n', fieldset: { legend: { text: 'N', isPageHeading: true } } } as unknown as RadiosParams), /does not take "isPageHeading"/);
});
