// Two practitioners change the same person's details in their own browsers, one without JavaScript: the second
// sees both versions in an accessible table, and saving again having seen them goes through.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, signIn, useBrowserSession } from '../support/browser.js';
import { actorFor, TEST_ORIGIN } from '../support/cases.js';

describe('concurrent edits in the browser', () => {
  const session = useBrowserSession();

  test('the second save shows what changed beside what was typed, and saving again replaces it', async () => {
    const hannah = await actorFor(session().services, 'practitioner');
    const person = await session().services.people.create(hannah, {
      givenName: 'Lowenna', familyName: 'Trevithick-Ames', preferredName: '', dateOfBirth: '1993-07-11', sex: 'female', genderIdentity: '', ethnicityCode: 'B',
      firstLanguage: '', interpreterNeeded: false, address: '9 Dyehouse Lane', postcode: '', phone: '', email: '', nhsNumber: null, pncId: null,
      probationCrn: '', isVeteran: false, isCareLeaver: false, knownRisk: '',
    }, 'new-after-checking', TEST_ORIGIN);
    const first = await session().newPage({ javaScriptEnabled: false });
    const second = await session().newPage();
    await signIn(first, 'practitioner');
    await signIn(second, 'slt.imogen', undefined, { role: 'Practitioner' });
    for (const page of [first, second]) await page.goto(`/people/${person.id}/edit`);

    await first.getByLabel('Address (optional)').fill('1 Mill Lane');
    await first.getByRole('button', { name: 'Save changes' }).click();
    await first.waitForURL((url) => url.pathname === `/people/${person.id}`);

    await second.getByLabel('Address (optional)').fill('22 Canal Street');
    await second.getByRole('button', { name: 'Save changes' }).click();
    await second.getByRole('heading', { name: /Someone else saved this while you were working on it/ }).waitFor();
    await expectAccessible(second, 'A stale edit of personal details');
    const table = second.getByRole('table', { name: 'What changed' });
    const row = table.getByRole('row', { name: /Address/ });
    assert.deepEqual(await row.locator('th, td').allTextContents(), ['Address', '1 Mill Lane', '22 Canal Street']);
    assert.equal(await second.getByLabel('Address (optional)').inputValue(), '22 Canal Street', 'what was typed is kept');

    await second.getByRole('button', { name: 'Save changes' }).click();
    await second.waitForURL((url) => url.pathname === `/people/${person.id}`);
    assert.equal((await session().services.people.get(hannah, person.id)).address, '22 Canal Street');
  });
});
