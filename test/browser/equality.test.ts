// Equality monitoring in a browser: a team manager chooses a period (a bad one is refused by field), a commissioner
// sees only suppressed aggregates; every page visited passes axe (WCAG 2.2 AA).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { signIn, useBrowserSession } from '../support/browser.js';
import { assertNoViolations, collectViolations, signInAsCalderValeManager } from './support-cases.js';

/** Fills an NHS date input found by its legend. */
async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

describe('equality monitoring', () => {
  const session = useBrowserSession();

  test('a team manager reads reach by group for a period, and a bad period is refused by field', async () => {
    const page = await session().newPage();
    const found: string[] = [];
    await signInAsCalderValeManager(page);
    await page.goto('/equality');
    await page.getByRole('heading', { level: 1, name: 'Equality monitoring' }).waitFor();
    await collectViolations(page, 'Equality monitoring', found);
    assert.ok((await page.locator('#equality-reach').textContent())?.includes('Everyone'));

    await fillDate(page, 'First date', '1', '6', '2026');
    await fillDate(page, 'Last date', '1', '3', '2026');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await collectViolations(page, 'Equality monitoring with an error', found);
    assert.equal(await page.getByRole('group', { name: 'First date' }).getByLabel('Month').inputValue(), '6');

    await fillDate(page, 'First date', '1', '1', '2001');
    await fillDate(page, 'Last date', '31', '3', '2001');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByText('No referrals were made in this period').waitFor();
    await collectViolations(page, 'Equality monitoring, an empty period', found);
    assertNoViolations(found);
  });

  test('a commissioner sees the table with small numbers suppressed', async () => {
    const page = await session().newPage();
    const found: string[] = [];
    await signIn(page, 'commissioner');
    await page.goto('/equality');
    await page.getByRole('heading', { level: 1, name: 'Equality monitoring' }).waitFor();
    await page.locator('#suppression-footnote').waitFor();
    await collectViolations(page, 'Equality monitoring (commissioner)', found);
    assertNoViolations(found);
  });
});
