// The vocabulary of bulk synthetic referrals: weighted names, ethnic categories, languages, offences,
// urgencies, reasons for concern, and the sources and custody statuses each kind of site sees.
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from './names.js';
import { expand, weighted } from './sql-kit.js';

/** Zipf-like weights (1 / (rank + 25)): about 1.5% Smith, 0.1% Smyth. */
export const FAMILY = weighted(FAMILY_NAMES.map((n, i) => [n, 1 / (i + 25)]), 40_000);
export const MALE = weighted(MALE_GIVEN_NAMES.map((n, i) => [n, 1 / (i + 40)]), 20_000);
export const FEMALE = weighted(FEMALE_GIVEN_NAMES.map((n, i) => [n, 1 / (i + 40)]), 20_000);

export const ETHNICITY = weighted(
  [['A', 66], ['B', 1], ['C', 5], ['D', 2], ['E', 0.5], ['F', 1], ['G', 1], ['H', 2], ['J', 9], ['K', 1], ['L', 1], ['M', 1.5], ['N', 1.5], ['P', 1], ['R', 0.5], ['S', 1], ['Z', 2], ['99', 3]],
  200,
);
export const LANGUAGES = weighted([['English', 90], ['Urdu', 3], ['Polish', 3], ['Romanian', 2], ['Punjabi', 1], ['Arabic', 1]], 100);
export const OFFENCES = weighted(
  [['violence', 24], ['sexual', 4], ['robbery', 4], ['theft', 16], ['criminal_damage', 9], ['drugs', 10], ['weapons', 4], ['public_order', 9], ['fraud', 2], ['motoring', 5], ['breach', 7], ['other', 4], ['not_known', 2]],
  100,
);
export const URGENCY = weighted([['routine', 76], ['urgent', 20], ['immediate', 4]], 100);

/** Reasons for concern, as custody and court staff write them. */
export const REASONS = [
  'Says he hears voices telling him he is being watched; not eating.',
  'Tearful and withdrawn in the cell, superficial cuts to both forearms seen at booking in.',
  'Detainee told the custody nurse she has a learning disability and did not understand her rights.',
  'Appears confused; struggles to follow what is said. Possible head injury last year.',
  'Withdrawing from alcohol; shaking and sweating. Says he drinks two litres of cider a day.',
  'Known to the mental health team; has not been taking medication since losing his flat.',
  'Very agitated, shouting at staff, says people are after him.',
  'Young person seems much younger than their age and cannot explain what happened.',
  'Mother says he has autism and is frightened by noise; he is rocking in the cell.',
  'Says she has nowhere to live after release and is sleeping in her car.',
  'Disclosed thoughts of ending her life at the booking-in risk assessment.',
  'Solicitor is worried about his ability to take part in interview.',
  'On the court list: previously known to the service, flagged for vulnerability.',
  'Heroin user on a methadone script; missed two doses while in custody.',
  'Veteran; talks about nightmares and not sleeping since leaving the army.',
];

/** How many referrals each kind of site sees, relatively. */
export const SITE_WEIGHT: Record<string, number> = {
  custody_suite: 45, police_station: 14, magistrates_court: 22, youth_court: 4, crown_court: 5, community_base: 4,
};

/** Twenty slots of referral sources for a kind of site. */
export function sourcesFor(kind: string): string[] {
  if (kind === 'custody_suite' || kind === 'police_station')
    return expand([['custody_staff', 68], ['list_check', 12], ['solicitor', 8], ['health', 5], ['family', 3], ['self', 2], ['probation', 2]], 20);
  if (kind === 'youth_court') return expand([['court_staff', 45], ['youth_justice', 35], ['solicitor', 10], ['list_check', 10]], 20);
  if (kind === 'community_base') return expand([['self', 25], ['family', 15], ['health', 30], ['probation', 30]], 20);
  return expand([['court_staff', 55], ['list_check', 15], ['solicitor', 15], ['probation', 15]], 20);
}

/** Twenty slots of custody statuses for a kind of site. */
export function custodyStatusesFor(kind: string): string[] {
  if (kind === 'custody_suite') return expand([['in_custody', 90], ['voluntary_attendance', 10]], 20);
  if (kind === 'police_station') return expand([['in_custody', 60], ['voluntary_attendance', 40]], 20);
  if (kind === 'community_base') return expand([['bailed', 50], ['voluntary_attendance', 50]], 20);
  return expand([['at_court', 80], ['bailed', 20]], 20);
}


/** The referrer's role, in SQL, from the referral source column `src`. */
export const REFERRER_SQL = (src: string) => `case ${src}
    when 'custody_staff' then 'Custody sergeant' when 'court_staff' then 'Legal adviser' when 'solicitor' then 'Duty solicitor'
    when 'probation' then 'Probation officer' when 'youth_justice' then 'Youth justice worker' when 'health' then 'GP'
    when 'family' then 'Mother' when 'self' then 'Self' else 'L&D practitioner' end`;
