import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COURT_REPORT_ACTIONS, COURT_REPORT_STATES, courtReportActionProblem, courtReportActions, type CourtReportAction, type CourtReportActor, type CourtReportState,
} from './court-report-state.js';

const ACTORS: readonly CourtReportActor[] = ['practitioner', 'team_manager'];

/** What each actor may do in each state: everything else is refused with a reason. */
const ALLOWED: Record<CourtReportState, Record<CourtReportActor, CourtReportAction[]>> = {
  draft: { practitioner: ['edit', 'submit'], team_manager: ['edit', 'submit'] },
  awaiting_sign_off: { practitioner: [], team_manager: ['return', 'issue'] },
  issued: { practitioner: ['new_version'], team_manager: ['new_version'] },
  superseded: { practitioner: [], team_manager: [] },
};

test('every action in every state, for each actor: allowed exactly as the table says, refused with a reason otherwise', () => {
  for (const state of COURT_REPORT_STATES) {
    for (const actor of ACTORS) {
      for (const action of COURT_REPORT_ACTIONS) {
        const problem = courtReportActionProblem(state, action, actor);
        const allowed = ALLOWED[state][actor].includes(action);
        if (allowed) assert.equal(problem, null, `${actor} may ${action} a ${state} report`);
        else {
          assert.equal(typeof problem, 'string', `${actor} may not ${action} a ${state} report`);
          assert.ok(problem!.length > 10, 'the refusal says why');
        }
      }
      assert.deepEqual(courtReportActions(state, actor), ALLOWED[state][actor], `actions open to a ${actor} on a ${state} report`);
    }
  }
});

test('a report cannot be issued without sign-off: not from a draft, and not by a practitioner', () => {
  assert.equal(courtReportActionProblem('draft', 'issue', 'team_manager'), 'This report has not been submitted for sign-off yet');
  assert.equal(courtReportActionProblem('awaiting_sign_off', 'issue', 'practitioner'), 'Only a team manager can sign off and issue a court report');
  assert.equal(courtReportActionProblem('draft', 'issue', 'practitioner'), 'Only a team manager can sign off and issue a court report');
  assert.equal(courtReportActionProblem('issued', 'issue', 'team_manager'), 'This report has already been issued');
  assert.equal(courtReportActionProblem('superseded', 'issue', 'team_manager'), 'This report has already been issued');
});

test('an issued or superseded report is never edited: a new version is drafted instead', () => {
  for (const state of ['issued', 'superseded'] as const) {
    for (const actor of ACTORS) {
      assert.equal(courtReportActionProblem(state, 'edit', actor), 'This report has been issued and cannot be changed: start a new version instead');
      assert.equal(courtReportActionProblem(state, 'submit', actor), 'This report has been issued and cannot be changed: start a new version instead');
    }
  }
  assert.equal(courtReportActionProblem('superseded', 'new_version', 'practitioner'), 'A later version of this report exists: start from the latest version');
});

test('a report awaiting sign-off is returned to draft by a manager before it is edited again', () => {
  assert.match(courtReportActionProblem('awaiting_sign_off', 'edit', 'practitioner')!, /return it to draft before editing/);
  assert.equal(courtReportActionProblem('awaiting_sign_off', 'submit', 'practitioner'), 'This report is already waiting for sign-off');
  assert.equal(courtReportActionProblem('awaiting_sign_off', 'return', 'practitioner'), 'Only a team manager can return a report to draft');
  assert.equal(courtReportActionProblem('draft', 'return', 'team_manager'), 'Only a report waiting for sign-off can be returned to draft');
  assert.equal(courtReportActionProblem('awaiting_sign_off', 'return', 'team_manager'), null);
});

test('only an issued report has a new version; a draft is edited instead', () => {
  assert.match(courtReportActionProblem('draft', 'new_version', 'practitioner')!, /edit this draft instead/);
  assert.match(courtReportActionProblem('awaiting_sign_off', 'new_version', 'team_manager')!, /Only an issued report/);
});
