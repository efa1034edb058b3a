// What every test of a stale save reads from the conflict page, whatever the form.
import assert from 'node:assert/strict';
import type { Response, TestApp } from './app.js';

/** The version a form carries in its hidden field. */
export const versionOf = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

/** The rows of the "What changed" table: question → [saved by them, yours], as the page shows them. */
export function whatChanged(res: Response): Map<string, [string, string]> {
  const table = /<caption[^>]*>What changed<\/caption>([\s\S]*?)<\/table>/.exec(res.body)?.[1];
  assert.ok(table, 'the page has a "What changed" table');
  assert.match(table, /<th scope="col"[^>]*>Question<\/th>\s*<th scope="col"[^>]*>Saved by them<\/th>\s*<th scope="col"[^>]*>Yours<\/th>/);
  const rows = new Map<string, [string, string]>();
  for (const m of table.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/g)) rows.set(m[1]!, [m[2]!, m[3]!]);
  return rows;
}

/** What every conflict page says, whatever the form; `savedAt` as the page writes the other save's time. */
export function assertConflictPage(res: Response, savedAt = '23 Nov 2026, 10:00'): void {
  assert.equal(res.status, 409);
  assert.match(res.body, /nhsuk-card--warning[\s\S]*Someone else saved this while you were working on it/);
  assert.match(res.body, new RegExp(`They saved it on ${savedAt}`));
  assert.match(res.body, /Your version is in the form below\. Save again to replace theirs, or change the form first\./);
  assert.match(res.body, /href="#what-changed"/, 'the error summary leads to the comparison');
}

/** The usernames of an action's audit events about a person, oldest first. */
export async function auditedBy(t: TestApp, personId: string, action: string): Promise<string[]> {
  return (await t.services.audit.search({ personId, action })).map((e) => e.username ?? '').reverse();
}
