// Outcome measures: engagement with onward services at exit and at follow-up, and proven re-offending of a cohort against a comparison group, with their intervals and tests.
import type { FastifyInstance } from 'fastify';
import { londonDate } from '../../../domain/london-time.js';
import { COMPARISON_GROUPS, COMPARISON_GROUP_DESCRIPTIONS, COMPARISON_GROUP_LABELS, DEFAULT_COMPARISON_GROUP, isComparisonGroup } from '../../../domain/outcome-groups.js';
import type { PublishedProportion } from '../../../domain/outcome-publication.js';
import { formatCount, suppressionFootnote, type SuppressedCell } from '../../../domain/suppression.js';
import { ValidationError, type FieldErrors } from '../../../services/errors.js';
import type { OutcomeMeasuresView } from '../../../services/outcomes/outcome-measures.js';
import type { PublishedCohort } from '../../../services/outcomes/outcome-publishing.js';
import { survivalChartSvg } from '../../charts/survival-chart.js';
import { SUPPRESSED_MARKER } from '../../../domain/suppression.js';
import { dateBoxes, errorSummary, queryFields, readDateBoxes } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';

const outcomeReaders = { access: { roles: ['team_manager', 'practitioner', 'commissioner'] } } as const;

const percent = (p: number | null): string => (p === null ? '' : `${(p * 100).toFixed(1)}%`);
/** A point of a published curve: '*' when hidden. */
const shownShare = (p: { survival: number | null; hidden: boolean }): string => (p.hidden ? SUPPRESSED_MARKER : percent(p.survival));
const signedPoints = (d: number): string => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d * 100).toFixed(1)}`;
const pValue = (p: number | null): string => (p === null ? 'not defined' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** A proportion as a sentence part: "22.0% (95% interval 16.8% to 28.2%), 44 of 200"; hidden or empty said in words. */
function describeProportion(p: PublishedProportion): { rate: string; interval: string; counts: string } {
  const counts = `${formatCount(p.successes)} of ${formatCount(p.n)}`;
  if (p.suppressed) return { rate: '*', interval: '*', counts };
  if (p.proportion === null) return { rate: 'No figure', interval: '', counts };
  return { rate: percent(p.proportion), interval: `${percent(p.lower)} to ${percent(p.upper)}`, counts };
}

function describeCohort(c: PublishedCohort | null, complete: boolean, followUpEnds: string) {
  if (c === null) return { people: '0', reoffenders: '', rate: 'No one in this group', interval: '', frequency: '' };
  if (!complete) return { people: formatCount(c.people), reoffenders: '', rate: `Incomplete — follow-up ends on ${followUpEnds}`, interval: '', frequency: '' };
  const rate = c.rate ? describeProportion(c.rate) : { rate: '', interval: '' };
  const frequency = c.frequency === null ? '' : c.frequency.suppressed ? '*' : c.frequency.value === null ? '' : c.frequency.value.toFixed(2);
  return { people: formatCount(c.people), reoffenders: formatCount(c.reoffenders), rate: rate.rate, interval: rate.interval, frequency };
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const longDate = (date: string) => LONG_DATE.format(new Date(`${date}T00:00:00Z`));
const count = (cell: SuppressedCell) => formatCount(cell);

/** What the page shows, as text: every figure formatted here so the template only lays it out. */
function pageFigures(view: OutcomeMeasuresView) {
  const supportedLabel = 'Supported';
  const comparisonLabel = COMPARISON_GROUP_LABELS[view.comparison];
  const { supported, comparison, logRank } = view.survival;
  const median = (m: number | null) => (m === null ? 'Not reached' : `${m} days`);
  const hasCohorts = view.cohorts.length > 0;
  return {
    engagement: {
      closed: count(view.engagement.closed),
      noneClosed: view.engagement.closed.value === 0,
      atExit: describeProportion(view.engagement.atExit),
      atFollowUp: describeProportion(view.engagement.atFollowUp),
      notYetDue: count(view.engagement.notYetDue),
      notRecorded: count(view.engagement.notRecorded),
    },
    hasCohorts,
    cohorts: view.cohorts.map((row) => ({
      quarter: row.quarter.replace('-Q', ' Q'),
      complete: row.complete,
      supported: describeCohort(row.supported, row.complete, longDate(row.followUpEndsOn)),
      comparison: describeCohort(row.comparison, row.complete, longDate(row.followUpEndsOn)),
    })),
    complete: view.complete && {
      supported: describeProportion(view.complete.supported),
      comparison: describeProportion(view.complete.comparison),
      difference: view.complete.difference && {
        points: signedPoints(view.complete.difference.value),
        interval: `${signedPoints(view.complete.difference.lower)} to ${signedPoints(view.complete.difference.upper)}`,
        z: view.complete.difference.z === null ? 'not defined' : view.complete.difference.z.toFixed(2),
        p: pValue(view.complete.difference.pValue),
      },
    },
    survival: {
      supportedLabel,
      comparisonLabel,
      chart: hasCohorts
        ? survivalChartSvg([{ label: supportedLabel, steps: supported.steps }, { label: comparisonLabel, steps: comparison.steps }], {
            id: 'time-to-reoffence',
            title: `Time to first proven re-offence: ${supportedLabel.toLowerCase()} and ${comparisonLabel.toLowerCase()}`,
            description: `Kaplan-Meier curves of the share without a proven re-offence by days since the index date, up to 365 days. Median: ${supportedLabel.toLowerCase()} ${median(supported.median)}, ${comparisonLabel.toLowerCase()} ${median(comparison.median)}. The same figures are in the table below.`,
            xLabel: 'Days since the index date',
            yLabel: 'Without a proven re-offence',
            maxTime: 365,
            xTicks: [0, 91, 183, 274, 365],
          })
        : '',
      rows: supported.atDays.map((s, i) => ({ day: s.day, supported: shownShare(s), supportedAtRisk: count(s.atRisk), comparison: shownShare(comparison.atDays[i]!), comparisonAtRisk: count(comparison.atDays[i]!.atRisk) })),
      medianSupported: median(supported.median),
      medianComparison: median(comparison.median),
      people: { supported: count(supported.people), comparison: count(comparison.people) },
      chiSquare: logRank.chiSquare === null ? null : logRank.chiSquare.toFixed(2),
      p: pValue(logRank.pValue),
    },
  };
}

export async function outcomeMeasureRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/outcomes', { config: outcomeReaders }, async (request, reply) => {
    const actor = requireActor(request);
    const query = queryFields(request);
    const today = londonDate(services.clock.now());
    const defaultFrom = `${Number(today.slice(0, 4)) - 3}-01-01`;
    const errors: FieldErrors = {};
    const fieldIds: Record<string, string> = { comparison: 'comparison', service: 'service' };
    const from = readDateBoxes(query, 'from', 'First date of the period', errors, fieldIds, { optional: true }) ?? defaultFrom;
    const to = readDateBoxes(query, 'to', 'Last date of the period', errors, fieldIds, { optional: true }) ?? today;
    const comparison = query.comparison ?? DEFAULT_COMPARISON_GROUP;
    const serviceId = query.service ? query.service : null;
    let view: OutcomeMeasuresView | null = null;
    if (Object.keys(errors).length === 0) {
      try {
        view = await services.outcomeMeasures.view(actor, { serviceId, from, to, comparison }, originOf(request));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        Object.assign(errors, error.fieldErrors);
        if (error.fieldErrors.from) fieldIds.from = 'from-day';
        if (error.fieldErrors.to) fieldIds.to = 'to-day';
      }
    }
    const choices = await services.outcomeMeasures.servicesFor(actor);
    const hasErrors = Object.keys(errors).length > 0;
    const values = { ...dateBoxes('from', defaultFrom), ...dateBoxes('to', today), ...query };
    return reply.code(hasErrors ? 400 : 200).page('pages/outcomes/outcome-measures.njk', {
      title: 'Outcomes: engagement and re-offending',
      values,
      services: choices.map((s) => ({ value: s.id, text: s.name, selected: s.id === (view?.service.id ?? serviceId ?? actor.grant.serviceId) })),
      comparisons: COMPARISON_GROUPS.map((g) => ({ value: g, text: COMPARISON_GROUP_LABELS[g], hint: { text: COMPARISON_GROUP_DESCRIPTIONS[g] }, checked: g === (isComparisonGroup(comparison) ? comparison : DEFAULT_COMPARISON_GROUP) })),
      view,
      serviceName: view?.service.name ?? '',
      period: view ? `from ${longDate(view.from)} to ${longDate(view.to)}` : '',
      comparisonLabel: view ? COMPARISON_GROUP_LABELS[view.comparison] : '',
      comparisonDescription: view ? COMPARISON_GROUP_DESCRIPTIONS[view.comparison] : '',
      figures: view ? pageFigures(view) : null,
      footnote: view?.suppressed ? suppressionFootnote() : null,
      errors: hasErrors ? errors : null,
      errorList: errorSummary(errors, fieldIds),
    });
  });
}
