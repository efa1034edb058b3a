// Listening for what the database announces with pg_notify: on a PostgreSQL server, what every instance announces,
// through one connection of the listener's own, opened again after it is lost; on the embedded engine, what this
// process's own statements announce, heard as each statement is answered. Whoever listens is told when listening
// starts and when it is lost, as what was announced while nobody listened is never heard.
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';

export type NotificationHandlers = {
  /** Listening has started (again): what was announced before is not known. */
  listening: () => void;
  /** Listening has stopped: until it starts again, nothing announced will be heard. */
  lost: () => void;
  notified: (payload: string) => void;
};

export type Listener = { close: () => Promise<void> };

/** How long to wait before opening a lost connection again: doubling from the first to the last. */
export const RETRY_FIRST_MS = 500;
export const RETRY_LAST_MS = 30_000;

export function listenOnServer(url: string, channel: string, handlers: NotificationHandlers): Listener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  let closed = false;
  let client: pg.Client | null = null;
  let retryMs = RETRY_FIRST_MS;
  let timer: NodeJS.Timeout | null = null;

  function lose(lost: pg.Client) {
    if (client !== lost) return;
    client = null;
    handlers.lost();
    lost.end().catch(() => undefined);
    if (closed) return;
    timer = setTimeout(() => void open(), retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_LAST_MS);
  }

  async function open() {
    timer = null;
    if (closed) return;
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    client = next;
    next.on('error', () => lose(next));
    next.on('end', () => lose(next));
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.notified(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
    } catch {
      lose(next);
      return;
    }
    if (client !== next || closed) return;
    retryMs = RETRY_FIRST_MS;
    handlers.listening();
  }

  void open();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const last = client;
      client = null;
      if (last) {
        handlers.lost();
        await last.end().catch(() => undefined);
      }
    },
  };
}

export function listenEmbedded(client: PGlite, channel: string, handlers: NotificationHandlers): Listener {
  let stop: (() => Promise<void>) | null = null;
  let closed = false;
  const started = client.listen(channel, (payload) => handlers.notified(payload)).then(
    (unlisten) => {
      stop = unlisten;
      if (!closed) handlers.listening();
    },
    () => handlers.lost(),
  );
  return {
    async close() {
      closed = true;
      handlers.lost();
      await started;
      await stop?.().catch(() => undefined);
    },
  };
}
