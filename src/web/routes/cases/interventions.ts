// The intervention catalogue: a team manager lists, adds, changes and retires the interventions plans choose from.
import type { FastifyInstance } from 'fastify';
import type { InterventionRow } from '../../../db/schema.js';
import { OFFENCE_CATEGORY_LABELS } from '../../../domain/referral-vocabulary.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import { CATALOGUE_OFFENCES, type InterventionInput } from '../../../services/cases/interventions.js';
import { ConflictError } from '../../../services/errors.js';
import { formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { saveOrRerender } from '../admin/form-page.js';

const managers = { access: { roles: ['team_manager'] } } as const;
const TEMPLATE = 'pages/interventions/form.njk';
const offences = CATALOGUE_OFFENCES.map((c) => ({ value: c, text: OFFENCE_CATEGORY_LABELS[c] }));
type Params = { id: string };

/** The form's questions in its order, for showing a stale edit beside the saved entry. */
const FIELDS: readonly LabelledField[] = [
  { name: 'name', label: 'Name' },
  { name: 'description', label: 'Description' },
  { name: 'isRestorative', label: 'Is it a restorative session run by volunteers?', choices: { yes: 'Yes', no: 'No' } },
  ...offences.map((o) => ({ name: `offence-${o.value}`, label: `Offences it answers – ${o.text}`, choices: { yes: 'Yes' }, blankText: 'No' })),
  { name: 'isActive', label: 'Does the team still offer it?', choices: { yes: 'Yes', no: 'No, retire it' }, blankMeans: 'yes' },
];

const yesNo = (v: string | undefined): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

/** The service's input from the posted form (offences are one checkbox each: offence-<category>). */
function inputFrom(fields: Record<string, string>): InterventionInput {
  return {
    name: fields.name ?? '',
    description: fields.description ?? '',
    isRestorative: yesNo(fields.isRestorative) as boolean,
    offenceCategories: CATALOGUE_OFFENCES.filter((c) => fields[`offence-${c}`] === 'yes'),
    isActive: fields.isActive !== 'no',
  };
}

/** The form's values from a catalogue entry. */
function valuesOf(row: InterventionRow): Record<string, string> {
  const values: Record<string, string> = { id: row.id, version: String(row.version), name: row.name, description: row.description, isRestorative: row.is_restorative ? 'yes' : 'no', isActive: row.is_active ? 'yes' : 'no' };
  for (const c of row.offence_categories) values[`offence-${c}`] = 'yes';
  return values;
}

export async function interventionRoutes(app: FastifyInstance) {
  const { services } = app;

  const page = (values: Record<string, string>) => ({
    title: values.id ? `Change ${values.name || 'an intervention'}` : 'Add an intervention',
    values,
    offences,
    backHref: '/interventions',
  });

  app.get('/interventions', { config: managers }, async (request, reply) => {
    const rows = await services.interventions.list(requireActor(request));
    const saved = (request.query as Record<string, string | undefined>).saved ?? null;
    return reply.page('pages/interventions/index.njk', {
      title: 'Intervention catalogue',
      saved,
      entries: rows.map((r) => ({ ...r, offences: r.offence_categories.map((c) => OFFENCE_CATEGORY_LABELS[c as keyof typeof OFFENCE_CATEGORY_LABELS] ?? c) })),
    });
  });

  app.get('/interventions/new', { config: managers }, async (_request, reply) => reply.page(TEMPLATE, page({ isRestorative: '', isActive: 'yes' })));

  app.post('/interventions/new', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    return saveOrRerender(reply, TEMPLATE, page({ ...fields, id: '' }), async () => {
      await services.interventions.create(actor, inputFrom(fields), originOf(request));
      return '/interventions?saved=added';
    });
  });

  app.get<{ Params: Params }>('/interventions/:id/edit', { config: managers }, async (request, reply) => {
    const row = await services.interventions.get(requireActor(request), request.params.id);
    return reply.page(TEMPLATE, page(valuesOf(row)));
  });

  app.post<{ Params: Params }>('/interventions/:id/edit', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const row = await services.interventions.get(actor, request.params.id);
    const fields = formFields(request);
    const version = versionField(fields);
    const context = page({ ...fields, id: row.id, version: String(version ?? row.version) });
    return saveOrRerender(reply, TEMPLATE, context, async () => {
      if (version === null) throw new ConflictError(row);
      await services.interventions.update(actor, row.id, version, inputFrom(fields), originOf(request));
      return `/interventions?saved=${fields.isActive === 'no' && row.is_active ? 'retired' : 'changed'}`;
    }, { fields: FIELDS, valuesOf });
  });
}
