import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, barChartOrTableNote, MOST_BARS_READABLE } from './bar-chart.js';
import { escapeXml } from './svg.js';

const widths = (svg: string): number[] => [...svg.matchAll(/<rect [^>]* width="([\d.]+)"/g)].map((m) => Number(m[1]));

test('an accessible SVG: role img, labelled by its own title and description, sized by viewBox, no script', () => {
  const svg = barChart([{ label: 'Custody suite', value: 10 }], { id: 'by-site', title: 'Referrals by site', description: 'One bar per site' });
  assert.match(svg, /^<svg [^>]*role="img"[^>]*aria-labelledby="by-site-title by-site-desc"/);
  assert.match(svg, /<title id="by-site-title">Referrals by site<\/title>/);
  assert.match(svg, /<desc id="by-site-desc">One bar per site<\/desc>/);
  assert.match(svg, /viewBox="0 0 640 44"/);
  assert.doesNotMatch(svg, /<svg [^>]*(width|height)=/, 'no fixed size: it scales with the page');
  assert.doesNotMatch(svg, /<script|on\w+=/i);
});

test('bar lengths are proportional to the values, the largest filling the bar space (640 − 250 label − 60 value − 2 × 8 padding = 314 units)', () => {
  const svg = barChart([{ label: 'A', value: 40 }, { label: 'B', value: 10 }, { label: 'C', value: 0 }], { id: 'c', title: 't', description: 'd' });
  assert.deepEqual(widths(svg), [314, 78.5], 'zero draws no bar');
  assert.match(svg, />0<\/text>/, 'a zero still prints its value');
});

test('a hidden (suppressed) figure draws no bar and shows its marker', () => {
  const svg = barChart([{ label: 'A', value: 12 }, { label: 'B', value: null }], { id: 'c', title: 't', description: 'd' });
  assert.equal(widths(svg).length, 1);
  assert.match(svg, /<title>B: \*<\/title>/);
});

test('every text is escaped, and long labels are shortened with the full text kept in the tooltip', () => {
  const label = `<script>alert("x")</script> & the team's own check of the custody list`;
  const svg = barChart([{ label, value: 3, text: '3 (50%)' }], { id: 'c', title: 'A & B', description: '"quoted"' });
  assert.doesNotMatch(svg, /<script>/);
  assert.ok(svg.includes(`<title>${escapeXml(label)}: 3 (50%)</title>`));
  assert.match(svg, /…<\/text>/);
  assert.match(svg, /<title id="c-title">A &amp; B<\/title>/);
  assert.match(svg, /&quot;quoted&quot;/);
});

test('refuses an id that could break out of the attribute, and negative values', () => {
  assert.throws(() => barChart([], { id: 'a" onload="x', title: 't', description: 'd' }), RangeError);
  assert.throws(() => barChart([{ label: 'A', value: -1 }], { id: 'c', title: 't', description: 'd' }), RangeError);
  assert.throws(() => barChart([{ label: 'A', value: Number.NaN }], { id: 'c', title: 't', description: 'd' }), RangeError);
});

test('no data gives an empty, still valid chart', () => {
  const svg = barChart([], { id: 'c', title: 't', description: 'd' });
  assert.match(svg, /viewBox="0 0 640 44"/);
  assert.equal(widths(svg).length, 0);
});

test('a breakdown with more bars than can be read is not drawn: a line says the figures are in the table', () => {
  const bars = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `Site ${i + 1}`, value: i }));
  assert.match(barChartOrTableNote(bars(MOST_BARS_READABLE), { id: 'c', title: 'Referrals by site', description: 'd', groups: 'sites' }), /^<svg /);
  const note = barChartOrTableNote(bars(MOST_BARS_READABLE + 1), { id: 'c', title: 'Referrals by site', description: 'd', groups: 'sites' });
  assert.doesNotMatch(note, /<svg/);
  assert.equal(note, `<p class="nhsuk-body-s" id="c-note">Referrals by site: with ${MOST_BARS_READABLE + 1} sites, too many for a chart, the figures are in the table below.</p>`);
});
