// Justice events after the team's work (re-arrests, charges, cautions, convictions): recorded by the team or imported from a police CSV export; matched to people of the service.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import { londonDate } from '../../../domain/london-time.js';
import { REOFFENDING_CSV_EXAMPLE_HEADER, REOFFENDING_CSV_HEADERS } from '../../../domain/reoffending-csv.js';
import { JUSTICE_EVENT_OUTCOME_LABELS, JUSTICE_EVENT_OUTCOMES } from '../../../domain/reoffending.js';
import { CLINICAL_TEAM_ROLES } from '../../../domain/roles.js';
import { ValidationError, type FieldErrors } from '../../../services/errors.js';
import type { ImportPreview } from '../../../services/outcomes/justice-events.js';
import { isUpload, rawText, readCsvUploads, uploadedCsvText } from '../../csv-upload.js';
import { dateBoxes, errorSummary, formFields, queryFields, readDateBoxes } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { bannerOf } from '../people.js';

const readers = { access: { roles: CLINICAL_TEAM_ROLES } } as const;
const recorders = { access: { roles: ['practitioner', 'team_manager'] } } as const;
const managers = { access: { roles: ['team_manager'] } } as const;
type PersonParams = { personId: string };

/** The largest file, or pasted text, the import reads. */
const MAX_CSV_BYTES = 5_000_000;
const FIELD_ORDER = ['offenceOn', 'outcome', 'outcomeOn', 'notes'];


const ordered = (errors: FieldErrors): FieldErrors => Object.fromEntries(Object.entries(errors).sort(([a], [b]) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b)));

export async function justiceEventRoutes(app: FastifyInstance) {
  const { services } = app;
  const outcomes = JUSTICE_EVENT_OUTCOMES.map((o) => ({ value: o, text: JUSTICE_EVENT_OUTCOME_LABELS[o] }));

  app.get<{ Params: PersonParams }>('/people/:personId/justice-events', { config: readers }, async (request, reply) => {
    const actor = requireActor(request);
    const { person, indexDate, events } = await services.justiceEvents.forPerson(actor, request.params.personId, originOf(request));
    return reply.page('pages/justice-events/index.njk', {
      title: `Justice events: ${person.given_name} ${person.family_name}`,
      ...bannerOf(person, services.clock.now()),
      indexDate,
      events: events.map((e) => ({ ...e, outcomeLabel: JUSTICE_EVENT_OUTCOME_LABELS[e.outcome] })),
      provenCount: events.filter((e) => e.provenReoffence).length,
      mayRecord: actor.grant.role !== 'support_worker',
      saved: queryFields(request).saved === 'recorded',
      backHref: `/people/${person.id}`,
    });
  });

  async function renderNew(reply: FastifyReply, actor: Actor, personId: string, values: Record<string, string>, errors: FieldErrors | null = null, fieldIds: Record<string, string> = {}) {
    const { person, indexDate } = await services.justiceEvents.forPerson(actor, personId, originOf(reply.request), 'new');
    return reply.page('pages/justice-events/new.njk', {
      title: 'Record a justice event',
      ...bannerOf(person, services.clock.now()),
      indexDate,
      outcomes,
      values,
      errors,
      errorList: errorSummary(errors, { offenceOn: 'offenceOn-day', outcomeOn: 'outcomeOn-day', ...fieldIds }),
      backHref: `/people/${person.id}/justice-events`,
    });
  }

  app.get<{ Params: PersonParams }>('/people/:personId/justice-events/new', { config: recorders }, async (request, reply) => {
    const today = londonDate(services.clock.now());
    return renderNew(reply, requireActor(request), request.params.personId, { ...dateBoxes('outcomeOn', today) });
  });

  app.post<{ Params: PersonParams }>('/people/:personId/justice-events/new', { config: recorders }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const readErrors: FieldErrors = {};
    const fieldIds: Record<string, string> = {};
    const offenceOn = readDateBoxes(fields, 'offenceOn', 'Offence date', readErrors, fieldIds) ?? '';
    const outcomeOn = readDateBoxes(fields, 'outcomeOn', 'Outcome date', readErrors, fieldIds) ?? '';
    try {
      // Boxes that cannot be read reach the service as no date, which it refuses along with the other fields' problems.
      await services.justiceEvents.record(actor, request.params.personId, { offenceOn, outcome: fields.outcome ?? '', outcomeOn, notes: fields.notes ?? '' }, originOf(request));
      return reply.redirect(`/people/${request.params.personId}/justice-events?saved=recorded`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderNew(reply.code(400), actor, request.params.personId, fields, ordered({ ...error.fieldErrors, ...readErrors }), fieldIds);
    }
  });

  const importPage = (reply: FastifyReply, values: Record<string, string> = {}, errors: FieldErrors | null = null) =>
    reply.page('pages/justice-events/import.njk', {
      title: 'Import justice events',
      headers: REOFFENDING_CSV_HEADERS,
      exampleHeader: REOFFENDING_CSV_EXAMPLE_HEADER,
      values,
      errors,
      errorList: errorSummary(errors),
      backHref: '/justice-events/imports',
    });

  const previewPage = (reply: FastifyReply, csv: string, fileName: string, preview: Extract<ImportPreview, { ok: true }>) =>
    reply.page('pages/justice-events/preview.njk', {
      title: 'Check the justice events before you import them',
      csv,
      fileName,
      ...preview,
      toAddCount: preview.toAdd.length,
      alreadyHeldCount: preview.alreadyHeld.length,
      backHref: '/justice-events/import',
    });

  app.get('/justice-events/import', { config: managers }, async (request, reply) => {
    requireActor(request);
    return importPage(reply);
  });

  app.get('/justice-events/imports', { config: managers }, async (request, reply) => {
    const imports = await services.justiceEvents.imports(requireActor(request));
    return reply.page('pages/justice-events/imports.njk', { title: 'Imports of justice events', imports });
  });

  app.get<{ Params: { id: string } }>('/justice-events/imports/:id', { config: managers }, async (request, reply) => {
    const record = await services.justiceEvents.importDetail(requireActor(request), request.params.id, originOf(request));
    return reply.page('pages/justice-events/import-detail.njk', {
      title: 'Import of justice events', record, imported: queryFields(request).imported === '1', backHref: '/justice-events/imports',
    });
  });

  await app.register(async (scope) => {
    // Files arrive as multipart forms, read here and only here.
    await readCsvUploads(scope, MAX_CSV_BYTES, 10);

    scope.post('/justice-events/import/preview', { config: managers }, async (request, reply) => {
      const actor = requireActor(request);
      const pasted = rawText(request, 'csvText');
      const upload = (request.body as Record<string, unknown> | undefined)?.csvFile;
      let csv = '';
      let fileName = '';
      let problem: string | null = null;
      if (isUpload(upload) && upload.data.length > 0) {
        const read = uploadedCsvText(upload, { tooLarge: 'The file must be smaller than 5 MB: split it into smaller files and import each', saveAsCsv: 'in your spreadsheet, save it as CSV UTF-8 (comma delimited) and upload that file' });
        if (read.ok) {
          csv = read.text;
          fileName = upload.filename;
        } else problem = read.error;
      } else if (pasted.trim() !== '') {
        if (Buffer.byteLength(pasted) > MAX_CSV_BYTES) problem = 'The pasted text must be smaller than 5 MB: split it and import each part';
        else csv = pasted;
      } else if (isUpload(upload) && upload.filename !== '') problem = 'The selected file is empty';
      else problem = 'Select a CSV file of justice events, or paste the rows';
      if (problem !== null) return importPage(reply.code(400), { csvText: pasted }, { csvFile: problem });
      const preview = await services.justiceEvents.preview(actor, csv, originOf(request));
      if (!preview.ok) return importPage(reply.code(400), { csvText: pasted }, { csvFile: preview.error });
      return previewPage(reply, csv, fileName, preview);
    });

    scope.post('/justice-events/import', { config: managers }, async (request, reply) => {
      const actor = requireActor(request);
      const csv = rawText(request, 'csv');
      if (csv.trim() === '') return importPage(reply.code(400), {}, { csvFile: 'Select a CSV file of justice events, or paste the rows' });
      const result = await services.justiceEvents.import(actor, csv, rawText(request, 'fileName'), originOf(request));
      if (!result.ok) return importPage(reply.code(400), {}, { csvFile: result.error });
      return reply.redirect(`/justice-events/imports/${result.importId}?imported=1`, 303);
    });
  });
}
