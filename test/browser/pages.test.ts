// Every page a person in each role can reach, checked with axe against WCAG 2.2 AA.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectAccessible, signIn, signOut, useBrowserSession } from '../support/browser.js';

type Visit = { username: string; role: string; heading: string; clinicalTeam?: boolean; severalRoles?: boolean };

const CALDER_VALE = 'Calder Vale Liaison and Diversion Service';

const VISITS: Visit[] = [
  { username: 'admin', role: 'Administrator', heading: 'Divert' },
  { username: 'practitioner', role: 'Practitioner', heading: CALDER_VALE, clinicalTeam: true },
  { username: 'custody-officer', role: 'Custody or court staff', heading: CALDER_VALE },
  { username: 'partner', role: 'Partner service worker', heading: CALDER_VALE },
  { username: 'commissioner', role: 'Commissioner', heading: CALDER_VALE, severalRoles: true },
  { username: 'volunteer', role: 'Volunteer facilitator', heading: CALDER_VALE },
  { username: 'support', role: 'Support worker', heading: CALDER_VALE, clinicalTeam: true },
  { username: 'manager', role: 'Team manager', heading: CALDER_VALE, clinicalTeam: true, severalRoles: true },
];

/** Opens a page, checks its status and level-one heading, and scans it. */
async function visit(page: Page, path: string, heading: string | RegExp, status = 200): Promise<void> {
  const response = await page.goto(path);
  assert.equal(response?.status(), status, `status of ${path}`);
  assert.equal(new URL(page.url()).pathname, path.split('?')[0], `${path} opens without a redirect`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await expectAccessible(page, path);
}

describe('every page passes axe (WCAG 2.2 AA)', () => {
  const session = useBrowserSession();

  test('signed out: sign-in, accessibility statement and privacy notice', async () => {
    const page = await session().newPage();
    await visit(page, '/sign-in', 'Sign in to Divert');
    await visit(page, '/accessibility', 'Accessibility statement');
    await visit(page, '/privacy', 'How Divert uses information');
    await visit(page, '/sign-in?timedOut=1', 'Sign in to Divert');
    await page.getByText('You were signed out because you had not done anything for 30 minutes.', { exact: false }).waitFor();
    await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
    await page.waitForURL((url) => url.pathname === '/accessibility');
  });

  test('signed out: an unknown address shows "Page not found" with status 404', async () => {
    const page = await session().newPage();
    await visit(page, '/no-such-page', 'Page not found', 404);
    assert.equal(await page.title(), 'Page not found – Divert');
  });

  test('signed in: a record that does not exist shows "Page not found" with status 404', async () => {
    const page = await session().newPage();
    await signIn(page, 'admin');
    await visit(page, '/admin/services/00000000-0000-4000-8000-000000000000', 'Page not found', 404);
    assert.equal(await page.title(), 'Page not found – Divert');
  });

  for (const v of VISITS) {
    test(`${v.username} (${v.role}): home, my account, change password${v.clinicalTeam ? ', sites and partners' : ''}`, async () => {
      const page = await session().newPage();
      await signIn(page, v.username, undefined, { role: v.role });
      assert.equal(new URL(page.url()).pathname, '/');
      await page.getByRole('heading', { level: 1, name: v.heading }).waitFor();
      assert.match(await page.locator('.nhsuk-lede-text').innerText(), new RegExp(`You are working as ${v.role.toLowerCase()}`));
      assert.match(await page.getByRole('navigation', { name: 'Account' }).innerText(), new RegExp(`\\(${v.role}\\)`));
      await expectAccessible(page, `Home page of ${v.username}`);

      if (v.severalRoles) await visit(page, '/choose-role', 'Choose the role you are working in');
      await visit(page, '/account', 'My account');
      await visit(page, '/account/password', 'Change your password');
      await visit(page, '/account/two-factor', 'Set up your authenticator app');
      if (v.clinicalTeam) {
        await visit(page, '/directory', 'Sites and partner services');
        assert.ok((await page.getByRole('table').count()) > 0, 'the directory lists sites and partners');
      } else {
        assert.equal((await page.goto('/directory'))?.status(), 403, `${v.username} may not open the team directory`);
      }
      await signOut(page);
    });
  }

  test('change your password, submitted empty, lists its errors accessibly', async () => {
    const page = await session().newPage();
    await signIn(page, 'practitioner');
    await visit(page, '/account/password', 'Change your password');
    await page.getByRole('button', { name: 'Change password' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    assert.ok((await summary.getByRole('link').count()) > 0);
    assert.match(await page.title(), /^Error: Change your password/);
    await expectAccessible(page, 'Change your password, with errors');
  });
});
