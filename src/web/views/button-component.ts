// nhsuk-frontend's button, written out in TypeScript like the text input: the same markup as the macro for the
// options Divert uses (button-component.test.ts renders both and compares). Nearly every form has one, and through
// the macro, with its attribute and icon macros, one button cost about 45 µs of a page.
// An option it does not know is refused rather than dropped, so a page that needs one imports the macro instead.
import nunjucks from 'nunjucks';
import { html, refuseOthers, type Safe } from './components.js';
import { optionalAttribute } from './form-parts.js';

const { SafeString } = nunjucks.runtime;

export type ButtonParams = { text?: unknown; html?: unknown; classes?: string; href?: string; name?: string; value?: unknown };

/** A submit button, or with `href` a link that looks like one. `html` is markup as given; `text` is escaped. */
export function button(params: ButtonParams): Safe {
  refuseOthers('button', params, ['text', 'html', 'classes', 'href', 'name', 'value']);
  const classes = `nhsuk-button${params.classes ? ` ${params.classes}` : ''}`;
  const content = params.html ? String(params.html).trim() : params.text ? html(String(params.text).trim()) : '';
  if (params.href) {
    return new SafeString(`<a class="${html(classes)}" data-module="nhsuk-button" href="${html(params.href)}" role="button" draggable="false">\n  ${content}\n</a>`);
  }
  return new SafeString(`<button class="${html(classes)}"${optionalAttribute('name', params.name)} data-module="nhsuk-button" type="submit"${optionalAttribute('value', params.value)}>\n  ${content}\n</button>`);
}
