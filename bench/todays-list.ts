// Today's list as a busy custody suite has it by mid-morning, for the page benchmark: the data set's referrals are
// spread over five years, so the measured suite's list holds only the few made so far today. It is topped up to
// BENCH_TODAYS_LIST referrals (default 40) through the application's own services, spread over the day so far:
// two in three still waiting to be screened, one in three closed with no further action, a mix of urgencies.
// Idempotent within a day: a list that already holds as many is left as it is.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/db/open.js';
import { createServices } from '../src/services/index.js';
import { startOfLondonDay } from '../src/domain/london-time.js';
import type { Urgency } from '../src/domain/referral-vocabulary.js';
import { actorFor, TEST_ORIGIN } from '../test/support/cases.js';

export const TODAYS_LIST = Number(process.env.BENCH_TODAYS_LIST ?? 40);

const GIVEN = ['Ansel', 'Briony', 'Cosmo', 'Delphine', 'Evander', 'Fenella', 'Gideon', 'Honora'];
const FAMILY = ['Quarrington', 'Blackthorne', 'Wetherell', 'Ashcombe', 'Pendragon-Hale', 'Marchbank', 'Ollerenshaw'];
const URGENCIES: Urgency[] = ['routine', 'routine', 'urgent', 'immediate'];

/** Tops the site's list up for today; returns how many referrals it holds today. */
export async function topUpTodaysList(handle: DatabaseHandle, siteId: string, practitionerUsername: string, now: Date): Promise<number> {
  const dayStart = startOfLondonDay(now);
  const today = async () => Number((await sql<{ n: string }>`select count(*) as n from referral where site_id = ${siteId} and referred_at >= ${dayStart}`.execute(handle.db)).rows[0]!.n);
  const already = await today();
  if (already >= TODAYS_LIST) return already;
  const services = createServices(handle, { now: () => now });
  const actor = await actorFor(services, practitionerUsername, 'practitioner');
  const span = now.getTime() - dayStart.getTime();
  for (let i = already; i < TODAYS_LIST; i++) {
    const referral = await services.referrals.create(actor, {
      siteId, givenName: GIVEN[i % GIVEN.length]!, familyName: FAMILY[i % FAMILY.length]!, dateOfBirth: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
      source: 'custody_staff', referrerName: 'PS Benchmark', referrerRole: 'Custody sergeant', arrivedAt: null,
      referredAt: new Date(dayStart.getTime() + (span * (i + 1)) / (TODAYS_LIST + 1)), reasonForConcern: 'Appears confused and distressed',
      offenceCategory: 'theft', victimInvolved: 'no', custodyStatus: 'in_custody', custodyRecordNumber: '', courtCaseReference: '', urgency: URGENCIES[i % URGENCIES.length]!,
    }, TEST_ORIGIN);
    if (i % 3 === 2) await services.referrals.closeWithoutScreen(actor, referral.id, referral.version, TEST_ORIGIN);
  }
  return today();
}
