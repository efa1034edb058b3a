import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStaleStatement, runKept, StatementNames } from './statement-names.js';

const stale = Object.assign(new Error('cached plan must not change result type'), { code: '0A000' });

test('a data query with parameters is kept under one name; the same text gets the same name', () => {
  const names = new StatementNames(5);
  const first = names.statementFor('select * from person where id = $1', 1);
  assert.ok(first);
  assert.match(first.name, /^divert_\d+$/);
  assert.equal(names.statementFor('select * from person where id = $1', 1), first);
  for (const text of ['insert into note values ($1)', 'update person set x = $1', 'delete from note where id = $1', ' WITH a as (select $1) select * from a']) {
    assert.ok(names.statementFor(text, 1), text);
  }
});

test('queries without parameters, transaction control and other commands are not kept', () => {
  const names = new StatementNames(5);
  assert.equal(names.statementFor('select 1', 0), null);
  assert.equal(names.statementFor('update visit set place = place; select 1', 0), null);
  assert.equal(names.statementFor('set local statement_timeout = $1', 1), null);
  assert.equal(names.statementFor('vacuum (analyze) person', 0), null);
  assert.equal(names.statementFor('begin', 0), null);
});

test('past the limit nothing more is kept, while what was kept stays', () => {
  const names = new StatementNames(2);
  const a = names.statementFor('select $1::int', 1);
  const b = names.statementFor('select $1::text', 1);
  assert.ok(a && b);
  assert.notEqual(a.name, b.name);
  assert.equal(names.statementFor('select $1::date', 1), null);
  assert.equal(names.statementFor('select $1::int', 1), a);
});

test('a forgotten statement is kept afresh under a name never used before', () => {
  const names = new StatementNames(2);
  const a = names.statementFor('select $1::int', 1)!;
  names.forget('select $1::int');
  const again = names.statementFor('select $1::int', 1)!;
  assert.notEqual(again.name, a.name);
  // Another set of names (another dialect on the same embedded connection) never takes a name already given.
  assert.notEqual(new StatementNames(2).statementFor('select $1::int', 1)!.name, again.name);
});

test('only the refusal of a stale plan counts as stale', () => {
  assert.equal(isStaleStatement(stale), true);
  assert.equal(isStaleStatement(Object.assign(new Error('duplicate key value'), { code: '23505' })), false);
  assert.equal(isStaleStatement(Object.assign(new Error('feature not supported'), { code: '0A000' })), false);
  assert.equal(isStaleStatement({}), false);
});

test('runKept runs a kept query prepared and anything else unprepared', async () => {
  const names = new StatementNames(1);
  const ran: string[] = [];
  const run = (text: string, count: number) =>
    runKept(names, text, count, async (s) => (ran.push(`prepared ${s.name}`), 'p'), async () => (ran.push('unprepared'), 'u'));
  assert.equal(await run('select $1::int', 1), 'p');
  assert.equal(await run('select 1', 0), 'u');
  assert.equal(await run('select $1::text', 1), 'u');
  assert.equal(ran.length, 3);
});

test('runKept runs a stale statement once unprepared and prepares it afresh next time; other errors stand', async () => {
  const names = new StatementNames(3);
  const first = names.statementFor('select * from visit where id = $1', 1)!;
  let unprepared = 0;
  const answer = await runKept(names, 'select * from visit where id = $1', 1, async () => { throw stale; }, async () => (unprepared++, 'fresh'));
  assert.equal(answer, 'fresh');
  assert.equal(unprepared, 1);
  assert.notEqual(names.statementFor('select * from visit where id = $1', 1)!.name, first.name);

  // Inside a transaction the retry fails too, and the stale refusal is what the caller sees.
  await assert.rejects(
    runKept(names, 'select * from visit where id = $1', 1, async () => { throw stale; }, async () => { throw new Error('current transaction is aborted'); }),
    (error) => error === stale,
  );
  const other = Object.assign(new Error('duplicate key value'), { code: '23505' });
  await assert.rejects(runKept(names, 'insert into visit values ($1)', 1, async () => { throw other; }, async () => 'never'), (error) => error === other);
});
