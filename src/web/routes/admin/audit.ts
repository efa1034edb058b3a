// Administrators search the audit trail and check that its hash chain is unbroken; both are themselves audited.
import type { FastifyInstance } from 'fastify';
import { errorSummary } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { ROLE_LABELS, isRole } from '../../../domain/roles.js';
import type { FieldErrors } from '../../../services/errors.js';
import { isUuid } from '../../../domain/ids.js';

const admin = { access: { roles: ['administrator'] } } as const;

const ACTION = /^[a-z][a-z0-9_.-]{0,99}$/i;
const PAGE_SIZE = 50;

const WHEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

function text(query: Record<string, unknown>, name: string, max: number): string {
  const value = query[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

export async function auditAdminRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/admin/audit', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const criteria = { username: text(query, 'username', 60).toLowerCase(), personId: text(query, 'personId', 100), action: text(query, 'action', 100) };
    const before = Number(text(query, 'beforeId', 20));
    const beforeId = Number.isSafeInteger(before) && before > 0 ? before : undefined;

    const errors: FieldErrors = {};
    if (criteria.personId && !isUuid(criteria.personId)) errors.personId = 'Enter the person ID as shown on their record, like 3f2c1a9e-5b7d-4c2a-9e1f-0a6b8c4d2e71';
    if (criteria.action && !ACTION.test(criteria.action)) errors.action = 'Enter the action as it appears in the trail, like user.created or person.viewed';
    const page = { title: 'Audit trail', values: criteria, beforeId: beforeId ?? null };
    if (Object.keys(errors).length > 0) return reply.code(400).page('pages/admin/audit/index.njk', { ...page, errors, errorList: errorSummary(errors), events: null });

    const rows = await services.audit.search({
      username: criteria.username || undefined,
      personId: criteria.personId ? criteria.personId.toLowerCase() : undefined,
      action: criteria.action || undefined,
      beforeId,
      limit: PAGE_SIZE,
    });
    // Looking at the trail is itself something the trail records.
    await services.audit.record({ actor }, originOf(request), {
      action: 'audit.searched',
      subjectType: 'audit_event',
      detail: { ...Object.fromEntries(Object.entries(criteria).filter(([, v]) => v)), ...(beforeId ? { beforeId } : {}), results: rows.length },
    });

    const searchParams = (extra: Record<string, string>) => {
      const params = new URLSearchParams(Object.entries(criteria).filter(([, v]) => v));
      for (const [k, v] of Object.entries(extra)) params.set(k, v);
      const qs = params.toString();
      return `/admin/audit${qs ? `?${qs}` : ''}`;
    };
    const last = rows[rows.length - 1];
    return reply.page('pages/admin/audit/index.njk', {
      ...page,
      searched: Object.values(criteria).some(Boolean),
      events: rows.map((e) => ({
        id: e.id,
        when: WHEN.format(e.occurred_at),
        whenIso: e.occurred_at.toISOString(),
        username: e.username,
        role: e.role ? (isRole(e.role) ? ROLE_LABELS[e.role] : e.role) : null,
        action: e.action,
        subject: [e.subject_type, e.subject_id].filter(Boolean).join(' '),
        personId: e.person_id,
        ipAddress: e.ip_address,
        reason: e.reason,
        detail: e.detail === null || e.detail === undefined ? '' : JSON.stringify(e.detail),
      })),
      olderHref: rows.length === PAGE_SIZE && last ? searchParams({ beforeId: String(last.id) }) : null,
      newestHref: beforeId ? searchParams({}) : null,
    });
  });

  app.get('/admin/audit/verify', { config: admin }, async (request, reply) => {
    const actor = requireActor(request);
    const result = await services.audit.verify();
    await services.audit.record({ actor }, originOf(request), {
      action: 'audit.verified',
      subjectType: 'audit_event',
      detail: { ok: result.ok, checked: result.checked, ...(result.ok ? {} : { brokenAt: result.brokenAt ?? null, problem: result.problem ?? null }) },
    });
    return reply.page('pages/admin/audit/verify.njk', { title: 'Check the audit trail', backHref: '/admin/audit', result });
  });
}
