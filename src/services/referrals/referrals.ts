// Referrals into L&D: made by the team or by custody and court staff, matched to a person, and listed per site each day.
import { sql, type Kysely } from 'kysely';
import type { Database, ReferralRow } from '../../db/schema.js';
import { queryOnce } from '../../db/compiled-once.js';
import type { Actor } from '../../domain/actor.js';
import { responseClock } from '../../domain/response-clock.js';
import { dateOfBirthError } from '../../domain/age.js';
import { startOfLondonDay } from '../../domain/london-time.js';
import { canMove, isAwaitingScreen, type ReferralState } from '../../domain/referral-state.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import type { PersonRecords } from '../people/person-records.js';
import type { SiteDirectory } from '../directory/site-directory.js';
import type { ReferralInput } from './referral-input.js';
import { isUuid } from '../../domain/ids.js';


const CHANGED_MEANWHILE = 'Someone else changed this referral a moment ago. Look at it again before you carry on.';

/** A site's referrals made since a moment, and any earlier still waiting for a screen: most urgent first, then oldest. */
const todaysReferrals = queryOnce((db: Kysely<Database>, _shape: object, v: { siteId: string; since: Date }) =>
  db
    .selectFrom('referral as r')
    .leftJoin('person as p', 'p.id', 'r.person_id')
    .leftJoin('app_user as u', 'u.id', 'r.picked_up_by')
    .select([
      'r.id', 'r.person_id', 'r.subject_given_name', 'r.subject_family_name', 'r.subject_date_of_birth', 'r.arrived_at', 'r.referred_at',
      'r.urgency', 'r.referral_state', 'r.source', 'r.custody_status', 'r.version', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'u.display_name as picked_up_by_name',
    ])
    .where('r.site_id', '=', v.siteId)
    .where((eb) => eb.or([eb('r.referred_at', '>=', v.since), eb('r.referral_state', 'in', ['new', 'being_screened'])]))
    .orderBy(sql`case r.urgency when 'immediate' then 0 when 'urgent' then 1 else 2 end`)
    .orderBy('r.referred_at')
    .limit(500));

export function createReferrals(db: Kysely<Database>, clock: Clock, audit: AuditService, people: PersonRecords, sites: SiteDirectory) {
  const siteInScope = sites.inScopeOf;

  async function get(actor: Actor, id: string): Promise<ReferralRow> {
    const row = isUuid(id) ? await db.selectFrom('referral').selectAll().where('id', '=', id).where('service_id', '=', actor.grant.serviceId ?? '').executeTakeFirst() : undefined;
    if (!row) throw new NotFoundError('referral');
    return row;
  }

  /** Moves a referral to a new state if allowed and still at the version read; returns the new version. */
  async function move(actor: Actor, referral: ReferralRow, to: ReferralState, origin: RequestOrigin, extra: Record<string, unknown> = {}) {
    if (!canMove(referral.referral_state, to)) throw new ValidationError({ referralState: `A referral that is ${referral.referral_state.replace(/_/g, ' ')} cannot become ${to.replace(/_/g, ' ')}` });
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('referral')
        .set({ referral_state: to, version: referral.version + 1, updated_at: clock.now(), ...extra })
        .where('id', '=', referral.id)
        .where('version', '=', referral.version)
        .returning('id')
        .executeTakeFirst();
      if (!updated) throw new ConflictError(null, CHANGED_MEANWHILE);
      await audit.record({ actor }, origin, { action: 'referral.state_changed', subjectType: 'referral', subjectId: referral.id, personId: referral.person_id, detail: { from: referral.referral_state, to } }, trx);
    });
  }

  return {
    get,

    async create(actor: Actor, input: ReferralInput, origin: RequestOrigin): Promise<ReferralRow> {
      const site = await siteInScope(actor, input.siteId);
      if (!site) throw new ValidationError({ siteId: 'Select a site of your service' });
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('referral')
          .values({
            service_id: site.service_id,
            site_id: site.id,
            subject_given_name: input.givenName,
            subject_family_name: input.familyName,
            subject_date_of_birth: input.dateOfBirth,
            source: input.source,
            referrer_name: input.referrerName,
            referrer_role: input.referrerRole,
            referred_by: actor.userId,
            arrived_at: input.arrivedAt,
            referred_at: input.referredAt,
            reason_for_concern: input.reasonForConcern,
            offence_category: input.offenceCategory,
            victim_involved: input.victimInvolved,
            custody_status: input.custodyStatus,
            custody_record_number: input.custodyRecordNumber,
            court_case_reference: input.courtCaseReference,
            urgency: input.urgency,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, { action: 'referral.created', subjectType: 'referral', subjectId: row.id, detail: { siteId: site.id, source: input.source } }, trx);
        return row;
      });
    },

    /** Today's list for a site: today's referrals and any earlier ones still waiting for a screen, with the response clock. */
    async todaysList(actor: Actor, siteId: string, origin: RequestOrigin) {
      const site = await siteInScope(actor, siteId);
      if (!site) throw new NotFoundError('site');
      const now = clock.now();
      const rows = await todaysReferrals(db, {}, { siteId: site.id, since: startOfLondonDay(now) });
      const items = rows.map((r) => {
        const waiting = isAwaitingScreen(r.referral_state);
        return { ...r, clock: waiting ? responseClock(r.arrived_at ?? r.referred_at, now, site.response_target_minutes) : null };
      });
      await audit.record({ actor }, origin, { action: 'todays_list.viewed', subjectType: 'site', subjectId: site.id, detail: { items: items.length } });
      return { site, items };
    },

    /** The referrals a custody or court officer made: only their state, nothing of the team's work. */
    async madeBy(actor: Actor) {
      return db
        .selectFrom('referral')
        .select(['id', 'subject_given_name', 'subject_family_name', 'referred_at', 'referral_state', 'custody_record_number', 'court_case_reference', 'urgency'])
        .where('referred_by', '=', actor.userId)
        .where('service_id', '=', actor.grant.serviceId ?? '')
        .orderBy('referred_at', 'desc')
        .limit(100)
        .execute();
    },

    async closeWithoutScreen(actor: Actor, id: string, version: number, origin: RequestOrigin) {
      const referral = await get(actor, id);
      if (referral.version !== version) throw new ConflictError(null, CHANGED_MEANWHILE);
      await move(actor, referral, 'no_further_action', origin);
    },

    /** Candidates among the service's people for an unmatched referral. */
    async candidates(actor: Actor, referral: ReferralRow) {
      return people.findCandidates(referral.service_id, { givenName: referral.subject_given_name, familyName: referral.subject_family_name, dateOfBirth: referral.subject_date_of_birth, nhsNumber: null, pncId: null });
    },

    async linkPerson(actor: Actor, id: string, personId: string, origin: RequestOrigin) {
      const referral = await get(actor, id);
      const person = await people.get(actor, personId);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('referral').set({ person_id: person.id, version: referral.version + 1, updated_at: clock.now() }).where('id', '=', referral.id).execute();
        await audit.record({ actor }, origin, { action: 'referral.person_linked', subjectType: 'referral', subjectId: referral.id, personId: person.id }, trx);
      });
    },

    /** Records the referral's subject as a new person (after the candidates were shown) and links them. */
    async recordNewPerson(actor: Actor, id: string, dateOfBirthGiven: string | null, origin: RequestOrigin) {
      const referral = await get(actor, id);
      const dateOfBirth = referral.subject_date_of_birth ?? dateOfBirthGiven;
      if (!dateOfBirth) throw new ValidationError({ 'dateOfBirth-day': 'Enter the date of birth: the referral did not give one' });
      const problem = dateOfBirthError(dateOfBirth, referral.referred_at);
      if (problem) throw new ValidationError({ 'dateOfBirth-day': problem });
      const person = await people.create(
        actor,
        {
          givenName: referral.subject_given_name, familyName: referral.subject_family_name, preferredName: '', dateOfBirth,
          sex: 'not_known', genderIdentity: '', ethnicityCode: '99', firstLanguage: '', interpreterNeeded: false, address: '', postcode: '', phone: '', email: '',
          nhsNumber: null, pncId: null, probationCrn: '', isVeteran: false, isCareLeaver: false, knownRisk: '',
        },
        'new-after-checking',
        origin,
      );
      await this.linkPerson(actor, id, person.id, origin);
      return person;
    },
  };
}

export type Referrals = ReturnType<typeof createReferrals>;
