import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedClock } from './clock.js';
import { createFiguresCache, drawnOnce } from './figures-cache.js';

function counting() {
  let calls = 0;
  return { work: async () => ({ call: ++calls }), calls: () => calls };
}

test('the same figures asked for again are the ones worked out first, with when they were', async () => {
  const clock = fixedClock('2026-12-03T09:00:00Z');
  const cache = createFiguresCache(clock, { generation: () => 1 });
  const w = counting();
  const first = await cache.get('team:a', w.work);
  clock.advanceMinutes(0.5);
  const again = await cache.get('team:a', w.work);
  assert.equal(w.calls(), 1);
  assert.deepEqual(again, first);
  assert.equal(again.workedOutAt.toISOString(), '2026-12-03T09:00:00.000Z');
});

test('other figures are worked out for themselves', async () => {
  const cache = createFiguresCache(fixedClock('2026-12-03T09:00:00Z'), { generation: () => 1 });
  const w = counting();
  assert.equal((await cache.get('team:a', w.work)).figures.call, 1);
  assert.equal((await cache.get('team:b', w.work)).figures.call, 2);
});

test('anything recorded since makes them worked out again at once', async () => {
  let generation = 1;
  const cache = createFiguresCache(fixedClock('2026-12-03T09:00:00Z'), { generation: () => generation });
  const w = counting();
  await cache.get('team:a', w.work);
  generation++;
  assert.equal((await cache.get('team:a', w.work)).figures.call, 2);
  assert.equal((await cache.get('team:a', w.work)).figures.call, 2);
});

test('figures as old as they may be kept are given once more while they are worked out again; the next asking gets the new', async () => {
  const clock = fixedClock('2026-12-03T09:00:00Z');
  const cache = createFiguresCache(clock, { keepForMs: 60_000, generation: () => 1 });
  const w = counting();
  await cache.get('k', w.work);
  clock.set('2026-12-03T09:00:59.999Z');
  assert.equal((await cache.get('k', w.work)).figures.call, 1);
  clock.set('2026-12-03T09:01:00Z');
  const old = await cache.get('k', w.work);
  assert.deepEqual(old, { figures: { call: 1 }, workedOutAt: new Date('2026-12-03T09:00:00Z') }, 'the kept figures, saying when they were worked out');
  assert.equal(w.calls(), 2, 'and they are being worked out again');
  assert.equal((await cache.get('k', w.work)).figures.call, 2, 'once worked out, the new figures are given');
  assert.equal(w.calls(), 2, 'worked out once, however many ask meanwhile');
  const later = await cache.get('k', w.work);
  assert.equal(later.workedOutAt.toISOString(), '2026-12-03T09:01:00.000Z');
});

test('figures twice as old as they may be kept, or from a clock that went back, are worked out before they are given', async () => {
  const clock = fixedClock('2026-12-03T09:00:00Z');
  const cache = createFiguresCache(clock, { keepForMs: 60_000, generation: () => 1 });
  const w = counting();
  await cache.get('k', w.work);
  clock.set('2026-12-03T09:02:00Z');
  const later = await cache.get('k', w.work);
  assert.equal(later.figures.call, 2);
  assert.equal(later.workedOutAt.toISOString(), '2026-12-03T09:02:00.000Z');
  clock.set('2026-12-03T08:00:00Z');
  assert.equal((await cache.get('k', w.work)).figures.call, 3);
});

test('a working again that fails leaves the kept figures, and the next asking tries again', async () => {
  const clock = fixedClock('2026-12-03T09:00:00Z');
  const cache = createFiguresCache(clock, { keepForMs: 60_000, generation: () => 1 });
  await cache.get('k', async () => 'first');
  clock.set('2026-12-03T09:01:30Z');
  let failed!: () => void;
  const failing = new Promise<void>((resolve) => (failed = resolve));
  const kept = await cache.get('k', async () => {
    failed();
    throw new Error('the database went away');
  });
  assert.equal(kept.figures, 'first');
  await failing;
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((await cache.get('k', async () => 'second')).figures, 'first', 'still the kept figures, worked out again meanwhile');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((await cache.get('k', async () => 'third')).figures, 'second');
});

test('those asking while figures are worked out share the one working', async () => {
  const cache = createFiguresCache(fixedClock('2026-12-03T09:00:00Z'), { generation: () => 1 });
  let calls = 0;
  let finish!: () => void;
  const work = () => {
    calls++;
    return new Promise<string>((resolve) => (finish = () => resolve('done')));
  };
  const both = Promise.all([cache.get('k', work), cache.get('k', work)]);
  finish();
  const [a, b] = await both;
  assert.equal(calls, 1);
  assert.equal(a.figures, 'done');
  assert.equal(b.figures, 'done');
});

test('a working that fails is not kept, so the next asking works them out afresh', async () => {
  const cache = createFiguresCache(fixedClock('2026-12-03T09:00:00Z'), { generation: () => 1 });
  await assert.rejects(cache.get('k', async () => Promise.reject(new Error('the database went away'))), /went away/);
  assert.equal(cache.size(), 0);
  assert.equal((await cache.get('k', async () => 'now')).figures, 'now');
});

test('only so many sets are kept, the least recently used going first', async () => {
  const cache = createFiguresCache(fixedClock('2026-12-03T09:00:00Z'), { setsKept: 2, generation: () => 1 });
  const w = counting();
  await cache.get('a', w.work);
  await cache.get('b', w.work);
  await cache.get('a', w.work);
  await cache.get('c', w.work);
  assert.equal(cache.size(), 2);
  assert.equal((await cache.get('a', w.work)).figures.call, 1, 'a was used lately, so kept');
  assert.equal((await cache.get('b', w.work)).figures.call, 4, 'b was the least recently used, so went');
});

test('what is drawn from kept figures is drawn once for each set and key, and afresh for figures worked out again', async () => {
  const clock = fixedClock('2026-12-03T09:00:00Z');
  let generation = 1;
  const cache = createFiguresCache(clock, { generation: () => generation });
  const w = counting();
  let draws = 0;
  const draw = async (key: string) => {
    const { figures } = await cache.get('team:a', w.work);
    return drawnOnce(figures, key, () => ({ draw: ++draws, from: figures.call }));
  };
  const first = await draw('page');
  assert.equal(await draw('page'), first, 'the same drawing, not a copy');
  assert.deepEqual(await draw('other'), { draw: 2, from: 1 }, 'another key is drawn for itself');
  generation = 2;
  assert.deepEqual(await draw('page'), { draw: 3, from: 2 }, 'new figures, a new drawing');
});
