// Administrators manage services, sites and partner organisations: validation that keeps input, stale edits refused, scope.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';

for (const engine of testEngines()) {
  describe(`administering services and sites (${engine})`, () => {
    let t: TestApp;
    let calderVale: string;
    let fiveTowns: string;
    before(async () => {
      t = await startTestApp(engine);
      const all = await t.services.serviceDirectory.list(null);
      calderVale = all.find((s) => s.code === 'calder-vale')!.id;
      fiveTowns = all.find((s) => s.code === 'five-towns')!.id;
    });
    after(() => t.close());

    test('a site form with errors names each field, keeps what was typed, and saves nothing', async () => {
      const admin = new Agent(t.app);
      await admin.signIn('admin');
      await admin.get(`/admin/services/${calderVale}/sites/new`);
      const before = (await t.services.sites.listForService(calderVale)).length;
      const res = await admin.post(`/admin/services/${calderVale}/sites/new`, { name: 'Riverside custody <b>suite</b>', code: 'bad code!', responseTargetMinutes: 'an hour', siteKind: 'moon_base' });
      assert.equal(res.status, 400);
      assert.match(res.body, /href="#code">\s*Code must be 2 to 16 letters, numbers or hyphens/);
      assert.match(res.body, /href="#siteKind">\s*Select the kind of site/);
      assert.match(res.body, /href="#responseTargetMinutes">\s*Enter the response target as a number of minutes/);
      assert.match(res.body, /value="Riverside custody &lt;b&gt;suite&lt;\/b&gt;"/, 'input kept, and escaped');
      assert.match(res.body, /value="an hour"/);
      assert.equal((await t.services.sites.listForService(calderVale)).length, before);
    });

    test('a new site is saved, audited, and shown; a duplicate code is refused on the code field', async () => {
      const admin = new Agent(t.app);
      await admin.signIn('admin');
      await admin.get(`/admin/services/${calderVale}/sites/new`);
      const fields = { name: 'Riverside custody suite', code: 'cv-rs1', siteKind: 'custody_suite', responseTargetMinutes: '45', address: '1 River Street' };
      const res = await admin.post(`/admin/services/${calderVale}/sites/new`, fields);
      assert.equal(res.status, 303);
      const page = await admin.get(res.location!);
      assert.match(page.body, /Site saved/);
      assert.match(page.body, /Riverside custody suite/);
      assert.match(page.body, /CV-RS1/);
      assert.equal((await t.services.audit.search({ username: 'admin', action: 'site.created' })).length, 1);
      await admin.get(`/admin/services/${calderVale}/sites/new`);
      const dup = await admin.post(`/admin/services/${calderVale}/sites/new`, fields);
      assert.equal(dup.status, 400);
      assert.match(dup.body, /href="#code">\s*Another site in this service already has that code/);
    });

    test('a stale edit is refused with both versions shown, and nothing is overwritten', async () => {
      const site = (await t.services.sites.listForService(calderVale)).find((s) => s.code === 'CV-RS1')!;
      const first = new Agent(t.app);
      const second = new Agent(t.app);
      await first.signIn('admin');
      await second.signIn('service-admin');
      const form = (name: string, minutes: string) => ({ version: String(site.version), name, code: 'CV-RS1', siteKind: 'custody_suite', responseTargetMinutes: minutes, address: '', isActive: 'yes' });
      await first.get(`/admin/sites/${site.id}/edit`);
      await second.get(`/admin/sites/${site.id}/edit`);
      assert.equal((await first.post(`/admin/sites/${site.id}/edit`, form('Riverside custody suite', '30'))).status, 303);
      const stale = await second.post(`/admin/sites/${site.id}/edit`, form('Riverside suite (renamed)', '90'));
      assert.equal(stale.status, 409);
      assert.match(stale.body, /Someone else saved this while you were working on it/);
      assert.match(stale.body, /value="Riverside suite \(renamed\)"/, 'their own change is kept in the form');
      assert.match(stale.body, /<th scope="row"[^>]*>Response-time target, in minutes<\/th>\s*<td[^>]*>30<\/td>\s*<td[^>]*>90<\/td>/, 'the latest version is shown beside the one typed');
      const now = await t.services.sites.get(site.id);
      assert.equal(now.response_target_minutes, 30);
      assert.equal(now.name, 'Riverside custody suite');
      // The re-shown form carries the latest version: saving again, having seen it, is deliberate and works.
      const latestVersion = /name="version" value="(\d+)"/.exec(stale.body)![1]!;
      assert.equal(Number(latestVersion), site.version + 1);
      assert.equal((await second.post(`/admin/sites/${site.id}/edit`, { ...form('Riverside suite (renamed)', '90'), version: latestVersion })).status, 303);
    });

    test("a service's administrator sees only their service; others are not found", async () => {
      const admin = new Agent(t.app);
      await admin.signIn('service-admin');
      const list = await admin.get('/admin/services');
      assert.match(list.body, /Calder Vale/);
      assert.doesNotMatch(list.body, /Five Towns/);
      assert.doesNotMatch(list.body, /Add a service/);
      assert.equal((await admin.get(`/admin/services/${fiveTowns}`)).status, 404);
      const otherSite = (await t.services.sites.listForService(fiveTowns))[0]!;
      assert.equal((await admin.get(`/admin/sites/${otherSite.id}/edit`)).status, 404);
      assert.equal((await admin.get('/admin/services/not-a-uuid')).status, 404);
      await admin.get('/admin/services');
      assert.equal((await admin.post('/admin/services/new', { code: 'new-area', name: 'New area' })).status, 403);
    });

    test('a partner organisation is added with its pathway and typical wait, and errors name fields', async () => {
      const admin = new Agent(t.app);
      await admin.signIn('admin');
      await admin.get(`/admin/services/${calderVale}/partners/new`);
      const bad = await admin.post(`/admin/services/${calderVale}/partners/new`, { name: 'Hillside Housing Advice', pathway: '', typicalWaitDays: '-3', contactEmail: 'not an email' });
      assert.equal(bad.status, 400);
      assert.match(bad.body, /href="#pathway">\s*Select the pathway/);
      assert.match(bad.body, /href="#typicalWaitDays">\s*Typical wait cannot be negative/);
      assert.match(bad.body, /href="#contactEmail">\s*Enter an email address in the correct format/);
      const ok = await admin.post(`/admin/services/${calderVale}/partners/new`, { name: 'Hillside Housing Advice', pathway: 'housing', typicalWaitDays: '21', contactPhone: '0113 496 0555' });
      assert.equal(ok.status, 303);
      const saved = (await t.services.partners.listForService(calderVale)).find((p) => p.name === 'Hillside Housing Advice')!;
      assert.equal(saved.typical_wait_days, 21);
      assert.equal(saved.pathway, 'housing');
    });

    test('a new service can be added by an installation administrator', async () => {
      const admin = new Agent(t.app);
      await admin.signIn('admin');
      await admin.get('/admin/services/new');
      const res = await admin.post('/admin/services/new', { code: 'Leeds-North', name: 'Leeds North Liaison and Diversion', provider: 'A synthetic NHS trust' });
      assert.equal(res.status, 303);
      assert.ok((await t.services.serviceDirectory.list(null)).some((s) => s.code === 'leeds-north'));
    });
  });
}
