// Justice liaison in a browser: advice to custody read at once by the custody sergeant without clinical detail, a court
// report drafted, signed off, issued and downloaded as a PDF, and a partner worker moving an onward referral on without
// seeing the case. Every page visited passes axe (WCAG 2.2 AA).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { signIn, signOut, useBrowserSession } from '../support/browser.js';
import { addDays } from '../../src/domain/calendar-date.js';
import { londonDate } from '../../src/domain/london-time.js';
import { longDate } from '../../src/web/views.js';
import { arrangeCase, assertNoViolations, collectViolations, signInAsCalderValeManager } from './support-cases.js';
import { arrangeCustodyReferral, assertNothingOf, fillDate, SCREEN_NOTES } from './support-justice.js';
import { pdfPages } from '../support/pdf.js';

const COURT = "Calder Vale Magistrates' Court";
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const banner = (page: Page) => page.getByRole('banner');
const caseNav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Parts of this case' }).getByRole('link', { name, exact: true });
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A link's name made of visible text and visually hidden text, which a screen reader may read with a space between. */
const linkName = (visible: string, hidden: string) => new RegExp(`^${escapeRegExp(visible)}\\s*${escapeRegExp(hidden)}$`);
const heading1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

/** What the case holds that only the health team may read: the plan, its interventions and the contacts' notes. */
const CASE_CLINICAL = ['I want to sleep properly again', 'I want to get back to college', 'Engaged with CAMHS and back at college by week 12', 'meets a need found at assessment', 'Talked about sleep and college'];

describe('justice liaison', () => {
  const session = useBrowserSession();

  test('advice to custody reaches the custody sergeant at once, exactly as shared and without clinical detail', async () => {
    const r = await arrangeCustodyReferral(session().services, 'Ottoline', 'Brackenbury');
    const page = await session().newPage();
    const found: string[] = [];
    await signIn(page, 'practitioner');

    // The practitioner finds the referral on today's list for the custody suite.
    await banner(page).getByRole('link', { name: "Today's lists", exact: true }).click();
    await heading1(page, "Today's lists");
    await page.getByRole('link', { name: r.siteName, exact: true }).click();
    await heading1(page, "Today's list");
    await collectViolations(page, "Today's list", found);
    await page.getByRole('link', { name: r.name, exact: true }).click();
    await heading1(page, `Referral of ${r.name}`);
    await collectViolations(page, 'Referral', found);
    await page.getByText('No advice has been given to custody on this referral.').waitFor();

    await page.getByRole('button', { name: 'Give advice to custody' }).click();
    await heading1(page, 'Advice to custody');
    await collectViolations(page, 'Advice to custody form', found);
    assert.match(await text(page, '#consent-line'), /Consent to share with justice agencies: given/);
    await page.getByRole('group', { name: 'Is the person fit for interview?' }).getByRole('radio', { name: 'Fit for interview with support', exact: true }).check();
    await page.getByLabel('Notes on fitness for interview').fill('Needs a break every 20 minutes and one question at a time');
    await page.getByRole('group', { name: 'Is an appropriate adult needed?' }).getByRole('radio', { name: 'Yes', exact: true }).check();
    await page.getByRole('group', { name: 'Risk in custody' }).getByRole('radio', { name: 'High', exact: true }).check();
    await page.getByLabel('How to manage the risk').fill('Constant observation; take away his belt and laces');
    await page.getByRole('group', { name: 'Is a healthcare professional review needed?' }).getByRole('radio', { name: 'Yes', exact: true }).check();
    await page.getByLabel('Why is a review needed?').fill('Has missed his evening medication');
    await page.getByRole('group', { name: 'On what basis is it shared?' }).getByRole('radio', { name: 'The person’s consent', exact: true }).check();
    await collectViolations(page, 'Advice to custody form, filled in', found);
    await page.getByRole('button', { name: 'Save and share the advice' }).click();
    await page.getByText(`Advice shared with the staff of ${r.siteName}`).waitFor();
    await collectViolations(page, 'Referral with advice shared', found);
    const shared = [
      'Fit for interview: Fit for interview with support — Needs a break every 20 minutes and one question at a time',
      'Appropriate adult needed: Yes',
      'Risk in custody: High. How to manage it: Constant observation; take away his belt and laces',
      'Healthcare professional review needed: Yes — Has missed his evening medication',
    ];
    const card = await text(page, '#custody-advice');
    assert.match(card, /Shared/);
    for (const line of shared) assert.ok(card.includes(line), `the referral page shows "${line}"`);
    await signOut(page);

    // The custody sergeant sees it on their page straight away, against the referral they made.
    await signIn(page, 'custody-officer');
    await banner(page).getByRole('link', { name: 'Your referrals and advice', exact: true }).click();
    await heading1(page, 'Your referrals');
    await collectViolations(page, 'Custody: your referrals', found);
    const made = page.getByRole('table', { name: 'Referrals you made' }).getByRole('row').filter({ hasText: r.name });
    assert.match(squash((await made.textContent()) ?? ''), /Advice to custody, /, 'the referral they made links to the advice');
    assertNothingOf(await page.content(), Object.values(SCREEN_NOTES), 'The custody page');
    await page.getByRole('link', { name: linkName('Read it', `: Advice to custody about ${r.name}`) }).click();
    await heading1(page, r.name);
    await collectViolations(page, 'Custody: advice shared', found);
    const summary = squash(await text(page, '.nhsuk-summary-list'));
    assert.match(summary, /Date of birth 9 March 1987/);
    assert.match(summary, new RegExp(`Shared with Custody staff, ${r.siteName}`));
    assert.match(summary, /Shared by Hannah Okafor/);
    const paragraphs = (await page.locator('#what-was-shared + .nhsuk-inset-text p').allTextContents()).map(squash);
    assert.deepEqual(paragraphs, shared, 'exactly the text shared, one line a paragraph');
    assertNothingOf(await page.content(), [...Object.values(SCREEN_NOTES), 'Mental health', 'Drug and alcohol'], 'The advice shared with custody');
    assertNoViolations(found);
  });

  test('a court report drafted, sent for sign-off, signed off and issued, its PDF downloaded and the disclosure listed', async () => {
    const c = await arrangeCase(session().services, 'Peregrine', 'Ashcombe-Vail');
    const today = londonDate(new Date());
    const hearingOn = addDays(today, 21);
    const recommendation = 'The team recommends a community order with a mental health treatment requirement, with support from CAMHS.';
    const page = await session().newPage();
    const found: string[] = [];
    await signIn(page, 'practitioner');

    await banner(page).getByRole('link', { name: 'My cases', exact: true }).click();
    await heading1(page, 'My cases');
    await page.getByRole('link', { name: c.name, exact: true }).click();
    await heading1(page, 'Case summary');
    await caseNav(page, 'Court reports').click();
    await heading1(page, 'Court reports');
    await collectViolations(page, 'Case court reports, none yet', found);
    await page.getByText('No court reports have been written for this person on this case.').waitFor();

    await page.getByRole('button', { name: 'Start a court report' }).click();
    await heading1(page, 'Start a court report');
    await collectViolations(page, 'Start a court report', found);
    await page.getByLabel('Court', { exact: true }).selectOption({ label: COURT });
    await fillDate(page, 'Date of the hearing', hearingOn);
    await page.getByRole('group', { name: 'What is the report for?' }).getByRole('radio', { name: 'Sentence', exact: true }).check();
    await page.getByRole('button', { name: 'Start the report' }).click();
    await page.getByText('Court report started').waitFor();
    await heading1(page, `Court report for ${COURT}`);
    await collectViolations(page, 'Court report draft', found);
    assert.match(await page.getByLabel('Background', { exact: true }).inputValue(), new RegExp(`${c.name} was referred to the Liaison and Diversion team on`));

    // The recommendation is still a prompt: the report cannot go for sign-off until it is written.
    await page.getByRole('button', { name: 'Save and send for sign-off' }).click();
    const problem = page.locator('.nhsuk-error-summary').getByRole('link', { name: /Recommendations still has text in square brackets to complete/ });
    await problem.waitFor();
    await collectViolations(page, 'Court report with an unfinished section', found);
    await problem.click();
    await page.getByLabel('Recommendations', { exact: true }).fill(recommendation);
    await page.getByRole('button', { name: 'Save and send for sign-off' }).click();
    await page.getByText('Sent to a team manager for sign-off').waitFor();
    await collectViolations(page, 'Court report awaiting sign-off', found);
    await page.getByText('This report is waiting for a team manager to sign it off and issue it.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign off and issue' }).count(), 0, 'a practitioner cannot issue it');
    await signOut(page);

    // The team manager finds it waiting, signs it off and issues it.
    await signInAsCalderValeManager(page);
    await banner(page).getByRole('link', { name: 'Court reports', exact: true }).click();
    await heading1(page, 'Court reports');
    await collectViolations(page, 'Court reports of the service', found);
    await page.locator('#awaiting-sign-off').getByRole('link', { name: linkName(c.name, ': court report, version 1') }).click();
    await heading1(page, `Court report for ${COURT}`);
    await collectViolations(page, 'Court report to sign off', found);
    assert.ok((await text(page, '#section-recommendations + p')).includes(recommendation), 'the manager reads the recommendation written');
    await page.getByRole('button', { name: 'Sign off and issue' }).click();
    await page.getByText('Signed off and issued: the report is shared with the court').waitFor();
    await collectViolations(page, 'Court report issued', found);
    const facts = squash(await text(page, '.nhsuk-summary-list'));
    assert.match(facts, /State Issued/);
    assert.match(facts, /Signed off by Joanne Barraclough/);
    assert.match(facts, new RegExp(`Hearing ${longDate(hearingOn)} at ${COURT}`));

    // The PDF, downloaded as a user would, and fetched again to read its headers.
    const link = page.getByRole('link', { name: linkName('Download the report (PDF)', ', version 1') });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), 'court-report-ashcombe-vail-v1.pdf');
    const bytes = await readFile((await download.path())!);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF');
    const fetched = await page.request.get((await link.getAttribute('href'))!);
    assert.equal(fetched.status(), 200);
    assert.equal(fetched.headers()['content-type'], 'application/pdf');
    assert.ok(Buffer.from(await fetched.body()).equals(bytes), 'the same bytes each time: the issued PDF is stored');
    const pdfText = (await pdfPages(bytes)).join('\n');
    assert.match(pdfText, new RegExp(c.name));
    assert.match(pdfText, /Version 1/);
    assert.match(pdfText, /Page 1 of \d/);
    assert.match(squash(pdfText), /community order with a mental health treatment requirement/);

    // The case lists the report as a disclosure to the court.
    await caseNav(page, 'Disclosures').click();
    await heading1(page, 'Disclosures');
    await collectViolations(page, 'Case disclosures', found);
    const rows = page.locator('#case-disclosures tbody tr');
    assert.equal(await rows.count(), 1, 'one disclosure during this case');
    const row = squash((await rows.first().textContent()) ?? '');
    assert.ok(row.includes(COURT), 'to the court');
    assert.match(row, new RegExp(`Court report Exact text shared.*Why: Report for the sentencing hearing on ${longDate(hearingOn)}`));
    assert.match(row, /Consent Shared/);
    assertNoViolations(found);
  });

  test('a partner worker accepts a referral, books the first appointment and records attendance, seeing none of the case', async () => {
    const c = await arrangeCase(session().services, 'Leofric', 'Tumbleston');
    const today = londonDate(new Date());
    const page = await session().newPage();
    const found: string[] = [];
    const seen = async (label: string) => {
      await collectViolations(page, label, found);
      assertNothingOf(await page.content(), CASE_CLINICAL, `The partner's page "${label}"`);
    };
    await signIn(page, 'partner');

    await banner(page).getByRole('link', { name: 'Referrals to you', exact: true }).click();
    await heading1(page, 'Referrals to your service');
    await seen('Partner referrals');
    const listed = squash((await page.getByRole('row').filter({ has: page.getByRole('link', { name: c.name, exact: true }) }).textContent()) ?? '');
    assert.match(listed, /Low mood and not sleeping; wants help with anxiety/);
    assert.match(listed, /Sent/);
    await page.getByRole('link', { name: c.name, exact: true }).click();
    await heading1(page, `Referral: ${c.name}`);
    await seen('Partner referral, sent');
    assert.match(squash(await text(page, '.nhsuk-summary-list')), new RegExp(`Referred by Hannah Okafor, Calder Vale Liaison and Diversion Service`));

    const record = async (to: string, appointmentOn?: string) => {
      await page.getByRole('group', { name: 'What has happened?' }).getByRole('radio', { name: to, exact: true }).check();
      if (appointmentOn) await fillDate(page, 'Date of the first appointment', appointmentOn);
      await page.getByRole('button', { name: 'Record the change' }).click();
      await page.getByText('Change recorded').waitFor();
      await seen(`Partner referral after "${to}"`);
      return squash(await text(page, '.nhsuk-summary-list'));
    };
    assert.match(await record('Accepted'), /State Accepted/);
    const booked = await record('First appointment booked', today);
    assert.match(booked, /State First appointment booked/);
    assert.match(booked, new RegExp(`First appointment ${longDate(today)}`));
    assert.match(await record('Attended'), /State Attended/);
    const timeline = squash((await page.getByRole('table', { name: 'Each change to the referral, oldest first' }).textContent()) ?? '');
    assert.match(timeline, /Sent → to Accepted/);
    assert.match(timeline, /Accepted → to First appointment booked/);
    assert.match(timeline, /First appointment booked → to Attended/);

    // Back on the list, the referral stands at attended; the case itself is out of the partner's reach.
    await banner(page).getByRole('link', { name: 'Referrals to you', exact: true }).click();
    await heading1(page, 'Referrals to your service');
    await seen('Partner referrals after attendance');
    assert.match(squash((await page.getByRole('row').filter({ hasText: c.name }).textContent()) ?? ''), /Attended/);
    const caseResponse = await page.goto(`/cases/${c.caseId}`);
    assert.ok(caseResponse && caseResponse.status() === 404, `the case page is not found for a partner (status ${caseResponse?.status()})`);
    assertNothingOf(await page.content(), CASE_CLINICAL, 'The refused case page');
    assertNoViolations(found);
  });
});
