// Administrators manage people and their roles, and read the audit trail.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';

for (const engine of testEngines()) {
  describe(`administering users and the audit trail (${engine})`, () => {
    let t: TestApp;
    let calderVale: string;
    let custodySuite: string;
    before(async () => {
      t = await startTestApp(engine);
      calderVale = (await t.services.serviceDirectory.list(null)).find((s) => s.code === 'calder-vale')!.id;
      custodySuite = (await t.services.sites.listForService(calderVale)).find((s) => s.site_kind === 'custody_suite')!.id;
    });
    after(() => t.close());

    test('a new user: errors keep input (never the password), then the account is made with a temporary password', async () => {
      const admin = new Agent(t.app);
      await admin.signIn('admin');
      await admin.get('/admin/users/new');
      const bad = await admin.post('/admin/users/new', { username: 'Sergeant Kaur', displayName: 'Amrit Kaur', password: 'short' });
      assert.equal(bad.status, 400);
      assert.match(bad.body, /href="#username">\s*Username must be 3 to 60 characters/);
      assert.match(bad.body, /href="#password">\s*Password must be 12 characters or more/);
      assert.match(bad.body, /value="Amrit Kaur"/);
      assert.doesNotMatch(bad.body, /value="short"/);
      const ok = await admin.post('/admin/users/new', { username: 'sgt.kaur', displayName: 'Amrit Kaur', password: 'lantern harbour meadow 42' });
      assert.equal(ok.status, 303);
      const user = (await t.services.users.findByUsername('sgt.kaur'))!;
      assert.equal(user.must_change_password, true);
      assert.match(user.password_hash, /^\$argon2id\$/);
    });

    test('a custody role needs a site; once granted, the new user signs in, must change password, and works at that site', async () => {
      const admin = new Agent(t.app);
      await admin.signIn('admin');
      const user = (await t.services.users.findByUsername('sgt.kaur'))!;
      await admin.get(`/admin/users/${user.id}`);
      const noSite = await admin.post(`/admin/users/${user.id}/roles`, { role: 'custody_court_staff', serviceId: calderVale });
      assert.equal(noSite.status, 400);
      assert.match(noSite.body, /Select the custody suite or court this person works at/);
      await admin.get(`/admin/users/${user.id}`);
      const granted = await admin.post(`/admin/users/${user.id}/roles`, { role: 'custody_court_staff', serviceId: calderVale, siteId: custodySuite });
      assert.equal(granted.status, 303);
      assert.equal((await t.services.users.getUser(user.id)).grants.length, 1);

      const sergeant = new Agent(t.app);
      await sergeant.get('/sign-in');
      await sergeant.post('/sign-in', { username: 'sgt.kaur', password: 'lantern harbour meadow 42' });
      const home = await sergeant.get('/');
      assert.equal(home.location, '/account/password', 'a temporary password must be changed first');
      await sergeant.get('/account/password');
      const mismatch = await sergeant.post('/account/password', { currentPassword: 'lantern harbour meadow 42', newPassword: 'quartz willow ember 7', confirmPassword: 'quartz willow ember 8' });
      assert.match(mismatch.body, /The passwords do not match/);
      const changed = await sergeant.post('/account/password', { currentPassword: 'lantern harbour meadow 42', newPassword: 'quartz willow ember 7', confirmPassword: 'quartz willow ember 7' });
      assert.equal(changed.location, '/account?saved=password');
      const page = await sergeant.get('/');
      assert.equal(page.status, 200);
      assert.match(page.body, /Custody or court staff/);
      assert.equal((await sergeant.get('/directory')).status, 403, 'custody staff never see the team directory');
    });

    test('a stale edit of an account is refused; a deactivated account cannot sign in', async () => {
      const admin = new Agent(t.app);
      await admin.signIn('admin');
      const user = (await t.services.users.findByUsername('volunteer'))!;
      await admin.get(`/admin/users/${user.id}`);
      const fields = { version: String(user.version), displayName: user.display_name, email: '', jobTitle: 'Volunteer', totpRequired: 'no', isActive: 'no' };
      assert.equal((await admin.post(`/admin/users/${user.id}/edit`, fields)).status, 303);
      const stale = await admin.post(`/admin/users/${user.id}/edit`, { ...fields, jobTitle: 'Lead volunteer' });
      assert.equal(stale.status, 409);
      assert.equal((await t.services.users.getUser(user.id)).job_title, 'Volunteer');
      const volunteer = new Agent(t.app);
      await volunteer.get('/sign-in');
      assert.equal((await volunteer.post('/sign-in', { username: 'volunteer', password: 'custody-suite-demo-2026' })).status, 401);
    });

    test('a service administrator cannot see or change users of another service only', async () => {
      const admin = new Agent(t.app);
      await admin.signIn('service-admin');
      const list = await admin.get('/admin/users');
      assert.match(list.body, /practitioner/);
      assert.doesNotMatch(list.body, />nurse\.ayo</, 'a Five Towns practitioner is not listed');
      const other = (await t.services.users.findByUsername('nurse.ayo'))!;
      assert.equal((await admin.get(`/admin/users/${other.id}`)).status, 404);
    });

    test('a locked account is unlocked by an administrator, and the audit trail can be searched by user and verified', async () => {
      const someone = new Agent(t.app);
      await someone.get('/sign-in');
      for (let i = 0; i < 5; i++) await someone.post('/sign-in', { username: 'court', password: `wrong-guess-${i}-x` });
      const court = (await t.services.users.findByUsername('court'))!;
      assert.ok(court.locked_until);
      const admin = new Agent(t.app);
      await admin.signIn('admin');
      await admin.get(`/admin/users/${court.id}`);
      assert.equal((await admin.post(`/admin/users/${court.id}/unlock`)).status, 303);
      assert.equal((await t.services.users.findByUsername('court'))!.locked_until, null);

      const search = await admin.get('/admin/audit?username=court');
      assert.equal(search.status, 200);
      assert.match(search.body, /user\.locked_out/);
      assert.match(search.body, /user\.sign_in_failed/);
      const badPerson = await admin.get('/admin/audit?personId=not-an-id');
      assert.match(badPerson.body, /There is a problem/);
      const verify = await admin.get('/admin/audit/verify');
      assert.match(verify.body, /The audit trail is intact/);
      assert.ok((await t.services.audit.search({ username: 'admin', action: 'audit.searched' })).length >= 1);
    });

    test('the last administrator of every service cannot be removed or deactivated; over-long details are refused by field', async () => {
      const adminUser = (await t.services.users.findByUsername('admin'))!;
      const grant = (await t.services.users.getUser(adminUser.id)).grants.find((g) => g.role === 'administrator' && g.serviceId === null)!;
      const actor = { userId: 'x', username: 'other', displayName: 'Other', grant: { ...grant, id: 'g' } };
      await assert.rejects(t.services.users.revokeRole(actor, grant.id, { ipAddress: null, userAgent: null }), /last administrator of every service/);
      await assert.rejects(
        t.services.users.updateAccount(actor, adminUser.id, adminUser.version, { displayName: adminUser.display_name, email: '', jobTitle: '', totpRequired: false, isActive: false }, { ipAddress: null, userAgent: null }),
        /last administrator of every service/,
      );
      await assert.rejects(
        t.services.users.createUser({ username: 'long.title', displayName: 'Lenny Long', jobTitle: 'x'.repeat(121), email: `${'e'.repeat(200)}@example.org`, password: 'lantern harbour meadow 42' }, { userId: null, username: 'test' }, { ipAddress: null, userAgent: null }),
        (error: { fieldErrors?: Record<string, string> }) => error.fieldErrors?.jobTitle === 'Job title must be 120 characters or fewer' && error.fieldErrors?.email === 'Email address must be 200 characters or fewer',
      );
    });
  });
}
