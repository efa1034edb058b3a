// What custody and court staff see of the team's work: the disclosures shared with their own custody suite
// or court, exactly as shared, and the issued PDF behind a court report. It reads the disclosure record (with
// the person's name and date of birth, who shared it and the team), never a clinical table, and selects
// named columns only, so a new clinical field cannot reach them through a forgotten check.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { DISCLOSURE_KIND_LABELS, type DisclosureKind } from '../../domain/disclosure-basis.js';
import { isUuid } from '../../domain/ids.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import type { CaseRecords } from '../cases/case-records.js';
import { ForbiddenError, NotFoundError } from '../errors.js';

/** One disclosure as the custody suite or court it was shared with sees it. */
export type SharedItem = {
  id: string;
  kind: DisclosureKind;
  kindLabel: string;
  referralId: string | null;
  person: { givenName: string; familyName: string; dateOfBirth: string | null };
  sharedAt: Date;
  sharedBy: string;
  /** The Liaison and Diversion service that shared it. */
  team: string;
  recipientName: string;
  purpose: string;
  /** Exactly the text that was shared. */
  content: string;
};

/** How many of the latest shared items the custody or court page lists. */
export const SHARED_LIST_LIMIT = 200;

/** A shared court report also has its issued PDF. */
export type SharedReport = { reportVersion: number; superseded: boolean };

/** The custody suite or court of a custody or court staff member; anyone else is refused. */
function siteOf(actor: Actor): { serviceId: string; siteId: string } {
  const { role, serviceId, siteId } = actor.grant;
  if (role !== 'custody_court_staff' || !serviceId || !siteId) throw new ForbiddenError('Only custody and court staff see what is shared with their site');
  return { serviceId, siteId };
}

export function createSharedWithSite(db: Kysely<Database>, _clock: Clock, audit: AuditService, _cases: CaseRecords) {
  /** Disclosed items shared with the site, with only what the recipient may read. */
  function sharedQuery(serviceId: string, siteId: string) {
    return db
      .selectFrom('disclosure as d')
      .innerJoin('person as p', 'p.id', 'd.person_id')
      .innerJoin('app_user as u', 'u.id', 'd.requested_by')
      .innerJoin('service as s', 's.id', 'd.service_id')
      .select([
        'd.id', 'd.disclosure_kind', 'd.referral_id', 'd.recipient_name', 'd.purpose', 'd.content', 'd.disclosed_at', 'd.person_id',
        'p.given_name', 'p.family_name', 'p.date_of_birth', 'u.display_name as shared_by', 's.name as team',
      ])
      .where('d.service_id', '=', serviceId)
      .where('d.site_id', '=', siteId)
      .where('d.disclosure_status', '=', 'disclosed');
  }

  type Row = Awaited<ReturnType<ReturnType<typeof sharedQuery>['executeTakeFirstOrThrow']>>;
  const toItem = (r: Row): SharedItem => ({
    id: r.id,
    kind: r.disclosure_kind,
    kindLabel: DISCLOSURE_KIND_LABELS[r.disclosure_kind],
    referralId: r.referral_id,
    person: { givenName: r.given_name, familyName: r.family_name, dateOfBirth: r.date_of_birth },
    sharedAt: r.disclosed_at!,
    sharedBy: r.shared_by,
    team: r.team,
    recipientName: r.recipient_name,
    purpose: r.purpose,
    content: r.content,
  });

  /** One disclosure shared with the actor's site; anything else (another site's, not yet approved, missing) is not found. */
  async function sharedRow(actor: Actor, id: string): Promise<Row> {
    const { serviceId, siteId } = siteOf(actor);
    const row = isUuid(id) ? await sharedQuery(serviceId, siteId).where('d.id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw new NotFoundError('disclosure');
    return row;
  }

  return {
    /** What was shared with the actor's custody suite or court, newest first (the latest SHARED_LIST_LIMIT); the read is audited. */
    async list(actor: Actor, origin?: RequestOrigin): Promise<SharedItem[]> {
      const { serviceId, siteId } = siteOf(actor);
      const rows = await sharedQuery(serviceId, siteId).orderBy('d.disclosed_at', 'desc').orderBy('d.id').limit(SHARED_LIST_LIMIT).execute();
      if (origin) {
        await audit.record({ actor }, origin, { action: 'shared_with_site.viewed', subjectType: 'site', subjectId: siteId, detail: { items: rows.length } });
      }
      return rows.map(toItem);
    },

    /** One shared item, with the version of the report when it is a court report; the read is audited. */
    async get(actor: Actor, id: string, origin: RequestOrigin): Promise<SharedItem & { report: SharedReport | null }> {
      const row = await sharedRow(actor, id);
      const report = row.disclosure_kind === 'court_report'
        ? await db.selectFrom('court_report').select(['report_version', 'report_state']).where('disclosure_id', '=', row.id).where('pdf', 'is not', null).executeTakeFirst()
        : undefined;
      await audit.record({ actor }, origin, { action: 'disclosure.viewed_by_recipient', subjectType: 'disclosure', subjectId: row.id, personId: row.person_id, detail: { kind: row.disclosure_kind } });
      return { ...toItem(row), report: report ? { reportVersion: report.report_version, superseded: report.report_state === 'superseded' } : null };
    },

    /** The issued PDF of a court report shared with the actor's court, exactly as issued; the download is audited. */
    async reportPdf(actor: Actor, disclosureId: string, origin: RequestOrigin): Promise<{ pdf: Buffer; filename: string }> {
      const row = await sharedRow(actor, disclosureId);
      if (row.disclosure_kind !== 'court_report') throw new NotFoundError('court report');
      const report = await db.selectFrom('court_report').select(['id', 'pdf', 'report_version']).where('disclosure_id', '=', row.id).executeTakeFirst();
      if (!report?.pdf) throw new NotFoundError('court report');
      await audit.record({ actor }, origin, {
        action: 'court_report.downloaded_by_recipient', subjectType: 'court_report', subjectId: report.id, personId: row.person_id, detail: { disclosureId: row.id, reportVersion: report.report_version },
      });
      const surname = row.family_name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'person';
      return { pdf: Buffer.from(report.pdf), filename: `court-report-${surname}-v${report.report_version}.pdf` };
    },
  };
}

export type SharedWithSite = ReturnType<typeof createSharedWithSite>;
