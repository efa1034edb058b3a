// nhsuk-frontend's select, written out in TypeScript like the text input: the same markup as the macro for the options
// Divert uses (select-component.test.ts renders both and compares). Through the macro, with its label, hint, error
// message and attribute macros and a loop over the options, one select cost about 60 µs of a page.
// An option it does not know is refused rather than dropped, so a page that needs one imports the macro instead.
import nunjucks from 'nunjucks';
import { html, refuseOthers, type Safe } from './components.js';
import { describedByAttribute, fieldMessages, labelFor, type LabelParams, type MessageParams } from './form-parts.js';

const { SafeString } = nunjucks.runtime;

export type SelectItem = { value?: unknown; text?: unknown; selected?: boolean };
export type SelectParams = { id?: string; name: string; label?: LabelParams; hint?: MessageParams; errorMessage?: MessageParams; items?: SelectItem[] | null };

export function select(params: SelectParams): Safe {
  refuseOthers('select', params, ['id', 'name', 'label', 'hint', 'errorMessage', 'items']);
  const id = params.id || params.name;
  const { markup, describedBy, errorText } = fieldMessages('select', id, params.hint, params.errorMessage);
  const parts = [`<div class="nhsuk-form-group${errorText ? ' nhsuk-form-group--error' : ''}">`, labelFor('select', id, params.label), ...markup];
  parts.push(`<select class="nhsuk-select${errorText ? ' nhsuk-select--error' : ''}" id="${html(id)}" name="${html(params.name)}"${describedByAttribute(describedBy)}>`);
  for (const item of params.items ?? []) {
    if (!item) continue;
    refuseOthers('select item', item, ['value', 'text', 'selected']);
    const value = item.value !== undefined ? ` value="${html(item.value)}"` : '';
    parts.push(`<option${value}${item.selected ? ' selected' : ''}>${html(item.text)}</option>`);
  }
  parts.push('</select>', '</div>');
  return new SafeString(parts.join('\n'));
}
