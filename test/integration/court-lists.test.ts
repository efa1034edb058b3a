// Court lists as the team uses them: check a CSV file (problems by line, people known to the service), import only on confirmation, read the day's list.
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type Response, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { londonCalendarDate } from '../../src/domain/age.js';
import type { Actor } from '../../src/domain/actor.js';

const HEARING_DATE = '2025-06-02';
const CSV = [
  'name,date of birth,case reference,court,hearing time,charge',
  '"QUILLFEATHER, Tobias",17/04/1991,CV-25-001,Court 1,10:00,Theft from a shop',
  'Xanthe Ravensworth,1988-12-02,CV-25-002,Court 2,10:30,"Criminal damage, under £500"',
  'Mabel Underhill,31/02/1990,CV-25-003,Court 1,11:00,Assault by beating',
  ',01/01/1980,CV-25-004,Court 1,11:30,Public order',
  '',
].join('\r\n');

const origin = { ipAddress: null, userAgent: null };

type Part = { name: string; value: string } | { name: string; filename: string; content: string | Buffer; type?: string };

/** Posts a multipart form (as a browser does for a form with a file input) with the agent's cookies. */
async function postMultipart(t: TestApp, agent: Agent, url: string, parts: Part[]): Promise<Response> {
  const boundary = `----divert${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('filename' in part) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? 'text/csv'}\r\n\r\n`));
      chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content, 'utf8'));
      chunks.push(Buffer.from('\r\n'));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(chunks),
  });
  return { status: res.statusCode, body: res.body, location: res.headers.location as string | undefined, headers: res.headers };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

const unescapeHtml = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const dateFields = (iso: string) => {
  const [year, month, day] = iso.split('-');
  return [
    { name: 'hearingDate[day]', value: String(Number(day)) },
    { name: 'hearingDate[month]', value: String(Number(month)) },
    { name: 'hearingDate[year]', value: year! },
  ];
};

for (const engine of testEngines()) {
  describe(`court lists (${engine})`, () => {
    let t: TestApp;
    let nurse: Agent;
    let courtId: string;
    let custodySuiteId: string;
    let otherServiceCourtId: string;
    let knownId: string;
    let listUrl: string;

    const entriesAtCourt = async () =>
      (await t.services.courtLists.listForDay(await actorFor(t, 'practitioner'), courtId, HEARING_DATE)).entries;

    before(async () => {
      t = await startTestApp(engine);
      const services = await t.services.serviceDirectory.list(null);
      const calderVale = services.find((s) => s.code === 'calder-vale')!;
      const fiveTowns = services.find((s) => s.code === 'five-towns')!;
      const sites = await t.services.sites.listForService(calderVale.id);
      courtId = sites.find((s) => s.code === 'CV-MC1')!.id;
      custodySuiteId = sites.find((s) => s.code === 'CV-CS1')!.id;
      otherServiceCourtId = (await t.services.sites.listForService(fiveTowns.id)).find((s) => s.code === 'FT-MC1')!.id;
      listUrl = `/sites/${courtId}/court-list`;

      const known = await t.services.people.create(
        await actorFor(t, 'practitioner'),
        {
          givenName: 'Tobias', familyName: 'Quillfeather', preferredName: '', dateOfBirth: '1991-04-17', sex: 'male', genderIdentity: '', ethnicityCode: '',
          firstLanguage: '', interpreterNeeded: false, address: '', postcode: '', phone: '', email: '', nhsNumber: null, pncId: null, probationCrn: '',
          isVeteran: true, isCareLeaver: false, knownRisk: '',
        },
        'new-after-checking',
        origin,
      );
      knownId = known.id;
      nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
    });
    after(() => t.close());

    test("the court's page shows no list yet, and a form to import one dated today", async () => {
      const page = await nurse.get(listUrl);
      assert.equal(page.status, 200);
      assert.match(page.body, /No court list has been imported for this day/);
      assert.match(page.body, /enctype="multipart\/form-data"/);
      assert.match(page.body, /type="file"/);
      assert.match(page.body, /name="csvText"/);
      const [year, month, day] = londonCalendarDate(new Date()).split('-');
      assert.match(page.body, new RegExp(`name="hearingDate\\[day\\]"[^>]*value="${Number(day)}"`));
      assert.match(page.body, new RegExp(`name="hearingDate\\[month\\]"[^>]*value="${Number(month)}"`));
      assert.match(page.body, new RegExp(`name="hearingDate\\[year\\]"[^>]*value="${year}"`));
    });

    test('an uploaded file is checked: bad rows by line number, the known person matched, and nothing imported yet', async () => {
      const page = await nurse.get(listUrl);
      const res = await postMultipart(t, nurse, `${listUrl}/preview`, [
        { name: '_csrf', value: csrfOf(page.body) },
        ...dateFields(HEARING_DATE),
        { name: 'csvFile', filename: 'court-list.csv', content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]) },
        { name: 'csvText', value: '' },
      ]);
      assert.equal(res.status, 200, res.body.slice(0, 500));
      assert.match(res.body, /Check the court list before you import it/);
      assert.match(res.body, /Line 4: date of birth 31\/02\/1990 is not a real date/);
      assert.match(res.body, /Line 5: the name is empty/);
      assert.match(res.body, new RegExp(`href="/people/${knownId}">Tobias Quillfeather</a>, born 17 Apr 1991: Same name; Same date of birth`));
      assert.match(res.body, /Xanthe Ravensworth/);
      assert.match(res.body, /Criminal damage, under £500/);
      const table = /<table class="nhsuk-table" id="rows-to-import">[\s\S]*?<\/table>/.exec(res.body)![0];
      assert.doesNotMatch(table, /Mabel Underhill|CV-25-004/, 'bad rows are not among the rows to import');
      assert.match(res.body, /Monday 2 June 2025/);
      assert.match(res.body, /Import 2 rows/);
      assert.equal((await entriesAtCourt()).length, 0, 'nothing is written until the user confirms');
    });

    test('a list can be pasted instead, and the rows are imported only when confirmed: exactly the good ones', async () => {
      await nurse.get(listUrl);
      const preview = await nurse.post(`${listUrl}/preview`, { 'hearingDate[day]': '2', 'hearingDate[month]': '6', 'hearingDate[year]': '2025', csvText: CSV });
      assert.equal(preview.status, 200, preview.body.slice(0, 500));
      assert.match(preview.body, /Line 4: date of birth 31\/02\/1990 is not a real date/);
      assert.equal((await entriesAtCourt()).length, 0);

      // The confirmation posts back the list the user checked, from the page's hidden fields, as the browser would.
      const hidden = unescapeHtml(/name="csv" value="([^"]*)"/.exec(preview.body)![1]!);
      assert.equal(hidden.replace(/\r\n/g, '\n'), CSV.replace(/\r\n/g, '\n'));
      const imported = await postMultipart(t, nurse, `${listUrl}/import`, [
        { name: '_csrf', value: csrfOf(preview.body) },
        { name: 'hearingDate', value: /name="hearingDate" value="([^"]*)"/.exec(preview.body)![1]! },
        { name: 'csv', value: hidden },
      ]);
      assert.equal(imported.status, 303, imported.body.slice(0, 500));
      assert.equal(imported.location, `${listUrl}?date=${HEARING_DATE}&imported=2`);

      const entries = await entriesAtCourt();
      assert.deepEqual(
        entries.map((e) => [e.hearingTime, e.givenName, e.familyName, e.dateOfBirth, e.caseReference, e.court, e.charge, e.matchedPerson?.id ?? null]),
        [
          ['10:00', 'Tobias', 'QUILLFEATHER', '1991-04-17', 'CV-25-001', 'Court 1', 'Theft from a shop', knownId],
          ['10:30', 'Xanthe', 'Ravensworth', '1988-12-02', 'CV-25-002', 'Court 2', 'Criminal damage, under £500', null],
        ],
      );
      const events = await t.services.audit.search({ action: 'court_list.imported' });
      assert.equal(events.length, 1);
      assert.equal(events[0]!.subject_id, courtId);
      assert.deepEqual(JSON.parse(JSON.stringify(events[0]!.detail)), { hearingDate: HEARING_DATE, imported: 2, matched: 1, alreadyListed: 0, problems: 2 });

      const list = await nurse.get(imported.location!);
      assert.equal(list.status, 200);
      assert.match(list.body, /2 rows imported/);
      assert.match(list.body, new RegExp(`<a href="/people/${knownId}">Tobias QUILLFEATHER</a>`));
      assert.match(list.body, /Known to the service/);
      assert.match(list.body, /Veteran/);
      assert.match(list.body, /Xanthe Ravensworth/);
      assert.match(list.body, /2 people listed, 1 known to the service/);
    });

    test('the same list checked again shows its rows already listed, and importing it again adds nothing', async () => {
      await nurse.get(listUrl);
      const preview = await nurse.post(`${listUrl}/preview`, { 'hearingDate[day]': '2', 'hearingDate[month]': '6', 'hearingDate[year]': '2025', csvText: CSV });
      assert.match(preview.body, /Already on the list/);
      assert.doesNotMatch(preview.body, /Import \d+ row/);
      const again = await nurse.post(`${listUrl}/import`, { hearingDate: HEARING_DATE, csv: CSV });
      assert.equal(again.status, 400);
      assert.match(again.body, /Every row in the file is already on the list for this day/);
      assert.equal((await entriesAtCourt()).length, 2);
    });

    test('a file without a required column, or no file at all, is refused with the error linked to the file field', async () => {
      let page = await nurse.get(listUrl);
      const missing = await postMultipart(t, nurse, `${listUrl}/preview`, [
        { name: '_csrf', value: csrfOf(page.body) },
        ...dateFields(HEARING_DATE),
        { name: 'csvFile', filename: 'list.csv', content: 'name,case reference,court,hearing time,charge\nJohn Smith,CV-1,Court 1,10:00,Theft\n' },
      ]);
      assert.equal(missing.status, 400);
      assert.match(missing.body, /There is a problem/);
      assert.match(missing.body, /href="#csvFile">\s*The file has no date of birth column: the first row must name the columns, like name,date of birth,case reference,court,hearing time,charge/);
      assert.match(missing.body, /id="csvFile-error"/);

      page = await nurse.get(listUrl);
      const empty = await postMultipart(t, nurse, `${listUrl}/preview`, [
        { name: '_csrf', value: csrfOf(page.body) },
        ...dateFields(HEARING_DATE),
        { name: 'csvFile', filename: '', content: '', type: 'application/octet-stream' },
        { name: 'csvText', value: '' },
      ]);
      assert.equal(empty.status, 400);
      assert.match(empty.body, /href="#csvFile">\s*Select a CSV file of the court list, or paste the list/);

      page = await nurse.get(listUrl);
      const tooBig = await postMultipart(t, nurse, `${listUrl}/preview`, [
        { name: '_csrf', value: csrfOf(page.body) },
        ...dateFields(HEARING_DATE),
        { name: 'csvFile', filename: 'huge.csv', content: `${CSV}${'x'.repeat(1_000_000)}` },
      ]);
      assert.equal(tooBig.status, 400);
      assert.match(tooBig.body, /href="#csvFile">\s*The file must be smaller than 1 MB/);

      page = await nurse.get(listUrl);
      const spreadsheet = await postMultipart(t, nurse, `${listUrl}/preview`, [
        { name: '_csrf', value: csrfOf(page.body) },
        ...dateFields(HEARING_DATE),
        { name: 'csvFile', filename: 'list.xlsx', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      ]);
      assert.equal(spreadsheet.status, 400);
      assert.match(spreadsheet.body, /href="#csvFile">\s*The file is not a CSV file/);

      const blank = await nurse.post(`${listUrl}/preview`, { 'hearingDate[day]': '31', 'hearingDate[month]': '2', 'hearingDate[year]': '2025', csvText: '\r\n\r\n' });
      assert.equal(blank.status, 400);
      assert.match(blank.body, /href="#hearingDate-day">\s*Hearing date must be a real date/);
      assert.match(blank.body, /href="#csvFile">/);
      assert.equal((await entriesAtCourt()).length, 2);
    });

    test('a multipart form without the CSRF token is refused', async () => {
      await nurse.get(listUrl);
      const res = await postMultipart(t, nurse, `${listUrl}/preview`, [...dateFields(HEARING_DATE), { name: 'csvFile', filename: 'list.csv', content: CSV }]);
      assert.equal(res.status, 403);
      const forged = await postMultipart(t, nurse, `${listUrl}/import`, [{ name: '_csrf', value: 'not-the-token' }, { name: 'hearingDate', value: '2025-06-03' }, { name: 'csv', value: CSV }]);
      assert.equal(forged.status, 403);
      assert.equal((await t.services.courtLists.listForDay(await actorFor(t, 'practitioner'), courtId, '2025-06-03')).entries.length, 0);
    });

    test('custody staff are refused; a court in another service is not found; a custody suite has no court list', async () => {
      const custody = new Agent(t.app);
      await custody.signIn('custody-officer');
      assert.equal((await custody.get(listUrl)).status, 404);
      await custody.get('/');
      assert.equal((await custody.post(`${listUrl}/preview`, { csvText: CSV })).status, 404);
      assert.equal((await custody.post(`${listUrl}/import`, { hearingDate: HEARING_DATE, csv: CSV })).status, 404);

      assert.equal((await nurse.get(`/sites/${otherServiceCourtId}/court-list`)).status, 404);
      await nurse.get(listUrl);
      assert.equal((await nurse.post(`/sites/${otherServiceCourtId}/court-list/preview`, { 'hearingDate[day]': '2', 'hearingDate[month]': '6', 'hearingDate[year]': '2025', csvText: CSV })).status, 404);
      assert.equal((await nurse.post(`/sites/${otherServiceCourtId}/court-list/import`, { hearingDate: HEARING_DATE, csv: CSV })).status, 404);
      assert.equal((await nurse.get('/sites/not-a-uuid/court-list')).status, 404);
      const suite = await nurse.get(`/sites/${custodySuiteId}/court-list`);
      assert.equal(suite.status, 400);
      assert.match(suite.body, /is not a court/);
    });
  });
}

async function actorFor(t: TestApp, username: string): Promise<Actor> {
  const user = (await t.services.users.findByUsername(username))!;
  const grant = (await t.services.users.getUser(user.id)).grants.find((g) => g.role === 'practitioner')!;
  return { userId: user.id, username, displayName: user.display_name, grant };
}
