import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountsGeneration, changesAccounts, changesRecords, recordsGeneration, tablesWritten, WriteWatch } from './write-watch.js';

test('the tables a statement writes are read from its text, as the query builder writes it', () => {
  assert.deepEqual(tablesWritten('insert into "referral" ("id") values ($1)'), ['referral']);
  assert.deepEqual(tablesWritten('update "case_episode" set "version" = $1 where "id" = $2'), ['case_episode']);
  assert.deepEqual(tablesWritten('delete from "person_alias" where "id" = $1'), ['person_alias']);
  assert.deepEqual(tablesWritten('with head as (update audit_chain_head set hash = $1 returning *) insert into audit_event (id) select 1 from head'), ['audit_chain_head', 'audit_event']);
  assert.deepEqual(tablesWritten('insert into "site" ("id") values ($1) on conflict ("id") do update set "name" = $2'), ['site']);
  assert.deepEqual(tablesWritten('truncate table contact'), ['contact']);
});

test('reading, even reading to change next, writes nothing', () => {
  assert.deepEqual(tablesWritten('select "updated_at" from "case_episode" where "id" = $1 for update'), []);
  assert.deepEqual(tablesWritten('select * from "case_episode" as "c" where "c"."id" = $1 for update of "c" skip locked'), []);
  assert.deepEqual(tablesWritten('select * from "referral" for no key update'), []);
  assert.equal(changesRecords('select count(*) from "referral" where "service_id" = $1'), false);
  assert.equal(changesRecords('with recent as (select * from contact) select count(*) from recent'), false);
});

test('the audit trail, sessions, rate limits and upkeep are not records; every other table is', () => {
  assert.equal(changesRecords('with head as (update audit_chain_head set hash = $1 returning *) insert into audit_event (id) select 1 from head'), false);
  assert.equal(changesRecords('update "user_session" set "last_seen_at" = $1 where "token_hash" = $2'), false);
  assert.equal(changesRecords('insert into "rate_limit_window" ("key") values ($1)'), false);
  assert.equal(changesRecords('insert into "contact" ("id") values ($1)'), true);
  assert.equal(changesRecords('with moved as (update "case_episode" set "allocated_to" = $1 returning id) insert into "case_allocation" select * from moved'), true);
});

test('anything but a data statement or a setting counts as a change, as does a script of several statements', () => {
  for (const text of ['create table x (id int)', 'alter table person add column y int', 'vacuum analyze', 'select 1; insert into contact values (1)', 'copy contact from stdin']) {
    assert.equal(changesRecords(text), true, text);
  }
  for (const text of ['show server_version', 'set statement_timeout = 1000', 'savepoint a', 'release savepoint a']) {
    assert.equal(changesRecords(text), false, text);
  }
});

test('a change outside a transaction counts once it is answered; reads and the audit trail never count', () => {
  const watch = new WriteWatch();
  const before = recordsGeneration();
  watch.ran('select * from "person" where "id" = $1');
  watch.ran('with head as (update audit_chain_head set hash = $1 returning *) insert into audit_event (id) select 1 from head');
  assert.equal(recordsGeneration(), before);
  watch.ran('insert into "contact" ("id") values ($1)');
  assert.equal(recordsGeneration(), before + 1);
});

test('a change inside a transaction counts when it commits, and not at all when it is rolled back', () => {
  const watch = new WriteWatch();
  const before = recordsGeneration();
  watch.ran('begin');
  watch.ran('update "referral" set "version" = $1 where "id" = $2');
  assert.equal(recordsGeneration(), before, 'not before the commit: the change cannot be read yet');
  watch.ran('commit');
  assert.equal(recordsGeneration(), before + 1);

  watch.ran('begin isolation level serializable');
  watch.ran('insert into "referral" ("id") values ($1)');
  watch.ran('rollback to savepoint a');
  watch.ran('rollback');
  watch.ran('commit');
  assert.equal(recordsGeneration(), before + 1, 'rolled back: nothing changed');

  watch.ran('start transaction');
  watch.ran('with head as (update audit_chain_head set hash = $1 returning *) insert into audit_event (id) select 1 from head');
  watch.ran('commit');
  assert.equal(recordsGeneration(), before + 1, 'a transaction that wrote only the audit trail changed no records');
});

test('a refused statement counts as a change, of the records and of the accounts, since what it did is not known', () => {
  const watch = new WriteWatch();
  const before = recordsGeneration();
  const accountsBefore = accountsGeneration();
  watch.failed();
  assert.equal(recordsGeneration(), before + 1);
  assert.equal(accountsGeneration(), accountsBefore + 1);
});

test('the accounts a session is read from are users, roles and the names of where roles are held; sessions themselves are not', () => {
  for (const table of ['app_user', 'role_grant', 'service', 'site', 'partner_organisation']) {
    assert.equal(changesAccounts(`update "${table}" set "name" = $1 where "id" = $2`), true, table);
  }
  assert.equal(changesAccounts('update "user_session" set "last_seen_at" = $1 where "token_hash" = $2'), false, 'a session marked as used');
  assert.equal(changesAccounts('insert into "contact" ("id") values ($1)'), false);
  assert.equal(changesAccounts('select * from "app_user" where "id" = $1 for update'), false);
  assert.equal(changesAccounts('alter table app_user add column x int'), true, 'anything unknown is taken to change them');
});

test('a change of the accounts counts once it is answered, or when its transaction commits; a change of records alone does not', () => {
  const watch = new WriteWatch();
  const before = accountsGeneration();
  watch.ran('insert into "contact" ("id") values ($1)');
  watch.ran('update "user_session" set "last_seen_at" = $1 where "token_hash" = $2');
  assert.equal(accountsGeneration(), before);
  watch.ran('update "app_user" set "last_signed_in_at" = $1 where "id" = $2');
  assert.equal(accountsGeneration(), before + 1);
  watch.ran('begin');
  watch.ran('delete from "role_grant" where "id" = $1');
  assert.equal(accountsGeneration(), before + 1, 'not before the commit');
  watch.ran('commit');
  assert.equal(accountsGeneration(), before + 2);
  watch.ran('begin');
  watch.ran('update "app_user" set "is_active" = $1 where "id" = $2');
  watch.ran('rollback');
  assert.equal(accountsGeneration(), before + 2, 'rolled back: nothing changed');
});
