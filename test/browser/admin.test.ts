// An administrator keeps a service's sites up to date; other roles are kept out of administration.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAccessible, signIn, useBrowserSession } from '../support/browser.js';

const SERVICE = 'Calder Vale Liaison and Diversion Service';

/** Clicks a form's submit button and waits for the page that answers the POST; returns its status. */
async function submit(page: Page, button: string): Promise<number> {
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
  await page.getByRole('button', { name: button, exact: true }).click();
  const status = (await posted).status();
  await page.waitForLoadState('load');
  return status;
}

function sitesTable(page: Page) {
  return page.getByRole('table', { name: `Sites of ${SERVICE}` });
}

describe('administering services and sites', () => {
  const session = useBrowserSession();

  test('an administrator adds a site to Calder Vale, fixing the errors first, then changes its response target', async () => {
    const page = await session().newPage();
    await signIn(page, 'admin');
    await expectAccessible(page, 'Home page of an administrator');

    await page.getByRole('banner').getByRole('link', { name: 'Services and sites' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/services');
    await page.getByRole('heading', { level: 1, name: 'Services' }).waitFor();
    await expectAccessible(page, 'Services');

    await page.getByRole('table', { name: 'Services' }).getByRole('link', { name: SERVICE }).click();
    await page.getByRole('heading', { level: 1, name: SERVICE }).waitFor();
    const serviceUrl = new URL(page.url()).pathname;
    assert.match(serviceUrl, /^\/admin\/services\/[0-9a-f-]{36}$/);
    await expectAccessible(page, 'Calder Vale service page');

    // NHS button links carry role="button".
    await page.getByRole('button', { name: 'Add a site' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a site' }).waitFor();
    await expectAccessible(page, 'Add a site');

    // Submitted empty (the response target is filled in for you: clear it too), every mistake is listed.
    await page.getByLabel('Response-time target, in minutes').fill('');
    assert.equal(await submit(page, 'Save site'), 400);
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    const errors = await summary.getByRole('link').evaluateAll((links) => links.map((a) => [a.textContent?.trim(), a.getAttribute('href')]));
    assert.deepEqual(Object.fromEntries(errors.map(([text, href]) => [href, text])), {
      '#code': 'Enter a short code for the site',
      '#name': 'Enter the name of the site',
      '#siteKind': 'Select the kind of site',
      '#responseTargetMinutes': 'Enter the response-time target in minutes, like 60',
    });
    assert.match(await page.title(), /^Error: Add a site/);
    await expectAccessible(page, 'Add a site, with errors');
    await summary.getByRole('link', { name: 'Select the kind of site' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'siteKind');

    await page.getByLabel('Name', { exact: true }).fill('Brighouse police station');
    await page.getByLabel('Site code').fill('cv-ps2');
    await page.getByRole('radio', { name: 'Police station (voluntary attendance)' }).check();
    await page.getByLabel('Address (optional)').fill('Bradford Road, Brighouse');
    await page.getByLabel('Response-time target, in minutes').fill('75');
    assert.equal(await submit(page, 'Save site'), 303);
    assert.equal(new URL(page.url()).pathname, serviceUrl);
    await page.getByText('Site saved').waitFor();
    const row = sitesTable(page).getByRole('row', { name: /Brighouse police station/ });
    assert.deepEqual(await row.getByRole('cell').allInnerTexts().then((cells) => cells.slice(0, 4)), ['CV-PS2', 'Police station (voluntary attendance)', '75 min', 'Active']);
    await expectAccessible(page, 'Calder Vale service page after adding a site');

    await row.getByRole('link', { name: 'Change Brighouse police station' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change site details' }).waitFor();
    assert.equal(await page.getByLabel('Site code').inputValue(), 'CV-PS2');
    assert.equal(await page.getByLabel('Response-time target, in minutes').inputValue(), '75');
    await expectAccessible(page, 'Change site details');

    await page.getByLabel('Response-time target, in minutes').fill('90');
    assert.equal(await submit(page, 'Save site'), 303);
    await page.getByText('Site saved').waitFor();
    assert.equal(await sitesTable(page).getByRole('row', { name: /Brighouse police station/ }).getByRole('cell', { name: '90 min' }).count(), 1);

    const site = (await session().services.sites.listForService(serviceUrl.split('/').pop()!)).find((s) => s.code === 'CV-PS2');
    assert.equal(site?.response_target_minutes, 90);
    assert.equal(site?.version, 2);
  });

  test('a practitioner is refused the administration pages', async () => {
    const page = await session().newPage();
    await signIn(page, 'practitioner');
    assert.equal(await page.getByRole('banner').getByRole('link', { name: 'Services and sites' }).count(), 0, 'no admin link in the navigation');

    const response = await page.goto('/admin/services');
    assert.equal(response?.status(), 403);
    assert.equal(new URL(page.url()).pathname, '/admin/services');
    await page.getByRole('heading', { level: 1, name: 'You do not have access to this page' }).waitFor();
    assert.equal(await page.getByRole('table').count(), 0);
    await expectAccessible(page, 'Forbidden page');
  });
});
