// The quarterly return: one row per referral received in the quarter with a pseudonymised person key and coded
// fields, aggregate tables with small numbers suppressed, four downloads (CSV, aggregates CSV, spreadsheet, PDF) each
// audited, refusals for a bad quarter or a service outside the user's grants, and the command for a scheduled job.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, openCase, TEST_ORIGIN } from '../support/cases.js';
import { pdfPages } from '../support/pdf.js';
import { divert } from '../support/processes.js';
import { fixedClock } from '../../src/services/clock.js';
import { londonInstant } from '../../src/domain/london-time.js';
import { csvRecords } from '../../src/domain/csv.js';
import { personKey } from '../../src/domain/quarterly-return-key.js';
import { RETURN_HEADER } from '../../src/domain/quarterly-return-fields.js';
import { formatCount, suppressList } from '../../src/domain/suppression.js';
import { SEXES, SEX_LABELS } from '../../src/services/people/person-input.js';
import { PERSON_KEY_SECRET } from '../../src/services/outcomes/quarterly-return.js';
import type { Actor } from '../../src/domain/actor.js';

const SHEETS = ['Referrals', 'Activity', 'By site', 'By age band', 'By sex', 'By ethnic group', 'Onward by pathway', 'Fields'];

/** The records of a CSV file as arrays of fields, header first. */
const records = (text: string) => csvRecords(text).map((r) => r.fields);

for (const engine of testEngines()) {
  describe(`quarterly return (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let calderVale: { id: string; code: string; name: string };
    let fiveTowns: { id: string };
    let ours: { personId: string; referralId: string };
    const files: Record<string, { text: string; bytes: Buffer }> = {};
    let commissioner: Agent;

    const download = async (agent: Agent, serviceId: string, quarter: string, suffix: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/quarterly-return/${serviceId}/${quarter}${suffix}`, headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
      return { status: res.statusCode, bytes: res.rawPayload, text: res.body, headers: res.headers };
    };

    before(async () => {
      t = await startTestApp(engine, { clock });
      commissioner = new Agent(t.app);
      nurse = await actorFor(t.services, 'practitioner');
      const services = await t.services.serviceDirectory.list(null);
      calderVale = services.find((s) => s.code === 'calder-vale')!;
      fiveTowns = services.find((s) => s.code === 'five-towns')!;
      // A person of our own with a referral in 2026-Q3 and another in 2026-Q2, with every identifier recorded.
      const opened = await openCase(t.services, nurse, { givenName: 'Quillon', familyName: 'Ravensworth-Abara', dateOfBirth: '1987-03-09', referredAt: new Date('2026-08-12T09:30:00Z') });
      ours = { personId: opened.personId, referralId: opened.referralId };
      await t.db.updateTable('person').set({ nhs_number: '9434765919', pnc_id: '2008/0056560Z' }).where('id', '=', opened.personId).execute();
      const earlier = await t.services.referrals.create(nurse, {
        siteId: opened.siteId, givenName: 'Quillon', familyName: 'Ravensworth-Abara', dateOfBirth: '1987-03-09', source: 'court_staff', referrerName: 'Court officer',
        referrerRole: 'Usher', arrivedAt: null, referredAt: new Date('2026-05-20T13:00:00Z'), reasonForConcern: 'Distressed in the cells', offenceCategory: 'theft',
        victimInvolved: 'no', custodyStatus: 'at_court', custodyRecordNumber: '', courtCaseReference: '', urgency: 'routine',
      }, TEST_ORIGIN);
      await t.services.referrals.linkPerson(nurse, earlier.id, opened.personId, TEST_ORIGIN);

      await commissioner.signIn('commissioner');
      for (const [name, suffix] of [['csv', '.csv'], ['aggregates', '/aggregates.csv'], ['xlsx', '/return.xlsx'], ['pdf', '/summary.pdf'], ['q2', '.csv']] as const) {
        const res = await download(commissioner, calderVale.id, name === 'q2' ? '2026-Q2' : '2026-Q3', suffix);
        assert.equal(res.status, 200, `${name}: ${res.text.slice(0, 300)}`);
        files[name] = { text: res.text, bytes: res.bytes };
      }
    });
    after(() => t?.close());

    test('one row per referral received in the quarter, counted independently; CRLF lines and the documented header', async () => {
      const counted = await t.db.selectFrom('referral').select((eb) => eb.fn.countAll().as('n'))
        .where('service_id', '=', calderVale.id)
        .where('referred_at', '>=', londonInstant('2026-07-01', { hours: 0, minutes: 0 }))
        .where('referred_at', '<', londonInstant('2026-10-01', { hours: 0, minutes: 0 }))
        .executeTakeFirstOrThrow();
      const rows = records(files.csv!.text);
      assert.deepEqual(rows[0], [...RETURN_HEADER]);
      assert.ok(Number(counted.n) > 1);
      assert.equal(rows.length - 1, Number(counted.n));
      assert.ok(files.csv!.text.endsWith('\r\n'));
      assert.equal(files.csv!.text.split('\r\n').length - 1, Number(counted.n) + 1, 'every line ends in CRLF');
      const referred = RETURN_HEADER.indexOf('referred_on');
      assert.ok(rows.slice(1).every((r) => r[referred]! >= '2026-07-01' && r[referred]! <= '2026-09-30'));
    });

    test('the same person has the same key in two quarters; the key is the HMAC of the person id, not the id', async () => {
      const secret = await t.services.installationSecret(PERSON_KEY_SECRET);
      const key = personKey(ours.personId, secret);
      const keyColumn = RETURN_HEADER.indexOf('person_key');
      const q3 = records(files.csv!.text).slice(1).filter((r) => r[keyColumn] === key);
      const q2 = records(files.q2!.text).slice(1).filter((r) => r[keyColumn] === key);
      assert.equal(q3.length, 1);
      assert.equal(q2.length, 1);
      assert.equal(q3[0]![RETURN_HEADER.indexOf('source')], 'custody_staff');
      assert.equal(q2[0]![RETURN_HEADER.indexOf('source')], 'court_staff');
      assert.equal(q3[0]![RETURN_HEADER.indexOf('age_band')], 'adult');
      assert.equal(q3[0]![RETURN_HEADER.indexOf('need_mental_health')], 'identified');
      assert.equal(q3[0]![RETURN_HEADER.indexOf('case_opened_on')], '2026-11-23', 'the case opened when the screen was saved');
      for (const file of ['csv', 'q2'] as const) assert.ok(!files[file]!.text.includes(ours.personId));
    });

    test('no name, NHS number, PNC ID or date of birth of anyone referred appears in any of the files', async () => {
      const people = await t.db.selectFrom('referral as r').innerJoin('person as p', 'p.id', 'r.person_id')
        .select(['p.given_name', 'p.family_name', 'p.nhs_number', 'p.pnc_id', 'p.date_of_birth', 'r.subject_family_name', 'r.subject_given_name', 'r.subject_date_of_birth'])
        .where('r.service_id', '=', calderVale.id).execute();
      assert.ok(people.some((p) => p.family_name === 'Ravensworth-Abara'));
      const xlsxParts = Object.values(unzipSync(new Uint8Array(files.xlsx!.bytes)))
        .map((b) => strFromU8(b)).join('\n');
      const pdfText = (await pdfPages(files.pdf!.bytes)).join('\n');
      const outputs = { csv: files.csv!.text, q2: files.q2!.text, aggregates: files.aggregates!.text, xlsx: xlsxParts, pdf: pdfText };
      for (const p of people) {
        const identifiers = [`${p.given_name} ${p.family_name}`, `${p.subject_given_name} ${p.subject_family_name}`, p.nhs_number, p.pnc_id, p.date_of_birth, p.subject_date_of_birth]
          .filter((v): v is string => typeof v === 'string' && v.length > 0);
        for (const [name, text] of Object.entries(outputs)) {
          for (const id of identifiers) assert.ok(!text.includes(id), `${name} holds ${id}`);
        }
      }
      for (const text of Object.values(outputs)) {
        for (const id of ['Ravensworth', 'Quillon', '9434765919', '943 476 5919', '2008/0056560Z', '1987-03-09', '9 March 1987']) assert.ok(!text.includes(id), id);
      }
    });

    test('the aggregates: counts from 1 to 4 never shown, and the sex table is suppressList of the counts worked out here', async () => {
      const rows = records(files.aggregates!.text);
      assert.deepEqual(rows[0], ['table', 'category', 'count']);
      for (const r of rows.slice(1)) assert.ok(!['1', '2', '3', '4'].includes(r[2]!), r.join(','));
      const people = await t.db.selectFrom('referral as r').leftJoin('person as p', 'p.id', 'r.person_id').select(['p.sex'])
        .where('r.service_id', '=', calderVale.id)
        .where('r.referred_at', '>=', londonInstant('2026-07-01', { hours: 0, minutes: 0 }))
        .where('r.referred_at', '<', londonInstant('2026-10-01', { hours: 0, minutes: 0 }))
        .execute();
      const counts = SEXES.map((s) => people.filter((p) => (p.sex ?? 'not_known') === s).length);
      const expected = suppressList(counts);
      const bySex = rows.filter((r) => r[0] === 'Referrals by sex');
      assert.deepEqual(bySex.map((r) => [r[1], r[2]]), [...SEXES.map((s, i) => [SEX_LABELS[s], formatCount(expected.cells[i]!)]), ['Total', formatCount(expected.total)]]);
      assert.equal(rows.find((r) => r[0] === 'Activity in the quarter' && r[1] === 'Referrals received')![2], String(people.length));
    });

    test('a quiet quarter: small counts are hidden, with a second figure so none can be worked out', async () => {
      // Three referrals in a quarter before any demo activity: every count of the breakdowns is 0 or small.
      for (const [i, on] of ['2024-02-05T10:00:00Z', '2024-02-19T10:00:00Z', '2024-03-04T10:00:00Z'].entries()) {
        await openCase(t.services, nurse, { givenName: `Orrin${i}`, familyName: 'Thistlewood-Nakamura', dateOfBirth: '1991-01-0' + (i + 1), referredAt: new Date(on) });
      }
      const before = await t.db.selectFrom('referral').select((eb) => eb.fn.countAll().as('n')).where('service_id', '=', calderVale.id)
        .where('referred_at', '>=', londonInstant('2024-01-01', { hours: 0, minutes: 0 })).where('referred_at', '<', londonInstant('2024-04-01', { hours: 0, minutes: 0 })).executeTakeFirstOrThrow();
      assert.equal(Number(before.n), 3, 'no demo referrals in 2024-Q1');
      const res = await download(commissioner, calderVale.id, '2024-Q1', '/aggregates.csv');
      const rows = records(res.text);
      const total = (table: string) => rows.find((r) => r[0] === table && r[1] === 'Total')![2];
      for (const table of ['Referrals by site', 'Referrals by age band', 'Referrals by sex', 'Referrals by ethnic group']) {
        assert.equal(total(table), '*', table);
        const hidden = rows.filter((r) => r[0] === table && r[2] === '*').length;
        assert.ok(hidden >= 2, `${table}: ${hidden} hidden`);
      }
      assert.equal(rows.find((r) => r[1] === 'Referrals received')![2], '*');
      assert.equal(records((await download(commissioner, calderVale.id, '2024-Q1', '.csv')).text).length, 4, 'the rows themselves are not suppressed');
    });

    test('the spreadsheet unzips into the named sheets, with a row per referral and the field list', async () => {
      const parts = unzipSync(new Uint8Array(files.xlsx!.bytes));
      const workbook = strFromU8(parts['xl/workbook.xml']!);
      assert.deepEqual([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]!.replace('&amp;', '&')), SHEETS);
      const referrals = strFromU8(parts['xl/worksheets/sheet1.xml']!);
      assert.equal((referrals.match(/<row /g) ?? []).length, records(files.csv!.text).length);
      const key = personKey(ours.personId, await t.services.installationSecret(PERSON_KEY_SECRET));
      assert.ok(referrals.includes(`>${key}<`));
      const fields = strFromU8(parts[`xl/worksheets/sheet${SHEETS.length}.xml`]!);
      for (const name of RETURN_HEADER) assert.ok(fields.includes(`>${name}<`), name);
      assert.match(strFromU8(parts['xl/worksheets/sheet5.xml']!), />Female</);
    });

    test('the PDF summary names the service and the quarter, with page numbers', async () => {
      const pages = await pdfPages(files.pdf!.bytes);
      assert.match(pages[0]!, new RegExp(calderVale.name));
      assert.match(pages[0]!, /Quarterly return 2026-Q3: July to September 2026/);
      assert.match(pages.join('\n'), /Referrals by ethnic group/);
      assert.match(pages[pages.length - 1]!, new RegExp(`Page ${pages.length} of ${pages.length}`));
    });

    test('each download is audited with the service, quarter and format', async () => {
      const events = await t.services.audit.search({ action: 'quarterly_return.downloaded', limit: 50 });
      const formats = events.filter((e) => e.username === 'commissioner').map((e) => e.detail as { quarter: string; format: string; serviceId: string });
      for (const format of ['csv', 'aggregates.csv', 'xlsx', 'pdf']) assert.ok(formats.some((d) => d.format === format && d.quarter === '2026-Q3' && d.serviceId === calderVale.id), format);
    });

    test('the page: a choice of service and quarter, then the tables, the data-sharing notice and the four links', async () => {
      const first = await commissioner.get('/quarterly-return');
      assert.equal(first.status, 200);
      assert.match(first.body, /<select[^>]*name="serviceId"/);
      assert.match(first.body, /<option value="2026-Q4"/);
      assert.doesNotMatch(first.body, /2027-Q1/);
      const page = await commissioner.get(`/quarterly-return?serviceId=${calderVale.id}&quarter=2026-Q3`);
      assert.equal(page.status, 200);
      assert.match(page.body, /data-sharing agreement/);
      assert.match(page.body, /<caption[^>]*>Referrals by site<\/caption>/);
      for (const href of [`${calderVale.id}/2026-Q3.csv`, `${calderVale.id}/2026-Q3/aggregates.csv`, `${calderVale.id}/2026-Q3/return.xlsx`, `${calderVale.id}/2026-Q3/summary.pdf`]) assert.ok(page.body.includes(`/quarterly-return/${href}`), href);
    });

    test('bad input: a future or malformed quarter is refused by field; a service outside the grants is not found, and audited', async () => {
      const future = await commissioner.get(`/quarterly-return?serviceId=${calderVale.id}&quarter=2027-Q1`);
      assert.equal(future.status, 400);
      assert.match(future.body, /has not started yet/);
      assert.match(future.body, /href="#quarter"/);
      assert.equal((await download(commissioner, calderVale.id, '2026-Q9', '.csv')).status, 400);
      assert.equal((await download(commissioner, calderVale.id, '2027-Q1', '/return.xlsx')).status, 400);
      const manager = new Agent(t.app);
      await manager.signIn('manager', { role: 'team_manager' });
      const refused = await download(manager, fiveTowns.id, '2026-Q3', '.csv');
      assert.equal(refused.status, 404);
      assert.doesNotMatch(refused.text, /person_key/);
      assert.equal((await download(manager, '00000000-0000-0000-0000-000000000000', '2026-Q3', '/summary.pdf')).status, 404);
      const audited = await t.services.audit.search({ action: 'quarterly_return.refused', limit: 10 });
      assert.ok(audited.some((e) => e.username === 'manager' && e.subject_id === fiveTowns.id));
      assert.equal((await download(manager, calderVale.id, '2026-Q3', '.csv')).status, 200, 'a team manager makes the return of their own service');
      const nurseAgent = new Agent(t.app);
      await nurseAgent.signIn('practitioner');
      assert.equal((await download(nurseAgent, calderVale.id, '2026-Q3', '.csv')).status, 403);
    });
  });
}

describe('divert quarterly-return', () => {
  const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'divert-return-'));
  const dataDir = tempDir();

  test('writes the four files for a service and quarter, and refuses bad input with one line and exit code 1', { timeout: 240_000 }, async () => {
    const seeded = await divert(['seed', '--profile', 'west-yorkshire'], { DIVERT_DATA_DIR: dataDir }, 180_000);
    assert.equal(seeded.code, 0, seeded.stderr);
    const out = tempDir();
    const run = await divert(['quarterly-return', '--service', 'calder-vale', '--quarter', '2026-Q3', '--out', out], { DIVERT_DATA_DIR: dataDir });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(fs.readdirSync(out).sort(), ['calder-vale-2026-Q3-aggregates.csv', 'calder-vale-2026-Q3-referrals.csv', 'calder-vale-2026-Q3-return.xlsx', 'calder-vale-2026-Q3-summary.pdf']);
    assert.match(fs.readFileSync(path.join(out, 'calder-vale-2026-Q3-referrals.csv'), 'utf8'), /^person_key,site_code,source,referred_on,/);
    assert.ok(Object.keys(unzipSync(new Uint8Array(fs.readFileSync(path.join(out, 'calder-vale-2026-Q3-return.xlsx'))))).includes('xl/worksheets/sheet8.xml'));
    assert.match((await pdfPages(fs.readFileSync(path.join(out, 'calder-vale-2026-Q3-summary.pdf'))))[0]!, /2026-Q3/);

    const failures: Array<[string[], RegExp]> = [
      [['--service', 'atlantis', '--quarter', '2026-Q3', '--out', out], /^divert: There is no service with code atlantis: use one of .*calder-vale/],
      [['--service', 'calder-vale', '--quarter', '2026-Q7', '--out', out], /^divert: Enter the quarter as a year and quarter number, for example 2026-Q3/],
      [['--service', 'calder-vale', '--quarter', '2099-Q1', '--out', out], /^divert: Choose a quarter that has ended or the current quarter/],
      [['--service', 'calder-vale', '--quarter', '2026-Q3', '--out', path.join(out, 'missing')], /^divert: The folder .* does not exist/],
      [['--service', 'calder-vale', '--quarter', '2026-Q3', '--out', path.join(out, 'calder-vale-2026-Q3-summary.pdf')], /^divert: .* is not a folder/],
      [['--service', 'calder-vale', '--quarter', '2026-Q3'], /^divert: --out is needed/],
    ];
    for (const [args, message] of failures) {
      const failed = await divert(['quarterly-return', ...args], { DIVERT_DATA_DIR: dataDir });
      assert.equal(failed.code, 1, args.join(' '));
      assert.match(failed.stderr, message);
      assert.equal(failed.stderr.trim().split('\n').length, 1, failed.stderr);
    }
    const readOnly = tempDir();
    fs.chmodSync(readOnly, 0o500);
    if (process.getuid?.() !== 0) {
      const failed = await divert(['quarterly-return', '--service', 'calder-vale', '--quarter', '2026-Q3', '--out', readOnly], { DIVERT_DATA_DIR: dataDir });
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /cannot be written to/);
    }
    const verify = await divert(['verify-audit'], { DIVERT_DATA_DIR: dataDir });
    assert.equal(verify.code, 0, verify.stderr);
  });
});
