import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalMarkup, renderBoth } from './macro-twins.js';
import { dateInput, type DateInputParams } from './date-input-component.js';

function sameAsMacro(params: DateInputParams) {
  const { macro, ours } = renderBoth('dateInput', 'date-input', params);
  assert.equal(normalMarkup(ours), normalMarkup(macro), JSON.stringify(params));
}

const boxes = (prefix: string, values: Record<string, unknown>, errors: Record<string, boolean> = {}) => [
  { name: 'day' as const, value: values[`${prefix}-day`], classes: 'nhsuk-input--width-2' + (errors.day ? ' nhsuk-input--error' : '') },
  { name: 'month' as const, value: values[`${prefix}-month`], classes: 'nhsuk-input--width-2' + (errors.month ? ' nhsuk-input--error' : '') },
  { name: 'year' as const, value: values[`${prefix}-year`], classes: 'nhsuk-input--width-4' + (errors.year ? ' nhsuk-input--error' : '') },
];

test('date input: the same markup as the nhsuk-frontend macro for the options Divert uses', () => {
  const typed = { 'from-day': '1', 'from-month': '9', 'from-year': '2026' };
  const cases: DateInputParams[] = [
    { id: 'from', namePrefix: 'from', fieldset: { legend: { text: 'First date', size: 's' } }, hint: { text: 'For example, 1 4 2026' }, items: boxes('from', typed) },
    { id: 'from', namePrefix: 'from', fieldset: { legend: { text: 'First date', size: 's' } }, hint: { text: 'For example, 1 4 2026' }, errorMessage: { text: 'Enter a real date' }, items: boxes('from', typed) },
    { id: 'from', namePrefix: 'from', fieldset: { legend: { text: 'First date', size: 'm' } }, errorMessage: { text: 'Enter a month' }, items: boxes('from', { 'from-day': '1' }, { month: true }) },
    { id: 'dob', namePrefix: 'dob', fieldset: { legend: { text: 'Date of birth (optional)', size: 's' } }, errorMessage: undefined, items: boxes('dob', {}) },
    { id: 'on', namePrefix: 'on', fieldset: { legend: { text: 'Date', size: 's' } }, hint: false, errorMessage: false, values: { day: '3', month: '', year: undefined } },
    { id: 'on', namePrefix: 'on', fieldset: { legend: { text: 'Date', size: 's' } }, hint: { text: 'Today or earlier' }, errorMessage: { text: 'Enter the date' }, values: { day: 3, month: 12, year: 2026 } },
    { id: 'on', namePrefix: 'on', fieldset: { legend: { text: 'Date' } }, values: null },
    { id: 'plain', items: [{ name: 'day', value: '' }, { name: 'month', value: null }, { name: 'year', value: 0 }] },
    { id: 'nolegend', namePrefix: 'x', fieldset: { legend: { text: '' } }, hint: { text: '' }, errorMessage: { text: '' } },
  ];
  for (const params of cases) sameAsMacro(params);
});

test('date input: what a user typed, and the legend and messages, are escaped as the macro escapes them', () => {
  const hostile = '"><script>alert(1)</script> O\'Brien & Sons';
  const params: DateInputParams = { id: 'd', namePrefix: 'd', fieldset: { legend: { text: hostile, size: 's' } }, hint: { text: hostile }, errorMessage: { text: hostile }, values: { day: hostile, month: hostile, year: hostile } };
  sameAsMacro(params);
  const ours = String(dateInput(params));
  assert.ok(!ours.includes('<script>'));
  assert.match(ours, /value="&quot;&gt;&lt;script&gt;/);
});

test('date input: an option it does not draw is refused, so no page loses one silently', () => {
  assert.throws(() => dateInput({ id: 'd', disabled: true } as unknown as DateInputParams), /does not take "disabled"/);
  assert.throws(() => dateInput({ id: 'd', fieldset: { legend: { text: 'x', isPageHeading: true } } } as unknown as DateInputParams), /does not take "isPageHeading"/);
  assert.throws(() => dateInput({ id: 'd', items: [{ name: 'day', autocomplete: 'bday-day' }] } as unknown as DateInputParams), /does not take "autocomplete"/);
  assert.throws(() => dateInput({ id: 'd', items: [{ name: 'hour' }] } as unknown as DateInputParams), /not "hour"/);
});
