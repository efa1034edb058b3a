// The label, hint and error message that the design system's form components put around their fields, as the
// nhsuk-frontend macros draw them (each component's test renders it beside its macro).
import { html, refuseOthers } from './components.js';

export type LabelParams = { text?: unknown; html?: unknown; size?: string; classes?: string };
export type MessageParams = { text?: unknown } | null | false | undefined;

/** The sizes of a label or legend. */
const SIZES = ['s', 'm', 'l', 'xl'];

/** An attribute as the macros write it: left out when its value is undefined, null or false. */
export const optionalAttribute = (name: string, value: unknown): string =>
  value === undefined || value === null || value === false ? '' : ` ${name}="${html(value)}"`;

/** The aria-describedby of a field described by the hint and error message ids given, if any. */
export const describedByAttribute = (ids: readonly string[]): string => optionalAttribute('aria-describedby', ids.length ? ids.join(' ') : undefined);

/** A field's label, or nothing when it has no text; `html` is markup as given, `text` is escaped. */
export function labelFor(component: string, forId: string, label: LabelParams | undefined, extraClass = ''): string {
  if (!label) return '';
  refuseOthers(`${component} label`, label, ['text', 'html', 'size', 'classes']);
  if (!label.html && !label.text) return '';
  const classes = label.classes ?? '';
  let classNames = `nhsuk-label${extraClass}`;
  if (label.size && SIZES.includes(label.size) && !SIZES.some((s) => classes.includes(`nhsuk-label--${s}`))) classNames += ` nhsuk-label--${label.size}`;
  if (classes) classNames += ` ${classes}`;
  const content = label.html ? String(label.html).trim() : html(String(label.text).trim());
  return `<label class="${classNames}" for="${html(forId)}">${content}</label>`;
}

/** The text of a hint or error message given as { text }, after checking it has no other option. */
function messageText(component: string, kind: string, message: MessageParams): unknown {
  if (!message) return undefined;
  refuseOthers(`${component} ${kind}`, message, ['text']);
  return message.text || undefined;
}

const hintMarkup = (id: string, text: unknown) => `<div class="nhsuk-hint" id="${html(id)}-hint">${html(String(text).trim())}</div>`;

const errorMarkup = (id: string, text: unknown) =>
  `<span class="nhsuk-error-message" id="${html(id)}-error"><span class="nhsuk-u-visually-hidden">Error: </span>${html(String(text).trim())}</span>`;

/** A field's hint and error message: their markup in order, the ids a field is described by, and the error's text. */
export function fieldMessages(component: string, id: string, hint: MessageParams, errorMessage: MessageParams): { markup: string[]; describedBy: string[]; errorText: unknown } {
  const hintText = messageText(component, 'hint', hint);
  const errorText = messageText(component, 'error message', errorMessage);
  const markup: string[] = [];
  const describedBy: string[] = [];
  if (hintText) {
    describedBy.push(`${id}-hint`);
    markup.push(hintMarkup(id, hintText));
  }
  if (errorText) {
    describedBy.push(`${id}-error`);
    markup.push(errorMarkup(id, errorText));
  }
  return { markup, describedBy, errorText };
}

export type FieldsetParams = { legend?: { text?: unknown; html?: unknown; size?: string } };

/** Fields grouped in a fieldset under its legend; `role` as the component gives it (the date input's is "group"). */
export function inFieldset(component: string, fieldset: FieldsetParams, describedBy: string[], inner: string, role?: string): string {
  refuseOthers(`${component} fieldset`, fieldset, ['legend']);
  const legend = fieldset.legend;
  if (legend) refuseOthers(`${component} legend`, legend, ['text', 'html', 'size']);
  const size = legend?.size && SIZES.includes(legend.size) ? ` nhsuk-fieldset__legend--${legend.size}` : '';
  const content = legend?.html ? String(legend.html).trim() : legend?.text ? html(String(legend.text).trim()) : '';
  const legendMarkup = content ? `<legend class="nhsuk-fieldset__legend${size}">${content}</legend>\n` : '';
  return `<fieldset class="nhsuk-fieldset"${optionalAttribute('role', role)}${describedByAttribute(describedBy)}>\n${legendMarkup}${inner}\n</fieldset>`;
}
