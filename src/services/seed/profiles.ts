// Demo data for a new installation: services, sites, partner organisations and an account for
// every role. Every name, number and address here is invented. Phone numbers are from Ofcom's
// ranges kept for drama (0113 496 0xxx, 020 7946 0xxx); email addresses are at example.org.
import { checkPassword } from '../../domain/password-policy.js';
import type { Pathway } from '../../domain/pathways.js';
import { ROLES, ROLE_SCOPE, type Role } from '../../domain/roles.js';
import type { SiteKind } from '../../domain/site-kinds.js';
import { nationalProfile } from './national/directory.js';

/** The one password of every demo account: for trying the system out, never for real use. */
export const DEMO_PASSWORD = 'custody-suite-demo-2026';

export type SiteSeed = {
  code: string;
  name: string;
  siteKind: SiteKind;
  address: string;
  responseTargetMinutes: number;
};

export type PartnerSeed = {
  name: string;
  pathway: Pathway;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  typicalWaitDays: number;
};

export type ServiceSeed = {
  code: string;
  name: string;
  provider: string;
  commissioner: string;
  contactEmail: string;
  sites: SiteSeed[];
  partners: PartnerSeed[];
};

/** A role for a demo user: the service by code (null only for an installation administrator), the site by code, the partner by name. */
export type GrantSeed = {
  role: Role;
  service: string | null;
  site?: string;
  partner?: string;
};

export type UserSeed = {
  username: string;
  displayName: string;
  jobTitle: string;
  email: string;
  totpRequired?: boolean;
  grants: GrantSeed[];
};

export type Profile = {
  name: string;
  title: string;
  description: string;
  services: ServiceSeed[];
  users: UserSeed[];
};

const COMMISSIONER = 'Regional Health and Justice commissioner (demo)';

// ---------------------------------------------------------------------------------------------
// west-yorkshire: three neighbouring all-age services, one council team based at a police HQ.
// ---------------------------------------------------------------------------------------------

const WY_PROVIDER = 'Calder Vale Council: joint Liaison and Diversion team, Laburnum Road police HQ';
const HQ_CUSTODY = { name: 'Laburnum Road police HQ custody suite', address: 'Police HQ, Laburnum Road, Calder Vale' };

/** Organisations that work across all three areas: each service keeps its own directory entry. */
const WY_REGIONAL_PARTNERS: PartnerSeed[] = [
  { name: "Pennine Women's Centre", pathway: 'womens_centre', contactName: 'Drop-in coordinator', contactPhone: '0113 496 0901', contactEmail: 'pennine.womens.centre@example.org', typicalWaitDays: 3 },
  { name: 'Westgate Housing Advice', pathway: 'housing', contactName: 'Housing options duty officer', contactPhone: '0113 496 0902', contactEmail: 'westgate.housing@example.org', typicalWaitDays: 14 },
  { name: 'Clearway Debt and Money Advice', pathway: 'debt_advice', contactName: 'Intake team', contactPhone: '0113 496 0903', contactEmail: 'clearway.money@example.org', typicalWaitDays: 10 },
  { name: 'Stonebridge Domestic Abuse Service', pathway: 'domestic_abuse', contactName: 'Referrals line', contactPhone: '0113 496 0904', contactEmail: 'stonebridge.da@example.org', typicalWaitDays: 5 },
  { name: 'Knit Together Restorative Justice Volunteers', pathway: 'restorative_justice', contactName: 'Volunteer coordinator', contactPhone: '0113 496 0905', contactEmail: 'knit.together.rj@example.org', typicalWaitDays: 14 },
];

const westYorkshire: Profile = {
  name: 'west-yorkshire',
  title: 'West Yorkshire style: three neighbouring all-age services',
  description:
    'Three neighbouring council areas served by one all-age Liaison and Diversion team based at a police HQ, ' +
    'each area with its own sites, partner directory and cases.',
  services: [
    {
      code: 'calder-vale',
      name: 'Calder Vale Liaison and Diversion Service',
      provider: WY_PROVIDER,
      commissioner: COMMISSIONER,
      contactEmail: 'calder-vale.ld@example.org',
      sites: [
        { code: 'CV-CS1', name: HQ_CUSTODY.name, siteKind: 'custody_suite', address: HQ_CUSTODY.address, responseTargetMinutes: 45 },
        { code: 'CV-PS1', name: 'Mill Lane police station', siteKind: 'police_station', address: 'Mill Lane, Calder Vale', responseTargetMinutes: 60 },
        { code: 'CV-MC1', name: "Calder Vale Magistrates' Court", siteKind: 'magistrates_court', address: 'Court House Square, Calder Vale', responseTargetMinutes: 60 },
        { code: 'CV-YC1', name: 'Calder Vale Youth Court', siteKind: 'youth_court', address: 'Court House Square, Calder Vale', responseTargetMinutes: 45 },
        { code: 'CV-CB1', name: 'Hebble Yard community base', siteKind: 'community_base', address: 'Unit 4, Hebble Yard, Calder Vale', responseTargetMinutes: 240 },
      ],
      partners: [
        { name: 'Calder Vale CAMHS', pathway: 'camhs', contactName: 'Single point of access', contactPhone: '0113 496 0101', contactEmail: 'calder-vale.camhs@example.org', typicalWaitDays: 42 },
        { name: 'Calder Vale Community Mental Health Team', pathway: 'adult_mental_health', contactName: 'Duty worker', contactPhone: '0113 496 0102', contactEmail: 'calder-vale.cmht@example.org', typicalWaitDays: 28 },
        { name: 'Calder Vale Recovery Hub', pathway: 'substance_misuse', contactName: 'Open access team', contactPhone: '0113 496 0103', contactEmail: 'calder-vale.recovery@example.org', typicalWaitDays: 7 },
        { name: 'Calder Vale Speech and Language Therapy', pathway: 'speech_and_language', contactName: 'Youth justice SLT lead', contactPhone: '0113 496 0104', contactEmail: 'calder-vale.slt@example.org', typicalWaitDays: 56 },
        { name: 'Calder Vale Skills and Work Hub', pathway: 'education_employment', contactName: 'Careers adviser', contactPhone: '0113 496 0105', contactEmail: 'calder-vale.skills@example.org', typicalWaitDays: 21 },
        ...WY_REGIONAL_PARTNERS,
      ],
    },
    {
      code: 'five-towns',
      name: 'Five Towns Liaison and Diversion Service',
      provider: WY_PROVIDER,
      commissioner: COMMISSIONER,
      contactEmail: 'five-towns.ld@example.org',
      sites: [
        { code: 'FT-CS1', name: HQ_CUSTODY.name, siteKind: 'custody_suite', address: HQ_CUSTODY.address, responseTargetMinutes: 45 },
        { code: 'FT-PS1', name: 'Aire Bridge police station', siteKind: 'police_station', address: 'Bridge Street, Aire Bridge', responseTargetMinutes: 60 },
        { code: 'FT-MC1', name: "Five Towns Magistrates' Court", siteKind: 'magistrates_court', address: 'Ropergate, Five Towns', responseTargetMinutes: 60 },
        { code: 'FT-CC1', name: 'Five Towns Crown Court', siteKind: 'crown_court', address: 'Wood Street, Five Towns', responseTargetMinutes: 90 },
        { code: 'FT-CB1', name: 'Ropewalk community base', siteKind: 'community_base', address: '12 Ropewalk, Five Towns', responseTargetMinutes: 240 },
      ],
      partners: [
        { name: 'Five Towns CAMHS', pathway: 'camhs', contactName: 'Single point of access', contactPhone: '0113 496 0201', contactEmail: 'five-towns.camhs@example.org', typicalWaitDays: 49 },
        { name: 'Five Towns Community Mental Health Team', pathway: 'adult_mental_health', contactName: 'Duty worker', contactPhone: '0113 496 0202', contactEmail: 'five-towns.cmht@example.org', typicalWaitDays: 35 },
        { name: 'Five Towns Drug and Alcohol Service', pathway: 'substance_misuse', contactName: 'Assessment team', contactPhone: '0113 496 0203', contactEmail: 'five-towns.drugs.alcohol@example.org', typicalWaitDays: 5 },
        { name: 'Five Towns Speech and Language Therapy', pathway: 'speech_and_language', contactName: 'Referrals coordinator', contactPhone: '0113 496 0204', contactEmail: 'five-towns.slt@example.org', typicalWaitDays: 63 },
        { name: 'Five Towns Learning and Work Centre', pathway: 'education_employment', contactName: 'Employment coach', contactPhone: '0113 496 0205', contactEmail: 'five-towns.work@example.org', typicalWaitDays: 14 },
        ...WY_REGIONAL_PARTNERS,
      ],
    },
    {
      code: 'pennine-kirk',
      name: 'Pennine Kirk Liaison and Diversion Service',
      provider: WY_PROVIDER,
      commissioner: COMMISSIONER,
      contactEmail: 'pennine-kirk.ld@example.org',
      sites: [
        { code: 'PK-CS1', name: HQ_CUSTODY.name, siteKind: 'custody_suite', address: HQ_CUSTODY.address, responseTargetMinutes: 45 },
        { code: 'PK-PS1', name: 'Scar Top police station', siteKind: 'police_station', address: 'Scar Top Road, Pennine Kirk', responseTargetMinutes: 60 },
        { code: 'PK-MC1', name: "Pennine Kirk Magistrates' Court", siteKind: 'magistrates_court', address: 'Castlegate, Pennine Kirk', responseTargetMinutes: 30 },
        { code: 'PK-YC1', name: 'Pennine Kirk Youth Court', siteKind: 'youth_court', address: 'Castlegate, Pennine Kirk', responseTargetMinutes: 45 },
      ],
      partners: [
        { name: 'Pennine Kirk CAMHS', pathway: 'camhs', contactName: 'Single point of access', contactPhone: '0113 496 0301', contactEmail: 'pennine-kirk.camhs@example.org', typicalWaitDays: 56 },
        { name: 'Pennine Kirk Community Mental Health Team', pathway: 'adult_mental_health', contactName: 'Duty worker', contactPhone: '0113 496 0302', contactEmail: 'pennine-kirk.cmht@example.org', typicalWaitDays: 21 },
        { name: 'Pennine Kirk Recovery Partnership', pathway: 'substance_misuse', contactName: 'Open access team', contactPhone: '0113 496 0303', contactEmail: 'pennine-kirk.recovery@example.org', typicalWaitDays: 7 },
        { name: 'Pennine Kirk Speech and Language Therapy', pathway: 'speech_and_language', contactName: 'Referrals coordinator', contactPhone: '0113 496 0304', contactEmail: 'pennine-kirk.slt@example.org', typicalWaitDays: 42 },
        { name: 'Pennine Kirk Youth and Adult Learning', pathway: 'education_employment', contactName: 'Learning adviser', contactPhone: '0113 496 0305', contactEmail: 'pennine-kirk.learning@example.org', typicalWaitDays: 28 },
        ...WY_REGIONAL_PARTNERS,
      ],
    },
  ],
  users: [
    { username: 'admin', displayName: 'Gwen Ashworth', jobTitle: 'Systems administrator, Calder Vale Council', email: 'gwen.ashworth@example.org', grants: [{ role: 'administrator', service: null }] },
    { username: 'service-admin', displayName: 'Farid Haskins', jobTitle: 'Team administrator, Calder Vale L&D', email: 'farid.haskins@example.org', grants: [{ role: 'administrator', service: 'calder-vale' }] },
    { username: 'practitioner', displayName: 'Hannah Okafor', jobTitle: 'Mental health nurse', email: 'hannah.okafor@example.org', grants: [{ role: 'practitioner', service: 'calder-vale' }] },
    { username: 'nurse.ayo', displayName: 'Ayo Adeyemi', jobTitle: 'Mental health nurse', email: 'ayo.adeyemi@example.org', grants: [{ role: 'practitioner', service: 'five-towns' }] },
    { username: 'yjw.rowan', displayName: 'Rowan Pickersgill', jobTitle: 'Youth justice practitioner', email: 'rowan.pickersgill@example.org', grants: [{ role: 'practitioner', service: 'pennine-kirk' }] },
    { username: 'slt.imogen', displayName: 'Imogen Thwaite', jobTitle: 'Speech and language therapist', email: 'imogen.thwaite@example.org', grants: [{ role: 'practitioner', service: 'calder-vale' }, { role: 'practitioner', service: 'five-towns' }] },
    { username: 'secure', displayName: 'Bilal Rahman', jobTitle: 'Mental health nurse (second factor demo)', email: 'bilal.rahman@example.org', totpRequired: true, grants: [{ role: 'practitioner', service: 'calder-vale' }] },
    {
      username: 'practice.lead',
      displayName: 'Nadia Kowalczyk',
      jobTitle: 'Senior practitioner and deputy team manager',
      email: 'nadia.kowalczyk@example.org',
      grants: [{ role: 'practitioner', service: 'pennine-kirk' }, { role: 'team_manager', service: 'five-towns' }],
    },
    { username: 'support', displayName: 'Callum Firth', jobTitle: 'Support worker', email: 'callum.firth@example.org', grants: [{ role: 'support_worker', service: 'calder-vale' }] },
    { username: 'manager', displayName: 'Joanne Barraclough', jobTitle: 'Liaison and Diversion team manager', email: 'joanne.barraclough@example.org', grants: [{ role: 'team_manager', service: 'calder-vale' }, { role: 'team_manager', service: 'pennine-kirk' }] },
    { username: 'custody-officer', displayName: 'Liam Holroyd', jobTitle: 'Custody sergeant', email: 'liam.holroyd@example.org', grants: [{ role: 'custody_court_staff', service: 'calder-vale', site: 'CV-CS1' }] },
    { username: 'court', displayName: 'Patience Mensah', jobTitle: 'Legal adviser', email: 'patience.mensah@example.org', grants: [{ role: 'custody_court_staff', service: 'calder-vale', site: 'CV-MC1' }] },
    { username: 'partner', displayName: 'Fiona Greenwood', jobTitle: 'CAMHS clinician', email: 'fiona.greenwood@example.org', grants: [{ role: 'partner_worker', service: 'calder-vale', partner: 'Calder Vale CAMHS' }] },
    { username: 'partner.womens', displayName: 'Rosalind Oduya', jobTitle: "Women's centre support worker", email: 'rosalind.oduya@example.org', grants: [{ role: 'partner_worker', service: 'calder-vale', partner: "Pennine Women's Centre" }] },
    { username: 'partner.recovery', displayName: 'Declan Murgatroyd', jobTitle: 'Recovery worker', email: 'declan.murgatroyd@example.org', grants: [{ role: 'partner_worker', service: 'calder-vale', partner: 'Calder Vale Recovery Hub' }] },
    { username: 'volunteer', displayName: 'Harold Brearley', jobTitle: 'Restorative justice volunteer', email: 'harold.brearley@example.org', grants: [{ role: 'volunteer', service: 'calder-vale' }] },
    {
      username: 'commissioner',
      displayName: 'Meera Chauhan',
      jobTitle: 'Health and justice commissioning manager',
      email: 'meera.chauhan@example.org',
      grants: [{ role: 'commissioner', service: 'calder-vale' }, { role: 'commissioner', service: 'five-towns' }, { role: 'commissioner', service: 'pennine-kirk' }],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// london: one city trial delivered by four partner organisations over 18 sites.
// ---------------------------------------------------------------------------------------------

const LONDON_TRUST_A = 'Wandle and Lea NHS Foundation Trust';
const LONDON_TRUST_B = 'Fleet Valley NHS Trust';
const LONDON_CHARITY = 'Lantern Path';
const LONDON_ENTERPRISE = 'Kestrel Works CIC';

const custodySuite = (n: number, area: string, street: string, minutes: number): SiteSeed => ({
  code: `LDN-CS${String(n).padStart(2, '0')}`,
  name: `${area} custody suite`,
  siteKind: 'custody_suite',
  address: `${street}, ${area}, London`,
  responseTargetMinutes: minutes,
});

const court = (kind: 'magistrates_court' | 'crown_court', n: number, area: string, street: string, minutes: number): SiteSeed => ({
  code: `LDN-${kind === 'crown_court' ? 'CC' : 'MC'}${String(n).padStart(2, '0')}`,
  name: kind === 'crown_court' ? `${area} Crown Court` : `${area} Magistrates' Court`,
  siteKind: kind,
  address: `${street}, ${area}, London`,
  responseTargetMinutes: minutes,
});

const london: Profile = {
  name: 'london',
  title: 'London style: one city trial across 18 sites',
  description:
    'One Liaison and Diversion trial covering a large city, delivered by two NHS trusts, a charity and a social enterprise ' +
    'in 10 custody suites, 6 magistrates\' courts and 2 Crown courts.',
  services: [
    {
      code: 'london-trial',
      name: 'London Liaison and Diversion trial',
      provider: `${LONDON_TRUST_A} (lead), ${LONDON_TRUST_B}, ${LONDON_CHARITY} (charity) and ${LONDON_ENTERPRISE} (social enterprise)`,
      commissioner: COMMISSIONER,
      contactEmail: 'london.ld.trial@example.org',
      sites: [
        custodySuite(1, 'Bow Common', 'Devons Yard', 45),
        custodySuite(2, 'Deptford Creek', 'Creekside Row', 45),
        custodySuite(3, 'Tooting Bec', 'Bec Parade', 60),
        custodySuite(4, 'Acton Vale', 'Vale Mews', 60),
        custodySuite(5, 'Walthamstow Marsh', 'Marsh Lane Yard', 45),
        custodySuite(6, 'Kentish Town Road', 'Prince of Wales Walk', 45),
        custodySuite(7, 'Streatham Vale', 'Vale Parade', 60),
        custodySuite(8, 'Wood Green Lane', 'Lordship Yard', 45),
        custodySuite(9, 'Peckham Rye', 'Rye Lane Mews', 60),
        custodySuite(10, 'Hammersmith Reach', 'Reach Walk', 45),
        court('magistrates_court', 1, 'Clerkenwell Green', 'Sessions Row', 60),
        court('magistrates_court', 2, 'Stratford Marsh', 'Carpenters Walk', 60),
        court('magistrates_court', 3, 'Camberwell Grove', 'Grove Terrace', 45),
        court('magistrates_court', 4, 'Willesden Lane', 'Lane End', 60),
        court('magistrates_court', 5, 'Bromley Common', 'Common Row', 90),
        court('magistrates_court', 6, 'Barking Riverside', 'Quayside Way', 60),
        court('crown_court', 1, 'Shadwell Basin', 'Basin Quay', 90),
        court('crown_court', 2, 'Kennington Oval', 'Oval Walk', 90),
      ],
      partners: [
        { name: "Wandle and Lea Young People's Mental Health Service", pathway: 'camhs', contactName: 'Single point of access', contactPhone: '020 7946 0101', contactEmail: 'wandle.lea.camhs@example.org', typicalWaitDays: 35 },
        { name: 'Fleet Valley Community Mental Health Hub', pathway: 'adult_mental_health', contactName: 'Duty worker', contactPhone: '020 7946 0102', contactEmail: 'fleet.valley.cmh@example.org', typicalWaitDays: 21 },
        { name: 'Clearwater Drug and Alcohol Service', pathway: 'substance_misuse', contactName: 'Criminal justice team', contactPhone: '020 7946 0103', contactEmail: 'clearwater.recovery@example.org', typicalWaitDays: 5 },
        { name: 'Open Voices Speech and Language Therapy', pathway: 'speech_and_language', contactName: 'Referrals coordinator', contactPhone: '020 7946 0104', contactEmail: 'open.voices.slt@example.org', typicalWaitDays: 49 },
        { name: "Marigold Women's Centre", pathway: 'womens_centre', contactName: 'Drop-in coordinator', contactPhone: '020 7946 0105', contactEmail: 'marigold.womens.centre@example.org', typicalWaitDays: 2 },
        { name: 'Doorstep Housing Advice', pathway: 'housing', contactName: 'Housing caseworker', contactPhone: '020 7946 0106', contactEmail: 'doorstep.housing@example.org', typicalWaitDays: 10 },
        { name: 'Ledger Lane Money Advice', pathway: 'debt_advice', contactName: 'Intake team', contactPhone: '020 7946 0107', contactEmail: 'ledger.lane.advice@example.org', typicalWaitDays: 7 },
        { name: 'Beacon Light Domestic Abuse Service', pathway: 'domestic_abuse', contactName: 'Referrals line', contactPhone: '020 7946 0108', contactEmail: 'beacon.light.da@example.org', typicalWaitDays: 3 },
        { name: 'Kestrel Works Training and Employment', pathway: 'education_employment', contactName: 'Employment coach', contactPhone: '020 7946 0109', contactEmail: 'kestrel.works@example.org', typicalWaitDays: 14 },
        { name: 'Lantern Path Restorative Justice Volunteers', pathway: 'restorative_justice', contactName: 'Volunteer coordinator', contactPhone: '020 7946 0110', contactEmail: 'lantern.path.rj@example.org', typicalWaitDays: 10 },
        { name: 'Wandle and Lea Learning Disability and Autism Team', pathway: 'learning_disability', contactName: 'Duty clinician', contactPhone: '020 7946 0111', contactEmail: 'wandle.lea.ld@example.org', typicalWaitDays: 28 },
      ],
    },
  ],
  users: [
    { username: 'admin', displayName: 'Oluwaseun Bright', jobTitle: `Systems administrator, ${LONDON_TRUST_A}`, email: 'oluwaseun.bright@example.org', grants: [{ role: 'administrator', service: null }] },
    { username: 'practitioner', displayName: 'Niamh Gallagher', jobTitle: `Mental health nurse, ${LONDON_TRUST_A}`, email: 'niamh.gallagher@example.org', grants: [{ role: 'practitioner', service: 'london-trial' }] },
    { username: 'nurse.femi', displayName: 'Femi Akintola', jobTitle: `Mental health nurse, ${LONDON_TRUST_B}`, email: 'femi.akintola@example.org', grants: [{ role: 'practitioner', service: 'london-trial' }] },
    { username: 'slt.grace', displayName: 'Grace Whitlock', jobTitle: `Speech and language therapist, ${LONDON_TRUST_A}`, email: 'grace.whitlock@example.org', grants: [{ role: 'practitioner', service: 'london-trial' }] },
    { username: 'caseworker.ines', displayName: 'Ines Carvalho', jobTitle: `Women's caseworker, ${LONDON_CHARITY}`, email: 'ines.carvalho@example.org', grants: [{ role: 'practitioner', service: 'london-trial' }] },
    { username: 'secure', displayName: 'Arjun Mehta', jobTitle: `Mental health nurse (second factor demo), ${LONDON_TRUST_B}`, email: 'arjun.mehta@example.org', totpRequired: true, grants: [{ role: 'practitioner', service: 'london-trial' }] },
    { username: 'support', displayName: 'Tyrone Campbell', jobTitle: `Support worker, ${LONDON_ENTERPRISE}`, email: 'tyrone.campbell@example.org', grants: [{ role: 'support_worker', service: 'london-trial' }] },
    { username: 'manager', displayName: 'Rebecca Lindqvist', jobTitle: `Liaison and Diversion service manager, ${LONDON_TRUST_A}`, email: 'rebecca.lindqvist@example.org', grants: [{ role: 'team_manager', service: 'london-trial' }] },
    { username: 'custody-officer', displayName: 'Marek Nowicki', jobTitle: 'Custody sergeant', email: 'marek.nowicki@example.org', grants: [{ role: 'custody_court_staff', service: 'london-trial', site: 'LDN-CS01' }] },
    { username: 'court', displayName: 'Abena Owusu', jobTitle: 'Court legal adviser', email: 'abena.owusu@example.org', grants: [{ role: 'custody_court_staff', service: 'london-trial', site: 'LDN-MC01' }] },
    { username: 'partner', displayName: 'Shona McAllister', jobTitle: "Women's centre caseworker", email: 'shona.mcallister@example.org', grants: [{ role: 'partner_worker', service: 'london-trial', partner: "Marigold Women's Centre" }] },
    { username: 'partner.recovery', displayName: 'Kwabena Asante-Lowe', jobTitle: 'Criminal justice recovery worker', email: 'kwabena.asante-lowe@example.org', grants: [{ role: 'partner_worker', service: 'london-trial', partner: 'Clearwater Drug and Alcohol Service' }] },
    { username: 'volunteer', displayName: 'Winston Clarke', jobTitle: `Restorative justice volunteer, ${LONDON_CHARITY}`, email: 'winston.clarke@example.org', grants: [{ role: 'volunteer', service: 'london-trial' }] },
    { username: 'commissioner', displayName: 'Helena Marchetti', jobTitle: 'Health and justice commissioning analyst', email: 'helena.marchetti@example.org', grants: [{ role: 'commissioner', service: 'london-trial' }] },
  ],
};

// ---------------------------------------------------------------------------------------------

// national: 26 services at national roll-out volumes (the directory is generated: see national/directory.ts).
const PROFILES = { 'west-yorkshire': westYorkshire, london, national: nationalProfile() } as const;

export type ProfileName = keyof typeof PROFILES;

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

export function isProfileName(name: string): name is ProfileName {
  return Object.hasOwn(PROFILES, name);
}

/** The named profile; throws, listing the known names, for any other. */
export function getProfile(name: string): Profile {
  if (!isProfileName(name)) throw new Error(`There is no demo profile called "${name}": choose one of ${PROFILE_NAMES.join(', ')}`);
  return PROFILES[name];
}

const SITE_STAFF_KINDS: readonly SiteKind[] = ['custody_suite', 'police_station', 'magistrates_court', 'youth_court', 'crown_court'];

/** Everything that would stop a profile seeding cleanly, in plain English (empty when it is sound). */
export function profileProblems(profile: Profile, password = DEMO_PASSWORD): string[] {
  const problems: string[] = [];
  if (profile.services.length === 0) problems.push('The profile has no service');

  const services = new Map<string, ServiceSeed>();
  for (const service of profile.services) {
    if (services.has(service.code)) problems.push(`Service code ${service.code} is used twice`);
    services.set(service.code, service);
    const siteCodes = new Set<string>();
    for (const site of service.sites) {
      if (siteCodes.has(site.code)) problems.push(`Site code ${site.code} is used twice in ${service.code}`);
      siteCodes.add(site.code);
    }
    const partnerNames = new Set<string>();
    for (const partner of service.partners) {
      if (partnerNames.has(partner.name)) problems.push(`Partner organisation ${partner.name} is listed twice in ${service.code}`);
      partnerNames.add(partner.name);
    }
  }

  const usernames = new Set<string>();
  const rolesSeen = new Set<Role>();
  for (const user of profile.users) {
    const username = user.username.trim().toLowerCase();
    if (usernames.has(username)) problems.push(`Username ${username} is used twice`);
    usernames.add(username);
    if (user.grants.length === 0) problems.push(`${username} has no role`);
    for (const problem of checkPassword(password, { username, displayName: user.displayName })) problems.push(`Demo password for ${username}: ${problem}`);

    const grantKeys = new Set<string>();
    for (const grant of user.grants) {
      rolesSeen.add(grant.role);
      const key = `${grant.role}|${grant.service}|${grant.site ?? ''}|${grant.partner ?? ''}`;
      if (grantKeys.has(key)) problems.push(`${username} has the same role twice: ${grant.role}`);
      grantKeys.add(key);

      const scope = ROLE_SCOPE[grant.role];
      const where = `${username} (${grant.role})`;
      if (grant.service === null) {
        if (scope !== 'installation_or_service') problems.push(`${where} must name a service`);
        if (grant.site || grant.partner) problems.push(`${where} names a site or partner but no service`);
        continue;
      }
      const service = services.get(grant.service);
      if (!service) {
        problems.push(`${where} names service ${grant.service}, which is not in the profile`);
        continue;
      }
      if (scope === 'site') {
        const site = service.sites.find((s) => s.code === grant.site);
        if (!grant.site) problems.push(`${where} must name a site`);
        else if (!site) problems.push(`${where} names site ${grant.site}, which is not in ${service.code}`);
        else if (!SITE_STAFF_KINDS.includes(site.siteKind)) problems.push(`${where} names ${site.code}, which is not a custody suite, police station or court`);
      } else if (grant.site) problems.push(`${where} must not name a site`);
      if (scope === 'partner_organisation') {
        if (!grant.partner) problems.push(`${where} must name a partner organisation`);
        else if (!service.partners.some((p) => p.name === grant.partner)) problems.push(`${where} names partner ${grant.partner}, which is not in ${service.code}`);
      } else if (grant.partner) problems.push(`${where} must not name a partner organisation`);
    }
  }
  for (const role of ROLES) if (!rolesSeen.has(role)) problems.push(`No demo user has the role ${role}`);
  if (!profile.users.some((u) => u.grants.some((g) => g.role === 'administrator' && g.service === null)))
    problems.push('The profile has no installation administrator');
  return problems;
}
