// Signing in as a user would: passwords, lock-out, the second factor, time-outs, CSRF and signing out everywhere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, startTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { fixedClock } from '../../src/services/clock.js';
import { hotp, totpStep } from '../../src/domain/totp.js';
import { DEMO_PASSWORD } from '../../src/services/seed/profiles.js';
import { buildApp } from '../../src/web/app.js';
import { loadConfig } from '../../src/config.js';

for (const engine of testEngines()) {
  describe(`sign-in (${engine})`, () => {
    const clock = fixedClock('2026-11-23T03:00:00Z');
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine, { clock });
    });
    after(() => t.close());

    test('a wrong password is refused with a message on the username field, the username kept, and audited', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const res = await agent.post('/sign-in', { username: 'Practitioner', password: 'not-the-password-at-all' });
      assert.equal(res.status, 401);
      assert.match(res.body, /There is a problem/);
      assert.match(res.body, /href="#username">\s*The username or password is not right/);
      assert.match(res.body, /value="Practitioner"/);
      assert.doesNotMatch(res.body, /not-the-password-at-all/);
      const events = await t.services.audit.search({ username: 'practitioner', action: 'user.sign_in_failed' });
      assert.equal(events.length, 1);
      assert.ok(events[0]!.ip_address);
    });

    test('empty fields name each field', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const res = await agent.post('/sign-in', { username: ' ', password: '' });
      assert.equal(res.status, 400);
      assert.match(res.body, /href="#username">\s*Enter your username/);
      assert.match(res.body, /href="#password">\s*Enter your password/);
    });

    test('five wrong passwords lock the account for 15 minutes, even against the right password; an administrator can unlock', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      for (let i = 0; i < 4; i++) assert.equal((await agent.post('/sign-in', { username: 'support', password: `wrong-${i}-password` })).status, 401);
      const fifth = await agent.post('/sign-in', { username: 'support', password: 'wrong-5-password' });
      assert.equal(fifth.status, 423);
      assert.match(fifth.body, /locked after too many wrong attempts. Try again in 15 minutes/);
      const right = await agent.post('/sign-in', { username: 'support', password: DEMO_PASSWORD });
      assert.equal(right.status, 423, 'the right password does not open a locked account');
      assert.equal((await t.services.audit.search({ username: 'support', action: 'user.locked_out' })).length, 1);
      clock.advanceMinutes(16);
      assert.equal((await agent.post('/sign-in', { username: 'support', password: DEMO_PASSWORD })).status, 303, 'the lock lifts after 15 minutes');
    });

    test('a signed-in session times out after 30 idle minutes, and the user is told why', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      assert.equal((await agent.get('/directory')).status, 200);
      clock.advanceMinutes(29);
      assert.equal((await agent.get('/directory')).status, 200, 'activity at 29 minutes keeps the session');
      clock.advanceMinutes(31);
      const res = await agent.get('/directory');
      assert.equal(res.status, 303);
      assert.equal(res.location, '/sign-in?next=%2Fdirectory&timedOut=1');
      assert.match((await agent.get(res.location!)).body, /signed out because you had not done anything for 30 minutes/);
    });

    test('pages carry the idle warning and the stay-signed-in form', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const home = await agent.get('/');
      assert.match(home.body, /id="idle-warning" data-warning-after="1500"/);
      assert.match(home.body, /action="\/session\/extend"/);
    });

    test('a form without the CSRF token is refused, changes nothing, and is audited', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('admin');
      const before = (await t.services.serviceDirectory.list(null)).length;
      const res = await agent.request('POST', '/admin/services/new', { code: 'forged', name: 'Forged service' });
      assert.equal(res.status, 403);
      assert.match(res.body, /This form has expired/);
      const forged = await agent.request('POST', '/admin/services/new', { code: 'forged', name: 'Forged service', _csrf: 'x'.repeat(43) });
      assert.equal(forged.status, 403);
      assert.equal((await t.services.serviceDirectory.list(null)).length, before);
      assert.ok((await t.services.audit.search({ username: 'admin', action: 'request.refused' })).length >= 2);
    });

    test('sign-out ends the session; sign-out everywhere ends every session of the user', async () => {
      const a = new Agent(t.app);
      const b = new Agent(t.app);
      await a.signIn('practitioner');
      await b.signIn('practitioner');
      await a.get('/');
      assert.equal((await a.post('/sign-out')).location, '/sign-in?signedOut=1');
      assert.equal((await a.get('/')).status, 303);
      assert.equal((await b.get('/')).status, 200, 'signing out here leaves the other device signed in');
      const c = new Agent(t.app);
      await c.signIn('practitioner');
      await c.get('/account');
      assert.equal((await c.post('/sign-out-everywhere')).location, '/sign-in?signedOut=all');
      assert.equal((await b.get('/')).status, 303, 'the other device is signed out too');
    });

    test('the second factor: required users set it up at sign-in, then need a code each time; a used code is refused', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      const res = await agent.post('/sign-in', { username: 'secure', password: DEMO_PASSWORD });
      assert.equal(res.location, '/account/two-factor');
      assert.equal((await agent.get('/directory')).location, '/account/two-factor', 'nothing else until it is set up');
      const setup = await agent.get('/account/two-factor');
      const secret = /name="secret" value="([A-Z2-7]+)"/.exec(setup.body)![1]!;
      const wrong = await agent.post('/account/two-factor', { secret, code: '000000' === hotp(secret, totpStep(clock.now())) ? '111111' : '000000' });
      assert.equal(wrong.status, 400);
      assert.match(wrong.body, /The code is not right/);
      const step = totpStep(clock.now());
      assert.equal((await agent.post('/account/two-factor', { secret, code: hotp(secret, step) })).location, '/');
      assert.equal((await agent.get('/directory')).status, 200);
      await agent.post('/sign-out');

      const again = new Agent(t.app);
      await again.get('/sign-in');
      assert.match((await again.post('/sign-in', { username: 'secure', password: DEMO_PASSWORD })).location ?? '', /^\/sign-in\/code/);
      assert.equal((await again.get('/account/two-factor')).location, '/sign-in/code', 'cannot replace the factor before proving it');
      await again.get('/sign-in/code');
      const reused = await again.post('/sign-in/code', { code: hotp(secret, step) });
      assert.match(reused.body, /already been used/);
      clock.advanceMinutes(1);
      assert.equal((await again.post('/sign-in/code', { code: hotp(secret, totpStep(clock.now())) })).location, '/');
      assert.equal((await again.get('/directory')).status, 200);
    });

    test('a user with several roles chooses one, and sees what that role may see', async () => {
      const agent = new Agent(t.app);
      await agent.get('/sign-in');
      await agent.post('/sign-in', { username: 'practice.lead', password: DEMO_PASSWORD });
      const home = await agent.get('/');
      assert.match(home.location ?? '', /^\/choose-role/);
      const page = await agent.get(home.location!);
      assert.match(page.body, /Team manager/);
      const bad = await agent.post('/choose-role', { grantId: '00000000-0000-0000-0000-000000000000' });
      assert.equal(bad.status, 400);
      assert.match(bad.body, /Select the role you are working in/);
    });

    test('sessions live in the database: a second application instance on it serves the same session', async () => {
      const agent = new Agent(t.app);
      await agent.signIn('practitioner');
      const second = await buildApp(t.services, { ...loadConfig({}), logLevel: 'silent' });
      const other = new Agent(second);
      for (const [k, v] of agent.cookies) other.cookies.set(k, v);
      assert.equal((await other.get('/directory')).status, 200);
      await second.close();
    });
  });
}
