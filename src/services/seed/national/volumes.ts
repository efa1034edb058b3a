// How much synthetic activity the national profile makes: five years at the national roll-out's volumes, scaled.

/** The first 10 schemes of the national roll-out saw 16,315 adult and 2,450 children's cases in their first 12 months. */
export const FIRST_TEN_SCHEMES = { adultCases: 16_315, childrenCases: 2_450, schemes: 10 } as const;
/** The national roll-out's number of schemes. */
export const NATIONAL_SCHEMES = 26;
export const NATIONAL_YEARS = 5;
/** Share of referrals that the screen sends to full assessment, each opening a case. */
export const CASE_SHARE = 0.45;
/** People per referral: some people are referred again and again over five years. */
export const PEOPLE_PER_REFERRAL = 0.6;

export type NationalVolumes = { scale: number; casesPerYear: number; childrenShare: number; referrals: number; people: number; expectedCases: number };

/**
 * The volumes for a scale factor (1 = national): cases a year are the first ten schemes' cases per scheme times 26
 * schemes (about 48,800, 13% of them children's); referrals are five years of those cases over the share of referrals
 * that become cases; people are fewer than referrals. Counts are rounded, and at least one of each.
 */
export function nationalVolumes(scale: number): NationalVolumes {
  if (!Number.isFinite(scale) || scale <= 0 || scale > 2) throw new RangeError('The scale must be a number above 0 and at most 2 (1 is national volume)');
  const perScheme = (FIRST_TEN_SCHEMES.adultCases + FIRST_TEN_SCHEMES.childrenCases) / FIRST_TEN_SCHEMES.schemes;
  const casesPerYear = Math.round(perScheme * NATIONAL_SCHEMES);
  const childrenShare = FIRST_TEN_SCHEMES.childrenCases / (FIRST_TEN_SCHEMES.adultCases + FIRST_TEN_SCHEMES.childrenCases);
  const expectedCases = Math.max(1, Math.round(casesPerYear * NATIONAL_YEARS * scale));
  const referrals = Math.max(1, Math.round(expectedCases / CASE_SHARE));
  const people = Math.max(1, Math.round(referrals * PEOPLE_PER_REFERRAL));
  return { scale, casesPerYear, childrenShare, referrals, people, expectedCases };
}

/**
 * Splits `total` people into consecutive ranges (1-based, [from, from + count)) in proportion to the weights, by the
 * largest remainder method (Hamilton's), so the counts add up to the total exactly; each range has at least one person
 * when the total allows it.
 */
export function shareOut(total: number, weights: readonly number[]): Array<{ from: number; count: number }> {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || !(sum > 0)) throw new RangeError('Give at least one positive weight');
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) counts[order[k % order.length]![1]]! += 1;
  if (total >= weights.length) {
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] === 0) {
        const richest = counts.indexOf(Math.max(...counts));
        counts[richest]! -= 1;
        counts[i] = 1;
      }
    }
  }
  let from = 1;
  return counts.map((count) => {
    const range = { from, count };
    from += count;
    return range;
  });
}
