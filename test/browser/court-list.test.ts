// A practitioner imports today's court list, checks the problems first, and sees who is known to the service.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectAccessible, signIn, useBrowserSession } from '../support/browser.js';

const CSV = [
  'name,date of birth,case reference,court,hearing time,charge',
  '"WHITWORTH, Dale",02/09/1988,CV-2026-0101,Calder Vale Magistrates,10:00,Theft from a shop',
  '"KOWALSKA, Ewa",31/02/1990,CV-2026-0102,Calder Vale Magistrates,10:30,Criminal damage',
  '"OKONJO, Tobi",14/05/2001,CV-2026-0103,Calder Vale Magistrates,11:00,Possession of a bladed article',
].join('\n');

describe('court list import', () => {
  const session = useBrowserSession();

  test('paste a list, see the bad row by its line, import the good rows', async () => {
    const page = await session().newPage();
    await signIn(page, 'practitioner');
    await page.goto('/today');
    await page.getByRole('link', { name: "Calder Vale Magistrates' Court" }).click();
    await page.getByRole('link', { name: 'Court list' }).click();
    await page.getByRole('button', { name: 'Check the list' }).waitFor();
    await expectAccessible(page, 'Court list, empty');
    await page.getByLabel('Or paste the list').fill(CSV);
    await page.getByRole('button', { name: 'Check the list' }).click();
    await page.getByRole('button', { name: 'Import 2 rows' }).waitFor();
    await expectAccessible(page, 'Court list preview');
    assert.match((await page.locator('main').textContent()) ?? '', /Line 3/);
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByRole('table').first().waitFor();
    await expectAccessible(page, 'Court list after import');
    const text = (await page.locator('main').textContent()) ?? '';
    assert.match(text, /Dale/);
    assert.match(text, /Tobi/);
    assert.doesNotMatch(text, /Ewa/);
  });
});
