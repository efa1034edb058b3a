// A court report's life: drafted, submitted for a manager's sign-off, issued (a PDF, shared with the court),
// and superseded when a later version is issued. An issued report is never edited: a new version is drafted.

export const COURT_REPORT_STATES = ['draft', 'awaiting_sign_off', 'issued', 'superseded'] as const;
export type CourtReportState = (typeof COURT_REPORT_STATES)[number];
export const COURT_REPORT_STATE_LABELS: Record<CourtReportState, string> = {
  draft: 'Draft',
  awaiting_sign_off: 'Awaiting sign-off',
  issued: 'Issued',
  superseded: 'Superseded by a later version',
};

export const COURT_REPORT_PURPOSES = ['bail', 'remand', 'sentence', 'fitness_to_plead'] as const;
export type CourtReportPurpose = (typeof COURT_REPORT_PURPOSES)[number];
export const COURT_REPORT_PURPOSE_LABELS: Record<CourtReportPurpose, string> = {
  bail: 'Bail',
  remand: 'Remand',
  sentence: 'Sentence',
  fitness_to_plead: 'Concern about fitness to plead',
};

export const COURT_REPORT_SECTIONS = ['background', 'needs', 'support', 'options', 'recommendations'] as const;
export type CourtReportSection = (typeof COURT_REPORT_SECTIONS)[number];
export const COURT_REPORT_SECTION_LABELS: Record<CourtReportSection, string> = {
  background: 'Background',
  needs: 'Needs identified',
  support: 'Current support and engagement',
  options: 'Options for the court',
  recommendations: 'Recommendations',
};
export type CourtReportSections = Record<CourtReportSection, string>;

export const COURT_REPORT_ACTIONS = ['edit', 'submit', 'return', 'issue', 'new_version'] as const;
export type CourtReportAction = (typeof COURT_REPORT_ACTIONS)[number];

/** Who is acting: the team manager signs off; practitioners (and managers) draft. */
export type CourtReportActor = 'practitioner' | 'team_manager';

/** Why the action is not allowed now (one plain-English message), or null when it is. */
export function courtReportActionProblem(state: CourtReportState, action: CourtReportAction, actor: CourtReportActor): string | null {
  switch (action) {
    case 'edit':
    case 'submit':
      if (state === 'draft') return null;
      if (state === 'awaiting_sign_off') return action === 'edit' ? 'This report is waiting for sign-off: ask the manager to return it to draft before editing' : 'This report is already waiting for sign-off';
      return 'This report has been issued and cannot be changed: start a new version instead';
    case 'return':
      if (actor !== 'team_manager') return 'Only a team manager can return a report to draft';
      return state === 'awaiting_sign_off' ? null : 'Only a report waiting for sign-off can be returned to draft';
    case 'issue':
      if (actor !== 'team_manager') return 'Only a team manager can sign off and issue a court report';
      if (state === 'draft') return 'This report has not been submitted for sign-off yet';
      return state === 'awaiting_sign_off' ? null : 'This report has already been issued';
    case 'new_version':
      return state === 'issued' ? null : state === 'superseded' ? 'A later version of this report exists: start from the latest version' : 'Only an issued report can have a new version: edit this draft instead';
  }
}

/** The actions open to this actor on a report in this state. */
export function courtReportActions(state: CourtReportState, actor: CourtReportActor): CourtReportAction[] {
  return COURT_REPORT_ACTIONS.filter((a) => courtReportActionProblem(state, a, actor) === null);
}
