// The rate-limit plugin's store, kept in the database (services/rate-limits.ts) instead of each instance's memory,
// so that two instances behind one address allow a route's limit once, not once each. Each limited route counts
// apart: its method and path are part of the key.
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { RateLimits, WindowCount } from '../services/rate-limits.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
type RouteOf = { routeInfo?: { method?: unknown; url?: unknown }; method?: unknown; url?: unknown };

export function databaseRateLimitStore(limits: RateLimits) {
  const answer = (count: Promise<WindowCount>, cb: Callback) => {
    count.then((c) => cb(null, { current: c.hits, ttl: c.msLeft }), (error: Error) => cb(error));
  };
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly route: string;

    /** The plugin makes the first with its settings; each limited route's own is made by child(). */
    constructor(_settings?: unknown, route = '') {
      this.route = route;
    }

    incr(key: string, cb: Callback, timeWindow: number): void {
      answer(limits.hit(`${this.route}${key}`, timeWindow), cb);
    }

    read(key: string, cb: Callback, timeWindow: number): void {
      answer(limits.read(`${this.route}${key}`, timeWindow), cb);
    }

    child(options: object): FastifyRateLimitStore {
      const r = options as RouteOf;
      const route = r.routeInfo ?? r;
      return new DatabaseRateLimitStore(undefined, `${String(route.method ?? '')} ${String(route.url ?? '')} `);
    }
  };
}
