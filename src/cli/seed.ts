// divert seed --profile NAME: load synthetic demo data into an empty database.
import { openRuntime, parseOptions, UserFacingError } from './runtime.js';
import { PROFILE_NAMES } from '../services/seed/profiles.js';
import { isDatabaseEmpty, seedProfile } from '../services/seed/seed.js';

export const SEED_HELP = `Usage: divert seed --profile NAME

Loads synthetic demo data (services, sites, partner organisations and demo accounts for every
role) into an empty database, and prints the demo accounts. Profiles: ${PROFILE_NAMES.join(', ')}.
Refuses to run on a database that already has services.`;

export async function seedCommand(args: string[]): Promise<void> {
  const options = parseOptions(args, { profile: 'string' });
  const profile = options.profile;
  if (typeof profile !== 'string') throw new UserFacingError(`Name a profile with --profile: ${PROFILE_NAMES.join(', ')}`);
  if (!(PROFILE_NAMES as readonly string[]).includes(profile)) throw new UserFacingError(`There is no demo profile called ${profile}: choose one of ${PROFILE_NAMES.join(', ')}`);
  const { handle, services } = await openRuntime();
  try {
    if (!(await isDatabaseEmpty(services))) throw new UserFacingError('This database already has services: demo data goes only into an empty database. Use a new DIVERT_DATA_DIR.');
    const result = await seedProfile(services, profile, (line) => console.log(line));
    console.log(`Loaded ${result.services} services, ${result.sites} sites, ${result.partners} partner organisations and ${new Set(result.users.map((u) => u.username)).size} demo accounts.`);
  } finally {
    await handle.close();
  }
}
