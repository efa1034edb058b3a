// Two-step sign-in in a real browser: setting up the authenticator app, then signing in with a security code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hotp, totpStep, TOTP_WINDOW_STEPS } from '../../src/domain/totp.js';
import { expectAccessible, signIn, signOut, useBrowserSession } from '../support/browser.js';

/** A 6-digit code that no step within the accepted window gives, so it is certainly wrong. */
function wrongCode(secret: string, now: number): string {
  const valid = new Set<string>();
  for (let step = now - TOTP_WINDOW_STEPS - 1; step <= now + TOTP_WINDOW_STEPS + 1; step++) valid.add(hotp(secret, step));
  for (let n = 123456; ; n++) if (!valid.has(String(n))) return String(n);
}

describe('second factor', () => {
  const session = useBrowserSession();

  test('a user who must use a security code sets up the app, then signs in with a code', async () => {
    const page = await session().newPage();

    // First sign-in: sent to set up the authenticator app before anything else.
    await signIn(page, 'secure');
    assert.equal(new URL(page.url()).pathname, '/account/two-factor');
    await page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' }).waitFor();
    assert.equal(await page.getByRole('navigation', { name: 'Account' }).count(), 0, 'no account menu until the second factor is done');
    await expectAccessible(page, 'Set up your authenticator app');

    const home = await page.goto('/');
    assert.equal(new URL(page.url()).pathname, '/account/two-factor', 'nothing else opens until the app is set up');
    assert.equal(home?.status(), 200);

    const secret = (await page.locator('#secret-key').innerText()).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);

    // A wrong code is refused with an error, and the same key is shown again.
    await page.getByLabel('Code from the app').fill(wrongCode(secret, totpStep(new Date())));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    assert.equal((await page.locator('#secret-key').innerText()).replace(/\s+/g, ''), secret);
    await expectAccessible(page, 'Set up your authenticator app, with an error');

    const setupStep = totpStep(new Date());
    await page.getByLabel('Code from the app').fill(hotp(secret, setupStep));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'Calder Vale Liaison and Diversion Service' }).waitFor();
    assert.match(await page.getByRole('navigation', { name: 'Account' }).innerText(), /Bilal Rahman \(Practitioner\)/);
    await expectAccessible(page, 'Home page after setting up the app');

    await signOut(page);

    // Second sign-in: asked for a security code.
    await signIn(page, 'secure');
    assert.equal(new URL(page.url()).pathname, '/sign-in/code');
    await page.getByRole('heading', { level: 1, name: 'Enter your security code' }).waitFor();
    await expectAccessible(page, 'Enter your security code');

    await page.getByLabel('Security code').fill(wrongCode(secret, totpStep(new Date())));
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    const link = summary.getByRole('link', { name: /The code is not right/ });
    assert.equal(await link.getAttribute('href'), '#code');
    assert.match(await page.title(), /^Error: Enter your security code/);
    await expectAccessible(page, 'Enter your security code, with an error');
    await link.click();
    await page.waitForFunction(() => document.activeElement?.id === 'code');

    // The step used at set-up cannot be used again: take the next one when the clock has not moved on.
    const step = Math.max(totpStep(new Date()), setupStep + 1);
    await page.getByLabel('Security code').fill(hotp(secret, step));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'Calder Vale Liaison and Diversion Service' }).waitFor();
    assert.match(await page.getByRole('navigation', { name: 'Account' }).innerText(), /Bilal Rahman \(Practitioner\)/);
  });
});
