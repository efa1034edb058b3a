// A practitioner assesses a case in the browser: start from the screen, gaps refused, complete it.
// Every state of the page passes axe (WCAG 2.2 AA).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, signIn, useBrowserSession } from '../support/browser.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { ASSESSMENT_DOMAINS } from '../../src/domain/assessment-form.js';
import { VULNERABILITY_DOMAIN_LABELS } from '../../src/domain/vulnerability-domains.js';

describe('assessing a case in the browser', () => {
  const session = useBrowserSession();

  test('start, refused completion, completed read-only page: each accessible', async () => {
    const { services } = session();
    const nurse = await actorFor(services, 'practitioner');
    const { caseId, personId } = await openCase(services, nurse, { givenName: 'Leopold', familyName: 'Ashcombe-Threlfall' });
    const sibling = await services.people.create(nurse, {
      givenName: 'Winifred', familyName: 'Ashcombe-Threlfall', preferredName: '', dateOfBirth: '2012-06-01', sex: 'female', genderIdentity: '', ethnicityCode: '',
      firstLanguage: '', interpreterNeeded: false, address: '', postcode: '', phone: '', email: '', nhsNumber: null, pncId: null, probationCrn: '',
      isVeteran: false, isCareLeaver: false, knownRisk: '',
    }, 'new-after-checking', TEST_ORIGIN);
    await services.people.addLink(nurse, personId, sibling.id, 'sibling', TEST_ORIGIN);

    const page = await session().newPage();
    await signIn(page, 'practitioner');
    await page.goto(`/cases/${caseId}/assessment`);
    await expectAccessible(page, 'assessment not started');
    await page.getByRole('button', { name: 'Start the assessment' }).click();
    await page.getByText('Assessment started from the screen').waitFor();
    await expectAccessible(page, 'draft assessment');

    await page.getByRole('group', { name: 'Level of need – Housing' }).getByRole('radio', { name: 'High' }).check();
    await page.getByRole('button', { name: 'Complete the assessment' }).click();
    await page.getByRole('link', { name: 'Enter the evidence for a high need in housing' }).waitFor();
    await expectAccessible(page, 'assessment with errors');

    for (const domain of ASSESSMENT_DOMAINS) {
      if (domain !== 'housing') await page.getByRole('group', { name: `Level of need – ${VULNERABILITY_DOMAIN_LABELS[domain]}` }).getByRole('radio', { name: 'No need' }).check();
    }
    await page.getByLabel('Evidence for housing').fill('Evicted last month; sleeping in a car');
    await page.getByRole('group', { name: 'Risk level' }).getByRole('radio', { name: 'Low' }).check();
    await page.getByRole('group', { name: 'Could Winifred be offered support themselves?' }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: 'Complete the assessment' }).click();
    await page.getByText('Assessment completed').first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'Correct this risk level' }).count(), 1);
    await expectAccessible(page, 'completed assessment');

    await page.getByRole('button', { name: 'Open a linked case for Winifred Ashcombe-Threlfall' }).click();
    await page.getByText('Case opened for Winifred Ashcombe-Threlfall').waitFor();
    await expectAccessible(page, 'linked case opened');
  });
});
