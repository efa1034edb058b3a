// A server killed mid-stream (SIGKILL) keeps every write its users saw acknowledged, whole, and nothing half-written:
// custody staff send referrals through the real form, many at once; the process is killed and started again on the
// same data; each referral is there with its audit event or not there at all, and the audit trail verifies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { divert, startServer, type Server } from '../support/processes.js';
import { createServerDatabase, testEngines } from '../support/database.js';
import { openFormSession, postForm, writeUntilKilled, type WriteLog } from '../support/crash.js';
import { openEmbeddedDatabase, openServerDatabase, type DatabaseHandle } from '../../src/db/open.js';
const FORM = '/custody/referrals/new';
const WORKERS = 8;
const KILL_AFTER = 40;

/** Yesterday (UTC), so the referral is never in the future whatever London's offset. */
function yesterday(): { day: string; month: string; year: string } {
  const d = new Date(Date.now() - 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

/** The custody referral form as a custody sergeant fills it in, with the marker in the free-text reason. */
function referralFields(marker: string): Record<string, string> {
  const { day, month, year } = yesterday();
  return {
    givenName: 'Rowan',
    familyName: 'Testcrash',
    'dateOfBirth[day]': '14', 'dateOfBirth[month]': '3', 'dateOfBirth[year]': '1991',
    'referredDate[day]': day, 'referredDate[month]': month, 'referredDate[year]': year, referredTime: '12:30',
    reasonForConcern: marker,
    custodyStatus: 'in_custody',
    urgency: 'urgent',
    custodyRecordNumber: 'CV/CRASH/01',
  };
}

type Found = { referrals: Map<string, { id: string; given: string; family: string; dob: string | null; crn: string; urgency: string }[]>; auditFor: Map<string, number>; orphanAudit: number };

/** Reads, for every marker of this run, its referral rows and the audit events that record them. */
async function readBack(handle: DatabaseHandle, prefix: string): Promise<Found> {
  const rows = await handle.db
    .selectFrom('referral')
    .select(['id', 'reason_for_concern', 'subject_given_name', 'subject_family_name', 'subject_date_of_birth', 'custody_record_number', 'urgency'])
    .where('reason_for_concern', 'like', `${prefix}%`)
    .execute();
  const referrals: Found['referrals'] = new Map();
  for (const r of rows) {
    const list = referrals.get(r.reason_for_concern) ?? [];
    list.push({ id: r.id, given: r.subject_given_name, family: r.subject_family_name, dob: r.subject_date_of_birth, crn: r.custody_record_number, urgency: r.urgency });
    referrals.set(r.reason_for_concern, list);
  }
  const events = await handle.db.selectFrom('audit_event').select(['subject_id']).where('action', '=', 'referral.created').execute();
  const auditFor = new Map<string, number>();
  for (const e of events) if (e.subject_id) auditFor.set(e.subject_id, (auditFor.get(e.subject_id) ?? 0) + 1);
  const allReferralIds = new Set((await handle.db.selectFrom('referral').select('id').execute()).map((r) => r.id));
  const orphanAudit = events.filter((e) => !e.subject_id || !allReferralIds.has(e.subject_id)).length;
  return { referrals, auditFor, orphanAudit };
}

for (const engine of testEngines()) {
  describe(`crash safety: SIGKILL mid-stream (${engine})`, { timeout: 120_000 }, () => {
    const prefix = `Crash safety ${crypto.randomBytes(4).toString('hex')}: write `;
    let env: Record<string, string>;
    let dropDatabase: () => Promise<void> = async () => undefined;
    let dataDir = '';
    let server: Server | undefined;
    let log: WriteLog;
    let killedBy: NodeJS.Signals | null = null;

    before(async () => {
      if (engine === 'pglite') {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'divert-crash-'));
        env = { DIVERT_DATA_DIR: dataDir, DIVERT_SEED_PROFILE: 'west-yorkshire' };
      } else {
        const database = await createServerDatabase();
        dropDatabase = database.drop;
        env = { DATABASE_URL: database.url, DIVERT_SEED_PROFILE: 'west-yorkshire' };
      }
      server = await startServer(env);
    });

    after(async () => {
      await server?.stop('SIGKILL');
      await dropDatabase();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('concurrent referrals through the form, then SIGKILL with writes in flight', async () => {
      const running = server!;
      const session = await openFormSession(`http://127.0.0.1:${running.port}`, 'custody-officer', FORM);
      const exited = new Promise<NodeJS.Signals | null>((resolve) => running.child.on('exit', (_code, signal) => resolve(signal)));
      log = await writeUntilKilled({
        session,
        formPath: FORM,
        fieldsFor: referralFields,
        markerFor: (n) => `${prefix}${n}`,
        workers: WORKERS,
        killAfter: KILL_AFTER,
        // A different moment each run, so over runs the kill meets a request being read, a transaction open, a commit.
        killDelayMs: crypto.randomInt(1, 30),
        kill: () => running.child.kill('SIGKILL'),
      });
      killedBy = await exited;
      assert.equal(killedBy, 'SIGKILL', 'the server was killed, not stopped');
      assert.deepEqual(log.refusals, [], 'no write was refused before the kill');
      const acknowledged = [...log.outcomes.values()].filter((o) => o === 'acknowledged').length;
      assert.ok(acknowledged >= KILL_AFTER, `${acknowledged} writes acknowledged before the kill`);
      assert.ok(log.inFlightAtKill > 0, `writes were in flight at the kill (${log.inFlightAtKill})`);
    });

    test('a restart on the same data works (a stale data-folder lock is taken over) and accepts a new write', async () => {
      assert.equal(killedBy, 'SIGKILL');
      if (engine === 'pglite') {
        // What a kill leaves: the lock file naming the dead process.
        assert.equal(fs.existsSync(path.join(dataDir, 'divert.lock')), true, 'SIGKILL leaves the lock file behind');
      }
      server = await startServer(env);
      assert.doesNotMatch(server.output(), /First start/, 'the data was kept: no demo data loaded again');
      const session = await openFormSession(`http://127.0.0.1:${server.port}`, 'custody-officer', FORM);
      const after = await postForm(session, FORM, referralFields(`${prefix}after restart`));
      assert.equal(after.status, 303, after.body.slice(0, 500));
      assert.equal(after.location, '/custody?saved=referral');
      assert.equal(await server.stop('SIGTERM'), 0, 'the restarted server stops cleanly');
    });

    test('every acknowledged referral is there and whole; every other one is whole or absent; no orphan audit event', async (t) => {
      const handle = engine === 'pglite' ? await openEmbeddedDatabase(dataDir) : await openServerDatabase(env.DATABASE_URL!, 2);
      let found: Found;
      try {
        found = await readBack(handle, prefix);
      } finally {
        await handle.close();
      }
      const expected = referralFields('x');
      let acknowledgedPresent = 0;
      let unacknowledgedPresent = 0;
      for (const [marker, outcome] of log.outcomes) {
        const rows = found.referrals.get(marker) ?? [];
        assert.ok(rows.length <= 1, `${marker} was saved ${rows.length} times`);
        if (outcome === 'acknowledged') assert.equal(rows.length, 1, `${marker} was acknowledged (303) but is missing after the restart`);
        const row = rows[0];
        if (!row) continue;
        if (outcome === 'acknowledged') acknowledgedPresent++;
        else unacknowledgedPresent++;
        assert.deepEqual(
          { given: row.given, family: row.family, dob: row.dob, crn: row.crn, urgency: row.urgency },
          { given: expected.givenName, family: expected.familyName, dob: '1991-03-14', crn: expected.custodyRecordNumber, urgency: 'urgent' },
          `${marker} is whole`,
        );
        assert.equal(found.auditFor.get(row.id) ?? 0, 1, `${marker}: its referral.created audit event is there, once`);
      }
      const unknown = [...found.referrals.keys()].filter((m) => !log.outcomes.has(m) && m !== `${prefix}after restart`);
      assert.deepEqual(unknown, [], 'no referral that was never sent');
      assert.equal(found.referrals.get(`${prefix}after restart`)?.length, 1, 'the write after the restart is there');
      assert.equal(found.orphanAudit, 0, 'no referral.created audit event without its referral');
      assert.ok(acknowledgedPresent >= KILL_AFTER);
      // For the record: writes the server may have committed after the client lost the answer (whole, as checked above).
      t.diagnostic(`${acknowledgedPresent} acknowledged and present; ${unacknowledgedPresent} unacknowledged but committed; ${log.outcomes.size} sent; ${log.inFlightAtKill} in flight at the kill`);
    });

    test('the audit trail verifies after the crash', async () => {
      const verify = await divert(['verify-audit'], env);
      assert.equal(verify.code, 0, verify.stderr);
      assert.match(verify.stdout, /^The audit trail is intact: \d+ events checked\./);
    });
  });
}
