// A worker's week in a browser: "My cases", a did-not-attend and its follow-up, an onward referral moved to attended,
// and a closure with an incomplete plan signed off by the team manager. Every page visited passes axe (WCAG 2.2 AA).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signIn, signOut, useBrowserSession } from '../support/browser.js';
import { londonDate } from '../../src/domain/london-time.js';
import { arrangeCase, assertNoViolations, CAMHS, collectViolations, signInAsCalderValeManager } from './support-cases.js';

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';
const caseNav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Parts of this case' }).getByRole('link', { name, exact: true });

/** Records one change to the onward referral on its page (the date of the change defaults to today). */
async function recordChange(page: Page, found: string[], to: string, appointmentOn?: string) {
  await page.getByRole('radio', { name: to, exact: true }).check();
  if (appointmentOn) {
    const [year, month, day] = appointmentOn.split('-');
    const group = page.getByRole('group', { name: 'Date of the first appointment' });
    await group.getByLabel('Day').fill(String(Number(day)));
    await group.getByLabel('Month').fill(String(Number(month)));
    await group.getByLabel('Year').fill(year!);
  }
  await page.getByRole('button', { name: 'Record the change' }).click();
  await page.getByText('Change recorded').waitFor();
  await collectViolations(page, `Onward referral after recording "${to}"`, found);
}

describe("a worker's week", () => {
  const session = useBrowserSession();

  test('my cases, a did-not-attend and its follow-up, a referral to attended, a closure signed off', async () => {
    const c = await arrangeCase(session().services, 'Rowena', 'Marwood-Pike');
    const today = londonDate(new Date());
    const page = await session().newPage();
    const found: string[] = [];
    const expectAccessible = (p: Page, label: string) => collectViolations(p, label, found);
    await signIn(page, 'practitioner');

    // Monday: "My cases" shows the person, where they stand on the clock and how they are engaging.
    await page.getByRole('banner').getByRole('link', { name: 'My cases', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
    await expectAccessible(page, 'My cases');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: c.name, exact: true }) });
    const rowText = (await row.textContent()) ?? '';
    assert.match(rowText, /On track/);
    assert.match(rowText, /Week 1, ends/);
    assert.match(rowText, /Engaging/);
    assert.match(rowText, /1 attended, 0 missed/);

    await row.getByRole('link', { name: c.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Case summary' }).waitFor();
    await expectAccessible(page, 'Case summary');
    assert.match(await text(page, '#case-line'), /Worker: Hannah Okafor/);

    // The meeting two days ago: she did not come.
    await caseNav(page, 'Contacts').click();
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    await expectAccessible(page, 'Contacts');
    assert.equal(await page.getByRole('heading', { name: 'Follow-up needed' }).count(), 0, 'no follow-up before the did-not-attend');
    await page.getByRole('link', { name: 'Record what happened' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record what happened' }).waitFor();
    await expectAccessible(page, 'Record what happened at a contact');
    await page.getByRole('radio', { name: 'Did not attend', exact: true }).check();
    await page.getByLabel('Notes (optional)').fill('Not at home when called; phone switched off');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('What happened at the contact is recorded').waitFor();
    await expectAccessible(page, 'Contacts with a follow-up needed');
    const followUp = await text(page, '#follow-up');
    assert.match(followUp, /Follow-up needed/);
    assert.match(followUp, new RegExp(`Follow up: ${c.name} did not attend on`));
    assert.match(await text(page, '#engagement-indicator'), /Some missed contacts[\s\S]*1 attended, 1 missed/);

    // The follow-up is on her "Due" list, and leads back to the contacts.
    await page.getByRole('banner').getByRole('link', { name: 'Due', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'What is due on your cases' }).waitFor();
    await expectAccessible(page, 'Due');
    const due = page.getByRole('link', { name: `Follow-up after a missed contact for ${c.name}` });
    assert.equal(await due.count(), 1, 'the follow-up is due');
    await due.click();
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();

    // CAMHS accepts, books a first appointment for today, and she goes.
    await caseNav(page, 'Onward referrals').click();
    await page.getByRole('heading', { level: 1, name: 'Onward referrals' }).waitFor();
    await expectAccessible(page, 'Onward referrals');
    await page.getByRole('link', { name: `Record a change or interim support to ${CAMHS}` }).click();
    await page.getByRole('heading', { level: 1, name: `Referral to ${CAMHS}` }).waitFor();
    await expectAccessible(page, 'One onward referral');
    await recordChange(page, found, 'Accepted');
    await recordChange(page, found, 'First appointment booked', today);
    await recordChange(page, found, 'Attended');
    const timeline = (await page.getByRole('table', { name: 'Each change to the referral, oldest first' }).textContent()) ?? '';
    assert.match(timeline, /Made as sent/);
    assert.match(timeline, /Sent\s*→\s*to\s*Accepted/);
    assert.match(timeline, /Accepted\s*→\s*to\s*First appointment booked/);
    assert.match(timeline, /First appointment booked\s*→\s*to\s*Attended/);
    await caseNav(page, 'Onward referrals').click();
    await page.getByRole('heading', { level: 1, name: 'Onward referrals' }).waitFor();
    assert.match(await text(page, `#referral-${c.referralId}`), /Attended/);

    // Friday: she has moved away. The plan is not finished, so the closure waits for a manager.
    await caseNav(page, 'Closure').click();
    await page.getByRole('heading', { level: 1, name: 'Closure' }).waitFor();
    await expectAccessible(page, 'Closure form');
    await page.getByRole('heading', { name: "Closure needs a manager's sign-off" }).waitFor();
    await page.getByText('1 intervention is not finished').waitFor();
    await page.getByRole('radio', { name: 'Moved away', exact: true }).check();
    await page.getByLabel('Exit summary').fill('Sleeping better and seen by CAMHS; moved to her aunt in another county.');
    await page.getByRole('group', { name: `Where does the person stand with ${CAMHS}?` }).getByRole('radio', { name: 'Engaged', exact: true }).check();
    await page.getByRole('button', { name: 'Ask a team manager to sign off the closure' }).click();
    await page.getByText('Closure sent to a team manager for sign-off').waitFor();
    await expectAccessible(page, 'Closure awaiting sign-off');
    assert.match(await text(page, '#case-line'), /Case closure awaiting sign-off/);
    await signOut(page);

    // The team manager finds it on the team's due list and signs it off.
    await signInAsCalderValeManager(page);
    await page.getByRole('banner').getByRole('link', { name: 'Team caseloads', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Team caseloads' }).waitFor();
    await expectAccessible(page, 'Team caseloads');
    await page.getByRole('link', { name: 'See everything that is due for the team' }).click();
    await page.getByRole('heading', { level: 1, name: 'What is due for the team' }).waitFor();
    await expectAccessible(page, 'Due for the team');
    await page.getByRole('link', { name: `Closure to sign off for ${c.name}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Closure' }).waitFor();
    await expectAccessible(page, 'Closure to sign off');
    await page.getByRole('radio', { name: 'Sign off: close the case' }).check();
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Closure signed off: the case is closed').waitFor();
    await expectAccessible(page, 'Closure signed off');
    assert.match(await text(page, '#case-line'), /Case closed/);
    const summary = (await page.locator('.nhsuk-summary-list').first().textContent()) ?? '';
    assert.match(summary, /Signed off by\s*Joanne Barraclough/);
    assert.match(summary, /Moved away/);

    await caseNav(page, 'Summary').click();
    await page.getByRole('heading', { level: 1, name: 'Case summary' }).waitFor();
    await expectAccessible(page, 'Closed case summary');
    assert.match(await text(page, '.nhsuk-summary-list'), /Status\s*Closed/);
    assertNoViolations(found);
  });
});
