// NHS ethnic category codes (NHS Data Dictionary "Ethnic category", from the 2001 census) and the groups they report under.

export const ETHNIC_GROUPS = [
  'White',
  'Mixed',
  'Asian or Asian British',
  'Black or Black British',
  'Other ethnic groups',
  'Not stated or not known',
] as const;

export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];

/**
 * In the order of the Data Dictionary. Z "Not stated": the person was asked and chose not to
 * say. 99 "Not known": the person was not asked, or could not be.
 */
export const ETHNIC_CATEGORIES = [
  { code: 'A', label: 'British', group: 'White' },
  { code: 'B', label: 'Irish', group: 'White' },
  { code: 'C', label: 'Any other White background', group: 'White' },
  { code: 'D', label: 'White and Black Caribbean', group: 'Mixed' },
  { code: 'E', label: 'White and Black African', group: 'Mixed' },
  { code: 'F', label: 'White and Asian', group: 'Mixed' },
  { code: 'G', label: 'Any other mixed background', group: 'Mixed' },
  { code: 'H', label: 'Indian', group: 'Asian or Asian British' },
  { code: 'J', label: 'Pakistani', group: 'Asian or Asian British' },
  { code: 'K', label: 'Bangladeshi', group: 'Asian or Asian British' },
  { code: 'L', label: 'Any other Asian background', group: 'Asian or Asian British' },
  { code: 'M', label: 'Caribbean', group: 'Black or Black British' },
  { code: 'N', label: 'African', group: 'Black or Black British' },
  { code: 'P', label: 'Any other Black background', group: 'Black or Black British' },
  { code: 'R', label: 'Chinese', group: 'Other ethnic groups' },
  { code: 'S', label: 'Any other ethnic group', group: 'Other ethnic groups' },
  { code: 'Z', label: 'Not stated', group: 'Not stated or not known' },
  { code: '99', label: 'Not known', group: 'Not stated or not known' },
] as const satisfies ReadonlyArray<{ code: string; label: string; group: EthnicGroup }>;

export type EthnicCategory = (typeof ETHNIC_CATEGORIES)[number];
export type EthnicCategoryCode = EthnicCategory['code'];

const BY_CODE: ReadonlyMap<string, EthnicCategory> = new Map(ETHNIC_CATEGORIES.map((c) => [c.code, c]));

export const isEthnicCategory = (value: unknown): value is EthnicCategoryCode =>
  typeof value === 'string' && BY_CODE.has(value);

/** The reporting group of a code, or null for a code that is not an ethnic category. */
export function ethnicGroupOf(code: string): EthnicGroup | null {
  return BY_CODE.get(code)?.group ?? null;
}

/** "White: British", "Black or Black British: African"; just "Not stated" or "Not known" for Z and 99. Null for an unknown code. */
export function describeEthnicCategory(code: string): string | null {
  const category = BY_CODE.get(code);
  if (category === undefined) return null;
  return category.group === 'Not stated or not known' ? category.label : `${category.group}: ${category.label}`;
}
