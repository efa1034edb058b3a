import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkLane, throughLane } from './work-lane.js';

const tick = () => new Promise((r) => setImmediate(r));

test('no more than the width run at once, and the rest start in the order they came', async () => {
  const lane = createWorkLane(2);
  const started: number[] = [];
  const finishers: Array<() => void> = [];
  const calls = [0, 1, 2, 3, 4].map((n) =>
    lane.run(async () => {
      started.push(n);
      await new Promise<void>((resolve) => finishers.push(resolve));
      return n * 10;
    }),
  );
  await tick();
  assert.deepEqual(started, [0, 1]);
  assert.deepEqual(lane.state, { running: 2, waiting: 3 });
  finishers[1]!();
  await tick();
  await tick();
  assert.deepEqual(started, [0, 1, 2]);
  finishers[0]!();
  finishers[2]!();
  await tick();
  await tick();
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
  finishers[3]!();
  finishers[4]!();
  assert.deepEqual(await Promise.all(calls), [0, 10, 20, 30, 40]);
  assert.deepEqual(lane.state, { running: 0, waiting: 0 });
});

test('a call that fails gives its place to the next and its error to its caller', async () => {
  const lane = createWorkLane(1);
  const failing = lane.run(async () => {
    throw new Error('the report failed');
  });
  const next = lane.run(async () => 'next ran');
  await assert.rejects(failing, /the report failed/);
  assert.equal(await next, 'next ran');
  assert.deepEqual(lane.state, { running: 0, waiting: 0 });
});

test('a lane is at least one wide', () => {
  assert.throws(() => createWorkLane(0), RangeError);
  assert.throws(() => createWorkLane(1.5), RangeError);
});

test('throughLane runs only the named methods through the lane, with their arguments and this', async () => {
  const lane = createWorkLane(1);
  const service = {
    factor: 3,
    async heavy(n: number) {
      return n * this.factor;
    },
    light: () => 'not queued',
  };
  const wrapped = throughLane(lane, service, ['heavy']);
  let release!: () => void;
  const blocker = lane.run(() => new Promise<void>((r) => (release = r)));
  const result = wrapped.heavy(7);
  await tick();
  assert.equal(lane.state.waiting, 1);
  assert.equal(wrapped.light(), 'not queued');
  release();
  await blocker;
  assert.equal(await result, 21);
});
