// Helpers for the case pages' browser tests: a case arranged through the services (allocated to the practitioner,
// plan agreed, a referral sent to Calder Vale CAMHS, contacts in the past), and signing in as the Calder Vale manager.
import type { Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { WCAG_TAGS } from '../support/browser.js';
import type { Services } from '../../src/services/index.js';
import type { Actor } from '../../src/domain/actor.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { DEMO_PASSWORD } from '../../src/services/seed/profiles.js';

export const CAMHS = 'Calder Vale CAMHS';
const DAY = 86_400_000;

export type ArrangedCase = {
  caseId: string;
  personId: string;
  name: string;
  nurse: Actor;
  manager: Actor;
  /** A meeting two days ago with nothing recorded yet. */
  pastContactId: string;
  referralId: string;
};

/** The practitioner and the Calder Vale team manager as actors. */
export async function calderValeTeam(services: Services): Promise<{ nurse: Actor; manager: Actor }> {
  return { nurse: await actorFor(services, 'practitioner'), manager: await actorFor(services, 'manager', 'team_manager', 'calder-vale') };
}

/**
 * A case of an invented person allocated to the practitioner ('practitioner'), its plan agreed today with the given
 * catalogue interventions, a referral sent today to Calder Vale CAMHS, a meeting attended nine days ago and one two
 * days ago with nothing recorded. The clock is the real one: the browser session has no other.
 */
export async function arrangeCase(services: Services, givenName: string, familyName: string, interventions: readonly string[] = ['Mental health and wellbeing support']): Promise<ArrangedCase> {
  const { nurse, manager } = await calderValeTeam(services);
  const { caseId, personId } = await openCase(services, nurse, { givenName, familyName });
  const opened = await services.cases.get(manager, caseId);
  await services.caseload.allocate(manager, caseId, nurse.userId, '', opened.version, TEST_ORIGIN);

  const catalogue = await services.supportPlans.choicesFor(nurse, caseId);
  const chosen = interventions.map((name) => {
    const entry = catalogue.find((e) => e.name === name);
    if (!entry) throw new Error(`No intervention called ${name} in the catalogue`);
    return { interventionId: entry.id, rationale: `${name}: meets a need found at assessment` };
  });
  await services.supportPlans.agree(nurse, caseId, 0, {
    goals: ['I want to sleep properly again', 'I want to get back to college', '', '', ''],
    exitStrategy: 'Engaged with CAMHS and back at college by week 12; direct support then ends.',
    interventions: chosen, reviewDates: [], agreedOn: null,
  }, TEST_ORIGIN);

  const camhs = (await services.onwardReferrals.partnersToReferTo(nurse)).find((p) => p.name === CAMHS);
  if (!camhs) throw new Error(`No partner service called ${CAMHS}`);
  const referralId = await services.onwardReferrals.create(nurse, caseId, { partnerOrganisationId: camhs.id, reason: 'Low mood and not sleeping; wants help with anxiety', send: true }, TEST_ORIGIN);

  const now = Date.now();
  const meeting = (daysAgo: number) => ({ kind: 'meeting' as const, startsAt: new Date(now - daysAgo * DAY), place: 'Hebble Yard community base', withWhom: '', workerId: null, workerWentToo: false, notes: '' });
  const attendedId = await services.contacts.book(nurse, caseId, meeting(9), TEST_ORIGIN);
  const attended = await services.contacts.get(nurse, caseId, attendedId);
  await services.contacts.recordOutcome(nurse, caseId, attendedId, attended.version, { outcome: 'attended', notes: 'Talked about sleep and college' }, TEST_ORIGIN);
  const pastContactId = await services.contacts.book(nurse, caseId, meeting(2), TEST_ORIGIN);

  return { caseId, personId, name: `${givenName} ${familyName}`, nurse, manager, pastContactId, referralId };
}

/** Signs in as the demo manager in their Calder Vale team manager role (they manage two teams). */
export async function signInAsCalderValeManager(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username', { exact: true }).fill('manager');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  if (new URL(page.url()).pathname === '/choose-role') {
    await page.locator('.nhsuk-radios__item').filter({ hasText: 'Calder Vale' }).filter({ hasText: 'Team manager' }).getByRole('radio').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname !== '/choose-role');
  }
}

/**
 * Axe (WCAG 2.2 AA) on the page as it is now, collecting violations rather than stopping at the first page that has
 * some, so one run walks the whole journey and lists every page's problems; assert `found` is empty at the end.
 */
export async function collectViolations(page: Page, label: string, found: string[]): Promise<void> {
  // axe never returns from a page whose scripts are off: fail rather than wait for the file's time-out.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`axe did not finish on ${label} within 30 s`)), 30_000); });
  const results = await Promise.race([new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze(), timeout]).finally(() => clearTimeout(timer));
  for (const v of results.violations) {
    const targets = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ').trim()})` : ''}`);
    found.push(`${label} (${new URL(page.url()).pathname}): ${v.id}: ${v.help}: ${targets.join('; ')}${v.nodes.length > 3 ? ` …and ${v.nodes.length - 3} more` : ''}`);
  }
}

/** Fails listing every violation collected, one a line. */
export function assertNoViolations(found: readonly string[]): void {
  if (found.length > 0) throw new Error(`Accessibility violations (axe, WCAG 2.2 AA):\n  ${found.join('\n  ')}`);
}
