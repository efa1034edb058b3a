// The rows of "My cases" and of the due lists, drawn in TypeScript: a practitioner's list is 30 cases or a hundred
// due items, and through the template each row's dozen lookups, filters and tags were a tenth of the page's work.
// The markup is the template's (caseload-table-bodies.test.ts renders both and compares); the tables around them
// stay in pages/caseload/cases.njk and pages/due/list.njk.
import nunjucks from 'nunjucks';
import { longDate } from '../../domain/calendar-date.js';
import type { caseloadRows, dueRows } from '../routes/cases/caseload-view.js';
import { html, tag, type Safe } from './components.js';
import { dateTime } from './date-time.js';

type CaseloadRow = ReturnType<typeof caseloadRows>[number];
type DueRow = ReturnType<typeof dueRows>[number];

/** A responsive table's cell: the column's heading, shown on narrow screens only, then the content. */
const cell = (heading: string, content: string) =>
  `<td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">${heading} </span>${content}</td>`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function caseloadRow(r: CaseloadRow): string {
  const person = `<th scope="row" role="rowheader" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Person </span><a href="${html(r.href)}">${html(r.personName)}</a>`
    + (r.dateOfBirth ? `<br><span class="nhsuk-body-s">Born ${html(longDate(r.dateOfBirth))}</span>` : '')
    + (r.status ? `<br><span class="nhsuk-body-s">${html(r.status)}</span>` : '')
    + '</th>';
  const clock = `${tag({ text: r.clock.label, classes: r.clock.tagClass })}<br><span class="nhsuk-body-s">${html(r.clock.detail)}${r.clock.endsOn ? ` ${html(longDate(r.clock.endsOn))}` : ''}</span>`;
  const engagement = `${tag({ text: r.engagement.label, classes: r.engagement.tagClass })}${r.engagement.detail ? `<br><span class="nhsuk-body-s">${html(r.engagement.detail)}</span>` : ''}`;
  const review = r.nextReview
    ? `${html(longDate(r.nextReview.dueOn))}${r.nextReview.overdue ? ` ${tag({ text: 'Overdue', classes: 'nhsuk-tag--red' })}` : ''}`
    : 'None set';
  const due = r.dueCount === 0 ? 'Nothing' : `${plural(r.dueCount, 'item', 'items')}${r.overdueCount ? `, ${r.overdueCount} overdue` : ''}`;
  return `<tr role="row" class="nhsuk-table__row">${person}${cell('Opened', html(dateTime(r.openedAt)))}${cell('12-week clock', clock)}${cell('Engagement', engagement)}${cell('Next review', review)}${cell('Due', due)}</tr>`;
}

/** The rows of a caseload table (My cases, a worker's cases), most urgent first as given. */
export function caseloadTableBody(rows: readonly CaseloadRow[]): Safe {
  return new nunjucks.runtime.SafeString(rows.map(caseloadRow).join('\n'));
}

function dueRow(r: DueRow, showWorker: boolean): string {
  const when = `${html(longDate(r.dueOn))}<br>${r.overdue ? tag({ text: 'Overdue', classes: 'nhsuk-tag--red' }) : tag({ text: 'Due', classes: 'nhsuk-tag--blue' })}`;
  const what = `<a href="${html(r.href)}">${html(r.label)}<span class="nhsuk-u-visually-hidden"> for ${html(r.personName)}</span></a><br><span class="nhsuk-body-s">${html(r.text)}</span>`;
  return `<tr role="row" class="nhsuk-table__row">${cell('Due', when)}${cell('Person', html(r.personName))}${cell('What', what)}${showWorker ? cell('Worker', html(r.workerName || 'Not allocated')) : ''}</tr>`;
}

/** The rows of a due list, in the order given; with the worker's column for the team's list. */
export function dueTableBody(rows: readonly DueRow[], showWorker: boolean): Safe {
  return new nunjucks.runtime.SafeString(rows.map((r) => dueRow(r, showWorker)).join('\n'));
}
