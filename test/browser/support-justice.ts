// Helpers for the justice liaison browser tests: a referral made by the custody sergeant at their own custody suite,
// matched and screened by the team with consent to share with justice agencies, and the text of a downloaded PDF.
import type { Page } from 'playwright-core';
import type { Services } from '../../src/services/index.js';
import { actorFor, TEST_ORIGIN } from '../support/cases.js';

/** Words the team wrote in the screen: clinical detail that custody staff must never see. */
export const SCREEN_NOTES = {
  mentalHealth: 'Hears a voice he calls the Lodger',
  substanceUse: 'Drinks two litres of cider a day',
  riskInCustody: 'Tied a sock round his neck on a previous stay',
  notes: 'Stopped taking olanzapine in March',
} as const;

export type ArrangedCustodyReferral = { referralId: string; personId: string; caseId: string; name: string; siteName: string };

/**
 * A referral made by the demo custody sergeant ('custody-officer') at their custody suite (CV-CS1), recorded by the
 * practitioner as a new person and screened: needs found with clinical notes, consent to share with justice agencies
 * given, a case opened for a full assessment.
 */
export async function arrangeCustodyReferral(services: Services, givenName: string, familyName: string): Promise<ArrangedCustodyReferral> {
  const sergeant = await actorFor(services, 'custody-officer');
  const nurse = await actorFor(services, 'practitioner');
  const site = (await services.sites.listForService(nurse.grant.serviceId!)).find((s) => s.code === 'CV-CS1');
  if (!site || site.id !== sergeant.grant.siteId) throw new Error('The custody sergeant does not work at custody suite CV-CS1');

  const referral = await services.referrals.create(sergeant, {
    siteId: site.id, givenName, familyName, dateOfBirth: '1987-03-09', source: 'custody_staff', referrerName: 'Liam Holroyd', referrerRole: 'Custody sergeant',
    arrivedAt: null, referredAt: services.clock.now(), reasonForConcern: 'Withdrawn and not answering questions at booking in', offenceCategory: 'criminal_damage',
    victimInvolved: 'no', custodyStatus: 'in_custody', custodyRecordNumber: '13/CV/4417/26', courtCaseReference: '', urgency: 'urgent',
  }, TEST_ORIGIN);
  const person = await services.referrals.recordNewPerson(nurse, referral.id, null, TEST_ORIGIN);
  const screening = await services.screenings.open(nurse, referral.id, TEST_ORIGIN);
  const { caseId } = await services.screenings.save(nurse, referral.id, screening.version, {
    findings: {
      mental_health: { finding: 'identified', notes: SCREEN_NOTES.mentalHealth },
      substance_use: { finding: 'suspected', notes: SCREEN_NOTES.substanceUse },
    },
    consent: {
      assessment: { decision: 'given', decidedBy: '', notes: '' },
      justice_sharing: { decision: 'given', decidedBy: '', notes: '' },
      health_sharing: { decision: 'given', decidedBy: '', notes: '' },
    },
    childPathway: null, outcome: 'full_assessment', urgency: 'urgent', riskInCustody: SCREEN_NOTES.riskInCustody, notes: SCREEN_NOTES.notes,
  }, true, TEST_ORIGIN);
  if (!caseId) throw new Error('The screen opened no case');
  return { referralId: referral.id, personId: person.id, caseId, name: `${givenName} ${familyName}`, siteName: site.name };
}

/** Fills an NHS date input (Day, Month, Year) found by its legend. */
export async function fillDate(page: Page, legend: string, date: string): Promise<void> {
  const [year, month, day] = date.split('-');
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day', { exact: true }).fill(String(Number(day)));
  await group.getByLabel('Month', { exact: true }).fill(String(Number(month)));
  await group.getByLabel('Year', { exact: true }).fill(year!);
}

/** Fails naming each phrase found in the HTML of a page that must never show it. */
export function assertNothingOf(html: string, phrases: readonly string[], where: string): void {
  const shown = phrases.filter((p) => html.includes(p));
  if (shown.length > 0) throw new Error(`${where} shows what it must not: ${shown.map((p) => `"${p}"`).join(', ')}`);
}
