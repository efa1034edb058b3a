// Equality monitoring: reach to each group at each stage, so that disproportion at any step shows.
import type { FastifyInstance } from 'fastify';
import type { EqualityView } from '../../../services/outcomes/equality.js';
import { barChart } from '../../charts/bar-chart.js';
import { readPeriodPage } from './period-page.js';

const equalityReaders = { access: { roles: ['team_manager', 'practitioner', 'commissioner'] } } as const;

/** A bar for each group: the share of its referrals that reached an agreed support plan. */
function supportedChart(view: EqualityView): string {
  const k = view.stages.findIndex((s) => s.key === 'supported');
  return barChart(
    view.rows.map((r) => {
      const share = r.cells[k]!.share;
      return { label: r.label, value: share.endsWith('%') ? Number(share.slice(0, -1)) : null, text: share };
    }),
    { id: 'chart-supported', title: 'Share of referrals that reached an agreed support plan, by group', description: 'A bar for each group, its length the percentage of the group’s referrals in the period that reached an agreed support plan. The same figures are in the table below.' },
  );
}

export async function equalityRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/equality', { config: equalityReaders }, async (request, reply) => {
    const page = await readPeriodPage(request, services.equality);
    return reply.code(page.status).page('pages/equality/index.njk', { title: 'Equality monitoring', ...page.context, chart: page.view && !page.view.empty ? supportedChart(page.view) : null });
  });
}
