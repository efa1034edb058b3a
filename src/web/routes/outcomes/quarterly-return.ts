// The commissioner's quarterly data return, downloaded as CSV or as a spreadsheet.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, type FieldErrors } from '../../../services/errors.js';
import type { QuarterlyReturnData, ReturnFormat } from '../../../services/outcomes/quarterly-return.js';
import { errorSummary, queryFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';

const returners = { access: { roles: ['team_manager', 'commissioner'] } } as const;
type FileParams = { serviceId: string; quarter: string };

/** The download links of a return, by format. */
export function downloadLinks(serviceId: string, quarter: string): { format: ReturnFormat; href: string; text: string }[] {
  const base = `/quarterly-return/${encodeURIComponent(serviceId)}/${encodeURIComponent(quarter)}`;
  return [
    { format: 'csv', href: `${base}.csv`, text: 'Referrals, one row per referral (CSV)' },
    { format: 'aggregates.csv', href: `${base}/aggregates.csv`, text: 'Aggregate tables (CSV)' },
    { format: 'xlsx', href: `${base}/return.xlsx`, text: 'Spreadsheet: referrals, aggregate tables and field list (Excel .xlsx)' },
    { format: 'pdf', href: `${base}/summary.pdf`, text: 'Summary of the aggregate tables (PDF)' },
  ];
}

export async function quarterlyReturnRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/quarterly-return', { config: returners }, async (request, reply) => {
    const actor = requireActor(request);
    const query = queryFields(request);
    const { services: choices, quarters } = await services.quarterlyReturn.choices(actor);
    const values = { serviceId: query.serviceId ?? (choices.length === 1 ? choices[0]!.id : ''), quarter: query.quarter ?? quarters[1] ?? quarters[0]! };
    const errors: FieldErrors = {};
    let data: QuarterlyReturnData | null = null;
    if (query.serviceId !== undefined || query.quarter !== undefined) {
      if (!values.serviceId) errors.serviceId = 'Select the service the return is for';
      if (!values.quarter) errors.quarter = 'Select the quarter the return covers';
      if (Object.keys(errors).length === 0) {
        try {
          data = await services.quarterlyReturn.view(actor, values.serviceId, values.quarter, originOf(request));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          Object.assign(errors, error.fieldErrors);
        }
      }
    }
    const hasErrors = Object.keys(errors).length > 0;
    return reply.code(hasErrors ? 400 : 200).page('pages/quarterly-return/index.njk', {
      title: data ? `Quarterly return ${data.quarter}: ${data.service.name}` : 'Quarterly return',
      serviceItems: [{ value: '', text: 'Choose a service' }, ...choices.map((s) => ({ value: s.id, text: s.name, selected: s.id === values.serviceId }))],
      quarterItems: [...(quarters.includes(values.quarter) ? [] : [{ value: values.quarter, text: values.quarter, selected: true }]), ...quarters.map((q) => ({ value: q, text: q, selected: q === values.quarter }))],
      noServices: choices.length === 0,
      data,
      downloads: data ? downloadLinks(data.service.id, data.quarter) : [],
      errors: hasErrors ? errors : null,
      errorList: errorSummary(hasErrors ? errors : null),
    });
  });

  const send = async (request: FastifyRequest<{ Params: FileParams }>, reply: FastifyReply, format: ReturnFormat) => {
    const file = await services.quarterlyReturn.download(requireActor(request), request.params.serviceId, request.params.quarter, format, originOf(request));
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.body);
  };

  app.get<{ Params: FileParams }>('/quarterly-return/:serviceId/:quarter.csv', { config: returners }, (request, reply) => send(request, reply, 'csv'));
  app.get<{ Params: FileParams }>('/quarterly-return/:serviceId/:quarter/aggregates.csv', { config: returners }, (request, reply) => send(request, reply, 'aggregates.csv'));
  app.get<{ Params: FileParams }>('/quarterly-return/:serviceId/:quarter/return.xlsx', { config: returners }, (request, reply) => send(request, reply, 'xlsx'));
  app.get<{ Params: FileParams }>('/quarterly-return/:serviceId/:quarter/summary.pdf', { config: returners }, (request, reply) => send(request, reply, 'pdf'));
}
