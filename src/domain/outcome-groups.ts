// The groups whose proven re-offending is compared: the people the service supported, and a comparison group the
// user chooses from a fixed list. Each person belongs to one group at most, so the two groups are independent.

/** The comparison groups a user may choose, in the order offered. */
export const COMPARISON_GROUPS = ['screened_not_supported', 'supported_disengaged'] as const;
export type ComparisonGroup = (typeof COMPARISON_GROUPS)[number];

export const DEFAULT_COMPARISON_GROUP: ComparisonGroup = 'screened_not_supported';

export const COMPARISON_GROUP_LABELS: Record<ComparisonGroup, string> = {
  screened_not_supported: 'Screened, not supported',
  supported_disengaged: 'Supported but disengaged',
};

export const COMPARISON_GROUP_DESCRIPTIONS: Record<ComparisonGroup, string> = {
  screened_not_supported:
    'People whose screen was completed but who were never supported: no case was opened, or no support plan was agreed. Their index date is the date of the screened referral.',
  supported_disengaged:
    'People whose case was closed because they disengaged. Their index date is the date of the referral that opened that case; they are left out of the supported group.',
};

/** True when the text names one of the fixed comparison groups. */
export function isComparisonGroup(value: string): value is ComparisonGroup {
  return (COMPARISON_GROUPS as readonly string[]).includes(value);
}

/**
 * One referral's path through the service as the groups see it: the London date of the referral, whether its
 * screen was completed, whether a case it opened had its support plan agreed, and whether that case was closed
 * because the person disengaged.
 */
export type ReferralPath = { personId: string; referredOn: string; screened: boolean; planAgreed: boolean; closedDisengaged: boolean };

/** A person in a group, with the index date their follow-up counts from. */
export type GroupMember = { personId: string; indexDate: string };

export type Groups = { supported: GroupMember[]; comparison: GroupMember[] };

/** Earliest path per person among those kept, as group members sorted by index date then person. */
function earliest(paths: readonly ReferralPath[], keep: (p: ReferralPath) => boolean, exclude: ReadonlySet<string>): GroupMember[] {
  const first = new Map<string, string>();
  for (const p of paths) {
    if (!keep(p) || exclude.has(p.personId)) continue;
    const held = first.get(p.personId);
    if (held === undefined || p.referredOn < held) first.set(p.personId, p.referredOn);
  }
  return [...first.entries()]
    .map(([personId, indexDate]) => ({ personId, indexDate }))
    .sort((a, b) => a.indexDate.localeCompare(b.indexDate) || a.personId.localeCompare(b.personId));
}

/**
 * Places each person in the supported group, the chosen comparison group, or neither, once, at their earliest
 * qualifying referral (the first eligible event, as in the Ministry of Justice's proven re-offending cohorts).
 * - Supported: a case whose support plan was agreed; index date = the date of the referral that opened it.
 * - 'screened_not_supported': a completed screen on a referral that led to no case with an agreed plan, for a
 *   person never supported (supported takes precedence); index date = the screened referral's date.
 * - 'supported_disengaged': a case closed as disengaged; such a person is taken out of the supported group
 *   (the comparison takes precedence), so that no one is counted in both.
 * Returns both groups sorted by index date.
 */
export function assignGroups(paths: readonly ReferralPath[], comparison: ComparisonGroup): Groups {
  if (comparison === 'screened_not_supported') {
    const supported = earliest(paths, (p) => p.planAgreed, new Set());
    const supportedIds = new Set(supported.map((m) => m.personId));
    return { supported, comparison: earliest(paths, (p) => p.screened && !p.planAgreed, supportedIds) };
  }
  const disengaged = earliest(paths, (p) => p.closedDisengaged, new Set());
  const disengagedIds = new Set(disengaged.map((m) => m.personId));
  return { supported: earliest(paths, (p) => p.planAgreed, disengagedIds), comparison: disengaged };
}
