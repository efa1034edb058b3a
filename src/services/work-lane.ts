// A lane for heavy work: at most `width` calls run at once and the rest wait their turn, in order. The reports
// (dashboards, outcome measures, equality monitoring, the quarterly return) go through one, so that a rush of them
// queues behind each other instead of taking every database connection from the pages a custody nurse is using.
export type WorkLane = {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Calls running and calls waiting, for tests and diagnostics. */
  readonly state: { running: number; waiting: number };
};

export function createWorkLane(width: number): WorkLane {
  if (!Number.isInteger(width) || width < 1) throw new RangeError('A work lane needs a width of at least 1');
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next(); // the permit passes straight to the next in line
    else running--;
  };
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running < width) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        release();
      }
    },
    get state() {
      return { running, waiting: waiting.length };
    },
  };
}

/** The same object with each named method run through the lane. */
export function throughLane<S extends object, K extends keyof S>(lane: WorkLane, service: S, methods: readonly K[]): S {
  const wrapped = { ...service };
  for (const name of methods) {
    const method = service[name];
    if (typeof method !== 'function') throw new TypeError(`${String(name)} is not a method`);
    (wrapped as Record<K, unknown>)[name] = (...args: unknown[]) => lane.run(() => (method as (...a: unknown[]) => Promise<unknown>).apply(service, args));
  }
  return wrapped;
}
