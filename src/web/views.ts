// The Nunjucks environment: our templates plus the NHS design system's macros.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { ROLE_LABELS } from '../domain/roles.js';
import { SITE_KIND_LABELS } from '../domain/site-kinds.js';
import { PATHWAY_LABELS } from '../domain/pathways.js';
import { longDate } from '../domain/calendar-date.js';
import { dateTime } from './views/date-time.js';
import { caseloadTableBody, dueTableBody } from './views/caseload-table-bodies.js';
import { summaryList, table, tag } from './views/components.js';
import { input } from './views/input-component.js';
import { dateInput } from './views/date-input-component.js';
import { button } from './views/button-component.js';
import { select } from './views/select-component.js';
import { textarea } from './views/textarea-component.js';
import { radios } from './views/radios-component.js';

const require = createRequire(import.meta.url);
export const NHSUK_DIST = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist');
export const VIEWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');

export { longDate };

export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS_DIR, NHSUK_DIST], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  // The built-in trim is slow on long text and the NHS macros call it everywhere.
  env.addFilter('trim', (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    const trimmed = text.trim();
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  env.addFilter('dateTime', dateTime);
  env.addFilter('longDate', longDate);
  env.addFilter('roleLabel', (role: keyof typeof ROLE_LABELS) => ROLE_LABELS[role] ?? role);
  env.addFilter('siteKindLabel', (kind: keyof typeof SITE_KIND_LABELS) => SITE_KIND_LABELS[kind] ?? kind);
  env.addFilter('pathwayLabel', (p: keyof typeof PATHWAY_LABELS) => PATHWAY_LABELS[p] ?? p);
  // The design system's table, tag, summary list and form fields in TypeScript (views/components.ts and the
  // views/*-component.ts beside it): the same markup as the macros, made without a template call per cell or field. A
  // page that imports the macro of the same name uses the macro.
  env.addGlobal('table', table);
  env.addGlobal('tag', tag);
  env.addGlobal('caseloadTableBody', caseloadTableBody);
  env.addGlobal('dueTableBody', dueTableBody);
  env.addGlobal('summaryList', summaryList);
  env.addGlobal('input', input);
  env.addGlobal('dateInput', dateInput);
  env.addGlobal('button', button);
  env.addGlobal('select', select);
  env.addGlobal('textarea', textarea);
  env.addGlobal('radios', radios);
  env.addGlobal('ROLE_LABELS', ROLE_LABELS);
  env.addGlobal('SITE_KIND_LABELS', SITE_KIND_LABELS);
  env.addGlobal('PATHWAY_LABELS', PATHWAY_LABELS);
  return env;
}
