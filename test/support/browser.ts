// Browser tests: the test application listening on a random local port, driven by Debian's Chromium,
// every page checked with axe against WCAG 2.2 AA.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { Services } from '../../src/services/index.js';
import { DEMO_PASSWORD } from '../../src/services/seed/profiles.js';
import { startTestApp } from './app.js';

export type BrowserSession = {
  baseUrl: string;
  browser: Browser;
  services: Services;
  /** A page in a context of its own (its own cookies), with relative URLs resolved against the app. */
  newPage(options?: { javaScriptEnabled?: boolean }): Promise<Page>;
  close(): Promise<void>;
};

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function startBrowserSession(): Promise<BrowserSession> {
  const testApp = await startTestApp('pglite');
  let browser: Browser | undefined;
  try {
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = testApp.app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const launched = browser;
    const contexts: BrowserContext[] = [];
    return {
      baseUrl,
      browser: launched,
      services: testApp.services,
      async newPage(options = {}) {
        const context = await launched.newContext({ baseURL: baseUrl, javaScriptEnabled: options.javaScriptEnabled ?? true });
        contexts.push(context);
        context.setDefaultTimeout(10_000);
        context.setDefaultNavigationTimeout(15_000);
        return context.newPage();
      },
      async close() {
        for (const context of contexts) await context.close().catch(() => undefined);
        await launched.close();
        await testApp.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await testApp.close();
    throw error;
  }
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails, listing every violation readably, unless the page as it is now passes axe's WCAG 2.2 AA rules. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  if (results.violations.length === 0) return;
  const lines = results.violations.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => `      ${n.target.join(' ')}`);
    const more = v.nodes.length > 3 ? [`      …and ${v.nodes.length - 3} more`] : [];
    return [`  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`, ...targets, ...more].join('\n');
  });
  assert.fail(`${label} (${page.url()}) has ${results.violations.length} accessibility violation(s):\n${lines.join('\n')}`);
}

/**
 * Signs in through the form as a person would; when the user holds several roles, picks `role`
 * (its label, such as "Team manager") or else the first one offered.
 */
export async function signIn(page: Page, username: string, password: string = DEMO_PASSWORD, options: { role?: string } = {}): Promise<void> {
  if (new URL(page.url()).pathname !== '/sign-in') await page.goto('/sign-in');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  const posted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const status = (await posted).status();
  if (status !== 303) throw new Error(`Signing in as ${username} was refused with status ${status}`);
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  if (new URL(page.url()).pathname === '/choose-role') {
    const radio = options.role ? page.getByRole('radio', { name: options.role }).first() : page.getByRole('radio').first();
    await radio.check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.pathname !== '/choose-role');
  }
}

/** Signs out with the button in the header and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.has('signedOut'));
}

/** One browser session for the enclosing suite: started before its tests, closed after. Call the result to reach it. */
export function useBrowserSession(): () => BrowserSession {
  let session: BrowserSession | undefined;
  before(async () => {
    session = await startBrowserSession();
  });
  after(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('The browser session has not started');
    return session;
  };
}
