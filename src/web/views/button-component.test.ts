import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalMarkup, renderBoth } from './macro-twins.js';
import { button, type ButtonParams } from './button-component.js';

function sameAsMacro(params: ButtonParams) {
  const { macro, ours } = renderBoth('button', 'button', params);
  assert.equal(normalMarkup(ours), normalMarkup(macro), JSON.stringify(params));
}

test('button: the same markup as the nhsuk-frontend macro for the options Divert uses', () => {
  const cases: ButtonParams[] = [
    { text: 'Save' },
    { text: 'Show figures', classes: 'nhsuk-button--secondary nhsuk-u-margin-bottom-0' },
    { text: 'Accept', name: 'decision', value: 'accepted' },
    { text: 'Keep', name: 'action', value: 0 },
    { text: 'Nothing', name: '', value: '' },
    { text: 'Start a referral', href: '/referrals/new?siteId=a&from=b' },
    { text: 'Back', href: '/x', classes: 'nhsuk-button--secondary' },
    { html: 'Remove<span class="nhsuk-u-visually-hidden"> role: Practitioner</span>', classes: 'nhsuk-button--small' },
    { html: '<b>Go</b>', href: '/x' },
    { text: '  Padded  ' },
  ];
  for (const params of cases) sameAsMacro(params);
});

test('button: its text and value are escaped as the macro escapes them; html is markup as given', () => {
  const hostile = '"><script>alert(1)</script> & Sons';
  sameAsMacro({ text: hostile, name: 'n', value: hostile });
  sameAsMacro({ text: hostile, href: `/x?q=${hostile}` });
  const ours = String(button({ text: hostile, value: hostile }));
  assert.ok(!ours.includes('<script>'));
  assert.match(String(button({ html: '<b>bold</b>' })), /<b>bold<\/b>/);
});

test('button: an option it does not draw is refused, so no page loses one silently', () => {
  assert.throws(() => button({ text: 'Save', attributes: { formaction: '/x' } } as unknown as ButtonParams), /does not take "attributes"/);
  assert.throws(() => button({ text: 'Save', preventDoubleClick: true } as unknown as ButtonParams), /does not take "preventDoubleClick"/);
});
