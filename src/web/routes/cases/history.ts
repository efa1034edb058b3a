// A case's history: corrections (old → new, with the reason), allocations and onward referral changes, newest first.
import type { FastifyInstance } from 'fastify';
import { ONWARD_REFERRAL_STATE_LABELS, type OnwardReferralState } from '../../../domain/onward-referral-state.js';
import { originOf, requireActor } from '../../request-context.js';
import { caseContext } from './case-context.js';
import { caseTeam, type CaseParams } from './case-page.js';
import { correctionRoutes } from './corrections.js';
import { factText } from './fact-display.js';
import { longDate } from '../../views.js';

const stateLabel = (s: string | null) => (s ? ONWARD_REFERRAL_STATE_LABELS[s as OnwardReferralState] ?? s : 'New');

export async function historyRoutes(app: FastifyInstance) {
  const { services } = app;
  await correctionRoutes(app);

  app.get<{ Params: CaseParams }>('/cases/:caseId/history', { config: caseTeam }, async (request, reply) => {
    const actor = requireActor(request);
    const { header, entries } = await services.amendments.history(actor, request.params.caseId, originOf(request));
    const base = `/cases/${header.caseEpisode.id}`;
    const rows = entries.map((entry) => {
      if (entry.kind === 'amendment') {
        const a = entry.amendment;
        return {
          at: entry.at, by: a.by_name, what: `Corrected: ${a.fact?.label ?? a.field}`,
          details: `${factText(a.fact, a.old_value)} → ${factText(a.fact, a.new_value)}`, reason: a.reason, link: null,
        };
      }
      if (entry.kind === 'allocation') {
        const a = entry.allocation;
        return {
          at: entry.at, by: a.by_name, what: a.from_name ? 'Reallocated' : 'Allocated',
          details: a.from_name ? `From ${a.from_name} to ${a.to_name}` : `To ${a.to_name}`, reason: a.reason, link: null,
        };
      }
      const e = entry.event;
      return {
        at: entry.at, by: e.by_name, what: `Onward referral to ${e.partner_name}`,
        details: `${stateLabel(e.from_state)} → ${stateLabel(e.to_state)}, on ${longDate(e.occurred_on)}`, reason: e.reason,
        link: { href: `${base}/corrections/onward_referral_event/${e.id}/occurred_on`, text: 'Correct the date', hidden: ` of the change to ${stateLabel(e.to_state).toLowerCase()} at ${e.partner_name}` },
      };
    });
    const saved = (request.query as Record<string, string | undefined>).saved ?? null;
    return reply.page('pages/cases/history.njk', {
      title: `History: ${header.person.given_name} ${header.person.family_name}`,
      ...caseContext(header, services.clock.now(), 'history'),
      rows,
      saved,
    });
  });
}
