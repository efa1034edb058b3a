import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COURT_REPORT_SECTION_MAX, CONTACT_LINES_MAX, TO_COMPLETE, contactCounts, courtReportProblems, courtReportSectionProblems, courtReportText, defaultDueOn,
  draftCourtReport, identifiedNeeds, suggestedRequirements, type CourtReportFacts, type CourtReportHearing, type CourtReportStart,
} from './court-report-draft.js';
import type { CourtReportSections } from './court-report-state.js';

const TODAY = '2026-11-23';
const COURT = 'court-1';

function facts(over: Partial<CourtReportFacts> = {}): CourtReportFacts {
  return {
    personName: 'Wrenna Castleford', dateOfBirth: '2004-03-09',
    referral: { referredOn: '2026-11-02', siteName: 'Calder Vale custody suite', source: 'custody_staff', offenceCategory: 'theft', custodyStatus: 'in_custody' },
    caseOpenedOn: '2026-11-03',
    assessment: { completed: true, needs: { housing: 'low', mental_health: 'high', substance_use: 'medium', autism: 'none' } },
    screenFindings: { mental_health: 'identified' },
    interventions: [{ name: 'Shop theft awareness session', status: 'booked' }],
    onwardReferrals: [{ partnerName: 'Calder Vale Adult Mental Health', state: 'accepted' }],
    contacts: [
      { on: '2026-11-04', kind: 'meeting', outcome: 'attended' },
      { on: '2026-11-11', kind: 'home_visit', outcome: 'did_not_attend' },
      { on: '2026-11-18', kind: 'phone_call', outcome: 'late' },
      { on: '2026-11-20', kind: 'meeting', outcome: 'attended' },
    ],
    ...over,
  };
}
const hearing: CourtReportHearing = { courtName: "Calder Vale Magistrates' Court", hearingOn: '2026-12-04', purpose: 'sentence', periodFrom: '2026-11-01', periodTo: '2026-11-23' };

test('background: the offence context, how the person came to the team and the age band at referral', () => {
  const { background } = draftCourtReport(facts(), hearing).sections;
  assert.match(background, /Wrenna Castleford was referred to the Liaison and Diversion team on 2 November 2026 at Calder Vale custody suite\./);
  assert.match(background, /How they came to the team: custody staff\./);
  assert.match(background, /Offence context: theft, including shop theft \(in custody at the time of the referral\)\./);
  assert.match(background, /Age band at referral: 18 to 24 \(a young adult\)\./);
  assert.match(background, /opened a case on 3 November 2026/);
  const child = draftCourtReport(facts({ dateOfBirth: '2011-01-01' }), hearing).sections.background;
  assert.match(child, /10 to 17 \(a child\)/);
  const unknown = draftCourtReport(facts({ dateOfBirth: null, referral: null }), hearing).sections.background;
  assert.match(unknown, /family member of a person the team supports/);
  assert.match(unknown, /not known/);
});

test('needs: each assessed domain with its level, in the order of the domains; no need is left out', () => {
  const { needs } = draftCourtReport(facts(), hearing).sections;
  assert.equal(needs, 'From the full assessment:\n- Mental health: high need\n- Drug and alcohol use: medium need\n- Housing: low need');
  assert.doesNotMatch(needs, /Autism/);
  assert.match(draftCourtReport(facts({ assessment: { completed: true, needs: { housing: 'none' } } }), hearing).sections.needs, /found no needs/);
  const screenOnly = draftCourtReport(facts({ assessment: null, screenFindings: { housing: 'suspected', mental_health: 'identified', autism: 'none' } }), hearing).sections.needs;
  assert.equal(screenOnly, 'From the screening (the full assessment has not been done yet):\n- Mental health: identified\n- Housing: suspected');
  assert.match(draftCourtReport(facts({ assessment: { completed: false, needs: { housing: null } } }), hearing).sections.needs, /not yet complete:\nNo needs have been identified yet/);
});

test('support: interventions, onward referrals with their state, and the contacts of the period counted and listed', () => {
  const { support } = draftCourtReport(facts(), hearing).sections;
  assert.match(support, /- Shop theft awareness session: booked/);
  assert.match(support, /- Calder Vale Adult Mental Health: accepted/);
  assert.match(support, /Contacts from 1 November 2026 to 23 November 2026: 2 attended, 1 attended late, 1 did not attend\./);
  assert.match(support, /- 4 November 2026, meeting: attended\n- 11 November 2026, home visit: did not attend\n- 18 November 2026, phone call: attended late/);
  assert.match(support, /Engagement: some missed contacts \(in the last 4 weeks of the period, 3 attended and 1 missed\)\./);
  const none = draftCourtReport(facts({ interventions: [], onwardReferrals: [], contacts: [] }), hearing).sections.support;
  assert.match(none, /No interventions are in the support plan yet\./);
  assert.match(none, /No onward referrals have been made\./);
  assert.match(none, /There were no contacts in this period\./);
  assert.match(none, /Engagement: no contacts were recorded/);
});

test('many contacts: the first are listed one by one, the rest counted, and the section stays within its limit', () => {
  const many = Array.from({ length: 70 }, (_, i) => ({ on: `2026-11-${String((i % 20) + 1).padStart(2, '0')}`, kind: 'accompanied_appointment' as const, outcome: null }));
  const { support } = draftCourtReport(facts({ contacts: many }), hearing).sections;
  assert.match(support, new RegExp(`and ${70 - CONTACT_LINES_MAX} more contacts`));
  assert.match(support, /70 not recorded yet/);
  assert.ok(support.length <= COURT_REPORT_SECTION_MAX);
});

test('options: treatment requirements are suggested for the matching needs only', () => {
  assert.deepEqual(suggestedRequirements(identifiedNeeds(facts())), ['mental_health', 'drug', 'alcohol']);
  const { sections, requirements } = draftCourtReport(facts(), hearing);
  assert.deepEqual(requirements, ['mental_health', 'drug', 'alcohol']);
  assert.match(sections.options, /Mental health treatment requirement: the needs found include mental health \(high need\)\./);
  assert.match(sections.options, /Drug rehabilitation requirement or alcohol treatment requirement, depending on the substance: the needs found include drug and alcohol use \(medium need\)\./);
  const screened = draftCourtReport(facts({ assessment: null, screenFindings: { mental_health: 'suspected' } }), hearing).sections.options;
  assert.match(screened, /the needs found include mental health \(suspected at screening\)\./);
  const housingOnly = draftCourtReport(facts({ assessment: { completed: true, needs: { housing: 'high' } } }), hearing);
  assert.deepEqual(housingOnly.requirements, []);
  assert.match(housingOnly.sections.options, /No treatment requirement is suggested/);
  const talk = draftCourtReport(facts({ assessment: { completed: true, needs: { speech_language_communication: 'medium' } } }), { ...hearing, purpose: 'fitness_to_plead' });
  assert.match(talk.sections.options, /fitness to plead/);
  assert.match(talk.sections.options, /intermediary: needs were identified in speech, language and communication/);
});

test('recommendations are left for the author, and a report with the prompt still in it cannot go for sign-off', () => {
  const { sections } = draftCourtReport(facts(), hearing);
  assert.ok(sections.recommendations.startsWith(TO_COMPLETE));
  assert.match(sections.recommendations, /Calder Vale Magistrates' Court for the hearing on 4 December 2026/);
  assert.deepEqual(courtReportSectionProblems(sections, false), {}, 'a draft may be saved as it is');
  const problems = courtReportSectionProblems(sections, true);
  assert.deepEqual(Object.keys(problems), ['recommendations']);
  assert.match(problems.recommendations!, /square brackets/);
  const finished: CourtReportSections = { ...sections, recommendations: 'A community order with a mental health treatment requirement.', background: ' ' };
  assert.match(courtReportSectionProblems(finished, true).background!, /Enter the background section/);
  assert.match(courtReportSectionProblems({ ...finished, needs: 'x'.repeat(COURT_REPORT_SECTION_MAX + 1) }, false).needs!, /3,800 characters or fewer/);
});

test('the full text shares every section under its heading', () => {
  const text = courtReportText({ background: 'B', needs: 'N', support: 'S', options: 'O', recommendations: 'R' });
  assert.equal(text, 'Background\nB\n\nNeeds identified\nN\n\nCurrent support and engagement\nS\n\nOptions for the court\nO\n\nRecommendations\nR');
});

test('contact counts', () => {
  assert.deepEqual(contactCounts(facts().contacts), { attended: 2, late: 1, didNotAttend: 1, cancelled: 0, notRecorded: 0 });
});

test('the report is due the working day before the hearing, never before today', () => {
  assert.equal(defaultDueOn('2026-12-04', TODAY), '2026-12-03', 'Friday hearing: due Thursday');
  assert.equal(defaultDueOn('2026-12-07', TODAY), '2026-12-04', 'Monday hearing: due the Friday before');
  assert.equal(defaultDueOn('2026-11-24', TODAY), '2026-11-23');
  assert.equal(defaultDueOn('2026-11-23', TODAY), '2026-11-23', 'a hearing today: due today');
});

const start = (over: Partial<CourtReportStart> = {}): CourtReportStart => ({
  courtSiteId: COURT, hearingOn: '2026-12-04', dueOn: '', purpose: 'sentence', periodFrom: '2026-11-01', periodTo: '2026-11-23', ...over,
});

test('the start form: a court of the service, a hearing not in the past, due on or before it, a purpose, a period up to today', () => {
  assert.deepEqual(courtReportProblems(start(), TODAY, [COURT]), {});
  assert.deepEqual(courtReportProblems(start({ dueOn: '2026-12-04', hearingOn: '2026-12-04' }), TODAY, [COURT]), {}, 'due on the day of the hearing');
  assert.equal(courtReportProblems(start({ courtSiteId: 'custody-1' }), TODAY, [COURT]).courtSiteId, 'Select the court the report is for');
  assert.equal(courtReportProblems(start({ hearingOn: '2026-11-22' }), TODAY, [COURT]).hearingOn, 'Date of the hearing must be today or in the future');
  assert.equal(courtReportProblems(start({ hearingOn: '2026-02-30' }), TODAY, [COURT]).hearingOn, 'Date of the hearing must be a real date');
  assert.equal(courtReportProblems(start({ hearingOn: '' }), TODAY, [COURT]).hearingOn, 'Enter the date of the hearing');
  assert.equal(courtReportProblems(start({ dueOn: '2026-12-05' }), TODAY, [COURT]).dueOn, 'Date the report is due must be on or before the date of the hearing');
  assert.equal(courtReportProblems(start({ dueOn: '2026-11-20' }), TODAY, [COURT]).dueOn, 'Date the report is due must be today or in the future');
  assert.match(courtReportProblems(start({ purpose: 'trial' }), TODAY, [COURT]).purpose!, /^Select what the report is for/);
  assert.equal(courtReportProblems(start({ periodFrom: '2026-11-24', periodTo: '2026-11-20' }), TODAY, [COURT]).periodFrom, 'Start of the period must be on or before its end');
  assert.equal(courtReportProblems(start({ periodTo: '2026-11-24' }), TODAY, [COURT]).periodTo, 'End of the period must be today or earlier');
  assert.equal(courtReportProblems(start({ periodFrom: '' }), TODAY, [COURT]).periodFrom, 'Enter the start of the period of contacts to include');
});
