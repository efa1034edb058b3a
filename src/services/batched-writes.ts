// Writes that arrive together go to the database together (a group commit): the first goes at once, and those that
// arrive while it is being written wait and go in one call after it. Each caller's promise settles when its own item
// is written, so a caller that waits for it knows the item is stored, as with a write of its own. The audit trail
// appends the events of an instance's requests this way: one statement, commit and turn at the chain's head for many.
export type BatchedWrites<T> = {
  write(item: T): Promise<void>;
  /** Items written or waiting, for tests and diagnostics. */
  readonly state: { waiting: number; writing: number };
};

type Waiting<T> = { item: T; resolve: () => void; reject: (error: unknown) => void };

/**
 * Batches for `writeAll`, at most `most` items each. When a batch of several fails, each of its items is written on
 * its own, so that one bad item fails only its own caller.
 */
export function batchedWrites<T>(writeAll: (items: T[]) => Promise<void>, most = 100): BatchedWrites<T> {
  if (!Number.isInteger(most) || most < 1) throw new RangeError('A batch holds at least one item');
  const waiting: Waiting<T>[] = [];
  let draining = false;
  let writing = 0;

  async function writeBatch(batch: Waiting<T>[]): Promise<void> {
    try {
      await writeAll(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) await writeBatch([w]);
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, most);
      writing = batch.length;
      await writeBatch(batch);
    }
    writing = 0;
    draining = false;
  }

  return {
    write(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!draining) void drain();
      });
    },
    get state() {
      return { waiting: waiting.length, writing };
    },
  };
}
