// The environment, read once, validated, and turned into one typed config object.
import path from 'node:path';
import { z } from 'zod';

export type Config = {
  port: number;
  host: string;
  /** A PostgreSQL server when set; otherwise the embedded engine in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** Demo data profile loaded on first start when the database is empty, or null for none. */
  seedOnFirstStart: string | null;
  secureCookies: boolean;
  /** Trust X-Forwarded-For from a reverse proxy in front of the application. */
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  production: boolean;
};

export class ConfigError extends Error {}

const portSchema = z.coerce
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

function checkDatabaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      'DATABASE_URL is not a valid URL: write it as postgres://user:password@host:5432/database, or unset it to use the embedded database.',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// (it starts with ${url.protocol}//); unset it to use the embedded database.`,
    );
  }
  if (!url.hostname && !url.searchParams.get('host')) {
    throw new ConfigError('DATABASE_URL has no host: write it as postgres://user:password@host:5432/database.');
  }
  return value;
}

function field<T>(name: string, schema: z.ZodType<T>, raw: string | undefined): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`${name}=${JSON.stringify(raw)} ${result.error.issues[0]?.message ?? 'is not valid'}.`);
  }
  return result.data;
}

/** Builds the config from an environment (process.env by default); throws ConfigError with one clear line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL?.trim() ? checkDatabaseUrl(env.DATABASE_URL.trim()) : null;
  const seed = env.DIVERT_SEED_PROFILE?.trim();
  return {
    port: env.PORT ? field('PORT', portSchema, env.PORT) : 3000,
    host: env.HOST?.trim() || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(env.DIVERT_DATA_DIR?.trim() || './data'),
    // Demo data loads on the first start of the embedded database unless told otherwise.
    seedOnFirstStart: seed === 'none' ? null : seed || (databaseUrl ? null : 'west-yorkshire'),
    secureCookies: env.DIVERT_SECURE_COOKIES ? field('DIVERT_SECURE_COOKIES', flag, env.DIVERT_SECURE_COOKIES) : production,
    trustProxy: env.DIVERT_TRUST_PROXY ? field('DIVERT_TRUST_PROXY', flag, env.DIVERT_TRUST_PROXY) : false,
    logLevel: env.LOG_LEVEL
      ? field('LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, silent' }), env.LOG_LEVEL)
      : production ? 'info' : 'warn',
    production,
  };
}
