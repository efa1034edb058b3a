// What every test of a stale save reads from the conflict page, whatever the form.
import assert from 'node:assert/strict';
import { Agent, startTestApp, type Response, type TestApp } from './app.js';
import { actorFor } from './cases.js';
import type { Engine } from '../../src/db/open.js';
import type { Clock } from '../../src/services/clock.js';
import type { Actor } from '../../src/domain/actor.js';

/** The test application, and two practitioners of one service each signed in in their own browser. */
export async function twoPractitioners(engine: Engine, clock: Clock): Promise<{ t: TestApp; hannah: Actor; first: Agent; second: Agent }> {
  const t = await startTestApp(engine, { clock });
  const hannah = await actorFor(t.services, 'practitioner');
  const first = new Agent(t.app);
  await first.signIn('practitioner');
  const second = new Agent(t.app);
  await second.signIn('slt.imogen', { role: 'practitioner' });
  return { t, hannah, first, second };
}

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

/**
 * What every conflict page says, whatever the form; `savedAt` as the page writes the other save's time, `advice`
 * what it says saving again does.
 */
export function assertConflictPage(res: Response, savedAt = '23 Nov 2026, 10:00', advice = 'Save again to replace theirs, or change the form first.'): void {
  assert.equal(res.status, 409);
  assert.match(res.body, /nhsuk-card--warning[\s\S]*Someone else saved this while you were working on it/);
  assert.match(res.body, new RegExp(`They saved it on ${savedAt}`));
  assert.ok(res.body.includes(`Your version is in the form below. ${advice}`), advice);
  assert.match(res.body, /href="#what-changed"/, 'the error summary leads to the comparison');
}

/** The usernames of an action's audit events about a person, oldest first. */
export async function auditedBy(t: TestApp, personId: string, action: string): Promise<string[]> {
  return (await t.services.audit.search({ personId, action })).map((e) => e.username ?? '').reverse();
}
