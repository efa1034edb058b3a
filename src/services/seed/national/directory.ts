// The national demo profile's directory: 26 all-age services over invented areas (as in the national roll-out's 26
// schemes), about 200 custody suites, police stations and courts, eight partner organisations per service, and a team
// manager, practitioners (by the area's size), a support worker and a commissioner per service, with one commissioner of all 26.
// Every name is invented; phone numbers are from Ofcom's drama range (0114 496 0xxx); email addresses at example.org.
import type { Pathway } from '../../../domain/pathways.js';
import type { SiteKind } from '../../../domain/site-kinds.js';
import type { PartnerSeed, Profile, ServiceSeed, SiteSeed, UserSeed } from '../profiles.js';

/** Invented area names, and each area's relative size (people covered): a larger area sees more referrals. */
export const NATIONAL_AREAS: ReadonlyArray<{ code: string; name: string; weight: number }> = [
  { code: 'ashby-fells', name: 'Ashby Fells', weight: 1.4 }, { code: 'brackenmoor', name: 'Brackenmoor', weight: 0.8 },
  { code: 'carrow-dale', name: 'Carrow Dale', weight: 1.0 }, { code: 'dunholm-vale', name: 'Dunholm Vale', weight: 1.2 },
  { code: 'eastwold', name: 'Eastwold', weight: 0.7 }, { code: 'fenbridge', name: 'Fenbridge', weight: 0.9 },
  { code: 'greyhaven', name: 'Greyhaven', weight: 1.6 }, { code: 'harrowmere', name: 'Harrowmere', weight: 1.1 },
  { code: 'ironside', name: 'Ironside', weight: 1.3 }, { code: 'kestrel-coast', name: 'Kestrel Coast', weight: 0.6 },
  { code: 'larkfield', name: 'Larkfield', weight: 0.9 }, { code: 'marrowby', name: 'Marrowby', weight: 1.0 },
  { code: 'northwater-vale', name: 'Northwater Vale', weight: 1.2 }, { code: 'oakenshaw', name: 'Oakenshaw', weight: 0.8 },
  { code: 'pellow-downs', name: 'Pellow Downs', weight: 0.7 }, { code: 'quarry-hills', name: 'Quarry Hills', weight: 1.0 },
  { code: 'redmarsh', name: 'Redmarsh', weight: 1.5 }, { code: 'saltmere', name: 'Saltmere', weight: 0.9 },
  { code: 'thornbury-weald', name: 'Thornbury Weald', weight: 1.1 }, { code: 'upperdale', name: 'Upperdale', weight: 0.6 },
  { code: 'vantage-bay', name: 'Vantage Bay', weight: 1.0 }, { code: 'westmarch', name: 'Westmarch', weight: 1.3 },
  { code: 'wrenford', name: 'Wrenford', weight: 0.8 }, { code: 'yarrowgate', name: 'Yarrowgate', weight: 1.0 },
  { code: 'zennor-reach', name: 'Zennor Reach', weight: 0.7 }, { code: 'blackwater-cross', name: 'Blackwater Cross', weight: 1.4 },
];

const STREETS = ['High Street', 'Station Road', 'Mill Lane', 'Church Street', 'Market Place', 'Bridge Street', 'Castle Road', 'Victoria Street'];

/** Sites of the i-th area: 2 to 4 custody suites, 1 or 2 police stations, 1 or 2 magistrates' courts, a youth court, most a Crown court, half a community base. */
function sitesOf(i: number, area: string, prefix: string): SiteSeed[] {
  const sites: SiteSeed[] = [];
  const add = (kind: SiteKind, tag: string, n: number, name: string, minutes: number) =>
    sites.push({ code: `${prefix}-${tag}${n}`, name, siteKind: kind, address: `${STREETS[(i + sites.length) % STREETS.length]}, ${area}`, responseTargetMinutes: minutes });
  const towns = ['Central', 'North', 'South', 'East'];
  for (let n = 1; n <= 2 + (i % 3); n++) add('custody_suite', 'CS', n, `${area} ${towns[n - 1]} custody suite`, n === 1 ? 45 : 60);
  for (let n = 1; n <= 1 + (i % 3 === 0 ? 1 : 0); n++) add('police_station', 'PS', n, `${area} ${towns[n]} police station`, 60);
  for (let n = 1; n <= 1 + ((i + 1) % 2); n++) add('magistrates_court', 'MC', n, `${area} ${n === 1 ? '' : 'North '}Magistrates' Court`.replace('  ', ' '), 60);
  add('youth_court', 'YC', 1, `${area} Youth Court`, 45);
  if (i % 4 !== 3) add('crown_court', 'CC', 1, `${area} Crown Court`, 90);
  if (i % 2 === 0) add('community_base', 'CB', 1, `${area} community base`, 240);
  return sites;
}

const PARTNERS: ReadonlyArray<[string, Pathway, number]> = [
  ['CAMHS', 'camhs', 42], ['Community Mental Health Team', 'adult_mental_health', 28], ['Drug and Alcohol Service', 'substance_misuse', 7],
  ['Speech and Language Therapy', 'speech_and_language', 56], ["Women's Centre", 'womens_centre', 3], ['Housing Advice', 'housing', 14],
  ['Debt and Money Advice', 'debt_advice', 10], ['Restorative Justice Volunteers', 'restorative_justice', 14],
];

function partnersOf(i: number, area: string, code: string): PartnerSeed[] {
  return PARTNERS.map(([kind, pathway, wait], j) => ({
    name: `${area} ${kind}`,
    pathway,
    contactName: 'Referrals team',
    contactPhone: `0114 496 0${String(i * 8 + j + 100).padStart(3, '0')}`,
    contactEmail: `${code}.${pathway.replace(/_/g, '-')}@example.org`,
    typicalWaitDays: wait + (i % 5),
  }));
}

const GIVEN = ['Amira', 'Bethan', 'Corin', 'Delphine', 'Eamon', 'Folake', 'Gideon', 'Hollis', 'Ines', 'Jarrah', 'Kofi', 'Linnea', 'Mathias', 'Niamh', 'Orla', 'Piotr', 'Rhiannon', 'Soren', 'Tamsin', 'Ulric', 'Vesna', 'Wilf', 'Yasmin', 'Zeb'];
const FAMILY = ['Ashdown', 'Brightwell', 'Coldwell', 'Dearlove', 'Eastham', 'Fairweather', 'Goodchild', 'Hartigan', 'Inchbald', 'Jessop', 'Kettleborough', 'Lightfoot', 'Merriweather', 'Nettleship', 'Oddie', 'Penhaligon', 'Quennell', 'Rudge', 'Sowerby', 'Trelawney', 'Underhill', 'Verity', 'Winterbottom', 'Yeardley'];
/** 24 given names by 24 family names: 576 different people before a name comes round again. */
const personName = (k: number) => `${GIVEN[k % GIVEN.length]} ${FAMILY[Math.floor(k / GIVEN.length) % FAMILY.length]}`;
const emailOf = (name: string, k: number) => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${k}@example.org`;

/**
 * Practitioners for each unit of an area's weight. At national volume a service of weight 1 has about 380 cases open
 * at once (a 12-week case, about 1,900 cases a year), and a practitioner carries 20 to 40: about 30 each with 13.
 */
export const PRACTITIONERS_PER_WEIGHT = 13;
const PRACTITIONER_TITLES = ['Mental health nurse', 'Youth justice practitioner', 'Learning disability nurse', 'Speech and language therapist', 'Substance misuse worker', 'Social worker'];

/** How many practitioners an area of this weight has: at least three. */
export const practitionersFor = (weight: number): number => Math.max(3, Math.round(weight * PRACTITIONERS_PER_WEIGHT));

/** The users of one service: a team manager, its practitioners (by the area's weight), a support worker and a commissioner, with numbered usernames; `k` numbers people across services. */
function teamOf(service: ServiceSeed, weight: number, k: number): UserSeed[] {
  const roles: Array<[string, UserSeed['grants'][number]['role'], string]> = [
    ['manager', 'team_manager', 'Liaison and Diversion team manager'],
    ...Array.from({ length: practitionersFor(weight) }, (_, n) => [`practitioner${n + 1}`, 'practitioner', PRACTITIONER_TITLES[n % PRACTITIONER_TITLES.length]!] as [string, 'practitioner', string]),
    ['support', 'support_worker', 'Support worker'], ['commissioner', 'commissioner', 'Health and justice commissioning manager'],
  ];
  return roles.map(([suffix, role, jobTitle], j) => {
    const displayName = personName(k + j);
    return { username: `${service.code}.${suffix}`, displayName, jobTitle, email: emailOf(displayName, k + j), grants: [{ role, service: service.code }] };
  });
}

/** Every service's team, numbered one after another. */
function teams(services: ServiceSeed[]): UserSeed[] {
  let k = 100;
  return services.flatMap((service, i) => {
    const team = teamOf(service, NATIONAL_AREAS[i]!.weight, k);
    k += team.length;
    return team;
  });
}

/** The 26 services of the national profile, with their sites and partner organisations. */
export function nationalServices(): ServiceSeed[] {
  return NATIONAL_AREAS.map((area, i) => ({
    code: area.code,
    name: `${area.name} Liaison and Diversion Service`,
    provider: `${area.name} Health and Care NHS Trust (demo)`,
    commissioner: `NHS England Health and Justice, region ${1 + (i % 7)} (demo)`,
    contactEmail: `${area.code}.ld@example.org`,
    sites: sitesOf(i, area.name, `N${String(i + 1).padStart(2, '0')}`),
    partners: partnersOf(i, area.name, area.code),
  }));
}

/** The national profile: the directory above, the demo accounts of every role in the first service, each service's team, and a commissioner of all 26. */
export function nationalProfile(): Profile {
  const services = nationalServices();
  const first = services[0]!;
  const custody = first.sites.find((s) => s.siteKind === 'custody_suite')!;
  const court = first.sites.find((s) => s.siteKind === 'magistrates_court')!;
  const u = (username: string, displayName: string, jobTitle: string, grants: UserSeed['grants'], extra: Partial<UserSeed> = {}): UserSeed =>
    ({ username, displayName, jobTitle, email: emailOf(displayName, 1), grants, ...extra });
  const users: UserSeed[] = [
    u('admin', 'Gwendolyn Shard', 'Systems administrator', [{ role: 'administrator', service: null }]),
    u('practitioner', 'Hester Okonjo', 'Mental health nurse', [{ role: 'practitioner', service: first.code }]),
    u('secure', 'Barnaby Quist', 'Mental health nurse (second factor demo)', [{ role: 'practitioner', service: first.code }], { totpRequired: true }),
    u('manager', 'Josephine Barrowclough', 'Liaison and Diversion team manager', [{ role: 'team_manager', service: first.code }, { role: 'team_manager', service: services[1]!.code }]),
    u('support', 'Cormac Fitton', 'Support worker', [{ role: 'support_worker', service: first.code }]),
    u('custody-officer', 'Lorcan Hebden', 'Custody sergeant', [{ role: 'custody_court_staff', service: first.code, site: custody.code }]),
    u('court', 'Prudence Amankwah', 'Legal adviser', [{ role: 'custody_court_staff', service: first.code, site: court.code }]),
    u('partner', 'Freya Greenhalgh', 'CAMHS clinician', [{ role: 'partner_worker', service: first.code, partner: first.partners[0]!.name }]),
    u('partner.second', 'Tobias Ellingham', `Worker at ${first.partners[1]!.name}`, [{ role: 'partner_worker', service: first.code, partner: first.partners[1]!.name }]),
    u('volunteer', 'Horace Bramley', 'Restorative justice volunteer', [{ role: 'volunteer', service: first.code }]),
    u('commissioner', 'Meenal Chowdhury', 'National health and justice commissioning lead', services.map((s) => ({ role: 'commissioner' as const, service: s.code }))),
    ...teams(services),
  ];
  return {
    name: 'national',
    title: 'National roll-out: 26 services with five years of activity',
    description:
      'Twenty-six all-age Liaison and Diversion services over invented areas, about 200 custody suites, police stations and courts, ' +
      'and five years of synthetic activity at national roll-out volumes (set the scale with --scale).',
    services,
    users,
  };
}
