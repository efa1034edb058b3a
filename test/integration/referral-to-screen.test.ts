// The front door end to end: custody refers, the team sees it on today's list, matches the person, screens with consent, opens a case.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { fixedClock } from '../../src/services/clock.js';

const referral = (over: Record<string, string> = {}) => ({
  givenName: 'Dale', familyName: 'Windebank', 'dateOfBirth[day]': '2', 'dateOfBirth[month]': '9', 'dateOfBirth[year]': '1988',
  'referredDate[day]': '23', 'referredDate[month]': '11', 'referredDate[year]': '2026', referredTime: '02:50',
  'arrivedDate[day]': '23', 'arrivedDate[month]': '11', 'arrivedDate[year]': '2026', arrivedTime: '02:10',
  reasonForConcern: 'Talking to himself in cell 4, not eating, says people are after him', custodyStatus: 'in_custody', urgency: 'urgent', ...over,
});

for (const engine of testEngines()) {
  describe(`referral to screen (${engine})`, () => {
    const clock = fixedClock('2026-11-23T03:00:00Z');
    let t: TestApp;
    let custodySite: string;
    before(async () => {
      t = await startTestApp(engine, { clock });
      const service = (await t.services.serviceDirectory.list(null)).find((s) => s.code === 'calder-vale')!;
      custodySite = (await t.services.sites.listForService(service.id)).find((s) => s.code === 'CV-CS1')!.id;
    });
    after(() => t.close());

    test('custody staff refer from their own page; bad times are refused by field', async () => {
      const officer = new Agent(t.app);
      await officer.signIn('custody-officer');
      await officer.get('/custody/referrals/new');
      const bad = await officer.post('/custody/referrals/new', referral({ arrivedTime: '02:55' }));
      assert.equal(bad.status, 400);
      assert.match(bad.body, /href="#arrivedDate-day">\s*Arrival must be before the referral/);
      assert.match(bad.body, /value="Dale"/);
      const future = await officer.post('/custody/referrals/new', referral({ referredTime: '04:30', arrivedTime: '', 'arrivedDate[day]': '', 'arrivedDate[month]': '', 'arrivedDate[year]': '' }));
      assert.match(future.body, /The referral cannot be in the future/);
      const ok = await officer.post('/custody/referrals/new', referral());
      assert.equal(ok.location, '/custody?saved=referral');
      const mine = await officer.get('/custody');
      assert.match(mine.body, /Dale Windebank/);
      assert.match(mine.body, /New/);
    });

    test("the referral is on today's list with its clock; custody staff cannot see the list", async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      // The custody suite's target is 45 minutes, counted from arrival at 02:10.
      clock.set('2026-11-23T02:50:00Z');
      // Today's list also holds the demo profile's referrals: read Dale's row only.
      const daleRow = (body: string) => /<tr[^>]*>(?:(?!<\/tr>)[\s\S])*Dale Windebank(?:(?!<\/tr>)[\s\S])*<\/tr>/.exec(body)?.[0] ?? '';
      let list = await nurse.get(`/sites/${custodySite}/today`);
      assert.equal(list.status, 200);
      assert.ok(daleRow(list.body), 'Dale is on the list');
      assert.ok(/nhsuk-tag--orange">\s*40 min, target near/.test(daleRow(list.body)), 'amber from three quarters of the target');
      clock.set('2026-11-23T03:00:00Z');
      list = await nurse.get(`/sites/${custodySite}/today`);
      assert.ok(/nhsuk-tag--red">\s*50 min, past target/.test(daleRow(list.body)), 'red once past the target');
      const officer = new Agent(t.app);
      await officer.signIn('custody-officer');
      assert.equal((await officer.get(`/sites/${custodySite}/today`)).status, 404);
    });

    test('the team matches the person, screens with consent, and completing opens a case; custody sees only the state', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      const list = await nurse.get(`/sites/${custodySite}/today`);
      const referralId = /href="\/referrals\/([0-9a-f-]{36})">Dale Windebank</.exec(list.body)![1]!;
      let page = await nurse.get(`/referrals/${referralId}`);
      assert.match(page.body, /No one known to the service matches/);
      assert.equal((await nurse.get(`/referrals/${referralId}/screen`)).location, `/referrals/${referralId}`, 'no screen before the person is known');
      assert.equal((await nurse.post(`/referrals/${referralId}/new-person`)).status, 303);
      page = await nurse.get(`/referrals/${referralId}`);
      assert.match(page.body, /Start the screen/);

      const form = await nurse.get(`/referrals/${referralId}/screen`);
      assert.equal(form.status, 200);
      const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
      const incomplete = await nurse.post(`/referrals/${referralId}/screen`, { version, action: 'complete', 'finding-mental_health': 'identified' });
      assert.equal(incomplete.status, 400);
      assert.match(incomplete.body, /Record whether the person consents to being assessed/);
      assert.match(incomplete.body, /Select the outcome of the screen/);
      assert.match(incomplete.body, /value="identified" checked/, 'answers kept');
      const draft = await nurse.post(`/referrals/${referralId}/screen`, { version, action: 'draft', 'finding-mental_health': 'identified', 'notes-mental_health': 'Paranoid beliefs' });
      assert.equal(draft.location, `/referrals/${referralId}?saved=draft`);
      const stale = await nurse.post(`/referrals/${referralId}/screen`, { version, action: 'draft', 'finding-mental_health': 'none' });
      assert.equal(stale.status, 409, 'a second tab with the old version is refused');
      const done = await nurse.post(`/referrals/${referralId}/screen`, {
        version: String(Number(version) + 1), action: 'complete',
        'finding-mental_health': 'identified', 'notes-mental_health': 'Paranoid beliefs', 'finding-substance_use': 'suspected',
        'consent-assessment': 'given', 'consent-justice_sharing': 'lacks_capacity', 'decidedBy-justice_sharing': 'Dr Amina Shah, forensic medical examiner',
        outcome: 'full_assessment',
      });
      assert.equal(done.location, `/referrals/${referralId}?saved=case`);
      const caseRows = await t.services.audit.search({ action: 'screening.completed' });
      assert.equal(caseRows.length, 1);
      assert.ok(caseRows[0]!.person_id);

      const officer = new Agent(t.app);
      await officer.signIn('custody-officer');
      const mine = await officer.get('/custody');
      assert.match(mine.body, /Assessment needed/);
      assert.doesNotMatch(mine.body, /Paranoid|forensic|mental/i, 'no clinical detail reaches custody staff');
      assert.equal((await officer.get(`/referrals/${referralId}`)).status, 404);
      assert.equal((await officer.get(`/referrals/${referralId}/screen`)).status, 404);
    });

    test("a child's screen needs the children's pathway answers", async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      await nurse.get('/referrals/new');
      const created = await nurse.post('/referrals/new', { ...referral({ givenName: 'Mason', familyName: 'Grimshaw-Tate', 'dateOfBirth[year]': '2011' }), siteId: custodySite, source: 'youth_justice' });
      assert.equal(created.status, 303);
      const referralId = created.location!.split('/').pop()!;
      await nurse.post(`/referrals/${referralId}/new-person`);
      const form = await nurse.get(`/referrals/${referralId}/screen`);
      assert.match(form.body, /children&#39;s pathway applies|children's pathway applies/);
      const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
      const res = await nurse.post(`/referrals/${referralId}/screen`, { version, action: 'complete', 'consent-assessment': 'given', outcome: 'advice_signpost' });
      assert.equal(res.status, 400);
      assert.match(res.body, /Is an appropriate adult present or arranged/);
      assert.match(res.body, /For a child, ask about this before completing the screen/);
    });

    test('a referral to a site of another service is refused', async () => {
      const nurse = new Agent(t.app);
      await nurse.signIn('practitioner');
      const fiveTowns = (await t.services.serviceDirectory.list(null)).find((s) => s.code === 'five-towns')!;
      const otherSite = (await t.services.sites.listForService(fiveTowns.id))[0]!.id;
      await nurse.get('/referrals/new');
      const res = await nurse.post('/referrals/new', { ...referral(), siteId: otherSite, source: 'solicitor' });
      assert.equal(res.status, 400);
      assert.match(res.body, /href="#siteId">\s*Select a site of your service/);
      assert.equal((await nurse.get(`/sites/${otherSite}/today`)).status, 404);
    });
  });
}
