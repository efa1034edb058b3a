// An accessibility sweep (axe, WCAG 2.2 AA) of the case pages the worker's week does not visit, each as the user who
// uses it: assessment, plan, review, extension, catalogue, restorative sessions, volunteer and partner pages, team
// pages, history and corrections, closure, forms showing their errors, and one form used without JavaScript.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signIn, useBrowserSession } from '../support/browser.js';
import { openCase } from '../support/cases.js';
import { londonDate } from '../../src/domain/london-time.js';
import { arrangeCase, assertNoViolations, CAMHS, calderValeTeam, collectViolations, signInAsCalderValeManager } from './support-cases.js';

const caseNav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Parts of this case' }).getByRole('link', { name, exact: true });
const headerLink = (page: Page, name: string) => page.getByRole('banner').getByRole('link', { name, exact: true });
/** A link of the header's navigation, opening its "More" menu first when the link has moved there. */
async function openFromHeader(page: Page, name: string) {
  const link = headerLink(page, name);
  if (!(await link.isVisible())) await page.getByRole('banner').getByRole('button', { name: /More/ }).click();
  await link.click();
}
const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();
const problem = (page: Page) => page.getByRole('heading', { name: 'There is a problem' }).waitFor();
const summaryText = async (page: Page) => (await page.locator('.nhsuk-error-summary').textContent()) ?? '';

/** Fills an NHS date input found by its legend. */
async function fillDate(page: Page, legend: string, date: string) {
  const [year, month, day] = date.split('-');
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
}

describe('case pages: accessibility sweep', () => {
  const session = useBrowserSession();

  test('practitioner: summary, assessment, plan (errors, draft, agreed), review, extension', async () => {
    const { services } = session();
    const { nurse } = await calderValeTeam(services);
    const fresh = await openCase(services, nurse, { givenName: 'Ambrose', familyName: 'Quennell-Stroud' });
    const agreed = await arrangeCase(services, 'Philippa', 'Quennell-Stroud');
    const found: string[] = [];
    const check = (page: Page, label: string) => collectViolations(page, label, found);
    const page = await session().newPage();
    await signIn(page, 'practitioner');

    await page.goto(`/cases/${fresh.caseId}`);
    await h1(page, 'Case summary');
    await check(page, 'Case summary, plan not agreed');
    await caseNav(page, 'Assessment').click();
    await h1(page, 'Assessment');
    await check(page, 'Assessment not started');
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.getByText('Assessment started from the screen').waitFor();
    await check(page, 'Assessment form');

    await caseNav(page, 'Support plan').click();
    await h1(page, 'Support plan');
    await check(page, 'Support plan form, nothing written');
    await page.getByRole('button', { name: 'Agree the plan' }).click();
    await problem(page);
    await check(page, 'Support plan form with errors');
    const errors = await summaryText(page);
    assert.match(errors, /at least one goal/i);
    assert.match(errors, /exit strategy/i);
    await page.getByLabel('Goal 1', { exact: true }).fill('I want to stop getting into trouble');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Support plan' }).waitFor();
    assert.equal(await page.getByLabel('Goal 1', { exact: true }).inputValue(), 'I want to stop getting into trouble');
    await check(page, 'Support plan saved as a draft');

    await page.goto(`/cases/${agreed.caseId}/plan`);
    await h1(page, 'Support plan');
    await check(page, 'Agreed support plan');
    await page.getByRole('link', { name: /^Record the review/ }).first().click();
    await h1(page, /review/i);
    await check(page, 'Review form');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await problem(page);
    await check(page, 'Review form with errors');
    await caseNav(page, 'Support plan').click();
    await page.getByRole('link', { name: 'Ask for an extension' }).click();
    await h1(page, /extension/i);
    await check(page, 'Extension request form');
    await page.getByRole('button', { name: 'Ask for the extension' }).click();
    await problem(page);
    await check(page, 'Extension request with errors');
    assertNoViolations(found);
  });

  test('restorative sessions: list, create (with errors), book from the plan, the session, the volunteer\'s pages', async () => {
    const { services } = session();
    const c = await arrangeCase(services, 'Clemency', 'Marwood-Pike', ['Shop theft session']);
    const tomorrow = londonDate(new Date(Date.now() + 86_400_000));
    const place = 'Hebble Yard community base, room Marwood';
    const found: string[] = [];
    const check = (page: Page, label: string) => collectViolations(page, label, found);
    const page = await session().newPage();
    await signIn(page, 'practitioner');

    await page.goto('/');
    await openFromHeader(page, 'Restorative sessions');
    await h1(page, 'Restorative sessions');
    await check(page, 'Restorative sessions');
    await page.getByRole('button', { name: 'Create a session' }).click();
    await h1(page, 'Create a restorative session');
    await check(page, 'New restorative session');
    await page.getByRole('button', { name: 'Create session' }).click();
    await problem(page);
    await check(page, 'New restorative session with errors');
    await page.getByLabel('Intervention').selectOption({ label: 'Shop theft session' });
    await fillDate(page, 'Date of the session', tomorrow);
    await page.getByLabel('Start time').fill('10:30');
    await page.getByLabel('Place', { exact: true }).fill(place);
    await page.getByLabel('Volunteer facilitator').selectOption({ label: 'Harold Brearley' });
    await page.getByLabel('Places').fill('6');
    await page.getByRole('button', { name: 'Create session' }).click();
    await h1(page, 'Shop theft session');
    await check(page, 'Restorative session');

    await page.goto(`/cases/${c.caseId}/contacts`);
    await h1(page, 'Contacts');
    const booking = page.getByLabel('Book onto a session of Shop theft session');
    const option = booking.locator('option', { hasText: place });
    await booking.selectOption(await option.getAttribute('value') ?? '');
    await page.getByRole('button', { name: 'Book onto a session' }).click();
    await page.getByText('Booked onto the session').waitFor();
    await check(page, 'Contacts after booking a session');

    const volunteer = await session().newPage();
    await signIn(volunteer, 'volunteer');
    await headerLink(volunteer, 'Your sessions').click();
    await h1(volunteer, 'Your sessions');
    await check(volunteer, 'Volunteer: your sessions');
    const row = volunteer.getByRole('row').filter({ hasText: place });
    await row.getByRole('link', { name: /^See who is booked/ }).click();
    await h1(volunteer, 'Shop theft session');
    await check(volunteer, 'Volunteer: attendance sheet');
    const sheet = (await volunteer.locator('main').textContent()) ?? '';
    assert.match(sheet, new RegExp(c.name));
    assert.doesNotMatch(sheet, /Low mood|CAMHS/, 'the facilitator sees names and attendance only');
    assertNoViolations(found);
  });

  test('partner worker: referrals to you and one referral, accepted', async () => {
    const c = await arrangeCase(session().services, 'Fenella', 'Quennell-Stroud');
    const found: string[] = [];
    const page = await session().newPage();
    await signIn(page, 'partner');
    await headerLink(page, 'Referrals to you').click();
    await h1(page, 'Referrals to your service');
    await collectViolations(page, 'Partner: referrals to you', found);
    await page.getByRole('link', { name: c.name, exact: true }).click();
    await h1(page, `Referral: ${c.name}`);
    await collectViolations(page, 'Partner: one referral', found);
    await page.getByRole('radio', { name: 'Accepted', exact: true }).check();
    await page.getByRole('button', { name: 'Record the change' }).click();
    await page.getByRole('table', { name: 'Each change to the referral, oldest first' }).filter({ hasText: 'Accepted' }).waitFor();
    await collectViolations(page, 'Partner: referral accepted', found);
    assertNoViolations(found);
  });

  test('team manager: caseloads, a worker\'s cases, reallocation form, team due, allocation, catalogue', async () => {
    const c = await arrangeCase(session().services, 'Leopold', 'Marwood-Pike');
    const found: string[] = [];
    const check = (page: Page, label: string) => collectViolations(page, label, found);
    const page = await session().newPage();
    await signInAsCalderValeManager(page);

    await headerLink(page, 'Team caseloads').click();
    await h1(page, 'Team caseloads');
    await page.getByRole('link', { name: 'Cases of Hannah Okafor', exact: true }).click();
    await h1(page, 'Hannah Okafor: cases');
    await check(page, "A worker's cases");
    await page.getByRole('link', { name: 'Move all these cases to another worker' }).click();
    await h1(page, /Move/);
    await check(page, 'Reallocation form');
    // Only the refusal: moving the practitioner's whole caseload would change the other tests' cases.
    await page.getByRole('button', { name: /^Move \d+ cases?$/ }).click();
    await problem(page);
    await check(page, 'Reallocation form with errors');

    await page.goto('/team/caseloads');
    await page.getByRole('link', { name: /^Due for Hannah Okafor/ }).click();
    await h1(page, "What is due on Hannah Okafor's cases");
    await check(page, "Due on a worker's cases");

    await page.goto(`/cases/${c.caseId}`);
    await h1(page, 'Case summary');
    await page.getByRole('heading', { name: 'Reallocate the case' }).waitFor();
    await check(page, 'Case summary with the reallocation form');
    await page.getByRole('button', { name: 'Reallocate' }).click();
    await problem(page);
    await check(page, 'Reallocation of a case with errors');

    await headerLink(page, 'Home').click();
    await page.getByRole('link', { name: 'Intervention catalogue' }).click();
    await h1(page, 'Intervention catalogue');
    await check(page, 'Intervention catalogue');
    await page.getByRole('button', { name: 'Add an intervention' }).click();
    await check(page, 'New intervention form');
    await page.getByRole('button', { name: 'Save intervention' }).click();
    await problem(page);
    await check(page, 'New intervention with errors');
    await page.goto('/interventions');
    await page.getByRole('link', { name: 'Change Shop theft session' }).click();
    await check(page, 'Intervention change form');
    assertNoViolations(found);
  });

  test('history, a correction (with errors), and the closure form refusing an empty closure', async () => {
    const c = await arrangeCase(session().services, 'Wilhelmina', 'Quennell-Stroud');
    const found: string[] = [];
    const check = (page: Page, label: string) => collectViolations(page, label, found);
    const page = await session().newPage();
    await signIn(page, 'practitioner');

    await page.goto(`/cases/${c.caseId}/history`);
    await h1(page, 'History');
    await check(page, 'Case history');
    assert.match((await page.locator('#case-history').textContent()) ?? '', new RegExp(`Onward referral to ${CAMHS}`));
    await page.getByRole('link', { name: /^Correct the date/ }).first().click();
    await h1(page, /^Correct the/);
    await check(page, 'Correction form');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await problem(page);
    await check(page, 'Correction form with errors');
    assert.match(await summaryText(page), /reason/i);

    await caseNav(page, 'Contacts').click();
    await page.getByRole('link', { name: 'Correct outcome' }).first().click();
    await h1(page, /^Correct the/);
    await check(page, 'Correction of a contact outcome');

    await caseNav(page, 'Closure').click();
    await h1(page, 'Closure');
    await page.getByRole('button', { name: 'Ask a team manager to sign off the closure' }).click();
    await problem(page);
    await check(page, 'Closure form with errors');
    const errors = await summaryText(page);
    assert.match(errors, /Select why the case is closing/);
    assert.match(errors, new RegExp(`Select where the person stands with ${CAMHS}`));
    assertNoViolations(found);
  });

  // Axe cannot run in a page whose scripts are off (Playwright's evaluate waits for ever), so this test checks that the
  // form works; the same pages are checked by axe with scripts on above and in the worker's week.
  test('without JavaScript: recording what happened at a contact, refused and then saved', async () => {
    const c = await arrangeCase(session().services, 'Isadora', 'Marwood-Pike');
    const page = await session().newPage({ javaScriptEnabled: false });
    await signIn(page, 'practitioner');
    await page.goto(`/cases/${c.caseId}/contacts`);
    await h1(page, 'Contacts');
    assert.doesNotMatch((await page.locator('body').getAttribute('class')) ?? '', /js-enabled/, 'scripts are really off');
    await page.getByRole('link', { name: 'Record what happened' }).click();
    await h1(page, 'Record what happened');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await problem(page);
    assert.match(await summaryText(page), /Select what happened at the contact/);
    await page.getByRole('radio', { name: 'Attended late', exact: true }).check();
    await page.getByLabel('Notes (optional)').fill('Came twenty minutes late: the bus did not come');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('What happened at the contact is recorded').waitFor();
    assert.match((await page.locator(`#contact-${c.pastContactId}`).textContent()) ?? '', /Attended late/);
    assert.match((await page.locator('#engagement-indicator').textContent()) ?? '', /2 attended, 0 missed/);
  });
});
