// nhsuk-frontend's textarea, written out in TypeScript like the text input: the same markup as the macro for the
// options Divert uses (textarea-component.test.ts renders both and compares). Most forms of a case have one or more,
// and through the macro, with its label, hint, error message and attribute macros, one cost about 40 µs of a page.
// An option it does not know is refused rather than dropped, so a page that needs one imports the macro instead.
import nunjucks from 'nunjucks';
import { html, refuseOthers, type Safe } from './components.js';
import { describedByAttribute, fieldMessages, labelFor, type LabelParams, type MessageParams } from './form-parts.js';

const { SafeString } = nunjucks.runtime;

export type TextareaParams = {
  id?: string;
  name: string;
  rows?: number | string;
  value?: unknown;
  label?: LabelParams;
  hint?: MessageParams;
  errorMessage?: MessageParams;
  classes?: string;
  spellcheck?: boolean;
  autocomplete?: string;
};

export function textarea(params: TextareaParams): Safe {
  refuseOthers('textarea', params, ['id', 'name', 'rows', 'value', 'label', 'hint', 'errorMessage', 'classes', 'spellcheck', 'autocomplete']);
  const id = params.id || params.name;
  const { markup, describedBy, errorText } = fieldMessages('textarea', id, params.hint, params.errorMessage);
  const classes = `nhsuk-textarea${errorText ? ' nhsuk-textarea--error' : ''}${params.classes ? ` ${params.classes}` : ''}`;
  const spellcheck = params.spellcheck === true || params.spellcheck === false ? ` spellcheck="${params.spellcheck}"` : '';
  const autocomplete = params.autocomplete ? ` autocomplete="${html(params.autocomplete)}"` : '';
  // The value is the element's content as it stands: whitespace in it is what the user typed.
  const field = `<textarea class="${html(classes)}" id="${html(id)}" name="${html(params.name)}" rows="${html(params.rows || 5)}"${spellcheck}${describedByAttribute(describedBy)}${autocomplete}>${html(params.value)}</textarea>`;
  return new SafeString([`<div class="nhsuk-form-group${errorText ? ' nhsuk-form-group--error' : ''}">`, labelFor('textarea', id, params.label), ...markup, field, '</div>'].join('\n'));
}
