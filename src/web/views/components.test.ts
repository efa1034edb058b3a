import { test } from 'node:test';
import assert from 'node:assert/strict';
import nunjucks from 'nunjucks';
import { createViews } from '../views.js';
import { normalMarkup, renderBoth } from './macro-twins.js';
import type { SummaryListParams, TableParams, TagParams } from './components.js';

const views = createViews();

const normal = normalMarkup;

/** The text a page reader gets (textContent, its whitespace collapsed): a key and its value stay apart. */
const textOf = (markup: string) => markup.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();

type Component = 'table' | 'tag' | 'summaryList';

function rendered(component: Component, params: object): { macro: string; ours: string } {
  return renderBoth(component, { table: 'tables', tag: 'tag', summaryList: 'summary-list' }[component], params);
}

function both(component: Component, params: object): { macro: string; ours: string } {
  const { macro, ours } = rendered(component, params);
  return { macro: normal(macro), ours: normal(ours) };
}

const sameAsMacro = (component: Component, params: object) => {
  const { macro, ours } = both(component, params);
  assert.equal(ours, macro);
  const raw = rendered(component, params);
  assert.equal(textOf(raw.ours), textOf(raw.macro));
};

const safe = (s: string) => new nunjucks.runtime.SafeString(s);

test('tag: the same markup as the nhsuk-frontend macro', () => {
  const cases: TagParams[] = [
    { text: 'Overdue', classes: 'nhsuk-tag--red' },
    { text: '  Due  ', classes: 'nhsuk-tag--blue' },
    { text: 'Waiting <longer> & "more"' },
    { text: 'Engaged', colour: 'green' },
    { text: 'Engaged', colour: 'green', classes: 'nhsuk-tag--red' },
    { text: 'Engaged', colour: 'green', classes: 'nhsuk-u-margin-bottom-1' },
    { text: 'Engaged', colour: 'not-a-colour' },
    { html: '<span>Marked</span> up' },
    { html: safe('<b>safe</b>') },
    { text: 'With id', id: 'state' },
  ];
  for (const params of cases) sameAsMacro('tag', params);
});

test('table: the same markup as the nhsuk-frontend macro', () => {
  const head = [{ text: 'Person' }, { text: 'Waiting' }, { text: 'Count', format: 'numeric' }, { html: '<span class="nhsuk-u-visually-hidden">Action</span>' }];
  const rows = [
    [{ html: '<a href="/people/1">Ada &amp; Co</a>' }, { text: 'Screened <now>' }, { text: '12 minutes' }, { html: safe('<a href="/x">Change</a>') }],
    [{ text: "O'Neil \\ Smith" }, { html: '<strong class="nhsuk-tag">Due</strong>' }, { text: '3', format: 'numeric' }, { text: 'x', classes: 'divert-nowrap' }],
    [{ text: 'Numeric already', classes: 'nhsuk-table__cell--numeric' }, { text: '' }, { text: 'last', classes: 'nhsuk-table__cell--numeric extra' }, { text: '  padded  ' }],
  ];
  const cases: TableParams[] = [
    { caption: '3 referrals', captionSize: 'm', firstCellIsHeader: true, head, rows },
    { caption: 'People <found>', captionSize: 's', head, rows },
    { caption: 'Odd size', captionSize: 'xxl', head, rows },
    { head, rows, classes: 'nhsuk-body-s', id: 'the-table' },
    { caption: 'Rows only', rows },
    { caption: 'Nothing', head, rows: [] },
    { caption: 'Head with classes', head: [{ text: 'A', classes: 'nhsuk-u-width-one-half' }, { text: 'B', format: 'numeric', classes: 'x' }], rows: [[{ text: 'a' }, { text: 'b' }]] },
  ];
  for (const params of cases) sameAsMacro('table', params);
});

test('table: a number shows even when it is 0, where the macro shows nothing', () => {
  const params = { head: [{ text: 'Sessions', format: 'numeric' }], rows: [[{ text: 0 }], [{ text: 4 }]] };
  const { macro, ours } = both('table', params);
  assert.match(ours, /--numeric">0<\/td>/);
  assert.match(ours, /--numeric">4<\/td>/);
  assert.match(macro, /--numeric"><\/td>/);
});

test('summary list: the same markup as the nhsuk-frontend macro', () => {
  const change = (what: string) => ({ items: [{ href: `/change/${what}`, text: 'Change', visuallyHiddenText: what }] });
  const cases: SummaryListParams[] = [
    { rows: [{ key: { text: 'Name' }, value: { text: 'Ada <Lovelace>' } }, { key: { text: 'Born' }, value: { html: '3 May 1990<br><span>35</span>' } }] },
    { rows: [{ key: { text: 'Name' }, value: { text: 'Ada' }, actions: change('name') }, { key: { text: 'NHS number' }, value: { text: '' } }], classes: 'nhsuk-u-margin-bottom-0' },
    { rows: [{ key: { text: 'Two' }, value: { text: 'actions' }, actions: { items: [{ href: '/a', text: 'Change' }, { href: '/b', text: 'Remove', visuallyHiddenText: 'the alias "x"' }] } }] },
    { rows: [{ key: { text: 'Plain' }, value: { text: 'row' }, classes: 'divert-x' }, null, '', { key: { html: '<b>Key</b>' }, value: { html: safe('<i>v</i>'), classes: 'nhsuk-u-font-weight-bold' }, actions: { items: [] } }], id: 'details' },
    { rows: [] },
  ];
  for (const params of cases) sameAsMacro('summaryList', params);
});

test('an option the components do not know is refused, naming it', () => {
  assert.throws(() => views.renderString('{{ table({ scroll: true, rows: [] }) }}', {}), /does not take "scroll"/);
  assert.throws(() => views.renderString('{{ table({ rows: [[{ text: "a", colspan: 2 }]] }) }}', {}), /does not take "colspan"/);
  assert.throws(() => views.renderString('{{ tag({ text: "a", attributes: {} }) }}', {}), /does not take "attributes"/);
  assert.throws(() => views.renderString('{{ summaryList({ card: { heading: "x" }, rows: [] }) }}', {}), /does not take "card"/);
  assert.throws(() => views.renderString('{{ summaryList({ rows: [{ key: { text: "a" }, border: false }] }) }}', {}), /does not take "border"/);
});

test('a page that imports the macro still gets the macro', () => {
  const html = views.renderString('{% from "nhsuk/components/tables/macro.njk" import table %}{{ table({ scroll: true, id: "t", rows: [[{ text: "a" }]] }) }}', {});
  assert.match(html, /nhsuk-table-container|nhsuk-scroll/);
});
