// Seeding the national profile: its directory and accounts through the service layer, then the bulk activity.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Services } from '../../index.js';
import { seedProfile, type SeedResult } from '../seed.js';
import { generateNationalActivity, type NationalCounts } from './generate.js';

export type NationalSeedOptions = { seed: number; scale: number; now: Date };

/** Seeds the national profile into an empty database and returns the directory summary and the activity rows per step. */
export async function seedNationalProfile(services: Services, db: Kysely<Database>, options: NationalSeedOptions, log: (line: string) => void): Promise<SeedResult & { activity: NationalCounts }> {
  let activity: NationalCounts = {};
  const result = await seedProfile(services, 'national', log, {
    activity: async () => {
      activity = await generateNationalActivity(db, { ...options, log });
      return `${(activity.people ?? 0).toLocaleString('en-GB')} invented people, ${(activity.referrals ?? 0).toLocaleString('en-GB')} referrals over five years, ` +
        `${(activity.screens ?? 0).toLocaleString('en-GB')} screens, ${(activity.cases ?? 0).toLocaleString('en-GB')} cases`;
    },
  });
  return { ...result, activity };
}
