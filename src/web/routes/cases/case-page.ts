// The summary page of a case: where it stands, who holds it (and held it), what is due on it, links to each part of the
// work, and for a team manager the form to allocate or reallocate it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseEpisodeRow } from '../../../db/schema.js';
import type { Actor } from '../../../domain/actor.js';
import { CLINICAL_TEAM_ROLES } from '../../../domain/roles.js';
import { ConflictError, ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields, versionField } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { conflictErrors, conflictView, type ConflictView } from '../../version-conflict.js';
import type { LabelledField } from '../../../domain/version-differences.js';
import { caseContext } from './case-context.js';
import { dueRows } from './caseload-view.js';

export const caseTeam = { access: { roles: CLINICAL_TEAM_ROLES } } as const;
export type CaseParams = { caseId: string };

type AllocationForm = { values: Record<string, string>; errors: FieldErrors | null; conflict?: ConflictView; errorList?: { text: string; href: string }[] };

/** The questions of the allocation form; `workers` names each worker the form may show, by user id. */
function allocationFields(workers: Readonly<Record<string, string>>, reallocating: boolean): LabelledField[] {
  return [
    { name: 'toUserId', label: 'Worker', choices: workers, blankText: 'Not allocated' },
    { name: 'reason', label: reallocating ? 'Reason for reallocating' : 'Reason' },
  ];
}

export async function casePageRoutes(app: FastifyInstance) {
  const { services } = app;

  async function renderSummary(request: FastifyRequest, reply: FastifyReply, actor: Actor, caseId: string, form: AllocationForm | null) {
    const h = await services.cases.view(actor, caseId, originOf(request), 'summary');
    const now = services.clock.now();
    const [due, allocations] = await Promise.all([services.dueList.forCase(actor, h.caseEpisode), services.caseload.history(actor, h.caseEpisode)]);
    let allocation = null;
    if (actor.grant.role === 'team_manager' && h.caseEpisode.case_status !== 'closed') {
      const c: CaseEpisodeRow = h.caseEpisode;
      const values = form?.values ?? {};
      const workers = (await services.caseload.caseworkers(actor)).filter((w) => w.isActive && w.userId !== c.allocated_to);
      allocation = {
        reallocating: c.allocated_to !== null,
        version: c.version,
        workerItems: [{ value: '', text: 'Select a worker' }, ...workers.map((w) => ({ value: w.userId, text: w.displayName, selected: values.toUserId === w.userId }))],
        values,
      };
    }
    const errors = form?.errors ?? null;
    return reply.page('pages/cases/show.njk', {
      title: `Case: ${h.person.given_name} ${h.person.family_name}`,
      ...caseContext(h, now, 'summary'),
      referral: h.referral,
      saved: (request.query as Record<string, string | undefined>).saved ?? null,
      dueOnCase: dueRows(due),
      allocations,
      allocation,
      conflict: form?.conflict ?? null,
      errors,
      errorList: form?.errorList ?? errorSummary(errors),
    });
  }

  app.get<{ Params: CaseParams }>('/cases/:caseId', { config: caseTeam }, async (request, reply) => {
    return renderSummary(request, reply, requireActor(request), request.params.caseId, null);
  });

  app.post<{ Params: CaseParams }>('/cases/:caseId/allocation', { config: { access: { roles: ['team_manager'] } } }, async (request, reply) => {
    const actor = requireActor(request);
    const { caseId } = request.params;
    const fields = formFields(request);
    try {
      const version = versionField(fields);
      if (version === null) throw new ConflictError(await services.cases.get(actor, caseId));
      await services.caseload.allocate(actor, caseId, fields.toUserId ?? '', fields.reason ?? '', version, originOf(request));
      return reply.redirect(`/cases/${caseId}?saved=allocated`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderSummary(request, reply.code(400), actor, caseId, { values: fields, errors: error.fieldErrors });
      if (error instanceof ConflictError) {
        // The case as it stands, with the reason given when it went to the worker who holds it now.
        const latest = await services.cases.get(actor, caseId);
        if (latest.case_status === 'closed') {
          const closed = 'Someone else closed this case while you were allocating it: a closed case cannot be allocated, so nothing was saved.';
          return renderSummary(request, reply.code(409), actor, caseId, { values: {}, errors: { form: closed }, errorList: [{ text: closed, href: '#allocation-history' }] });
        }
        const [workers, history] = await Promise.all([services.caseload.caseworkers(actor), services.caseload.history(actor, latest)]);
        const names = Object.fromEntries(workers.map((w) => [w.userId, w.displayName]));
        const theirs = { toUserId: latest.allocated_to, reason: latest.allocated_to ? history[history.length - 1]?.reason ?? '' : '' };
        const conflict = conflictView(allocationFields(names, latest.allocated_to !== null), theirs, fields, latest.updated_at);
        const message = 'Someone else changed this case while you were allocating it. Check who holds it now, then choose the worker again.';
        return renderSummary(request, reply.code(409), actor, caseId, { values: fields, ...conflictErrors(message), conflict });
      }
      throw error;
    }
  });
}
