// The sessions in use, kept in memory so that a page does not wait on the database to learn who is asking: reading the
// session was one of a page's two or three round trips. A kept session is used only while it is certain to be what
// the database holds:
// - it is forgotten when anything it was read from changes: through this instance (db/write-watch.ts, and the session
//   store's own changes) or through any other (announced by the database's triggers, migration 0019);
// - sessions are kept only while this instance is listening for those announcements;
// - it is read afresh from the database a minute after it was last seen (when the database is told it is still used).
import { accountsGeneration } from '../../db/write-watch.js';
import type { NotificationHandlers } from '../../db/notifications.js';

/** The channel the database's triggers announce changed sessions on (migration 0019). */
export const SESSIONS_CHANNEL = 'divert_sessions';
/** What is announced when every kept session must be forgotten. */
export const FORGET_ALL = '*';
/** How many sessions are kept; the least recently used go first. */
export const SESSIONS_KEPT = 5_000;

/** Where a session may be read from to be kept, marked when the read starts. */
export type KeepMark = { forgotten: number; accounts: number };

type Kept<T> = { value: T; accounts: number };

/** listen: starts listening for the database's announcements, on the first look-up; without it, nothing is kept. */
export function createSessionCache<T>(options: { listen?: (handlers: NotificationHandlers) => void; sessionsKept?: number; accounts?: () => number }) {
  const sessionsKept = options.sessionsKept ?? SESSIONS_KEPT;
  const accounts = options.accounts ?? accountsGeneration;
  const kept = new Map<string, Kept<T>>();
  let listening = false;
  /** Grows whenever anything is forgotten, so that a session read before that is not kept after it. */
  let forgotten = 0;
  let listen = options.listen;

  function forgetAll() {
    forgotten++;
    kept.clear();
  }

  function forget(tokenHash: string) {
    forgotten++;
    kept.delete(tokenHash);
  }

  const handlers: NotificationHandlers = {
    listening() {
      forgetAll();
      listening = true;
    },
    lost() {
      listening = false;
      forgetAll();
    },
    notified: (payload) => (payload === FORGET_ALL ? forgetAll() : forget(payload)),
  };

  return {
    /** To be told of the database's announcements (a PostgreSQL server's instances). */
    handlers,

    /** Marks the start of a read of a session from the database, to keep it after. */
    mark: (): KeepMark => ({ forgotten, accounts: accounts() }),

    /** The session kept under a token's hash, unless anything it was read from may have changed since. */
    get(tokenHash: string): T | undefined {
      if (listen) {
        const start = listen;
        listen = undefined;
        start(handlers);
      }
      const found = kept.get(tokenHash);
      if (!found) return undefined;
      kept.delete(tokenHash);
      if (!listening || found.accounts !== accounts()) return undefined;
      kept.set(tokenHash, found);
      return found.value;
    },

    /** Keeps a session read from the database since `mark`, unless something was forgotten meanwhile. */
    keep(tokenHash: string, value: T, mark: KeepMark): void {
      if (!listening || mark.forgotten !== forgotten || mark.accounts !== accounts()) return;
      kept.delete(tokenHash);
      kept.set(tokenHash, { value, accounts: mark.accounts });
      for (const oldest of kept.keys()) {
        if (kept.size <= sessionsKept) break;
        kept.delete(oldest);
      }
    },

    /** Forgets a session this instance has just ended or changed (once the change is stored, never before). */
    forget,

    forgetAll,

    /** How many sessions are kept now. */
    size: (): number => kept.size,
  };
}

export type SessionCache<T> = ReturnType<typeof createSessionCache<T>>;
