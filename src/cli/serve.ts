// divert serve: migrate, load demo data on a first start, and serve the web application until stopped.
import { buildApp } from '../web/app.js';
import { openRuntime, UserFacingError } from './runtime.js';
import { seedOnFirstStart } from '../services/seed/first-start.js';
import { upkeepIfDue, upkeepLine } from '../services/database-upkeep.js';
import { systemClock } from '../services/clock.js';

/** How often the embedded database checks whether its daily vacuum and analyse is due. */
const UPKEEP_CHECK_EVERY_MS = 60 * 60 * 1000;

export const SERVE_HELP = `Usage: divert serve

Starts the web application. Applies any pending migrations first. On the embedded database, once
listening, it runs the database's upkeep (vacuum and analyse) in the background when it has not run
in the last 24 hours, and checks again every hour.

Environment:
  PORT                  port to listen on (default 3000)
  HOST                  address to listen on (default 0.0.0.0)
  DATABASE_URL          postgres://user:password@host:5432/db to use a PostgreSQL server;
                        unset, Divert uses its embedded database in DIVERT_DATA_DIR
  DIVERT_DATA_DIR       the embedded database's folder (default ./data)
  DIVERT_SEED_PROFILE   demo data to load into an empty database on first start:
                        west-yorkshire (default on the embedded database), london, or none
  DIVERT_SECURE_COOKIES true behind HTTPS (default true when NODE_ENV=production)
  LOG_LEVEL             fatal, error, warn, info, debug or silent`;

export async function serve(): Promise<void> {
  const started = Date.now();
  const { config, handle, services } = await openRuntime();
  let closing = false;
  try {
    // Once only, even when several instances start together on one empty database.
    const result = config.seedOnFirstStart ? await seedOnFirstStart(handle, services, config.seedOnFirstStart, (line) => console.log(line)) : null;
    if (result) {
      console.log(`Loaded ${result.services} services, ${result.sites} sites, ${result.partners} partner organisations and ${new Set(result.users.map((u) => u.username)).size} demo accounts.`);
    }
    const app = await buildApp(services, config);
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new UserFacingError(`Port ${config.port} is already in use by another program. Stop that program, or set PORT to another number.`);
      if (code === 'EACCES') throw new UserFacingError(`Divert is not allowed to listen on port ${config.port}. Set PORT to a number above 1023.`);
      throw error;
    }
    const where = handle.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL server';
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    console.log(`Divert is running at http://localhost:${port} (${where}), started in ${((Date.now() - started) / 1000).toFixed(1)} s. Press Ctrl+C to stop.`);

    // The embedded engine has no autovacuum: keep it up in the background, once listening so that start-up stays
    // fast. A server runs autovacuum itself.
    let upkeep: Promise<void> = Promise.resolve();
    let upkeepTimer: NodeJS.Timeout | null = null;
    if (handle.engine === 'pglite') {
      let checking = false;
      const check = () => {
        if (checking || closing) return;
        checking = true;
        upkeep = upkeepIfDue(handle, systemClock, { stop: () => closing })
          .then((result) => {
            if (result.outcome === 'ran') console.log(upkeepLine(result.seconds));
          })
          .finally(() => {
            checking = false;
          });
      };
      check();
      upkeepTimer = setInterval(check, UPKEEP_CHECK_EVERY_MS);
      upkeepTimer.unref();
    }

    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      console.log(`${signal}: finishing requests and closing the database…`);
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      if (upkeepTimer) clearInterval(upkeepTimer);
      await app.close(); // waits for requests in flight
      await upkeep; // stops after the table it is vacuuming
      await handle.close();
      process.exit(0);
    };
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    process.on('SIGINT', () => void shutdown('SIGINT'));
  } catch (error) {
    await handle.close();
    throw error;
  }
}
