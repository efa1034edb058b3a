// divert seed --profile NAME: load synthetic demo data into an empty database.
import { openRuntime, parseOptions, UserFacingError } from './runtime.js';
import { PROFILE_NAMES } from '../services/seed/profiles.js';
import { isDatabaseEmpty, seedProfile } from '../services/seed/seed.js';
import { seedNationalProfile } from '../services/seed/national/seed-national.js';

export const SEED_HELP = `Usage: divert seed --profile NAME [--seed N] [--scale F]

Loads synthetic demo data (services, sites, partner organisations and demo accounts for every
role) into an empty database, and prints the demo accounts. Profiles: ${PROFILE_NAMES.join(', ')}.
Refuses to run on a database that already has services.

The national profile (26 services, five years of activity) also takes:
  --seed N    the data set (a whole number; default 1): the same seed on the same day gives the same data
  --scale F   the share of national volume (default 1, about 540,000 referrals and 244,000 cases;
              0.01 loads in well under a minute)`;

/** A positive whole number or a share of national volume from an option, or the default; a clear error otherwise. */
function numberOption(value: string | boolean | undefined, name: string, fallback: number, whole: boolean): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(n) || (whole ? !Number.isInteger(n) || n < 0 : n <= 0 || n > 2))
    throw new UserFacingError(whole ? `--${name} must be a whole number, for example --${name} 7` : `--${name} must be above 0 and at most 2, for example --${name} 0.01`);
  return n;
}

export async function seedCommand(args: string[]): Promise<void> {
  const options = parseOptions(args, { profile: 'string', seed: 'string', scale: 'string' });
  const profile = options.profile;
  if (typeof profile !== 'string') throw new UserFacingError(`Name a profile with --profile: ${PROFILE_NAMES.join(', ')}`);
  if (!(PROFILE_NAMES as readonly string[]).includes(profile)) throw new UserFacingError(`There is no demo profile called ${profile}: choose one of ${PROFILE_NAMES.join(', ')}`);
  if (profile !== 'national' && (options.seed !== undefined || options.scale !== undefined)) throw new UserFacingError('--seed and --scale apply only to --profile national');
  const seed = numberOption(options.seed, 'seed', 1, true);
  const scale = numberOption(options.scale, 'scale', 1, false);
  const { handle, services } = await openRuntime();
  try {
    if (!(await isDatabaseEmpty(services))) throw new UserFacingError('This database already has services: demo data goes only into an empty database. Use a new DIVERT_DATA_DIR.');
    const log = (line: string) => console.log(line);
    const result = profile === 'national'
      ? await seedNationalProfile(services, handle.db, { seed, scale, now: new Date() }, log)
      : await seedProfile(services, profile, log);
    console.log(`Loaded ${result.services} services, ${result.sites} sites, ${result.partners} partner organisations and ${new Set(result.users.map((u) => u.username)).size} demo accounts.`);
  } finally {
    await handle.close();
  }
}
