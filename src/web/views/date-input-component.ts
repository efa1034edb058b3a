// nhsuk-frontend's date input (day, month and year boxes in a fieldset), written out in TypeScript like the text input:
// the same markup as the macro for the options Divert uses (date-input-component.test.ts renders both and compares).
// Through the macro, with its fieldset, legend, hint, error message and three text inputs, one date cost about 400 µs
// of a page: more than the rest of the dashboard's form, and of most forms with a date.
// An option it does not know is refused rather than dropped, so a page that needs one imports the macro instead.
import nunjucks from 'nunjucks';
import { html, refuseOthers, type Safe } from './components.js';
import { fieldMessages, inFieldset, optionalAttribute, type FieldsetParams, type MessageParams } from './form-parts.js';

const { SafeString } = nunjucks.runtime;

type Box = 'day' | 'month' | 'year';
export type DateItem = { name: Box; value?: unknown; classes?: string };
export type DateInputParams = {
  id: string;
  namePrefix?: string;
  fieldset?: FieldsetParams;
  hint?: MessageParams;
  errorMessage?: MessageParams;
  items?: DateItem[];
  values?: Partial<Record<Box, unknown>> | null;
};

const BOXES: readonly Box[] = ['day', 'month', 'year'];
const LABELS: Record<Box, string> = { day: 'Day', month: 'Month', year: 'Year' };
const WIDTHS: Record<Box, number> = { day: 2, month: 2, year: 4 };
const WIDTH_CLASS = /nhsuk-input--width-(2|3|4|5|10|20|30)\b/;


export function dateInput(params: DateInputParams): Safe {
  refuseOthers('date input', params, ['id', 'namePrefix', 'fieldset', 'hint', 'errorMessage', 'items', 'values']);
  const items = params.items?.length ? params.items : BOXES.map((name) => ({ name }) as DateItem);
  for (const item of items) {
    refuseOthers('date input item', item, ['name', 'value', 'classes']);
    if (!BOXES.includes(item.name)) throw new Error(`The date input component draws day, month and year boxes, not "${String(item.name)}": import the nhsuk-frontend macro for that page`);
  }

  const id = params.id;
  const { markup, describedBy, errorText } = fieldMessages('date input', id, params.hint, params.errorMessage);
  const anyItemHasError = items.some((item) => (item.classes ?? '').includes('nhsuk-input--error'));

  const boxes = items.map((item) => {
    const classes = (item.classes ?? '').trim();
    const boxError = !classes.includes('nhsuk-input--error') && Boolean(errorText) && !anyItemHasError;
    let inputClasses = 'nhsuk-input';
    if (boxError) inputClasses += ' nhsuk-input--error';
    if (!WIDTH_CLASS.test(classes)) inputClasses += ` nhsuk-input--width-${WIDTHS[item.name]}`;
    inputClasses += ` ${`nhsuk-date-input__input ${classes}`.trim()}`;
    const value = item.value !== undefined ? item.value : params.values?.[item.name];
    const name = params.namePrefix ? `${params.namePrefix}[${item.name}]` : item.name;
    return (
      `<div class="nhsuk-date-input__item"><div class="nhsuk-form-group${boxError ? ' nhsuk-form-group--error' : ''}">` +
      `<label class="nhsuk-label nhsuk-date-input__label" for="${html(id)}-${item.name}">${LABELS[item.name]}</label>` +
      `<input class="${inputClasses}" id="${html(id)}-${item.name}" name="${html(name)}" type="text"${optionalAttribute('value', value)} inputmode="numeric">` +
      '</div></div>'
    );
  });

  const parts = [...markup, `<div class="nhsuk-date-input" id="${html(id)}">${boxes.join('\n')}</div>`];

  const group = `nhsuk-form-group${errorText || anyItemHasError ? ' nhsuk-form-group--error' : ''}`;
  if (!params.fieldset) return new SafeString(`<div class="${group}">\n${parts.join('\n')}\n</div>`);
  return new SafeString(`<div class="${group}">\n${inFieldset('date input', params.fieldset, describedBy, parts.join('\n'), 'group')}\n</div>`);
}
