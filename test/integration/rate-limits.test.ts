// Sign-in attempts are counted in the database: two instances on one database allow the limit once between them,
// a window that has ended starts again, and each limited route counts apart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { Agent } from '../support/app.js';
import { openTestDatabase, testEngines } from '../support/database.js';
import { buildApp } from '../../src/web/app.js';
import { createServices, type Services } from '../../src/services/index.js';
import { loadConfig } from '../../src/config.js';
import { fixedClock } from '../../src/services/clock.js';
import type { DatabaseHandle } from '../../src/db/open.js';

const WRONG = { username: 'nobody-here', password: 'whatever-it-is-123' };

for (const engine of testEngines()) {
  describe(`rate limits in the database (${engine})`, () => {
    const clock = fixedClock('2026-11-23T10:00:00Z');
    let handle: DatabaseHandle;
    let services: Services;
    /** Two instances of the application on one database, as two processes behind one address would be. */
    let a: FastifyInstance;
    let b: FastifyInstance;
    before(async () => {
      handle = await openTestDatabase(engine);
      services = createServices(handle, clock);
      const config = { ...loadConfig({}), logLevel: 'silent' as const };
      a = await buildApp(services, config, { signInAttemptsPerMinute: 3 });
      b = await buildApp(createServices(handle, clock), config, { signInAttemptsPerMinute: 3 });
      await Promise.all([a.ready(), b.ready()]);
    });
    after(async () => {
      await Promise.all([a.close(), b.close()]);
      await handle.close();
    });

    test('counts an attempt, reads without counting, and starts a window again once it has ended', async () => {
      const key = 'POST /example 192.0.2.1';
      assert.deepEqual(await services.rateLimits.read(key, 60_000), { hits: 0, msLeft: 60_000 });
      assert.deepEqual(await services.rateLimits.hit(key, 60_000), { hits: 1, msLeft: 60_000 });
      clock.advanceMinutes(0.5);
      assert.deepEqual(await services.rateLimits.hit(key, 60_000), { hits: 2, msLeft: 30_000 });
      assert.deepEqual(await services.rateLimits.read(key, 60_000), { hits: 2, msLeft: 30_000 });
      assert.deepEqual(await services.rateLimits.hit('POST /example 192.0.2.2', 60_000), { hits: 1, msLeft: 60_000 }, 'another address counts apart');
      clock.advanceMinutes(0.5);
      assert.deepEqual(await services.rateLimits.read(key, 60_000), { hits: 0, msLeft: 60_000 }, 'the window has ended');
      assert.deepEqual(await services.rateLimits.hit(key, 60_000), { hits: 1, msLeft: 60_000 }, 'and a new one starts');
    });

    test('attempts counted at once from many requests are each counted', async () => {
      const key = 'POST /example 192.0.2.3';
      const counts = await Promise.all(Array.from({ length: 12 }, () => services.rateLimits.hit(key, 60_000)));
      assert.deepEqual(counts.map((c) => c.hits).sort((x, y) => x - y), Array.from({ length: 12 }, (_, i) => i + 1));
    });

    test('sign-in attempts split between two instances are limited once between them, and allowed again a minute later', async () => {
      const onA = new Agent(a);
      const onB = new Agent(b);
      await onA.get('/sign-in');
      await onB.get('/sign-in');
      const statuses: number[] = [];
      for (const agent of [onA, onB, onA, onB, onA]) statuses.push((await agent.post('/sign-in', WRONG)).status);
      // Three a minute from this address: with a count in each instance's memory, all five would have been tried.
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
      const refused = await onB.post('/sign-in', WRONG);
      assert.equal(refused.status, 429);
      assert.match(refused.body, /Too many attempts/);
      clock.advanceMinutes(1);
      assert.equal((await onB.post('/sign-in', WRONG)).status, 401, 'a minute later the address may try again');
    });

    test('each limited route counts apart: wrong sign-ins do not use up the second-factor allowance', async () => {
      clock.advanceMinutes(1);
      const agent = new Agent(a);
      await agent.get('/sign-in');
      for (let i = 0; i < 3; i++) await agent.post('/sign-in', WRONG);
      assert.equal((await agent.post('/sign-in', WRONG)).status, 429);
      const code = await agent.post('/sign-in/code', { code: '000000' });
      assert.notEqual(code.status, 429);
    });
  });
}
