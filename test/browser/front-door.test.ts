// The front door in a browser: a custody officer refers, a practitioner sees it on today's list, screens with consent and opens a case.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, signIn, signOut, useBrowserSession } from '../support/browser.js';

describe('from custody referral to screen', () => {
  const session = useBrowserSession();

  test('custody refers; the team screens with consent and opens a case; custody sees only the state', async () => {
    const page = await session().newPage();
    await signIn(page, 'custody-officer');
    await page.getByRole('button', { name: 'Refer someone to the team' }).click();
    await page.getByRole('heading', { level: 1, name: 'Refer someone to the Liaison and Diversion team' }).waitFor();
    await expectAccessible(page, 'Custody referral form');
    await page.getByLabel('First name').fill('Priya');
    await page.getByLabel('Last name').fill('Thistlewood');
    await page.getByLabel('Reason for concern').fill('Very withdrawn, has cuts on her arms, asked for her mum');
    await page.getByLabel('Urgent', { exact: true }).check();
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByText('Referral sent').waitFor();
    await expectAccessible(page, 'Custody officer’s referrals');
    await signOut(page);

    await signIn(page, 'practitioner');
    await page.getByRole('banner').getByRole('link', { name: "Today's lists" }).click();
    await expectAccessible(page, "Today's lists");
    await page.getByRole('link', { name: 'Laburnum Road police HQ custody suite' }).click();
    await page.getByRole('heading', { level: 1, name: "Today's list" }).waitFor();
    await expectAccessible(page, "Today's list");
    await page.getByRole('link', { name: 'Priya Thistlewood' }).click();
    await expectAccessible(page, 'Referral awaiting a person');
    await page.getByRole('button', { name: 'Record as a new person' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'Referral with no date of birth');
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('6');
    await page.getByLabel('Year').fill('2009');
    await page.getByRole('button', { name: 'Record as a new person' }).click();
    await page.getByRole('button', { name: 'Start the screen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Screen' }).waitFor();
    await expectAccessible(page, 'Screening form');

    await page.getByRole('group', { name: 'Self-harm and suicide risk' }).getByLabel('Need identified').check();
    await page.getByRole('group', { name: 'Being assessed by the team' }).getByLabel('Consent given').check();
    await page.getByRole('group', { name: 'Sharing information with police, courts and other justice agencies' }).getByLabel('Refused').check();
    // She is 17: the children's pathway applies.
    await page.getByText("the children's pathway applies").waitFor();
    await page.getByRole('group', { name: /Speech, language and communication/ }).getByLabel('No need').check();
    await page.getByRole('group', { name: /Gangs and exploitation/ }).getByLabel('Need suspected').check();
    await page.getByRole('group', { name: 'Is an appropriate adult present or arranged?' }).getByLabel('Yes').check();
    await page.getByRole('group', { name: 'Has a parent or carer been contacted?' }).getByLabel('Yes').check();
    await page.getByRole('group', { name: 'Has the youth justice service been informed?' }).getByLabel('No').check();
    await page.getByLabel('Full assessment: open a case').check();
    await page.getByRole('button', { name: 'Complete the screen' }).click();
    await page.getByText('Screen completed and a case opened for full assessment').waitFor();
    await expectAccessible(page, 'Referral after the screen');
    await signOut(page);

    await signIn(page, 'custody-officer');
    await page.goto('/custody');
    const table = await page.getByRole('table', { name: 'Referrals you made' }).textContent();
    assert.match(table ?? '', /Priya Thistlewood/);
    assert.match(table ?? '', /Assessment needed/);
    assert.doesNotMatch(table ?? '', /cuts|self-harm/i);
  });
});
