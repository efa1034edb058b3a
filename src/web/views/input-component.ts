// nhsuk-frontend's text input, written out in TypeScript like the table and summary list (components.ts): the same
// markup as the macro for the options Divert uses (input-component.test.ts renders both and compares). Through the
// macro, with its label, hint, error message and attribute macros, one input cost about 100 µs of a page.
// An option it does not know is refused rather than dropped, so a page that needs one imports the macro instead.
import nunjucks from 'nunjucks';
import { html, refuseOthers, type Safe } from './components.js';

const { SafeString } = nunjucks.runtime;

export type InputParams = {
  name: string;
  id?: string;
  type?: string;
  value?: unknown;
  label?: { text?: unknown; classes?: string };
  hint?: { text?: unknown };
  errorMessage?: { text?: unknown } | null | false;
  classes?: string;
  width?: number | string;
  autocomplete?: string;
  spellcheck?: boolean;
  inputmode?: string;
};

const WIDTHS = ['2', '3', '4', '5', '10', '20', '30'];

/** An attribute the macro leaves out when it has no value (undefined, null or false). */
const optional = (name: string, value: unknown) => (value === undefined || value === null || value === false ? '' : ` ${name}="${html(value)}"`);

export function input(params: InputParams): Safe {
  refuseOthers('input', params, ['name', 'id', 'type', 'value', 'label', 'hint', 'errorMessage', 'classes', 'width', 'autocomplete', 'spellcheck', 'inputmode']);
  if (params.label) refuseOthers('input label', params.label, ['text', 'classes']);
  if (params.hint) refuseOthers('input hint', params.hint, ['text']);
  if (params.errorMessage) refuseOthers('input error message', params.errorMessage, ['text']);
  const id = params.id || params.name;
  const classes = params.classes ?? '';
  const errorText = params.errorMessage ? params.errorMessage.text : undefined;
  let inputClasses = 'nhsuk-input';
  let groupClasses = 'nhsuk-form-group';
  if (errorText) {
    inputClasses += ' nhsuk-input--error';
    groupClasses += ' nhsuk-form-group--error';
  }
  if (params.width && WIDTHS.includes(String(params.width)) && !WIDTHS.some((w) => classes.includes(`nhsuk-input--width-${w}`))) inputClasses += ` nhsuk-input--width-${params.width}`;
  if (classes) inputClasses += ` ${classes}`;

  const parts = [`<div class="${groupClasses}">`];
  const labelText = params.label?.text;
  if (labelText) parts.push(`<label class="nhsuk-label${params.label?.classes ? ` ${params.label.classes}` : ''}" for="${html(id)}">${html(String(labelText).trim())}</label>`);
  const describedBy: string[] = [];
  if (params.hint?.text) {
    describedBy.push(`${id}-hint`);
    parts.push(`<div class="nhsuk-hint" id="${html(id)}-hint">${html(String(params.hint.text).trim())}</div>`);
  }
  if (errorText) {
    describedBy.push(`${id}-error`);
    parts.push(`<span class="nhsuk-error-message" id="${html(id)}-error"><span class="nhsuk-u-visually-hidden">Error: </span>${html(String(errorText).trim())}</span>`);
  }
  const spellcheck = params.spellcheck === true || params.spellcheck === false ? String(params.spellcheck) : undefined;
  parts.push(
    `<input class="${inputClasses}" id="${html(id)}" name="${html(params.name)}" type="${html(params.type || 'text')}"` +
      optional('spellcheck', spellcheck) +
      optional('value', params.value) +
      optional('aria-describedby', describedBy.length ? describedBy.join(' ') : undefined) +
      optional('autocomplete', params.autocomplete) +
      optional('inputmode', params.inputmode) +
      '>',
  );
  parts.push('</div>');
  return new SafeString(parts.join('\n'));
}
