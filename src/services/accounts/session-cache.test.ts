import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSessionCache, FORGET_ALL } from './session-cache.js';
import type { NotificationHandlers } from '../../db/notifications.js';

/** A cache that has started listening, with its own count of account changes (so that tests do not move each other's). */
function cacheWith(options: { sessionsKept?: number } = {}) {
  let accounts = 0;
  let told: NotificationHandlers | undefined;
  const cache = createSessionCache<string>({ ...options, listen: (handlers) => (told = handlers), accounts: () => accounts });
  cache.get('nobody');
  told!.listening();
  return { cache, changeAccounts: () => accounts++ };
}

test('a session read from the database is kept and given back under its token hash', () => {
  const { cache } = cacheWith();
  assert.equal(cache.get('a'), undefined);
  cache.keep('a', 'session a', cache.mark());
  assert.equal(cache.get('a'), 'session a');
  assert.equal(cache.get('b'), undefined);
});

test('a session read before anything was forgotten is not kept: the read may be older than the change', () => {
  const { cache, changeAccounts } = cacheWith();
  const mark = cache.mark();
  cache.forget('someone else');
  cache.keep('a', 'session a', mark);
  assert.equal(cache.get('a'), undefined);

  const second = cache.mark();
  cache.handlers.notified('someone else');
  cache.keep('a', 'session a', second);
  assert.equal(cache.get('a'), undefined, 'nor after an announcement from another instance');

  const third = cache.mark();
  changeAccounts();
  cache.keep('a', 'session a', third);
  assert.equal(cache.get('a'), undefined, 'nor after a change of the accounts through this instance');
});

test('a kept session is forgotten when it is ended here, announced by another instance, or the accounts change', () => {
  const { cache, changeAccounts } = cacheWith();
  const keep = (...tokens: string[]) => tokens.forEach((t) => cache.keep(t, `session ${t}`, cache.mark()));
  keep('a', 'b');
  cache.forget('a');
  assert.equal(cache.get('a'), undefined);
  assert.equal(cache.get('b'), 'session b');
  cache.handlers.notified('b');
  assert.equal(cache.get('b'), undefined);

  keep('a', 'b');
  cache.handlers.notified(FORGET_ALL);
  assert.equal(cache.size(), 0);

  keep('a', 'b');
  changeAccounts();
  assert.equal(cache.get('a'), undefined);
  assert.equal(cache.get('b'), undefined);
});

test('nothing is kept until listening starts, nor while listening is lost', () => {
  const heard: NotificationHandlers[] = [];
  const cache = createSessionCache<string>({ listen: (handlers) => heard.push(handlers) });
  assert.equal(heard.length, 0, 'listening starts with the first look-up, not before');
  assert.equal(cache.get('a'), undefined);
  assert.equal(heard.length, 1);
  const told = heard[0]!;
  cache.keep('a', 'session a', cache.mark());
  assert.equal(cache.get('a'), undefined, 'not listening yet');

  const beforeListening = cache.mark();
  told.listening();
  cache.keep('a', 'session a', beforeListening);
  assert.equal(cache.get('a'), undefined, 'a read begun before listening started may have missed an announcement');
  cache.keep('a', 'session a', cache.mark());
  assert.equal(cache.get('a'), 'session a');

  told.lost();
  assert.equal(cache.get('a'), undefined);
  cache.keep('a', 'session a', cache.mark());
  assert.equal(cache.get('a'), undefined, 'nothing is kept while not listening');
  told.listening();
  assert.equal(cache.get('a'), undefined, 'what was kept before the loss is gone');
});

test('with no way to listen, a session is never kept', () => {
  const cache = createSessionCache<string>({});
  cache.keep('a', 'session a', cache.mark());
  assert.equal(cache.get('a'), undefined);
  assert.equal(cache.size(), 0);
});

test('only so many sessions are kept, the least recently used going first', () => {
  const { cache } = cacheWith({ sessionsKept: 2 });
  cache.keep('a', 'session a', cache.mark());
  cache.keep('b', 'session b', cache.mark());
  assert.equal(cache.get('a'), 'session a');
  cache.keep('c', 'session c', cache.mark());
  assert.equal(cache.size(), 2);
  assert.equal(cache.get('b'), undefined, 'b was used least recently');
  assert.equal(cache.get('a'), 'session a');
  assert.equal(cache.get('c'), 'session c');
});
