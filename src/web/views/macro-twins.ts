// For the tests of the components drawn in TypeScript: each is rendered beside its nhsuk-frontend macro, and the two
// must give the same markup.
import { createViews } from '../views.js';

const views = createViews();

/** Markup with the layout whitespace taken out: between tags, and at the edges of an element's text. */
export const normalMarkup = (markup: string) => markup.replace(/>\s+/g, '>').replace(/\s+</g, '<').replace(/\s+/g, ' ').trim();

/** A component's markup through the macro (nhsuk/components/`file`) and through the TypeScript global of the same name. */
export function renderBoth(component: string, file: string, params: object): { macro: string; ours: string } {
  const macro = views.renderString(`{% from "nhsuk/components/${file}/macro.njk" import ${component} as m %}{{ m(params) }}`, { params });
  const ours = views.renderString(`{{ ${component}(params) }}`, { params });
  return { macro, ours };
}
