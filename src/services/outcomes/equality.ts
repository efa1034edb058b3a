// Equality monitoring: reach to women, each ethnic group, 18-24s, children and people with gang or exploitation concerns at each stage (referred, screened, assessed, supported, engaged at exit), so that disproportion at any step shows.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { REPORTING_AGE_BANDS } from '../../domain/age-bands.js';
import { addDays } from '../../domain/calendar-date.js';
import { compareConversion } from '../../domain/equality-comparison.js';
import { addStageCounts, EQUALITY_STAGES, EQUALITY_STAGE_LABELS, samePublishedRow, suppressFunnelFamily, type StageCounts } from '../../domain/equality-funnel.js';
import { ETHNIC_GROUPS, ethnicGroupOf } from '../../domain/ethnicity.js';
import { londonInstant } from '../../domain/london-time.js';
import { formatCount, suppressionFootnote, suppressRate, type SuppressedCell } from '../../domain/suppression.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import type { FiguresCache } from '../figures-cache.js';
import { createDashboard, type DashboardFilters, type ServiceChoice } from './dashboard.js';
import { ageBandSql } from './dashboard-queries.js';

/** One stage of one group: its count, its share of the group's referrals, and (after the first stage) its conversion from the stage before against everyone's. */
export type EqualityCell = {
  count: string;
  /** The count as a number for charts; null when hidden. */
  value: number | null;
  share: string;
  conversion: string;
  /** group conversion ÷ everyone's, as "0.85"; "No figure" or the marker when it cannot be given. */
  ratio: string;
  lower: boolean;
};

export type EqualityRow = { key: string; label: string; cells: EqualityCell[] };

export type EqualityView = {
  filters: DashboardFilters;
  services: ServiceChoice[];
  serviceName: string;
  suppressed: boolean;
  footnote: string | null;
  empty: boolean;
  stages: { key: string; label: string }[];
  rows: EqualityRow[];
};

/** Stage counts per group key, as counted in SQL: one entry per family partition value, and 'everyone'. */
type GroupedCounts = { dimension: 'ethnicity' | 'female' | 'band' | 'gang' | 'everyone'; key: string; counts: number[] };

const num = (v: unknown): number => Number(v ?? 0);
const pct = (v: number): string => `${Math.round(100 * v)}%`;

/**
 * Referrals in the period at each stage, grouped in SQL by ethnic category code, female or not, reporting age band
 * and gang or exploitation concern (grouping sets), and for everyone. Stages are nested: screened (a completed
 * screen), full assessment (and a completed assessment in the case opened from the referral), supported (and that
 * case's plan agreed), engaged at exit (and that case closed with an onward referral engaged at exit).
 */
async function stageCounts(db: Kysely<Database>, serviceIds: string[], start: Date, end: Date): Promise<GroupedCounts[]> {
  const ids = sql.join(serviceIds.map((id) => sql`${id}::uuid`));
  const result = await sql<Record<string, unknown>>`
    with f as (
      select coalesce(nullif(p.ethnicity_code, ''), '99') as ethnicity,
             (coalesce(p.sex, 'not_known') = 'female') as female,
             ${ageBandSql()} as band,
             exists (select 1 from screening s where s.referral_id = r.id and s.screening_status = 'completed'
                     and s.findings -> 'gangs_exploitation' ->> 'finding' in ('identified', 'suspected')) as gang,
             exists (select 1 from screening s where s.referral_id = r.id and s.screening_status = 'completed') as screened,
             c.assessed, c.supported, c.engaged
      from referral r
      left join person p on p.id = r.person_id
      left join lateral (
        select bool_or(a.done) as assessed, bool_or(a.done and k.plan_agreed_on is not null) as supported,
               bool_or(a.done and k.plan_agreed_on is not null and k.case_status = 'closed' and e.engaged) as engaged
        from case_episode k
        cross join lateral (select exists (select 1 from assessment x where x.case_id = k.id and x.assessment_status = 'completed') as done) a
        cross join lateral (select exists (select 1 from onward_referral o where o.case_id = k.id and o.exit_status = 'engaged') as engaged) e
        where k.referral_id = r.id
      ) c on true
      where r.service_id in (${ids}) and r.referred_at >= ${start} and r.referred_at < ${end}
    )
    select case when grouping(ethnicity) = 0 then 'ethnicity' when grouping(female) = 0 then 'female' when grouping(band) = 0 then 'band'
                when grouping(gang) = 0 then 'gang' else 'everyone' end as dimension,
           coalesce(ethnicity, female::text, band, gang::text, 'everyone') as key,
           count(*) as referred,
           count(*) filter (where screened) as screened,
           count(*) filter (where screened and coalesce(assessed, false)) as assessed,
           count(*) filter (where screened and coalesce(supported, false)) as supported,
           count(*) filter (where screened and coalesce(engaged, false)) as engaged
    from f
    group by grouping sets ((ethnicity), (female), (band), (gang), ())
  `.execute(db);
  return result.rows.map((r) => ({
    dimension: String(r.dimension) as GroupedCounts['dimension'],
    key: String(r.key),
    counts: [num(r.referred), num(r.screened), num(r.assessed), num(r.supported), num(r.engaged)],
  }));
}

const ZERO: StageCounts = EQUALITY_STAGES.map(() => 0);
const plainCell = (value: number): SuppressedCell => ({ value, suppressed: false, reason: null });
const hiddenCell: SuppressedCell = { value: null, suppressed: true, reason: 'secondary' };

/** The groups shown, each from its family (a partition of everyone) and the row of that family it is. */
type Family = { rows: { key: string; label: string; counts: StageCounts; shown: boolean }[] };

function families(grouped: GroupedCounts[]): Family[] {
  const of = (dimension: GroupedCounts['dimension'], key: string) => grouped.find((g) => g.dimension === dimension && g.key === key)?.counts ?? ZERO;
  const ethnic = new Map<string, StageCounts>(ETHNIC_GROUPS.map((g) => [g, ZERO]));
  for (const g of grouped.filter((x) => x.dimension === 'ethnicity')) {
    const group = ethnicGroupOf(g.key) ?? 'Not stated or not known';
    ethnic.set(group, addStageCounts([ethnic.get(group)!, g.counts]));
  }
  return [
    { rows: [{ key: 'women', label: 'Women', counts: of('female', 'true'), shown: true }, { key: 'not-women', label: '', counts: of('female', 'false'), shown: false }] },
    { rows: ETHNIC_GROUPS.map((g) => ({ key: `ethnic-${g}`, label: g, counts: ethnic.get(g)!, shown: true })) },
    {
      rows: REPORTING_AGE_BANDS.map((b) => ({
        key: b,
        label: b === 'young_adult' ? 'Young adults (18 to 24)' : b === 'child' ? 'Children (10 to 17)' : '',
        counts: of('band', b),
        shown: b === 'young_adult' || b === 'child',
      })).sort((a, b) => Number(b.key === 'young_adult') - Number(a.key === 'young_adult')),
    },
    { rows: [{ key: 'gangs', label: 'Gang or exploitation concern at screening', counts: of('gang', 'true'), shown: true }, { key: 'no-gangs', label: '', counts: of('gang', 'false'), shown: false }] },
  ];
}

/** The published rows: with `suppress`, each family through `suppressFunnelFamily`, everyone's from the ethnic groups (a family whose everyone row is published differently is hidden whole). */
function publish(fams: Family[], everyone: StageCounts, suppress: boolean): { rows: { key: string; label: string; counts: StageCounts; cells: SuppressedCell[] }[]; everyone: SuppressedCell[] } {
  if (!suppress) {
    return {
      rows: fams.flatMap((f) => f.rows.filter((r) => r.shown).map((r) => ({ key: r.key, label: r.label, counts: r.counts, cells: r.counts.map(plainCell) }))),
      everyone: everyone.map(plainCell),
    };
  }
  const results = fams.map((f) => suppressFunnelFamily(f.rows.map((r) => r.counts)));
  const everyoneCells = results[1]!.everyone;
  const rows = fams.flatMap((f, i) => {
    const consistent = samePublishedRow(results[i]!.everyone, everyoneCells);
    return f.rows.flatMap((r, j) => (r.shown ? [{ key: r.key, label: r.label, counts: r.counts, cells: consistent ? results[i]!.rows[j]! : r.counts.map(() => hiddenCell) }] : []));
  });
  return { rows, everyone: everyoneCells };
}

/** The shown cells of one row; `isEveryone` leaves out the comparison (everyone against everyone). */
function cellsOf(counts: StageCounts, cells: SuppressedCell[], all: StageCounts, allCells: SuppressedCell[], suppress: boolean, isEveryone = false): EqualityCell[] {
  return counts.map((value, k) => {
    const cell = cells[k]!;
    const rate = (top: number, topCell: SuppressedCell, bottom: number, bottomCell: SuppressedCell) => (suppress ? suppressRate(topCell, bottomCell) : { value: bottom === 0 ? null : top / bottom, suppressed: false });
    const share = rate(value, cell, counts[0]!, cells[0]!);
    const shareText = share.suppressed ? formatCount(hiddenCell) : share.value === null ? 'No figure' : pct(share.value);
    if (k === 0) return { count: formatCount(cell), value: cell.value, share: shareText, conversion: '', ratio: '', lower: false };
    const conversion = rate(value, cell, counts[k - 1]!, cells[k - 1]!);
    const allConversion = rate(all[k]!, allCells[k]!, all[k - 1]!, allCells[k - 1]!);
    const hidden = conversion.suppressed || allConversion.suppressed;
    const conversionText = conversion.suppressed ? formatCount(hiddenCell) : conversion.value === null ? 'No figure' : pct(conversion.value);
    if (isEveryone) return { count: formatCount(cell), value: cell.value, share: shareText, conversion: conversionText, ratio: '', lower: false };
    const compared = compareConversion(value, counts[k - 1]!, all[k]!, all[k - 1]!);
    return {
      count: formatCount(cell),
      value: cell.value,
      share: shareText,
      conversion: conversionText,
      ratio: hidden ? formatCount(hiddenCell) : compared.ratio === null ? 'No figure' : compared.ratio.toFixed(2),
      lower: !hidden && compared.lower === true,
    };
  });
}

export function createEquality(db: Kysely<Database>, clock: Clock, audit: AuditService, figures: FiguresCache) {
  // The same service choice and default period as the dashboard's.
  const dashboard = createDashboard(db, clock, audit, figures);

  /**
   * The equality table for a period and a service (or "all" the user's services), audited once as 'equality.viewed'
   * with the filters. Counts are of referrals made in the period. Suppressed (small numbers hidden, as on the dashboard)
   * unless the session acts in a team role and the user holds a team role in every service shown. Throws ForbiddenError
   * for a role that does not read the dashboard, ValidationError for dates that are not real or run backwards, and
   * NotFoundError (audited as 'equality.refused') for a service outside the user's grants.
   */
  async function view(actor: Actor, filters: DashboardFilters, origin: RequestOrigin): Promise<EqualityView> {
    const { services, chosen, serviceIds, suppressed } = await dashboard.scopeOf(actor, filters, origin, { page: 'equality monitoring', refused: 'equality.refused' });
    const grouped = await stageCounts(db, serviceIds, londonInstant(filters.from, { hours: 0, minutes: 0 }), londonInstant(addDays(filters.to, 1), { hours: 0, minutes: 0 }));
    await audit.record({ actor }, origin, { action: 'equality.viewed', subjectType: 'dashboard', detail: { from: filters.from, to: filters.to, serviceId: filters.serviceId, serviceIds, suppressed } });

    const everyone = grouped.find((g) => g.dimension === 'everyone')?.counts ?? ZERO;
    const published = publish(families(grouped), everyone, suppressed);
    return {
      filters,
      services,
      serviceName: filters.serviceId === 'all' ? 'All your services' : chosen[0]!.name,
      suppressed,
      footnote: suppressed ? suppressionFootnote() : null,
      empty: everyone[0] === 0,
      stages: EQUALITY_STAGES.map((s) => ({ key: s, label: EQUALITY_STAGE_LABELS[s] })),
      rows: [
        ...published.rows.map((r) => ({ key: r.key, label: r.label, cells: cellsOf(r.counts, r.cells, everyone, published.everyone, suppressed) })),
        { key: 'everyone', label: 'Everyone', cells: cellsOf(everyone, published.everyone, everyone, published.everyone, suppressed, true) },
      ],
    };
  }

  return { view, grantedServices: dashboard.grantedServices, defaultFilters: dashboard.defaultFilters };
}

export type Equality = ReturnType<typeof createEquality>;
