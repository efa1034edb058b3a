import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { survivalChartSvg } from './survival-chart.js';
import { escapeXml } from './svg.js';

const options = { title: 'Time to first proven re-offence', description: 'Share without a proven re-offence by days since the index date.', xLabel: 'Days since the index date', yLabel: 'Without a re-offence' };

describe('survival chart', () => {
  test('an image with its title and description, referenced for screen readers', () => {
    const svg = survivalChartSvg([{ label: 'Supported', steps: [{ time: 10, survival: 0.5, censored: 0 }] }], options);
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.match(svg, /aria-labelledby="survival-chart-title survival-chart-desc"/);
    assert.match(svg, /<title id="survival-chart-title">Time to first proven re-offence<\/title>/);
    assert.match(svg, /<desc id="survival-chart-desc">Share without a proven re-offence/);
    assert.match(svg, />Days since the index date</);
    assert.doesNotMatch(svg, /<script/i);
  });

  test('escapes every text it is given', () => {
    const svg = survivalChartSvg([{ label: '<script>alert("x")</script> & co', steps: [] }], { ...options, title: 'A < B & "C"', id: 'a"b' });
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co'));
    assert.ok(svg.includes('A &lt; B &amp; &quot;C&quot;'));
    assert.ok(svg.includes('id="a&quot;b-title"'));
    assert.equal(escapeXml(`'`), '&#39;');
  });

  test('steps down at the event times and marks each censoring', () => {
    // Plot: x from 64 to 620 over 0..100 days (5.56 px a day); y from 280 (0%) to 20 (100%), 2.6 px a point.
    const steps = [
      { time: 25, survival: 0.75, censored: 0 },
      { time: 50, survival: 0.75, censored: 1 },
      { time: 75, survival: 0.375, censored: 0 },
      { time: 100, survival: 0.375, censored: 1 },
    ];
    const svg = survivalChartSvg([{ label: 'Supported', steps }, { label: 'Comparison', steps: [{ time: 100, survival: 1, censored: 3 }] }], options);
    const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(paths[0], 'M64 20 H203 V85 H342 H481 V182.5 H620', 'level to day 25, down to 75%, level, down to 37.5% at day 75');
    assert.equal(paths[1], 'M64 20 H620', 'a curve with no event stays at 100%');
    const censors = [...svg.matchAll(/class="divert-chart__censor" x1="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(censors, [342, 620, 620]);
    assert.match(svg, /stroke-dasharray/, 'the second curve is dashed, not told apart by colour alone');
    assert.match(svg, />Comparison</);
  });

  test('one or two curves only', () => {
    assert.throws(() => survivalChartSvg([], options), RangeError);
  });
});
