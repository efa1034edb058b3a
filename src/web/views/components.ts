// The NHS design system's table, tag and summary list, written out in TypeScript for the pages that draw them many times (today's
// list, search results, the case lists, every record's details). They give the same markup as nhsuk-frontend's macros for
// the options Divert uses (components.test.ts renders both and compares), at a small fraction of the cost: a
// Nunjucks macro call per cell made today's list of 120 referrals spend most of its time in the template engine.
// An option they do not know is refused rather than dropped, so a page that needs one imports the macro instead.
import nunjucks from 'nunjucks';

export type Safe = InstanceType<typeof nunjucks.runtime.SafeString>;
const { SafeString } = nunjucks.runtime;

/** nunjucks's own escaping, the one its autoescape uses (its type declarations leave it out). */
const escape = (nunjucks.lib as unknown as { escape: (text: string) => string }).escape;

/** Text as nunjucks's autoescape writes it; markup marked safe passes as it is. */
export function html(value: unknown): string {
  if (value instanceof SafeString) return String(value);
  if (value === null || value === undefined) return '';
  return escape(String(value));
}

export function refuseOthers(component: string, params: object, known: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) throw new Error(`The ${component} component does not take "${key}": import the nhsuk-frontend macro for that page`);
  }
}

const TAG_COLOURS = ['white', 'grey', 'green', 'aqua-green', 'blue', 'purple', 'pink', 'red', 'orange', 'yellow'];

export type TagParams = { text?: unknown; html?: unknown; classes?: string; colour?: string; id?: string };

/** nhsuk-frontend's tag: <strong class="nhsuk-tag …">text</strong>. */
export function tag(params: TagParams): Safe {
  refuseOthers('tag', params, ['text', 'html', 'classes', 'colour', 'id']);
  let classNames = 'nhsuk-tag';
  const classes = params.classes ?? '';
  if (params.colour && TAG_COLOURS.includes(params.colour) && !TAG_COLOURS.some((c) => classes.includes(`nhsuk-tag--${c}`))) classNames += ` nhsuk-tag--${params.colour}`;
  if (classes) classNames += ` ${classes}`;
  const content = params.html ? String(params.html).trim() : params.text ? html(String(params.text).trim()) : '';
  return new SafeString(`<strong class="${classNames}"${params.id ? ` id="${html(params.id)}"` : ''}>${content}</strong>`);
}

export type TableCell = { text?: unknown; html?: unknown; format?: string; classes?: string };
export type TableParams = { caption?: string; captionSize?: string; firstCellIsHeader?: boolean; head?: TableCell[]; rows?: TableCell[][]; classes?: string; id?: string };
const CELL_OPTIONS = ['text', 'html', 'format', 'classes'] as const;

function cell(item: TableCell, element: 'th' | 'td', scope: 'col' | 'row' | null, headFormat: string | undefined): string {
  refuseOthers('table cell', item, CELL_OPTIONS);
  const base = element === 'th' ? 'nhsuk-table__header' : 'nhsuk-table__cell';
  const format = item.format ?? headFormat;
  let classNames = base;
  if (format === 'numeric' && !(item.classes ?? '').includes(`${base}--numeric`)) classNames += ` ${base}--numeric`;
  if (item.classes) classNames += ` ${item.classes}`;
  const content = item.html ? String(item.html).trim() : item.text !== undefined && item.text !== null && item.text !== '' ? html(String(item.text).trim()) : '';
  return `<${element} class="${classNames}"${scope ? ` scope="${scope}"` : ''}>${content}</${element}>`;
}

/** nhsuk-frontend's table: caption, head and rows of cells given as text or html. */
export function table(params: TableParams): Safe {
  refuseOthers('table', params, ['caption', 'captionSize', 'firstCellIsHeader', 'head', 'rows', 'classes', 'id']);
  const head = params.head ?? [];
  const parts: string[] = [`<table class="nhsuk-table${params.classes ? ` ${params.classes}` : ''}"${params.id ? ` id="${html(params.id)}"` : ''}>`];
  if (params.caption) {
    const size = params.captionSize && ['s', 'm', 'l', 'xl'].includes(params.captionSize) ? ` nhsuk-table__caption--${params.captionSize}` : '';
    parts.push(`<caption class="nhsuk-table__caption${size}">${html(params.caption)}</caption>`);
  }
  if (head.length > 0) parts.push(`<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">\n${head.map((h) => cell(h, 'th', 'col', undefined)).join('\n')}\n</tr></thead>`);
  parts.push('<tbody class="nhsuk-table__body">');
  for (const row of params.rows ?? []) {
    parts.push('<tr class="nhsuk-table__row">');
    row.forEach((item, i) => {
      const header = i === 0 && params.firstCellIsHeader;
      parts.push(cell(item, header ? 'th' : 'td', header ? 'row' : null, head[i]?.format));
    });
    parts.push('</tr>');
  }
  parts.push('</tbody></table>');
  return new SafeString(parts.join('\n'));
}

type Content = { text?: unknown; html?: unknown; classes?: string };
export type SummaryAction = { href?: string; text?: unknown; html?: unknown; visuallyHiddenText?: unknown; classes?: string };
export type SummaryRow = { key?: Content; value?: Content; actions?: { items?: SummaryAction[] } | SummaryAction[]; classes?: string };
export type SummaryListParams = { rows?: Array<SummaryRow | null | undefined | '' | false>; classes?: string; id?: string };

const isMapping = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !(x instanceof SafeString) && !Array.isArray(x);

function content(c: Content | undefined, what: string): string {
  if (!c) return '';
  refuseOthers(what, c, ['text', 'html', 'classes']);
  return c.html ? String(c.html).trim() : c.text ? html(String(c.text).trim()) : '';
}

function action(a: SummaryAction): string {
  refuseOthers('summary list action', a, ['href', 'text', 'html', 'visuallyHiddenText', 'classes']);
  const label = a.html ? String(a.html).trim() : a.text ? html(String(a.text).trim()) : '';
  const hidden = a.visuallyHiddenText ? `<span class="nhsuk-u-visually-hidden"> ${html(a.visuallyHiddenText)}</span>` : '';
  return `<a class="nhsuk-link${a.classes ? ` ${a.classes}` : ''}" href="${html(a.href || '#')}">${label}${hidden}</a>`;
}

/** nhsuk-frontend's summary list: rows of key, value and actions (links). */
export function summaryList(params: SummaryListParams): Safe {
  refuseOthers('summary list', params, ['rows', 'classes', 'id']);
  const rows = (params.rows ?? []).filter(isMapping) as SummaryRow[];
  const actionsOf = (row: SummaryRow) => ((Array.isArray(row.actions) ? row.actions : row.actions?.items) ?? []).filter(isMapping) as SummaryAction[];
  const hasActions = rows.some((r) => actionsOf(r).length > 0);
  const parts = [`<dl class="nhsuk-summary-list${params.classes ? ` ${params.classes}` : ''}"${params.id ? ` id="${html(params.id)}"` : ''}>`];
  for (const row of rows) {
    refuseOthers('summary list row', row, ['key', 'value', 'actions', 'classes']);
    if (row.actions && !Array.isArray(row.actions)) refuseOthers('summary list actions', row.actions, ['items']);
    const actions = actionsOf(row);
    let classNames = 'nhsuk-summary-list__row';
    if (hasActions && actions.length === 0) classNames += ' nhsuk-summary-list__row--no-actions';
    if (row.classes) classNames += ` ${row.classes}`;
    const keyClasses = `nhsuk-summary-list__key${row.key?.classes ? ` ${row.key.classes}` : ''}`;
    const valueClasses = `nhsuk-summary-list__value${row.value?.classes ? ` ${row.value.classes}` : ''}`;
    parts.push(`<div class="${classNames}">\n<dt class="${keyClasses}">${content(row.key, 'summary list key')}</dt>\n<dd class="${valueClasses}">${content(row.value, 'summary list value')}</dd>`);
    if (actions.length === 1) parts.push(`<dd class="nhsuk-summary-list__actions">${action(actions[0]!)}</dd>`);
    else if (actions.length > 1) {
      parts.push(`<dd class="nhsuk-summary-list__actions"><ul class="nhsuk-summary-list__actions-list">${actions.map((a) => `<li class="nhsuk-summary-list__actions-list-item">${action(a)}</li>`).join('\n')}</ul></dd>`);
    }
    parts.push('</div>');
  }
  parts.push('</dl>');
  return new SafeString(parts.join('\n'));
}
