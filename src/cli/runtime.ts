// Opening everything a command needs, and turning start-up failures into one clear line.
import { loadConfig, ConfigError, type Config } from '../config.js';
import { openDatabase, DatabaseStartError, type DatabaseHandle } from '../db/open.js';
import { migrate, MigrationError } from '../db/migrate.js';
import { createServices, type Services } from '../services/index.js';
import { systemClock } from '../services/clock.js';

/** A failure the operator can fix: printed as one line, no stack trace. */
export class UserFacingError extends Error {}

export type Runtime = { config: Config; handle: DatabaseHandle; services: Services };

export async function openRuntime(options: { migrate: boolean } = { migrate: true }): Promise<Runtime> {
  const config = loadConfig();
  const handle = await openDatabase(config);
  try {
    if (options.migrate) await migrate(handle.db);
  } catch (error) {
    await handle.close();
    throw error;
  }
  return { config, handle, services: createServices(handle, systemClock) };
}

/** Runs a command; known failures print one line and exit 1. */
export async function runCommand(fn: () => Promise<number | void>): Promise<void> {
  try {
    const code = await fn();
    if (typeof code === 'number' && code !== 0) process.exitCode = code;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseStartError || error instanceof MigrationError || error instanceof UserFacingError) {
      console.error(`divert: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

/** Parses --name value pairs and --flags; unknown or missing values are an error. */
export function parseOptions(args: string[], known: Record<string, 'string' | 'boolean'>): Record<string, string | boolean> {
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !known[match[1]!]) throw new UserFacingError(`Unknown option ${arg}: see --help`);
    const name = match[1]!;
    if (known[name] === 'boolean') {
      options[name] = true;
    } else {
      const value = match[2] ?? args[++i];
      if (value === undefined || value.startsWith('--')) throw new UserFacingError(`--${name} needs a value: see --help`);
      options[name] = value;
    }
  }
  return options;
}
