// nhsuk-frontend's text input, written out in TypeScript like the table and summary list (components.ts): the same
// markup as the macro for the options Divert uses (input-component.test.ts renders both and compares). Through the
// macro, with its label, hint, error message and attribute macros, one input cost about 100 µs of a page.
// An option it does not know is refused rather than dropped, so a page that needs one imports the macro instead.
import nunjucks from 'nunjucks';
import { html, refuseOthers, type Safe } from './components.js';
import { describedByAttribute, fieldMessages, labelFor, optionalAttribute, type LabelParams, type MessageParams } from './form-parts.js';

const { SafeString } = nunjucks.runtime;

export type InputParams = {
  name: string;
  id?: string;
  type?: string;
  value?: unknown;
  label?: LabelParams;
  hint?: MessageParams;
  errorMessage?: MessageParams;
  classes?: string;
  width?: number | string;
  autocomplete?: string;
  spellcheck?: boolean;
  inputmode?: string;
};

const WIDTHS = ['2', '3', '4', '5', '10', '20', '30'];


export function input(params: InputParams): Safe {
  refuseOthers('input', params, ['name', 'id', 'type', 'value', 'label', 'hint', 'errorMessage', 'classes', 'width', 'autocomplete', 'spellcheck', 'inputmode']);
  const id = params.id || params.name;
  const classes = params.classes ?? '';
  const { markup, describedBy, errorText } = fieldMessages('input', id, params.hint, params.errorMessage);
  let inputClasses = 'nhsuk-input';
  let groupClasses = 'nhsuk-form-group';
  if (errorText) {
    inputClasses += ' nhsuk-input--error';
    groupClasses += ' nhsuk-form-group--error';
  }
  if (params.width && WIDTHS.includes(String(params.width)) && !WIDTHS.some((w) => classes.includes(`nhsuk-input--width-${w}`))) inputClasses += ` nhsuk-input--width-${params.width}`;
  if (classes) inputClasses += ` ${classes}`;

  const parts = [`<div class="${groupClasses}">`, labelFor('input', id, params.label), ...markup];
  const spellcheck = params.spellcheck === true || params.spellcheck === false ? String(params.spellcheck) : undefined;
  parts.push(
    `<input class="${inputClasses}" id="${html(id)}" name="${html(params.name)}" type="${html(params.type || 'text')}"` +
      optionalAttribute('spellcheck', spellcheck) +
      optionalAttribute('value', params.value) +
      describedByAttribute(describedBy) +
      optionalAttribute('autocomplete', params.autocomplete) +
      optionalAttribute('inputmode', params.inputmode) +
      '>',
  );
  parts.push('</div>');
  return new SafeString(parts.join('\n'));
}
