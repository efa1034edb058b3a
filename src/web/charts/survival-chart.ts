// A Kaplan-Meier chart drawn on the server: one or two step curves with censoring marks, axes and a legend, as an
// SVG image with its own title and description. No script; the page gives the same figures in a table beside it.
import { escapeXml } from './svg.js';

/** What the chart needs of a Kaplan-Meier step (see kaplanMeier in src/domain/statistics/survival.ts). */
export type ChartStep = { time: number; survival: number; censored: number };

export type ChartCurve = { label: string; steps: readonly ChartStep[] };

export type SurvivalChartOptions = {
  /** Read first by a screen reader (the <title>). */
  title: string;
  /** A sentence or two saying what the chart shows (the <desc>). */
  description: string;
  xLabel: string;
  yLabel: string;
  /** The end of the time axis; by default the last time of any curve. */
  maxTime?: number;
  /** Times to mark on the time axis; by default five even ticks. */
  xTicks?: readonly number[];
  /** Distinguishes ids when a page holds several charts. */
  id?: string;
};

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { top: 20, right: 20, bottom: 80, left: 64 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
/** Each curve differs by line pattern as well as colour, so it reads in greyscale and to those who cannot tell the colours apart. */
const STYLES = [
  { stroke: '#005eb8', dash: '' },
  { stroke: '#d5281b', dash: '8 5' },
] as const;

const round = (n: number): string => String(Math.round(n * 100) / 100);

/** The step path of one curve: from S = 1 at time 0, level until each step's time, then down to its survival. */
function stepPath(steps: readonly ChartStep[], x: (t: number) => number, y: (s: number) => number): string {
  let d = `M${round(x(0))} ${round(y(1))}`;
  let survival = 1;
  for (const step of steps) {
    d += ` H${round(x(step.time))}`;
    if (step.survival !== survival) {
      d += ` V${round(y(step.survival))}`;
      survival = step.survival;
    }
  }
  return d;
}

function defaultTicks(maxTime: number): number[] {
  const step = maxTime / 4;
  return [0, 1, 2, 3, 4].map((i) => Math.round(i * step));
}

/**
 * An SVG (role="img", with <title> and <desc> referenced by aria-labelledby) of one or two Kaplan-Meier survival
 * curves drawn as right-continuous step functions from S = 1 at time 0, each with a small vertical tick at every
 * time with a censoring (the usual convention of survival plots), a y axis from 0% to 100%, a time axis, and a
 * legend naming each curve. All text is escaped; the caller's numbers are used as they are.
 */
export function survivalChartSvg(curves: readonly ChartCurve[], options: SurvivalChartOptions): string {
  if (curves.length < 1 || curves.length > STYLES.length) throw new RangeError('A survival chart draws one or two curves');
  const lastTime = Math.max(1, ...curves.flatMap((c) => c.steps.map((s) => s.time)));
  const maxTime = options.maxTime ?? lastTime;
  const x = (t: number) => MARGIN.left + (Math.min(t, maxTime) / maxTime) * PLOT_W;
  const y = (s: number) => MARGIN.top + (1 - s) * PLOT_H;
  const id = escapeXml(options.id ?? 'survival-chart');
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" class="divert-chart">`);
  parts.push(`<title id="${id}-title">${escapeXml(options.title)}</title>`);
  parts.push(`<desc id="${id}-desc">${escapeXml(options.description)}</desc>`);
  // Grid and y axis: 0% to 100% by 25%.
  for (const s of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${round(y(s))}" y2="${round(y(s))}" stroke="#d8dde0" stroke-width="1"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${round(y(s) + 4)}" text-anchor="end" font-size="12" fill="#212b32">${Math.round(s * 100)}%</text>`);
  }
  // Time axis.
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${round(y(0))}" y2="${round(y(0))}" stroke="#212b32" stroke-width="1"/>`);
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${round(y(0))}" stroke="#212b32" stroke-width="1"/>`);
  for (const t of options.xTicks ?? defaultTicks(maxTime)) {
    if (t < 0 || t > maxTime) continue;
    parts.push(`<line x1="${round(x(t))}" x2="${round(x(t))}" y1="${round(y(0))}" y2="${round(y(0) + 5)}" stroke="#212b32"/>`);
    parts.push(`<text x="${round(x(t))}" y="${round(y(0) + 18)}" text-anchor="middle" font-size="12" fill="#212b32">${escapeXml(String(t))}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + PLOT_W / 2}" y="${round(y(0) + 38)}" text-anchor="middle" font-size="13" fill="#212b32">${escapeXml(options.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle" font-size="13" fill="#212b32">${escapeXml(options.yLabel)}</text>`);
  curves.forEach((curve, i) => {
    const style = STYLES[i]!;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    parts.push(`<g class="divert-chart__curve" data-curve="${i}">`);
    parts.push(`<path d="${stepPath(curve.steps, x, y)}" fill="none" stroke="${style.stroke}" stroke-width="2.5"${dash}/>`);
    for (const step of curve.steps.filter((s) => s.censored > 0 && s.time <= maxTime)) {
      parts.push(`<line class="divert-chart__censor" x1="${round(x(step.time))}" x2="${round(x(step.time))}" y1="${round(y(step.survival) - 5)}" y2="${round(y(step.survival) + 5)}" stroke="${style.stroke}" stroke-width="1.5"/>`);
    }
    parts.push('</g>');
    // Legend under the axis label, with the line pattern shown.
    const ly = HEIGHT - 14;
    const lx = MARGIN.left + i * (PLOT_W / 2);
    parts.push(`<line x1="${lx}" x2="${lx + 28}" y1="${ly - 4}" y2="${ly - 4}" stroke="${style.stroke}" stroke-width="2.5"${dash}/>`);
    parts.push(`<text x="${lx + 34}" y="${ly}" font-size="13" fill="#212b32">${escapeXml(curve.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
