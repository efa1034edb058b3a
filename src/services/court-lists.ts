// Court lists: read a day's list from a CSV file, pick out people known to the service, and import it once the user confirms.
import type { Kysely } from 'kysely';
import type { Database, PersonRow, SiteRow } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { isRealDate } from '../domain/age.js';
import { parseCourtListCsv, type CourtListProblem, type ParsedRow } from '../domain/court-list-csv.js';
import { isLikelyDuplicate } from '../domain/duplicate-candidates.js';
import { seesClinicalDetail } from '../domain/roles.js';
import { isCourt, isSiteKind } from '../domain/site-kinds.js';
import type { AuditService, RequestOrigin } from './audit.js';
import type { Clock } from './clock.js';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.js';
import type { PersonRecords } from './people/person-records.js';
import type { SiteDirectory } from './directory/site-directory.js';

/** The person on the system a court list row most likely is, and why. */
export type CourtListMatch = { person: PersonRow; score: number; reasons: string[] };

export type PreviewRow = ParsedRow & {
  match: CourtListMatch | null;
  /** The same row is already on the site's list for the day: importing again leaves it out. */
  alreadyListed: boolean;
};

export type CourtListPreview =
  | { ok: false; error: string }
  | { ok: true; site: SiteRow; hearingDate: string; rows: PreviewRow[]; problems: CourtListProblem[]; toImport: number; matched: number };

export type CourtListImport =
  | { ok: false; error: string }
  | { ok: true; site: SiteRow; hearingDate: string; imported: number; matched: number; alreadyListed: number; problems: number };

export type CourtListEntry = {
  id: string;
  hearingTime: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  caseReference: string;
  court: string;
  charge: string;
  importedAt: Date;
  matchedPerson: PersonRow | null;
};


/** What makes two rows of one day's list the same row. */
const rowKey = (r: { hearingTime: string; givenName: string; familyName: string; dateOfBirth: string | null; caseReference: string; court: string; charge: string }) =>
  JSON.stringify([r.hearingTime, r.givenName, r.familyName, r.dateOfBirth, r.caseReference, r.court, r.charge]);

export function createCourtLists(db: Kysely<Database>, clock: Clock, audit: AuditService, people: PersonRecords, sites: SiteDirectory) {
  /** The site, if it is a court in the actor's service and the actor is in the L&D team. */
  async function courtSite(actor: Actor, siteId: string): Promise<SiteRow> {
    if (!seesClinicalDetail(actor.grant.role)) throw new ForbiddenError('Only the L&D team can read and import court lists');
    const site = await sites.inScopeOf(actor, siteId);
    if (!site) throw new NotFoundError('site');
    if (!isSiteKind(site.site_kind) || !isCourt(site.site_kind)) throw new ValidationError({ siteId: `${site.name} is not a court: court lists can be imported only for magistrates', youth and Crown courts` });
    return site;
  }

  function checkDate(date: string, field = 'hearingDate'): void {
    if (!isRealDate(date)) throw new ValidationError({ [field]: 'Hearing date must be a real date' });
  }

  async function entriesOn(siteId: string, date: string) {
    return db
      .selectFrom('court_list_entry')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('hearing_date', '=', date)
      .orderBy('hearing_time')
      .orderBy('family_name')
      .orderBy('given_name')
      .orderBy('imported_at')
      .execute();
  }

  /** Reads the file and matches each good row against the people of the service. Writes nothing but the audit trail. */
  async function read(actor: Actor, siteId: string, hearingDate: string, csvText: string): Promise<CourtListPreview> {
    const site = await courtSite(actor, siteId);
    checkDate(hearingDate);
    const parsed = parseCourtListCsv(csvText, { hearingDate });
    if (!parsed.ok) return parsed;
    const listed = new Set((await entriesOn(site.id, hearingDate)).map((e) => rowKey({ hearingTime: e.hearing_time, givenName: e.given_name, familyName: e.family_name, dateOfBirth: e.date_of_birth, caseReference: e.court_case_reference, court: e.court_name, charge: e.charge })));
    // Court lists repeat people (several cases, or the same name twice): look each identity up once.
    const lookups = new Map<string, Promise<CourtListMatch | null>>();
    const matchOf = (row: ParsedRow) => {
      const key = JSON.stringify([row.givenName, row.familyName, row.dateOfBirth]);
      let found = lookups.get(key);
      if (!found) {
        found = people
          .findCandidates(site.service_id, { givenName: row.givenName, familyName: row.familyName, dateOfBirth: row.dateOfBirth, nhsNumber: null, pncId: null })
          .then((candidates) => {
            const best = candidates[0];
            return best && isLikelyDuplicate(best.score) ? { person: best.person, score: best.score, reasons: best.reasons } : null;
          });
        lookups.set(key, found);
      }
      return found;
    };
    const rows: PreviewRow[] = [];
    for (const row of parsed.rows) {
      const key = rowKey(row);
      rows.push({ ...row, match: await matchOf(row), alreadyListed: listed.has(key) });
      listed.add(key);
    }
    return {
      ok: true,
      site,
      hearingDate,
      rows,
      problems: parsed.problems,
      toImport: rows.filter((r) => !r.alreadyListed).length,
      matched: rows.filter((r) => r.match !== null).length,
    };
  }

  return {
    /**
     * Reads a court list for a court and a hearing date: the good rows, each with the person on
     * the system it most likely is (a candidate scoring 60 or more), and each bad row's problem.
     * Nothing is imported; the read is audited because it shows who is known to the service.
     */
    async preview(actor: Actor, siteId: string, hearingDate: string, csvText: string, origin: RequestOrigin = { ipAddress: null, userAgent: null }): Promise<CourtListPreview> {
      const result = await read(actor, siteId, hearingDate, csvText);
      if (result.ok) {
        await audit.record({ actor }, origin, {
          action: 'court_list.previewed',
          subjectType: 'site',
          subjectId: result.site.id,
          detail: { hearingDate, rows: result.rows.length, matched: result.matched, problems: result.problems.length },
        });
      }
      return result;
    },

    /**
     * Reads the file again and imports its good rows, in one transaction with its audit event.
     * Rows already on the day's list (an import repeated) are left out.
     */
    async import(actor: Actor, siteId: string, hearingDate: string, csvText: string, origin: RequestOrigin): Promise<CourtListImport> {
      const result = await read(actor, siteId, hearingDate, csvText);
      if (!result.ok) return result;
      const { site, rows } = result;
      const fresh = rows.filter((r) => !r.alreadyListed);
      if (fresh.length === 0) {
        return { ok: false, error: rows.length === 0 ? 'The file has no rows that can be imported: correct the rows with problems and try again' : 'Every row in the file is already on the list for this day' };
      }
      const importedAt = clock.now();
      await db.transaction().execute(async (trx) => {
        const values = fresh.map((r) => ({
          service_id: site.service_id,
          site_id: site.id,
          hearing_date: hearingDate,
          hearing_time: r.hearingTime,
          given_name: r.givenName,
          family_name: r.familyName,
          date_of_birth: r.dateOfBirth,
          court_case_reference: r.caseReference,
          court_name: r.court,
          charge: r.charge,
          matched_person_id: r.match?.person.id ?? null,
          imported_by: actor.userId,
          imported_at: importedAt,
        }));
        for (let i = 0; i < values.length; i += 500) await trx.insertInto('court_list_entry').values(values.slice(i, i + 500)).execute();
        await audit.record({ actor }, origin, {
          action: 'court_list.imported',
          subjectType: 'site',
          subjectId: site.id,
          serviceId: site.service_id,
          detail: {
            hearingDate,
            imported: fresh.length,
            matched: fresh.filter((r) => r.match !== null).length,
            alreadyListed: rows.length - fresh.length,
            problems: result.problems.length,
          },
        }, trx);
      });
      return {
        ok: true,
        site,
        hearingDate,
        imported: fresh.length,
        matched: fresh.filter((r) => r.match !== null).length,
        alreadyListed: rows.length - fresh.length,
        problems: result.problems.length,
      };
    },

    /** A court's imported list for one day, in hearing order, with the people it matched; the read is audited. */
    async listForDay(actor: Actor, siteId: string, date: string, origin: RequestOrigin = { ipAddress: null, userAgent: null }): Promise<{ site: SiteRow; date: string; entries: CourtListEntry[] }> {
      const site = await courtSite(actor, siteId);
      checkDate(date, 'date');
      const rows = await entriesOn(site.id, date);
      const personIds = [...new Set(rows.map((r) => r.matched_person_id).filter((id): id is string => id !== null))];
      const persons = personIds.length ? await db.selectFrom('person').selectAll().where('service_id', '=', site.service_id).where('id', 'in', personIds).execute() : [];
      const byId = new Map(persons.map((p) => [p.id, p]));
      const entries = rows.map((r) => ({
        id: r.id,
        hearingTime: r.hearing_time,
        givenName: r.given_name,
        familyName: r.family_name,
        dateOfBirth: r.date_of_birth,
        caseReference: r.court_case_reference,
        court: r.court_name,
        charge: r.charge,
        importedAt: r.imported_at,
        matchedPerson: (r.matched_person_id && byId.get(r.matched_person_id)) || null,
      }));
      if (entries.length > 0) {
        await audit.record({ actor }, origin, {
          action: 'court_list.viewed',
          subjectType: 'site',
          subjectId: site.id,
          detail: { date, entries: entries.length, matched: entries.filter((e) => e.matchedPerson !== null).length },
        });
      }
      return { site, date, entries };
    },

    /** The court, if the actor may use its court lists (for pages that show the site before anything else). */
    courtSite,
  };
}

export type CourtLists = ReturnType<typeof createCourtLists>;
