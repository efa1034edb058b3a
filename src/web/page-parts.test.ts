import { test } from 'node:test';
import assert from 'node:assert/strict';
import nunjucks from 'nunjucks';
import { PagePart, withPartMarkers } from './page-parts.js';

const env = new nunjucks.Environment(null, { autoescape: true });
const render = (template: string, context: Record<string, unknown>) => {
  const { context: marked, bytesOf } = withPartMarkers(context);
  return bytesOf(env.renderString(template, marked)).toString('utf8');
};

test('a kept part is sent as its own bytes where the page prints it, the rest of the page encoded around it', () => {
  const part = new PagePart('<table><caption>Referrals by site – “all”</caption></table>');
  const page = render('<h1>{{ title }}</h1>{{ report | safe }}<p>{{ after }}</p>', { title: 'Dashboard – 3 months', report: part, after: '<b>’</b>' });
  assert.equal(page, '<h1>Dashboard – 3 months</h1><table><caption>Referrals by site – “all”</caption></table><p>&lt;b&gt;’&lt;/b&gt;</p>');
});

test('several parts, each in its place; a page with none is its text as bytes', () => {
  const page = render('{{ a | safe }}|{{ b | safe }}|{{ a | safe }}', { a: new PagePart('A'), b: new PagePart('B') });
  assert.equal(page, 'A|B|A');
  assert.equal(render('<p>{{ x }}</p>', { x: 'é' }), '<p>é</p>');
});

test('text that looks like a marker is sent as it is', () => {
  const page = render('{{ typed }}{{ report | safe }}', { typed: '\u0000page-part-0-0\u0000', report: new PagePart('R') });
  assert.equal(page, '\u0000page-part-0-0\u0000R');
});
