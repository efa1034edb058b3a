import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchedWrites } from './batched-writes.js';

/** A writer that records each call's items and finishes when told to. */
function slowWriter(fails: (item: number) => boolean = () => false) {
  const calls: number[][] = [];
  const finishers: Array<() => void> = [];
  const writeAll = async (items: number[]) => {
    calls.push(items);
    await new Promise<void>((resolve) => finishers.push(resolve));
    if (items.some(fails)) throw new Error(`bad item in ${items.join(',')}`);
  };
  const finishAll = async () => {
    while (finishers.length > 0) {
      finishers.shift()!();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { calls, writeAll, finishAll };
}

test('the first write goes at once; those that arrive while it is written go together after it, in order', async () => {
  const w = slowWriter();
  const batches = batchedWrites(w.writeAll);
  const settled: number[] = [];
  const all = [1, 2, 3, 4].map((n) => batches.write(n).then(() => settled.push(n)));
  assert.deepEqual(w.calls, [[1]]);
  assert.deepEqual(batches.state, { waiting: 3, writing: 1 });
  await w.finishAll();
  await Promise.all(all);
  assert.deepEqual(w.calls, [[1], [2, 3, 4]]);
  assert.deepEqual(settled, [1, 2, 3, 4]);
  assert.deepEqual(batches.state, { waiting: 0, writing: 0 });
});

test('a caller is answered only once its own item is written', async () => {
  const w = slowWriter();
  const batches = batchedWrites(w.writeAll);
  let answered = false;
  const first = batches.write(1).then(() => (answered = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(answered, false, 'not before the write finishes');
  await w.finishAll();
  await first;
  assert.equal(answered, true);
});

test('a batch holds at most the number given', async () => {
  const w = slowWriter();
  const batches = batchedWrites(w.writeAll, 2);
  const all = [1, 2, 3, 4, 5, 6].map((n) => batches.write(n));
  await w.finishAll();
  await Promise.all(all);
  assert.deepEqual(w.calls, [[1], [2, 3], [4, 5], [6]]);
});

test('when a batch fails, each item is written alone: only the bad one fails, and its error reaches its caller', async () => {
  const w = slowWriter((n) => n === 3);
  const batches = batchedWrites(w.writeAll);
  const results = [1, 2, 3, 4].map((n) => batches.write(n).then(() => 'written', (e: Error) => e.message));
  await w.finishAll();
  assert.deepEqual(await Promise.all(results), ['written', 'written', 'bad item in 3', 'written']);
  assert.deepEqual(w.calls, [[1], [2, 3, 4], [2], [3], [4]]);
});

test('writing starts again after it went quiet', async () => {
  const w = slowWriter();
  const batches = batchedWrites(w.writeAll);
  const first = batches.write(1);
  await w.finishAll();
  await first;
  const second = batches.write(2);
  assert.deepEqual(w.calls, [[1], [2]]);
  await w.finishAll();
  await second;
});

test('a batch must hold at least one item', () => {
  assert.throws(() => batchedWrites(async () => {}, 0), RangeError);
});
