import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalMarkup, renderBoth } from './macro-twins.js';
import { textarea, type TextareaParams } from './textarea-component.js';

function sameAsMacro(params: TextareaParams) {
  const { macro, ours } = renderBoth('textarea', 'textarea', params);
  assert.equal(normalMarkup(ours), normalMarkup(macro), JSON.stringify(params));
  // What a user typed is the element's content, whitespace and all.
  const content = (markup: string) => /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(markup)![1];
  assert.equal(content(ours), content(macro));
}

test('textarea: the same markup as the nhsuk-frontend macro for the options Divert uses', () => {
  const cases: TextareaParams[] = [
    { id: 'reason', name: 'reason', rows: 2, label: { text: 'Reason (optional)' }, hint: { text: 'Up to 500 characters' }, value: 'Moved to nights' },
    { id: 'reason', name: 'reason', rows: 2, label: { text: 'Reason for reallocating' }, hint: { text: 'Up to 500 characters' }, value: '', errorMessage: { text: 'Give a reason' } },
    { id: 'notes', name: 'notes', rows: 4, label: { text: 'Notes', size: 's' }, value: 'Line one\n\n  Line two, indented\n' },
    { id: 'notes', name: 'notes', label: { text: 'Notes', size: 'm' }, value: undefined, errorMessage: false, hint: { text: '' } },
    { name: 'summary', rows: '3', label: { html: 'Summary <span class="nhsuk-u-visually-hidden">of the case</span>' }, value: null, spellcheck: true, autocomplete: 'off' },
    { name: 'summary', label: { text: 'Summary' }, value: 0, spellcheck: false, classes: 'nhsuk-u-width-full' },
  ];
  for (const params of cases) sameAsMacro(params);
});

test('textarea: what a user typed, and the label and messages, are escaped as the macro escapes them', () => {
  const hostile = '</textarea><script>alert(1)</script> O\'Brien & Sons';
  const params: TextareaParams = { name: 'n', label: { text: hostile }, hint: { text: hostile }, errorMessage: { text: hostile }, value: hostile };
  sameAsMacro(params);
  assert.ok(!String(textarea(params)).includes('<script>'));
  assert.match(String(textarea(params)), /&lt;\/textarea&gt;/);
});

test('textarea: an option it does not draw is refused, so no page loses one silently', () => {
  assert.throws(() => textarea({ name: 'n', attributes: { maxlength: 10 } } as unknown as TextareaParams), /does not take "attributes"/);
  assert.throws(() => textarea({ name: 'n', label: { text: 'N', isPageHeading: true } } as unknown as TextareaParams), /does not take "isPageHeading"/);
});
