// The kinds of place an L&D team works.
export const SITE_KINDS = [
  'custody_suite',
  'police_station',
  'magistrates_court',
  'youth_court',
  'crown_court',
  'community_base',
] as const;

export type SiteKind = (typeof SITE_KINDS)[number];

export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  custody_suite: 'Custody suite',
  police_station: 'Police station (voluntary attendance)',
  magistrates_court: "Magistrates' court",
  youth_court: 'Youth court',
  crown_court: 'Crown court',
  community_base: 'Community base',
};

export const isSiteKind = (value: unknown): value is SiteKind =>
  typeof value === 'string' && (SITE_KINDS as readonly string[]).includes(value);

/** Courts, as distinct from police settings: court lists apply to these. */
export const isCourt = (kind: SiteKind): boolean =>
  kind === 'magistrates_court' || kind === 'youth_court' || kind === 'crown_court';
