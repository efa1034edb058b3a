// Court lists for the L&D team: a court's list for a day, and importing a CSV file (checked first, imported only when confirmed).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLINICAL_TEAM_ROLES } from '../../domain/roles.js';
import { isRealDate, londonCalendarDate, parseDateParts } from '../../domain/age.js';
import { COURT_LIST_EXAMPLE_HEADER } from '../../domain/court-list-csv.js';
import type { SiteRow } from '../../db/schema.js';
import { ValidationError } from '../../services/errors.js';
import { isUpload, rawText, readCsvUploads, uploadedCsvText } from '../csv-upload.js';
import { errorSummary, formFields } from '../forms.js';
import { originOf, requireActor } from '../request-context.js';
import { flagsOf } from './people.js';
import { addDays } from '../../domain/calendar-date.js';

const team = { access: { roles: CLINICAL_TEAM_ROLES } } as const;
type Params = { siteId: string };

/** The largest file, or pasted list, the import reads. */
const MAX_CSV_BYTES = 1_000_000;

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** "Monday 2 June 2025", as the NHS style guide writes dates. */
const longDate = (iso: string) => LONG_DATE.formatToParts(utcDate(iso)).filter((p) => p.type !== 'literal').map((p) => p.value).join(' ');
const shortDate = (iso: string | null) => (iso ? SHORT_DATE.format(utcDate(iso)) : 'Not known');

const SAVE_AS_CSV = 'in your spreadsheet, save the list as CSV UTF-8 (comma delimited) and upload that file';

export async function courtListRoutes(app: FastifyInstance) {
  const { services } = app;

  const today = () => londonCalendarDate(services.clock.now());

  type ListPageOptions = { date: string; values?: Record<string, string>; errors?: Record<string, string>; imported?: number | null; status?: number };

  async function listPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, options: ListPageOptions) {
    const { site, date, entries } = await services.courtLists.listForDay(requireActor(request), request.params.siteId, options.date, originOf(request));
    const now = services.clock.now();
    const [year = '', month = '', day = ''] = date.split('-');
    const values = options.values ?? { 'hearingDate-day': day.replace(/^0/, ''), 'hearingDate-month': month.replace(/^0/, ''), 'hearingDate-year': year, csvText: '' };
    const errors = options.errors ?? {};
    return reply.code(options.status ?? 200).page('pages/court-lists/index.njk', {
      title: `Court list: ${site.name}`,
      site,
      date,
      dateLabel: longDate(date),
      isToday: date === today(),
      previousDate: addDays(date, -1),
      nextDate: addDays(date, 1),
      entries: entries.map((e) => ({
        ...e,
        dateOfBirthLabel: shortDate(e.dateOfBirth),
        flags: e.matchedPerson ? flagsOf(e.matchedPerson, now) : [],
      })),
      knownCount: entries.filter((e) => e.matchedPerson !== null).length,
      imported: options.imported ?? null,
      values,
      errors,
      errorList: errorSummary(errors),
      exampleHeader: COURT_LIST_EXAMPLE_HEADER,
      backHref: '/directory',
    });
  }

  const previewPage = (reply: FastifyReply, site: SiteRow, hearingDate: string, csv: string, preview: Extract<Awaited<ReturnType<typeof services.courtLists.preview>>, { ok: true }>) =>
    reply.page('pages/court-lists/preview.njk', {
      title: 'Check the court list before you import it',
      site,
      hearingDate,
      hearingDateLabel: longDate(hearingDate),
      csv,
      rows: preview.rows.map((r) => ({ ...r, dateOfBirthLabel: shortDate(r.dateOfBirth), matchDateOfBirthLabel: r.match ? shortDate(r.match.person.date_of_birth) : '' })),
      problems: preview.problems,
      toImport: preview.toImport,
      matched: preview.matched,
      alreadyListed: preview.rows.length - preview.toImport,
      backHref: `/sites/${site.id}/court-list?date=${hearingDate}`,
    });

  await app.register(async (scope) => {
    // Files arrive as multipart forms, read here and only here.
    await readCsvUploads(scope, MAX_CSV_BYTES, 20);

    scope.get<{ Params: Params }>('/sites/:siteId/court-list', { config: team }, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const date = typeof query.date === 'string' && query.date !== '' ? query.date : today();
      const imported = typeof query.imported === 'string' && /^[0-9]{1,5}$/.test(query.imported) ? Number(query.imported) : null;
      if (!isRealDate(date)) throw new ValidationError({ date: 'The date must be a real date, like 2025-06-02' });
      return listPage(request, reply, { date, imported });
    });

    scope.post<{ Params: Params }>('/sites/:siteId/court-list/preview', { config: team }, async (request, reply) => {
      const actor = requireActor(request);
      // The site first: a page about a court outside the user's service must not say anything about it.
      const site = await services.courtLists.courtSite(actor, request.params.siteId);
      const fields = formFields(request);
      const values = {
        'hearingDate-day': fields['hearingDate-day'] ?? '',
        'hearingDate-month': fields['hearingDate-month'] ?? '',
        'hearingDate-year': fields['hearingDate-year'] ?? '',
        csvText: rawText(request, 'csvText'),
      };
      const errors: Record<string, string> = {};
      const date = parseDateParts(values['hearingDate-day'], values['hearingDate-month'], values['hearingDate-year'], 'Hearing date');
      if (!date.ok) errors[`hearingDate-${date.field}`] = date.error;

      let csv = '';
      const upload = (request.body as Record<string, unknown> | undefined)?.csvFile;
      if (isUpload(upload) && upload.data.length > 0) {
        const read = uploadedCsvText(upload, { tooLarge: 'The file must be smaller than 1 MB: split the list into smaller files', saveAsCsv: SAVE_AS_CSV });
        if (read.ok) csv = read.text;
        else errors.csvFile = read.error;
      } else if (values.csvText.trim() !== '') {
        if (Buffer.byteLength(values.csvText) > MAX_CSV_BYTES) errors.csvFile = 'The list must be smaller than 1 MB: split it into smaller lists';
        else csv = values.csvText;
      } else if (isUpload(upload) && upload.filename !== '') {
        errors.csvFile = 'The selected file is empty';
      } else {
        errors.csvFile = 'Select a CSV file of the court list, or paste the list';
      }

      const fallbackDate = date.ok ? date.date : today();
      if (Object.keys(errors).length > 0 || !date.ok) return listPage(request, reply, { date: fallbackDate, values, errors, status: 400 });
      const preview = await services.courtLists.preview(actor, site.id, date.date, csv, originOf(request));
      if (!preview.ok) return listPage(request, reply, { date: date.date, values, errors: { csvFile: preview.error }, status: 400 });
      return previewPage(reply, site, date.date, csv, preview);
    });

    scope.post<{ Params: Params }>('/sites/:siteId/court-list/import', { config: team }, async (request, reply) => {
      const actor = requireActor(request);
      const site = await services.courtLists.courtSite(actor, request.params.siteId);
      const hearingDate = rawText(request, 'hearingDate');
      const csv = rawText(request, 'csv');
      if (!isRealDate(hearingDate)) throw new ValidationError({ hearingDate: 'Hearing date must be a real date' });
      if (csv.trim() === '') return listPage(request, reply, { date: hearingDate, errors: { csvFile: 'Select a CSV file of the court list, or paste the list' }, status: 400 });
      const result = await services.courtLists.import(actor, site.id, hearingDate, csv, originOf(request));
      if (!result.ok) return listPage(request, reply, { date: hearingDate, errors: { csvFile: result.error }, status: 400 });
      return reply.redirect(`/sites/${site.id}/court-list?date=${hearingDate}&imported=${result.imported}`, 303);
    });
  });
}
