// Person records as the team uses them: record someone, be stopped before a duplicate, find them again, read (audited), change.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';

const person = (overrides: Record<string, string> = {}) => ({
  givenName: 'John',
  familyName: 'Smith',
  'dateOfBirth[day]': '14',
  'dateOfBirth[month]': '2',
  'dateOfBirth[year]': '1996',
  sex: 'male',
  ethnicityCode: 'A',
  nhsNumber: '',
  pncId: '',
  ...overrides,
});

for (const engine of testEngines()) {
  describe(`person records (${engine})`, () => {
    let t: TestApp;
    let nurse: Agent;
    let johnId: string;
    before(async () => {
      t = await startTestApp(engine);
      nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
    });
    after(() => t.close());

    test('a form with bad identifiers and an impossible date names each problem and keeps what was typed', async () => {
      await nurse.get('/people/new');
      const res = await nurse.post('/people/new', person({ givenName: 'Kai', nhsNumber: '999 123 4567', pncId: '2008/0056560A', 'dateOfBirth[year]': '2031' }));
      assert.equal(res.status, 400);
      assert.match(res.body, /href="#nhsNumber">/);
      assert.match(res.body, /href="#pncId">/);
      assert.match(res.body, /href="#dateOfBirth-day">\s*Date of birth must be in the past/);
      assert.match(res.body, /value="Kai"/);
      assert.match(res.body, /value="999 123 4567"/);
      assert.match(res.body, /name="dateOfBirth\[year\]" type="text" value="2031"|value="2031"/);
    });

    test('a new person is recorded, and their page shows their flags and is audited as a view', async () => {
      await nurse.get('/people/new');
      const res = await nurse.post('/people/new', person({ nhsNumber: '999 000 0018', pncId: '08/56560Z', isVeteran: 'yes', interpreterNeeded: 'yes', firstLanguage: 'Welsh' }));
      assert.equal(res.status, 303);
      johnId = /\/people\/([0-9a-f-]{36})/.exec(res.location!)![1]!;
      const page = await nurse.get(res.location!);
      assert.match(page.body, /Person recorded/);
      assert.match(page.body, /NHS number 999 000 0018/);
      assert.match(page.body, /PNC ID 2008\/0056560Z/);
      assert.match(page.body, /Veteran/);
      assert.match(page.body, /Interpreter needed \(Welsh\)/);
      const views = await t.services.audit.search({ personId: johnId, action: 'person.viewed' });
      assert.equal(views.length, 1);
      assert.equal(views[0]!.username, 'practitioner');
    });

    test('someone resembling a recorded person is not saved until the practitioner chooses', async () => {
      await nurse.get('/people/new');
      const res = await nurse.post('/people/new', person({ givenName: 'Jon', familyName: 'Smyth' }));
      assert.equal(res.status, 200);
      assert.match(res.body, /This person may already be recorded/);
      assert.match(res.body, new RegExp(`href="/people/${johnId}"`));
      assert.match(res.body, /Same date of birth/);
      const before = await t.services.people.search(await actorFor(t, 'practitioner'), { text: 'smyth' }, { ipAddress: null, userAgent: null });
      assert.equal(before.filter((p) => p.family_name === 'Smyth').length, 0, 'nothing saved yet');
      const confirmed = await nurse.post('/people/new', { ...person({ givenName: 'Jon', familyName: 'Smyth' }), duplicateDecision: 'new' });
      assert.equal(confirmed.status, 303);
    });

    test('the same NHS number is always a candidate, and can never be recorded twice', async () => {
      await nurse.get('/people/new');
      const res = await nurse.post('/people/new', person({ givenName: 'Peter', familyName: 'Quince', 'dateOfBirth[year]': '1970', nhsNumber: '9990000018' }));
      assert.match(res.body, /Same NHS number/);
      const forced = await nurse.post('/people/new', { ...person({ givenName: 'Peter', familyName: 'Quince', 'dateOfBirth[year]': '1970', nhsNumber: '9990000018' }), duplicateDecision: 'new' });
      assert.equal(forced.status, 400);
      assert.match(forced.body, /href="#nhsNumber">\s*Someone in this service already has this NHS number/);
    });

    test('search tolerates spelling, and finds by NHS number, PNC ID and date of birth', async () => {
      const names = async (query: string) => {
        const page = await nurse.get(`/people?${query}`);
        assert.equal(page.status, 200);
        return page.body;
      };
      assert.match(await names('q=jhon+smith'), /John Smith/);
      assert.match(await names('q=999+000+0018'), /John Smith/);
      assert.match(await names('q=2008%2F0056560Z'), /John Smith/);
      const sameBirthday = await names('dob%5Bday%5D=14&dob%5Bmonth%5D=2&dob%5Byear%5D=1996');
      assert.match(sameBirthday, /John Smith/);
      assert.match(sameBirthday, /Jon Smyth/);
      assert.match(await names('q=nobody+like+this'), /No one found/);
      assert.match(await names('dob%5Bday%5D=31&dob%5Bmonth%5D=2&dob%5Byear%5D=1996'), /Date of birth must be a real date/);
    });

    test('hostile names are kept as text and never run as markup', async () => {
      await nurse.get('/people/new');
      const res = await nurse.post('/people/new', { ...person({ givenName: '<script>alert(1)</script>', familyName: '"><img src=x onerror=alert(2)>', 'dateOfBirth[year]': '1961' }), duplicateDecision: 'new' });
      assert.equal(res.status, 303);
      for (const url of [res.location!, '/people?q=alert']) {
        const page = await nurse.get(url);
        assert.ok(!page.body.includes('<script>alert(1)</script>'), url);
        assert.ok(!page.body.includes('<img src=x'), url);
        assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), url);
      }
    });

    test('search finds any part of a name, in the team\'s own service only', async () => {
      const add = async (agent: Agent, givenName: string, familyName: string) => {
        await agent.get('/people/new');
        const res = await agent.post('/people/new', { ...person({ givenName, familyName, 'dateOfBirth[year]': '1979' }), duplicateDecision: 'new' });
        assert.equal(res.status, 303, `${givenName} ${familyName}`);
      };
      await add(nurse, 'Siobhán', "O'Connor-Whitfield");
      const elsewhere = new Agent(t.app);
      await elsewhere.signIn('nurse.ayo');
      await add(elsewhere, 'Marguerite', 'Whitfield-Ashdown');
      const found = async (q: string) => (await nurse.get(`/people?q=${encodeURIComponent(q)}`)).body;
      for (const q of ['whitf', "o'conn", 'connor-whit', 'nor-whitfield', 'siobh', 'bhán', 'BHÁN', 'án o', 'wh', 'o']) {
        assert.match(await found(q), /O&#39;Connor-Whitfield|O'Connor-Whitfield/, q);
      }
      for (const q of ['whitfield', 'ashdown', 'marguerite']) assert.doesNotMatch(await found(q), /Whitfield-Ashdown/, q);
      assert.match(await found('zqxj'), /No one found/);
      assert.match((await elsewhere.get('/people?q=ashd')).body, /Whitfield-Ashdown/);
    });

    test('people outside the team see nothing: custody staff are refused, another service cannot find the record', async () => {
      const custody = new Agent(t.app);
      await custody.signIn('custody-officer');
      assert.equal((await custody.get(`/people/${johnId}`)).status, 404);
      assert.equal((await custody.get('/people?q=smith')).status, 403);
      const elsewhere = new Agent(t.app);
      await elsewhere.signIn('nurse.ayo');
      assert.equal((await elsewhere.get(`/people/${johnId}`)).status, 404);
      assert.doesNotMatch((await elsewhere.get('/people?q=john+smith')).body, /John Smith/);
    });
  });
}

async function actorFor(t: TestApp, username: string) {
  const user = (await t.services.users.findByUsername(username))!;
  const grant = (await t.services.users.getUser(user.id)).grants.find((g) => g.role === 'practitioner')!;
  return { userId: user.id, username, displayName: user.display_name, grant };
}

for (const engine of testEngines()) {
  describe(`family links (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    test('a parent is linked to a child, and each page reads the link from its own side', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      await nurse.get('/people/new');
      const child = (await nurse.post('/people/new', person({ givenName: 'Tyler', familyName: 'Brooksbank', 'dateOfBirth[year]': '2011' }))).location!.split('/')[2]!.split('?')[0]!;
      const mum = (await nurse.post('/people/new', { ...person({ givenName: 'Gemma', familyName: 'Brooksbank', sex: 'female', 'dateOfBirth[year]': '1985' }), duplicateDecision: 'new' })).location!.split('/')[2]!.split('?')[0]!;
      const search = await nurse.get(`/people/${child}/links/new?q=gemma+brooksbank&relationship=parent`);
      assert.ok(search.body.includes(`name="relatedPersonId" value="${mum}"`));
      const none = await nurse.post(`/people/${child}/links`, { relatedPersonId: mum, relationship: '' });
      assert.equal(none.status, 400);
      assert.ok(none.body.includes('Select how they are related'));
      assert.equal((await nurse.post(`/people/${child}/links`, { relatedPersonId: mum, relationship: 'parent' })).location, `/people/${child}?saved=link`);
      assert.ok(/Gemma Brooksbank<\/a>: parent/.test((await nurse.get(`/people/${child}`)).body));
      assert.ok(/Tyler Brooksbank<\/a>: child/.test((await nurse.get(`/people/${mum}`)).body));
      const again = await nurse.post(`/people/${mum}/links`, { relatedPersonId: child, relationship: 'child' });
      assert.ok(again.body.includes('is already linked to this person'));
    });
  });
}
