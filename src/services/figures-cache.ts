// Figures worked out from many records (the dashboards, the quarterly return) are kept for a short while and shared by
// everyone who asks for the same ones: a national dashboard took most of a second to work out, and read the same rows
// for each commissioner who opened it. They are worked out again as soon as anything is recorded through this
// instance (db/write-watch.ts), and at least every KEEP_FOR_MS for what other instances record: the first to ask
// after that is given the figures kept while they are worked out again for those after (if they are less than twice
// KEEP_FOR_MS old), so that a busy report does not stall everyone reading it once a minute. Pages say when theirs
// were worked out.
import { recordsGeneration } from '../db/write-watch.js';
import type { Clock } from './clock.js';

/** How long figures are kept when nothing is recorded through this instance. */
export const KEEP_FOR_MS = 60_000;
/** How many sets of figures are kept; the least recently used go first. */
export const SETS_KEPT = 200;

export type Worked<T> = { figures: T; workedOutAt: Date };

type Kept = { generation: number; workedOutAt: Date; figures: Promise<unknown>; worked: boolean; again?: Promise<void> };

export function createFiguresCache(clock: Clock, options: { keepForMs?: number | undefined; setsKept?: number; generation?: () => number } = {}) {
  const keepForMs = options.keepForMs ?? KEEP_FOR_MS;
  const setsKept = options.setsKept ?? SETS_KEPT;
  const generation = options.generation ?? recordsGeneration;
  const kept = new Map<string, Kept>();

  const ageOf = (entry: Kept, now: Date) => now.getTime() - entry.workedOutAt.getTime();
  const fresh = (entry: Kept, now: Date, current: number) => entry.generation === current && ageOf(entry, now) >= 0 && ageOf(entry, now) < keepForMs;
  /** Figures only too old (nothing recorded here since), which may be given while they are worked out again. */
  const stale = (entry: Kept, now: Date, current: number) => entry.worked && entry.generation === current && ageOf(entry, now) >= keepForMs && ageOf(entry, now) < 2 * keepForMs;

  function keep(key: string, entry: Kept) {
    kept.delete(key);
    kept.set(key, entry);
    for (const oldest of kept.keys()) {
      if (kept.size <= setsKept) break;
      kept.delete(oldest);
    }
  }

  /** Works the figures out, kept under `key` while they are and after; a failed working is not kept. */
  function workOut<T>(key: string, work: () => Promise<T>, now: Date, current: number): Kept {
    const entry: Kept = { generation: current, workedOutAt: now, figures: work(), worked: false };
    entry.figures.then(
      () => (entry.worked = true),
      () => {
        if (kept.get(key) === entry) kept.delete(key);
      },
    );
    return entry;
  }

  /** Works kept figures out again in the background, keeping the new ones once worked out; the old stay if it fails. */
  function workAgain<T>(key: string, old: Kept, work: () => Promise<T>, now: Date, current: number) {
    if (old.again) return;
    const next = workOut(key, work, now, current);
    old.again = next.figures.then(
      () => {
        if (kept.get(key) === old) keep(key, next);
      },
      () => {
        old.again = undefined;
      },
    );
  }

  return {
    /**
     * The figures kept under `key` (which must name everything they depend on), or `work`'s, worked out now. Those
     * asking while they are worked out share the one working; a failed working is not kept.
     */
    async get<T>(key: string, work: () => Promise<T>): Promise<Worked<T>> {
      const now = clock.now();
      const current = generation();
      const found = kept.get(key);
      const freshFound = found !== undefined && fresh(found, now, current);
      if (found && (freshFound || stale(found, now, current))) {
        keep(key, found);
        if (!freshFound) workAgain(key, found, work, now, current);
        return { figures: (await found.figures) as T, workedOutAt: found.workedOutAt };
      }
      const entry = workOut(key, work, now, current);
      keep(key, entry);
      return { figures: (await entry.figures) as T, workedOutAt: now };
    },

    /** How many sets are kept now. */
    size: (): number => kept.size,
  };
}

export type FiguresCache = ReturnType<typeof createFiguresCache>;

const drawn = new WeakMap<object, Map<string, unknown>>();

/**
 * What is made from a set of kept figures (a reader's view of them, a page's charts and tables), made once and kept
 * with them: everyone asking while the figures are kept is handed the same `figures` object, so `make` runs once for
 * each set and `key`, and what it made goes when the set does. `key` must name everything else `make` depends on.
 */
export function drawnOnce<T>(figures: object, key: string, make: () => T): T {
  let made = drawn.get(figures);
  if (!made) drawn.set(figures, (made = new Map()));
  if (made.has(key)) return made.get(key) as T;
  const value = make();
  made.set(key, value);
  return value;
}
