// The team and service dashboard: activity, reach and timeliness for a period, by site, source, age band, sex, ethnicity and vulnerability domain; small numbers suppressed for commissioners.
import type { FastifyInstance } from 'fastify';
import type { Breakdown } from '../../../domain/dashboard-figures.js';
import type { DashboardView } from '../../../services/outcomes/dashboard.js';
import { drawnOnce } from '../../../services/figures-cache.js';
import { barChart, barChartOrTableNote } from '../../charts/bar-chart.js';
import { readPeriodPage } from './period-page.js';

const dashboardReaders = { access: { roles: ['team_manager', 'practitioner', 'commissioner'] } } as const;

/** A bar chart of one breakdown, drawn from its shown (possibly suppressed) figures; for many sites, a note instead. */
function chartOf(id: string, title: string, b: Breakdown, groups = 'groups'): string {
  return barChartOrTableNote(
    b.rows.map((r) => ({ label: r.label, value: r.count.value, text: r.count.text })),
    { id, title, groups, description: `${title}: a bar for each ${b.rows.length === 1 ? 'group' : 'of the ' + b.rows.length + ' groups'}, its length the count. The same figures are in the table below.` },
  );
}

function charts(view: DashboardView): Record<string, string> {
  return {
    activity: barChart(view.activity.map((a) => ({ label: a.label, value: a.figure.value, text: a.figure.text })), { id: 'chart-activity', title: 'Activity in the period', description: 'A bar for each kind of activity, its length the count. The same figures are in the table below.' }),
    site: chartOf('chart-site', 'Referrals by site', view.referrals.site, 'sites'),
    source: chartOf('chart-source', 'Referrals by source', view.referrals.source),
    ageBand: chartOf('chart-age', 'Referrals by age band', view.referrals.ageBand),
    sex: chartOf('chart-sex', 'Referrals by sex', view.referrals.sex),
    ethnicity: chartOf('chart-ethnicity', 'Referrals by ethnic group', view.referrals.ethnicity),
    domains: barChart(view.domains.rows.map((r) => ({ label: r.label, value: r.count.value, text: r.count.text })), { id: 'chart-domains', title: 'Needs identified at screening, by vulnerability domain', description: 'A bar for each vulnerability domain, its length the number of referrals whose screen identified a need in it. The same figures are in the table below.' }),
    onward: barChart(view.onward.rows.map((r) => ({ label: r.label, value: r.sent.value, text: r.sent.text })), { id: 'chart-onward', title: 'Onward referrals sent, by pathway', description: 'A bar for each pathway, its length the number of onward referrals sent. The same figures, with acceptance, waits and attendance, are in the table below.' }),
    response: barChartOrTableNote((view.response.sites ?? []).map((r) => ({ label: r.label, value: r.share.endsWith('%') ? Number(r.share.slice(0, -1)) : null, text: r.share })), { id: 'chart-response', title: 'Share of screens within the site’s response target', groups: 'sites', description: 'A bar for each site, its length the percentage of screens completed within the site’s target. The same figures are in the table below.' }),
  };
}

export async function dashboardRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/dashboard', { config: dashboardReaders }, async (request, reply) => {
    const page = await readPeriodPage(request, services.dashboard);
    const { view } = page;
    // The charts and tables are the same for everyone shown the same figures, so they are drawn once while the figures are kept.
    const report = view ? drawnOnce(view.keptAs, 'dashboard page', () => app.pagePart('pages/dashboard/_report.njk', { view, charts: charts(view) })) : null;
    return reply.code(page.status).page('pages/dashboard/index.njk', { title: 'Dashboard', ...page.context, report });
  });
}
