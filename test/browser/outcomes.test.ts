// The dashboard and the outcomes page in a browser: a team manager chooses a period and a comparison group, a
// commissioner sees only suppressed aggregates; every page visited passes axe (WCAG 2.2 AA).
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

describe('dashboard and outcomes', () => {
  const session = useBrowserSession();

  test('a team manager reads the dashboard for a period, then outcomes against a comparison group', async () => {
    const page = await session().newPage();
    const found: string[] = [];
    await signInAsCalderValeManager(page);

    // The manager's navigation is long: on a narrow header, Dashboard sits under "More".
    await page.goto('/dashboard');
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await collectViolations(page, 'Dashboard', found);
    assert.ok(await page.locator('svg[role="img"]').count() >= 5, 'charts are drawn');

    // A period that ends before it starts is refused, naming the field, the dates kept.
    await fillDate(page, 'First date', '1', '6', '2026');
    await fillDate(page, 'Last date', '1', '3', '2026');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await collectViolations(page, 'Dashboard with an error', found);
    assert.equal(await page.getByRole('group', { name: 'First date' }).getByLabel('Month').inputValue(), '6');

    await fillDate(page, 'First date', '1', '1', '2026');
    await page.getByRole('button', { name: 'Show figures' }).click();
    await page.getByRole('heading', { level: 2, name: /1 January 2026 to 1 March 2026/ }).waitFor();
    await collectViolations(page, 'Dashboard for a chosen period', found);
    assert.ok((await page.locator('#activity-table').textContent())?.includes('Referrals'));

    await page.getByRole('link', { name: 'Outcomes: engagement and re-offending' }).click();
    await page.getByRole('heading', { level: 1, name: 'Outcomes: engagement and re-offending' }).waitFor();
    await collectViolations(page, 'Outcomes', found);
    const radios = page.getByRole('group', { name: 'Comparison group for re-offending' }).getByRole('radio');
    await radios.last().check();
    await page.getByRole('button', { name: 'Show outcomes' }).click();
    await page.getByRole('heading', { level: 2, name: 'Proven re-offending' }).waitFor();
    assert.ok(await radios.last().isChecked(), 'the chosen comparison group is kept');
    await collectViolations(page, 'Outcomes with another comparison group', found);
    assertNoViolations(found);
  });

  test('a commissioner sees the dashboard and outcomes with small numbers suppressed', async () => {
    const page = await session().newPage();
    const found: string[] = [];
    await signIn(page, 'commissioner');
    await page.getByRole('banner').getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await collectViolations(page, 'Commissioner dashboard', found);
    await page.getByText(/Numbers from 1 to 4 are not shown/).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Outcomes', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Outcomes: engagement and re-offending' }).waitFor();
    await collectViolations(page, 'Commissioner outcomes', found);
    assertNoViolations(found);
  });
});
