// "My cases", the due lists, the team's caseloads, and moving a worker's whole caseload to someone else.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import type { Caseworker } from '../../../services/cases/case-allocation.js';
import { ValidationError } from '../../../services/errors.js';
import { errorSummary, formFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { caseTeam } from './case-page.js';
import { caseloadRows, dueRows, unallocatedRows } from './caseload-view.js';

const managers = { access: { roles: ['team_manager'] } } as const;
type WorkerParams = { userId: string };

export async function caseloadRoutes(app: FastifyInstance) {
  const { services } = app;

  /** Lists of people are reads of their records: one audit event per list shown. */
  const audited = (actor: Actor, request: Parameters<typeof originOf>[0], action: string, detail: Record<string, unknown>) =>
    services.audit.record({ actor }, originOf(request), { action, detail });

  app.get('/cases/mine', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const cases = await services.caseload.myCases(actor);
    await audited(actor, request, 'caseload.viewed', { workerId: actor.userId, cases: cases.length });
    return reply.page('pages/caseload/cases.njk', {
      title: 'My cases',
      heading: 'My cases',
      rows: caseloadRows(cases),
      emptyText: 'No cases are allocated to you.',
      dueHref: '/due',
    });
  });

  app.get('/due', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const items = await services.dueList.forWorker(actor);
    await audited(actor, request, 'due_list.viewed', { workerId: actor.userId, items: items.length });
    return reply.page('pages/due/list.njk', {
      title: 'Due',
      heading: 'What is due on your cases',
      rows: dueRows(items),
      showWorker: false,
      emptyText: 'Nothing is due on your cases.',
      teamHref: actor.grant.role === 'team_manager' ? '/team/due' : null,
    });
  });

  app.get('/team/due', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const items = await services.dueList.forTeam(actor);
    await audited(actor, request, 'due_list.viewed', { team: true, items: items.length });
    return reply.page('pages/due/list.njk', {
      title: 'Due for the team',
      heading: 'What is due for the team',
      rows: dueRows(items),
      showWorker: true,
      emptyText: 'Nothing is due on the team\'s cases.',
      backHref: '/team/caseloads',
    });
  });

  app.get('/team/caseloads', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const { workers, unallocated } = await services.caseload.teamCaseloads(actor);
    await audited(actor, request, 'team_caseloads.viewed', { unallocated: unallocated.length });
    const query = request.query as Record<string, string | undefined>;
    return reply.page('pages/caseload/team.njk', {
      title: 'Team caseloads',
      workers,
      unallocated: unallocatedRows(unallocated),
      moved: query.moved && /^\d+$/.test(query.moved) ? Number(query.moved) : null,
    });
  });

  app.get<{ Params: WorkerParams }>('/team/caseloads/:userId', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const { worker, cases } = await services.caseload.casesOf(actor, request.params.userId);
    await audited(actor, request, 'caseload.viewed', { workerId: worker.userId, cases: cases.length });
    return reply.page('pages/caseload/cases.njk', {
      title: `Caseload: ${worker.displayName}`,
      heading: `${worker.displayName}: cases`,
      rows: caseloadRows(cases),
      emptyText: `No cases are allocated to ${worker.displayName}.`,
      dueHref: `/team/caseloads/${worker.userId}/due`,
      reallocateHref: cases.length > 0 ? `/team/caseloads/${worker.userId}/reallocate` : null,
      backHref: '/team/caseloads',
    });
  });

  app.get<{ Params: WorkerParams }>('/team/caseloads/:userId/due', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const worker = await services.caseload.workerOfService(actor, request.params.userId);
    const items = await services.dueList.forWorker(actor, worker.userId);
    await audited(actor, request, 'due_list.viewed', { workerId: worker.userId, items: items.length });
    return reply.page('pages/due/list.njk', {
      title: `Due: ${worker.displayName}`,
      heading: `What is due on ${worker.displayName}'s cases`,
      rows: dueRows(items),
      showWorker: false,
      emptyText: `Nothing is due on ${worker.displayName}'s cases.`,
      backHref: `/team/caseloads/${worker.userId}`,
    });
  });

  async function renderReallocate(reply: FastifyReply, actor: Actor, worker: Caseworker, values: Record<string, string>, errors: Record<string, string> | null) {
    const [{ cases }, caseworkers] = await Promise.all([services.caseload.casesOf(actor, worker.userId), services.caseload.caseworkers(actor)]);
    const choices = caseworkers.filter((w) => w.isActive && w.userId !== worker.userId);
    return reply.page('pages/caseload/reallocate.njk', {
      title: `Move ${worker.displayName}'s cases`,
      worker,
      caseCount: cases.length,
      workerItems: [{ value: '', text: 'Select a worker' }, ...choices.map((w) => ({ value: w.userId, text: w.displayName, selected: values.toUserId === w.userId }))],
      values,
      errors,
      errorList: errorSummary(errors),
      backHref: `/team/caseloads/${worker.userId}`,
    });
  }

  app.get<{ Params: WorkerParams }>('/team/caseloads/:userId/reallocate', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const worker = await services.caseload.workerOfService(actor, request.params.userId);
    return renderReallocate(reply, actor, worker, {}, null);
  });

  app.post<{ Params: WorkerParams }>('/team/caseloads/:userId/reallocate', { config: managers }, async (request, reply) => {
    const actor = requireActor(request);
    const worker = await services.caseload.workerOfService(actor, request.params.userId);
    const fields = formFields(request);
    try {
      const moved = await services.caseload.reallocateAll(actor, worker.userId, fields.toUserId ?? '', fields.reason ?? '', originOf(request));
      return reply.redirect(`/team/caseloads?moved=${moved}`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderReallocate(reply.code(400), actor, worker, fields, error.fieldErrors);
      throw error;
    }
  });
}
