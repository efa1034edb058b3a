// The caseload and due-list rows drawn in TypeScript give the markup the template's loops gave (kept here as they
// were), for every branch of a row and for hostile text, compared with the whitespace between tags set aside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createViews } from '../views.js';
import { caseloadRows, dueRows } from '../routes/cases/caseload-view.js';
import type { CaseloadEntry } from '../../services/cases/caseload.js';
import type { DueEntry } from '../../services/cases/due-list.js';
import { caseloadTableBody, dueTableBody } from './caseload-table-bodies.js';

const CASELOAD_LOOP = `    {% for r in rows %}
      <tr role="row" class="nhsuk-table__row">
        <th scope="row" role="rowheader" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Person </span><a href="{{ r.href }}">{{ r.personName }}</a>{% if r.dateOfBirth %}<br><span class="nhsuk-body-s">Born {{ r.dateOfBirth | longDate }}</span>{% endif %}{% if r.status %}<br><span class="nhsuk-body-s">{{ r.status }}</span>{% endif %}</th>
        <td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Opened </span>{{ r.openedAt | dateTime }}</td>
        <td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">12-week clock </span>{{ tag({ text: r.clock.label, classes: r.clock.tagClass }) }}<br><span class="nhsuk-body-s">{{ r.clock.detail }}{% if r.clock.endsOn %} {{ r.clock.endsOn | longDate }}{% endif %}</span></td>
        <td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Engagement </span>{{ tag({ text: r.engagement.label, classes: r.engagement.tagClass }) }}{% if r.engagement.detail %}<br><span class="nhsuk-body-s">{{ r.engagement.detail }}</span>{% endif %}</td>
        <td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Next review </span>{% if r.nextReview %}{{ r.nextReview.dueOn | longDate }}{% if r.nextReview.overdue %} {{ tag({ text: "Overdue", classes: "nhsuk-tag--red" }) }}{% endif %}{% else %}None set{% endif %}</td>
        <td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Due </span>{% if r.dueCount == 0 %}Nothing{% else %}{{ r.dueCount }} {{ "item" if r.dueCount == 1 else "items" }}{% if r.overdueCount %}, {{ r.overdueCount }} overdue{% endif %}{% endif %}</td>
      </tr>
    {% endfor %}`;

const DUE_LOOP = `    {% for r in rows %}
      <tr role="row" class="nhsuk-table__row">
        <td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Due </span>{{ r.dueOn | longDate }}<br>{{ tag({ text: "Overdue", classes: "nhsuk-tag--red" }) if r.overdue else tag({ text: "Due", classes: "nhsuk-tag--blue" }) }}</td>
        <td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Person </span>{{ r.personName }}</td>
        <td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">What </span><a href="{{ r.href }}">{{ r.label }}<span class="nhsuk-u-visually-hidden"> for {{ r.personName }}</span></a><br><span class="nhsuk-body-s">{{ r.text }}</span></td>
        {% if showWorker %}<td role="cell" class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Worker </span>{{ r.workerName or "Not allocated" }}</td>{% endif %}
      </tr>
    {% endfor %}`;

const views = createViews();
const squeeze = (markup: string) => markup.replace(/>\s+</g, '><').trim();
const HOSTILE = `<script>alert("x")</script> O'Brien & "Sons"`;

function entry(over: Partial<CaseloadEntry>): CaseloadEntry {
  return {
    caseId: 'c1', personId: 'p1', personName: 'Alex Example', dateOfBirth: '1990-02-03', caseStatus: 'open', openedAt: new Date('2026-10-01T08:30:00Z'), version: 1,
    clock: { started: true, state: 'on_track', week: 3, endsOn: '2026-12-24', daysLeft: 60 },
    engagement: { level: 'green', attended: 3, missed: 0 },
    nextReviewDue: { dueOn: '2026-12-10', overdue: false },
    dueCount: 2, overdueCount: 1, ...over,
  };
}

test('caseload rows: every branch of a row, and hostile names, as the template drew them', () => {
  const entries = [
    entry({}),
    entry({ caseId: 'c2', personName: HOSTILE, dateOfBirth: null, caseStatus: 'closure_requested', clock: { started: false, state: 'not_started', week: 0, endsOn: null, daysLeft: null }, engagement: { level: 'none', attended: 0, missed: 0 }, nextReviewDue: null, dueCount: 0, overdueCount: 0 }),
    entry({ caseId: 'c3', clock: { started: true, state: 'red', week: 14, endsOn: '2026-11-01', daysLeft: -33 }, engagement: { level: 'red', attended: 0, missed: 3 }, nextReviewDue: { dueOn: '2026-11-20', overdue: true }, dueCount: 1, overdueCount: 0 }),
  ];
  const rows = caseloadRows(entries);
  const expected = squeeze(views.renderString(CASELOAD_LOOP, { rows }));
  assert.equal(squeeze(String(caseloadTableBody(rows))), expected);
  assert.ok(expected.includes('&lt;script&gt;') && !expected.includes('<script>'), 'the hostile name is escaped');
  assert.equal(String(caseloadTableBody([])), '');
});

function due(over: Partial<DueEntry>): DueEntry {
  return { kind: 'review', caseId: 'c1', personName: 'Alex Example', dueOn: '2026-12-01', overdue: false, text: 'Plan review due', workerId: 'w1', workerName: 'Sam Worker', ...over } as DueEntry;
}

test('due rows: due and overdue, with and without the worker, and hostile text, as the template drew them', () => {
  const rows = dueRows([
    due({}),
    due({ kind: 'missed_contact', personName: HOSTILE, text: HOSTILE, overdue: true, workerId: null, workerName: null }),
    due({ kind: 'court_report', reportId: 'r1', workerName: `Jo "Quotes" <b>` }),
  ]);
  for (const showWorker of [false, true]) {
    const expected = squeeze(views.renderString(DUE_LOOP, { rows, showWorker }));
    assert.equal(squeeze(String(dueTableBody(rows, showWorker))), expected, `showWorker ${showWorker}`);
    assert.equal(expected.includes('Not allocated'), showWorker);
  }
});
