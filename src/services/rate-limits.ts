// Attempts counted per key (an address on a route) in fixed windows, in the database: every instance of the
// application on one database counts the same attempts, where a count in each instance's memory would allow as
// many more as there are instances.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Clock } from './clock.js';

export type WindowCount = { hits: number; msLeft: number };

/** Windows that ended longer ago than this are deleted, now and then, as attempts are counted. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** How many counts between two such clear-outs. */
const SWEEP_EVERY = 500;
/** Longer keys are cut to this (an address and a route fit well inside it). */
const KEY_LENGTH = 300;

export function createRateLimits(db: Kysely<Database>, clock: Clock) {
  let sinceSweep = 0;
  const msLeft = (startedAt: Date, now: Date, windowMs: number) => Math.max(0, startedAt.getTime() + windowMs - now.getTime());

  return {
    /** Counts one more attempt under `key`: how many there have been in its current window, and how long the window has left. */
    async hit(key: string, windowMs: number): Promise<WindowCount> {
      const now = clock.now();
      const ended = new Date(now.getTime() - windowMs);
      // One statement: the row lock orders attempts from every instance, and a window that has ended starts again.
      const { rows } = await sql<{ hits: number; window_started_at: Date }>`
        insert into rate_limit_window as w (key, window_started_at, hits) values (${key.slice(0, KEY_LENGTH)}, ${now}, 1)
        on conflict (key) do update set
          hits = case when w.window_started_at <= ${ended} then 1 else w.hits + 1 end,
          window_started_at = case when w.window_started_at <= ${ended} then ${now} else w.window_started_at end
        returning hits, window_started_at`.execute(db);
      if (++sinceSweep >= SWEEP_EVERY) {
        sinceSweep = 0;
        await db.deleteFrom('rate_limit_window').where('window_started_at', '<', new Date(now.getTime() - KEEP_MS)).execute();
      }
      const row = rows[0]!;
      return { hits: row.hits, msLeft: msLeft(new Date(row.window_started_at), now, windowMs) };
    },

    /** The count under `key` without adding to it (0 when its window has ended). */
    async read(key: string, windowMs: number): Promise<WindowCount> {
      const now = clock.now();
      const row = await db.selectFrom('rate_limit_window').select(['hits', 'window_started_at']).where('key', '=', key.slice(0, KEY_LENGTH)).executeTakeFirst();
      const left = row ? msLeft(new Date(row.window_started_at), now, windowMs) : 0;
      return left > 0 ? { hits: row!.hits, msLeft: left } : { hits: 0, msLeft: windowMs };
    },
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;
