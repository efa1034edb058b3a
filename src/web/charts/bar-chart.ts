// A horizontal bar chart drawn on the server as SVG: no script, sized by its viewBox so it scales to the page and
// prints, with a title and description for assistive technology. The data table beside it stays the source of truth.
import { escapeXml } from './svg.js';

/** One bar: `value` null is a figure not shown (suppressed), drawn as no bar with its marker text. */
export type BarDatum = { label: string; value: number | null; text?: string };

export type BarChartOptions = {
  /** Unique on the page; letters, digits and hyphens, starting with a letter. */
  id: string;
  title: string;
  /** What the chart shows, in words (read out by screen readers). */
  description: string;
  /** Text shown for a null value; defaults to "*". */
  hiddenText?: string;
};

const WIDTH = 640;
const LABEL_WIDTH = 250;
const VALUE_WIDTH = 60;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const PAD = 8;
const MAX_LABEL_CHARS = 36;

/** A label short enough for the label column: cut with an ellipsis past 36 characters (the full text is in the table and the bar's tooltip). */
function shortLabel(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1).trimEnd()}…` : label;
}

const fmt = (n: number): string => (Math.round(n * 100) / 100).toString();

/**
 * A horizontal bar chart as an SVG string: one row per datum in the given order, the bar's length proportional to its
 * value against the largest value (a linear scale from zero), the value printed at the end of each bar. Returns
 * `<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox=...>` with `<title>` and `<desc>`; every text is
 * XML-escaped. Bars are solid fills with an outline, so they print in colour or in grey. Throws a RangeError for an
 * id that is not a plain name or a value that is negative or not finite.
 */
export function barChart(data: readonly BarDatum[], options: BarChartOptions): string {
  const { id, title, description } = options;
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(id)) throw new RangeError(`A chart id must be letters, digits and hyphens: ${id}`);
  for (const d of data) {
    if (d.value !== null && (!Number.isFinite(d.value) || d.value < 0)) throw new RangeError(`A bar's value must be 0 or more: ${d.value}`);
  }
  const hiddenText = options.hiddenText ?? '*';
  const max = Math.max(0, ...data.map((d) => d.value ?? 0));
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH - PAD * 2;
  const height = Math.max(1, data.length) * ROW_HEIGHT + PAD * 2;
  const rows = data.map((d, i) => {
    const y = PAD + i * ROW_HEIGHT;
    const length = d.value === null || max === 0 ? 0 : (d.value / max) * barSpace;
    const x = LABEL_WIDTH + PAD;
    const valueText = d.text ?? (d.value === null ? hiddenText : String(d.value));
    const textY = fmt(y + ROW_HEIGHT / 2 + 4);
    return [
      `<g>`,
      `<title>${escapeXml(`${d.label}: ${valueText}`)}</title>`,
      `<text x="${LABEL_WIDTH}" y="${textY}" text-anchor="end" font-size="13">${escapeXml(shortLabel(d.label))}</text>`,
      length > 0 ? `<rect x="${x}" y="${fmt(y + (ROW_HEIGHT - BAR_HEIGHT) / 2)}" width="${fmt(length)}" height="${BAR_HEIGHT}" fill="#005eb8" stroke="#003087" stroke-width="1"/>` : '',
      `<text x="${fmt(x + length + 6)}" y="${textY}" font-size="13">${escapeXml(valueText)}</text>`,
      `</g>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMinYMin meet" font-family="Frutiger W01, Arial, sans-serif" fill="#212b32">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    `<line x1="${LABEL_WIDTH + PAD}" y1="${PAD}" x2="${LABEL_WIDTH + PAD}" y2="${height - PAD}" stroke="#425563" stroke-width="1"/>`,
    ...rows,
    `</svg>`,
  ].join('');
}

/** The most bars a chart is drawn with: past this, bars 28 units apart make a chart taller than several screens. */
export const MOST_BARS_READABLE = 40;

/**
 * The chart of `data`, or, when it has more bars than can be read at a glance (over MOST_BARS_READABLE: the national
 * dashboard's 200 sites made charts 6,000 units tall), a line saying its figures are in the table below it.
 */
export function barChartOrTableNote(data: readonly BarDatum[], options: BarChartOptions & { groups: string }): string {
  if (data.length <= MOST_BARS_READABLE) return barChart(data, options);
  return `<p class="nhsuk-body-s" id="${escapeXml(options.id)}-note">${escapeXml(`${options.title}: with ${data.length} ${options.groups}, too many for a chart, the figures are in the table below.`)}</p>`;
}
