// What a court report is drafted and printed from, read from the case's own tables: the referral, the screen's
// findings and the assessment's graded needs (never their notes), the plan, onward referrals and the contacts of a period.
import type { Kysely, Transaction } from 'kysely';
import type { CaseEpisodeRow, Database } from '../../db/schema.js';
import { addDays } from '../../domain/calendar-date.js';
import { CONTACT_KIND_LABELS, type ContactKind } from '../../domain/contact-rules.js';
import type { CourtReportFacts } from '../../domain/court-report-draft.js';
import { CONTACT_OUTCOME_LABELS, type ContactOutcome } from '../../domain/engagement.js';
import { londonDate, londonInstant } from '../../domain/london-time.js';

type Reader = Kysely<Database> | Transaction<Database>;

export type PeriodContact = { on: string; kind: ContactKind; outcome: ContactOutcome | null };

/** The case's contacts whose London date falls in the period (both ends included), oldest first. */
export async function contactsOfPeriod(reader: Reader, caseId: string, periodFrom: string, periodTo: string): Promise<PeriodContact[]> {
  const rows = await reader.selectFrom('contact')
    .select(['starts_at', 'contact_kind', 'outcome'])
    .where('case_id', '=', caseId)
    .where('starts_at', '>=', londonInstant(periodFrom, { hours: 0, minutes: 0 }))
    .where('starts_at', '<', londonInstant(addDays(periodTo, 1), { hours: 0, minutes: 0 }))
    .orderBy('starts_at')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ on: londonDate(r.starts_at), kind: r.contact_kind, outcome: r.outcome }));
}

/** The contacts of the period as the report's table prints them. */
export const contactRows = (contacts: readonly PeriodContact[]) =>
  contacts.map((c) => ({ on: c.on, kind: CONTACT_KIND_LABELS[c.kind], outcome: c.outcome ? CONTACT_OUTCOME_LABELS[c.outcome] : 'Not recorded' }));

/** Everything the first draft is written from. */
export async function draftFacts(reader: Reader, c: CaseEpisodeRow, periodFrom: string, periodTo: string): Promise<CourtReportFacts> {
  const [person, referral, screening, assessment, interventions, onward, contacts] = await Promise.all([
    reader.selectFrom('person').select(['given_name', 'family_name', 'date_of_birth']).where('id', '=', c.person_id).executeTakeFirstOrThrow(),
    c.referral_id
      ? reader.selectFrom('referral as r').innerJoin('site as s', 's.id', 'r.site_id')
        .select(['r.referred_at', 'r.source', 'r.offence_category', 'r.custody_status', 's.name as site_name'])
        .where('r.id', '=', c.referral_id).executeTakeFirst()
      : Promise.resolve(undefined),
    c.referral_id
      ? reader.selectFrom('screening').select('findings').where('referral_id', '=', c.referral_id).where('service_id', '=', c.service_id).executeTakeFirst()
      : Promise.resolve(undefined),
    reader.selectFrom('assessment').select(['needs', 'assessment_status']).where('case_id', '=', c.id).executeTakeFirst(),
    reader.selectFrom('plan_intervention as pi').innerJoin('intervention as i', 'i.id', 'pi.intervention_id')
      .select(['i.name', 'pi.intervention_status']).where('pi.case_id', '=', c.id).orderBy('pi.added_at').execute(),
    reader.selectFrom('onward_referral as o').innerJoin('partner_organisation as po', 'po.id', 'o.partner_organisation_id')
      .select(['po.name', 'o.onward_state']).where('o.case_id', '=', c.id).where('o.onward_state', '<>', 'draft').orderBy('o.created_at').execute(),
    contactsOfPeriod(reader, c.id, periodFrom, periodTo),
  ]);
  const screenFindings: Record<string, string> = {};
  for (const [domain, f] of Object.entries(screening?.findings ?? {})) screenFindings[domain] = f.finding;
  return {
    personName: `${person.given_name} ${person.family_name}`,
    dateOfBirth: person.date_of_birth,
    referral: referral
      ? { referredOn: londonDate(referral.referred_at), siteName: referral.site_name, source: referral.source, offenceCategory: referral.offence_category, custodyStatus: referral.custody_status }
      : null,
    caseOpenedOn: londonDate(c.opened_at),
    assessment: assessment
      ? { completed: assessment.assessment_status === 'completed', needs: Object.fromEntries(Object.entries(assessment.needs).map(([d, n]) => [d, n.need])) }
      : null,
    screenFindings,
    interventions: interventions.map((i) => ({ name: i.name, status: i.intervention_status })),
    onwardReferrals: onward.map((o) => ({ partnerName: o.name, state: o.onward_state })),
    contacts,
  };
}
