// Signing in and out in a real browser, with and without JavaScript.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, signIn, signOut, useBrowserSession } from '../support/browser.js';

describe('signing in', () => {
  const session = useBrowserSession();

  test('a practitioner signs in, sees their service and role, and signs out from the header', async () => {
    const page = await session().newPage();
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/', 'a signed-out visitor is sent to sign in, coming back afterwards');
    await expectAccessible(page, 'Sign-in page');

    await signIn(page, 'practitioner');
    assert.equal(new URL(page.url()).pathname, '/');
    await page.getByRole('heading', { level: 1, name: 'Calder Vale Liaison and Diversion Service' }).waitFor();
    assert.match(await page.locator('.nhsuk-lede-text').innerText(), /You are working as practitioner/);
    const account = page.getByRole('navigation', { name: 'Account' });
    assert.match(await account.innerText(), /Hannah Okafor \(Practitioner\)/);
    assert.equal(await page.title(), 'Home – Divert');
    await expectAccessible(page, 'Home page of a practitioner');

    await signOut(page);
    await page.getByText('You have been signed out.').waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Account' }).count(), 0, 'no account menu once signed out');
    await expectAccessible(page, 'Sign-in page after signing out');

    const home = await page.goto('/');
    assert.equal(new URL(page.url()).pathname, '/sign-in', 'the old session no longer opens the home page');
    assert.equal(home?.status(), 200);
  });

  test('a wrong password shows the error summary, whose link focuses the username, and keeps the username', async () => {
    const page = await session().newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Username', { exact: true }).fill('practitioner');
    await page.getByLabel('Password', { exact: true }).fill('not-the-password-at-all');
    const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    assert.equal((await posted).status(), 401);
    await page.waitForLoadState('load');

    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    assert.match(await summary.getByRole('heading').innerText(), /There is a problem/);
    assert.match(await page.title(), /^Error: Sign in/);
    const link = summary.getByRole('link', { name: 'The username or password is not right: check them and try again' });
    assert.equal(await link.getAttribute('href'), '#username');
    assert.equal(await page.getByLabel('Username', { exact: true }).inputValue(), 'practitioner');
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the password is never sent back');
    await expectAccessible(page, 'Sign-in page with an error');

    await link.click();
    await page.waitForFunction(() => document.activeElement?.id === 'username');

    await signIn(page, 'practitioner');
    assert.equal(new URL(page.url()).pathname, '/');
  });

  test('an empty form asks for both the username and the password', async () => {
    const page = await session().newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    const links = await summary.getByRole('link').allInnerTexts();
    assert.deepEqual(links, ['Enter your username', 'Enter your password']);
    await expectAccessible(page, 'Sign-in page with an empty form');
  });

  test('without JavaScript, signing in and out still works', async () => {
    const page = await session().newPage({ javaScriptEnabled: false });
    await page.goto('/sign-in');
    assert.doesNotMatch((await page.locator('body').getAttribute('class')) ?? '', /js-enabled/, 'scripts are really off');
    await page.getByLabel('Username', { exact: true }).fill('practitioner');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password-here');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    assert.equal(await page.getByLabel('Username', { exact: true }).inputValue(), 'practitioner');

    await signIn(page, 'practitioner');
    await page.getByRole('heading', { level: 1, name: 'Calder Vale Liaison and Diversion Service' }).waitFor();
    await signOut(page);
    await page.getByText('You have been signed out.').waitFor();
  });
});
