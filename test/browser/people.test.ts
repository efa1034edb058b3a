// A practitioner finds or records a person, is stopped before making a duplicate, and reads the record.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, signIn, useBrowserSession } from '../support/browser.js';

describe('person records in the browser', () => {
  const session = useBrowserSession();

  test('record a person, meet the duplicate prompt for a near-identical one, and read the record', async () => {
    const page = await session().newPage();
    await signIn(page, 'practitioner');
    await page.getByRole('banner').getByRole('link', { name: 'People' }).click();
    await page.waitForURL((url) => url.pathname === '/people');
    await expectAccessible(page, 'Find a person');

    await page.getByLabel('Name, NHS number or PNC ID').fill('Quarshie-Bell');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'No one found' }).waitFor();
    await expectAccessible(page, 'Search with no results');

    await page.getByRole('link', { name: 'Record a new person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record a new person' }).waitFor();
    await expectAccessible(page, 'Record a new person');
    await page.getByLabel('First name', { exact: true }).fill('Aisha');
    await page.getByLabel('Last name', { exact: true }).fill('Quarshie-Bell');
    await page.getByLabel('Day').fill('30');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2010');
    await page.getByLabel('NHS number (optional)').fill('999 123 4567');
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await expectAccessible(page, 'Record a new person with errors');
    assert.equal(await page.getByLabel('First name', { exact: true }).inputValue(), 'Aisha', 'what was typed is kept');
    await page.getByRole('link', { name: /Date of birth must be a real date/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'dateOfBirth-day');

    await page.getByLabel('Day').fill('28');
    await page.getByLabel('NHS number (optional)').fill('999 000 0018');
    await page.getByLabel('Female').check();
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.getByText('Person recorded').waitFor();
    await expectAccessible(page, 'A child’s person record');
    assert.match((await page.locator('#person-banner').textContent()) ?? '', /Under 18/);
    assert.match((await page.locator('#person-banner').textContent()) ?? '', /Woman/);

    await page.goto('/people/new');
    await page.getByLabel('First name', { exact: true }).fill('Ayesha');
    await page.getByLabel('Last name', { exact: true }).fill('Quarshie-Bell');
    await page.getByLabel('Day').fill('28');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2010');
    await page.getByLabel('Female').check();
    await page.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('heading', { level: 1, name: 'This person may already be recorded' }).waitFor();
    await expectAccessible(page, 'Possible duplicates');
    const table = page.getByRole('table', { name: 'People who may be the same' });
    assert.match((await table.textContent()) ?? '', /Same date of birth/);
    await table.getByRole('link', { name: /Aisha Quarshie-Bell/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Personal details' }).waitFor();

    await page.getByRole('link', { name: /Change personal details/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Change personal details' }).waitFor();
    await expectAccessible(page, 'Change personal details');
  });
});
