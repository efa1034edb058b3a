// nhsuk-frontend's radios, written out in TypeScript like the text input: the same markup as the macro for the options
// Divert uses (radios-component.test.ts renders both and compares). Screening, assessment and most case forms ask
// their questions with radios, and through the macro, with its fieldset, legend, label, hint and attribute macros and a
// macro per item, one set of three cost about 90 µs of a page.
// An option it does not know is refused rather than dropped, so a page that needs one imports the macro instead.
import nunjucks from 'nunjucks';
import { html, refuseOthers, type Safe } from './components.js';
import { fieldMessages, inFieldset, labelFor, type FieldsetParams, type MessageParams } from './form-parts.js';

const { SafeString } = nunjucks.runtime;

export type RadioItem = { value?: unknown; text?: unknown; html?: unknown; checked?: unknown; hint?: { text?: unknown } | null; conditional?: { html?: unknown } | null };
export type RadiosParams = {
  name: string;
  idPrefix?: string;
  fieldset?: FieldsetParams;
  hint?: MessageParams;
  errorMessage?: MessageParams;
  classes?: string;
  items?: (RadioItem | null | undefined | false)[] | null;
};

function radioItem(params: RadiosParams, idPrefix: string, item: RadioItem, index: number): string {
  refuseOthers('radios item', item, ['value', 'text', 'html', 'checked', 'hint', 'conditional']);
  if (item.hint) refuseOthers('radios item hint', item.hint, ['text']);
  if (item.conditional) refuseOthers('radios item conditional', item.conditional, ['html']);
  const id = index > 1 ? `${idPrefix}-${index}` : idPrefix;
  const checked = Boolean(item.checked);
  const hint = item.hint?.text ? `<div class="nhsuk-hint nhsuk-radios__hint" id="${html(id)}-item-hint">${html(String(item.hint.text).trim())}</div>` : '';
  const conditional = item.conditional?.html ? String(item.conditional.html).trim() : '';
  const controls = conditional ? ` data-aria-controls="conditional-${html(id)}"` : '';
  const describedBy = hint ? ` aria-describedby="${html(id)}-item-hint"` : '';
  const label = labelFor('radios item', id, { text: item.text, html: item.html }, ' nhsuk-radios__label');
  const parts = [
    '<div class="nhsuk-radios__item">',
    `<input class="nhsuk-radios__input" id="${html(id)}" name="${html(params.name)}" type="radio" value="${html(item.value)}"${checked ? ' checked' : ''}${controls}${describedBy}>`,
    label,
    hint,
    '</div>',
  ];
  if (conditional) parts.push(`<div class="nhsuk-radios__conditional${checked ? '' : ' nhsuk-radios__conditional--hidden'}" id="conditional-${html(id)}">\n${conditional}\n</div>`);
  return parts.filter(Boolean).join('\n');
}

export function radios(params: RadiosParams): Safe {
  refuseOthers('radios', params, ['name', 'idPrefix', 'fieldset', 'hint', 'errorMessage', 'classes', 'items']);
  const idPrefix = params.idPrefix || params.name;
  const { markup, describedBy, errorText } = fieldMessages('radios', idPrefix, params.hint, params.errorMessage);
  const items = (params.items ?? []).map((item, i) => (item ? radioItem(params, idPrefix, item, i + 1) : '')).filter(Boolean);
  const inner = [...markup, `<div class="nhsuk-radios${params.classes ? ` ${html(params.classes)}` : ''}" data-module="nhsuk-radios">\n${items.join('\n')}\n</div>`].join('\n');
  const group = `nhsuk-form-group${errorText ? ' nhsuk-form-group--error' : ''}`;
  return new SafeString(`<div class="${group}">\n${params.fieldset ? inFieldset('radios', params.fieldset, describedBy, inner) : inner}\n</div>`);
}
