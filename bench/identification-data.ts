// Synthetic people and referrals for the identification benchmark, loaded with server-side SQL.
// Every value is made from a hash of a row number, so a load is repeatable: person n always has
// the same id (md5 of "bench-person-n"), name, date of birth and identifiers.
import type pg from 'pg';
import { mulberry32 } from '../src/services/seed/activity.js';

/** Changes whenever the generator below changes, so an old benchmark database is reloaded. */
export const DATA_VERSION = 'divert-bench-identification v1';

// ---------------------------------------------------------------------------------------------
// Names. Family names are in rough order of how common they are in England (the first has the
// most weight); spelling variants (Smyth, Smythe, Jonson, Thomson...) sit further down so that a
// spelling-tolerant search meets hundreds of near misses, as a real service's records would.
// ---------------------------------------------------------------------------------------------

export const FAMILY_NAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
  'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill',
  'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen',
  'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths',
  'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy',
  'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh',
  'Begum', 'Wilkinson', 'Foster', 'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali',
  'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight',
  'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey',
  'Graham', 'Pearson', 'Ahmed', 'Fletcher', 'Walsh', 'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart',
  'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Fox', 'Ford', 'Pearce', 'Day', 'Brooks', 'West',
  'Lawrence', 'Cole', 'Atkinson', 'Bradley', 'Spencer', 'Gill', 'Dawson', 'Ball', 'Burton', "O'Brien",
  'Watts', 'Rose', 'Booth', 'Perry', 'Ryan', 'Grant', 'Wells', 'Armstrong', 'Francis', 'Rees',
  'Hayes', 'Hart', 'Hudson', 'Newman', 'Barrett', 'Webster', 'Hunter', 'Gregory', 'Carr', 'Lowe',
  'Page', 'Marsh', 'Riley', 'Dunn', 'Woods', 'Parsons', 'Berry', 'Stone', 'Reid', 'Holland',
  'Hawkins', 'Harding', 'Porter', 'Robertson', 'Newton', 'Oliver', 'Reed', 'Kennedy', 'Williamson', 'Bird',
  'Gardner', 'Shah', 'Dean', 'Lane', 'Cooke', 'Bates', 'Henderson', 'Parry', 'Burgess', 'Bishop',
  'Walton', 'Burns', 'Nicholson', 'Shepherd', 'Ross', 'Cross', 'Long', 'Freeman', 'Warren', 'Nicholls',
  'Hamilton', 'Byrne', 'Sutton', 'McDonald', 'Yates', 'Hodgson', 'Robson', 'Curtis', 'Hopkins', "O'Connor",
  'Harper', 'Coleman', 'Watkins', 'Moss', 'McCarthy', 'Chambers', 'Griffin', 'Sharp', 'Hardy', 'Wheeler',
  'Potter', 'Osborne', 'Johnston', 'Gordon', 'Doyle', 'Wallace', 'George', 'Jordan', 'Hutchinson', 'Rowe',
  'Burke', 'May', 'Pritchard', 'Gilbert', 'Willis', 'Higgins', 'Read', 'Miles', 'Stevenson', 'Stephenson',
  'Hammond', 'Arnold', 'Buckley', 'Walters', 'Hewitt', 'Barber', 'Nelson', 'Slater', 'Austin', 'Sullivan',
  'Whitehead', 'Mann', 'Frost', 'Lambert', 'Stephens', 'Blake', 'Akhtar', 'Lynch', 'Goodwin', 'Barton',
  'Woodward', 'Cunningham', 'Quinn', 'Barnett', 'Baxter', 'Bibi', 'Clayton', 'Nash', 'Greenwood', 'Jennings',
  'Holt', 'Kemp', 'Poole', 'Gallagher', 'Bond', 'Stokes', 'Tucker', 'Davidson', 'Fowler', 'Heath',
  'Norman', 'Middleton', 'Lawson', 'Banks', 'French', 'Stanley', 'Jarvis', 'Gibbs', 'Ferguson', 'Hayward',
  'Holroyd', 'Sykes', 'Ackroyd', 'Haigh', 'Firth', 'Brook', 'Crowther', 'Hirst', 'Ramsden', 'Sutcliffe',
  'Thornton', 'Wadsworth', 'Barraclough', 'Mahmood', 'Iqbal', 'Rashid', 'Nowak', 'Kowalski', 'Wisniewski', 'Popescu',
  'Smyth', 'Smythe', 'Schmidt', 'Jonson', 'Johnstone', 'Thomson', 'Tomlinson', 'Macdonald', 'Mohammed', 'Browne',
  'Davison', 'Willams', 'Robins', 'Wilkins', 'Clerke', 'Philips', 'Mathews', 'Stephen', 'Allan', 'Hussein',
];

/** Men are most of the people L&D services see; a few hundred first names in all, with nicknames and variants. */
export const MALE_GIVEN_NAMES = [
  'John', 'Jon', 'Jonathan', 'Johnny', 'Jack', 'James', 'Jamie', 'Daniel', 'Danny', 'David',
  'Dave', 'Michael', 'Mike', 'Mark', 'Paul', 'Peter', 'Christopher', 'Chris', 'Matthew', 'Andrew',
  'Ryan', 'Liam', 'Lee', 'Dean', 'Darren', 'Craig', 'Jason', 'Wayne', 'Gary', 'Kevin',
  'Steven', 'Stephen', 'Stuart', 'Scott', 'Shaun', 'Sean', 'Shane', 'Thomas', 'Tom', 'Joshua',
  'Josh', 'Connor', 'Callum', 'Kieran', 'Jordan', 'Jake', 'Luke', 'Adam', 'Ben', 'Benjamin',
  'Sam', 'Samuel', 'Harry', 'Charlie', 'George', 'Oliver', 'Alfie', 'Joseph', 'Joe', 'Robert',
  'Rob', 'Richard', 'Anthony', 'Tony', 'Simon', 'Neil', 'Ian', 'Carl', 'Karl', 'Martin',
  'Nathan', 'Aaron', 'Alex', 'Alexander', 'Brandon', 'Bradley', 'Kyle', 'Reece', 'Rhys', 'Tyler',
  'Jayden', 'Ethan', 'Lewis', 'Louis', 'Mason', 'Owen', 'Aiden', 'Dylan', 'Ashley', 'Mohammed',
  'Muhammad', 'Mohammad', 'Mohamed', 'Ahmed', 'Ali', 'Imran', 'Adil', 'Bilal', 'Hamza', 'Usman',
  'Zain', 'Tariq', 'Asif', 'Kamran', 'Faisal', 'Kasim', 'Junaid', 'Amir', 'Hassan', 'Omar',
  'Yusuf', 'Ibrahim', 'Piotr', 'Tomasz', 'Marek', 'Krzysztof', 'Lukasz', 'Andrei', 'Ionut', 'Mihai',
  'Vasile', 'Darius', 'Arturas', 'Marius', 'Kwame', 'Kofi', 'Tunde', 'Emeka', 'Tyrone', 'Jermaine',
  'Marcus', 'Leon', 'Reuben', 'Dwayne', 'Delroy', 'Patrick', 'Declan', 'Brendan', 'Kieron', 'Terry',
  'Keith', 'Barry', 'Trevor', 'Malcolm', 'Graham', 'Philip', 'Phil', 'Colin', 'Alan', 'Allan',
  'Brian', 'Bryan', 'Derek', 'Dennis', 'Frank', 'Ray', 'Raymond', 'Ronnie', 'Roy', 'Stanley',
  'Vincent', 'Wesley', 'Zak', 'Zac', 'Zachary', 'Elliot', 'Elliott', 'Harvey', 'Jacob', 'Jaden',
  'Kai', 'Leo', 'Max', 'Noah', 'Oscar', 'Riley', 'Toby', 'Billy', 'Bobby', 'Jimmy',
];

export const FEMALE_GIVEN_NAMES = [
  'Sarah', 'Sara', 'Emma', 'Amy', 'Laura', 'Lauren', 'Rebecca', 'Becky', 'Hannah', 'Jessica',
  'Jess', 'Katie', 'Kate', 'Kathryn', 'Catherine', 'Kathleen', 'Claire', 'Clare', 'Nicola', 'Nicole',
  'Michelle', 'Lisa', 'Joanne', 'Jo', 'Joan', 'Julie', 'Karen', 'Kelly', 'Kerry', 'Leanne',
  'Lindsey', 'Louise', 'Lucy', 'Chloe', 'Charlotte', 'Danielle', 'Gemma', 'Jade', 'Jodie', 'Stacey',
  'Samantha', 'Shannon', 'Sophie', 'Tracey', 'Tracy', 'Donna', 'Dawn', 'Debbie', 'Deborah', 'Helen',
  'Jennifer', 'Jenny', 'Amanda', 'Angela', 'Elizabeth', 'Beth', 'Ellie', 'Emily', 'Grace', 'Holly',
  'Megan', 'Molly', 'Paige', 'Courtney', 'Demi', 'Leah', 'Olivia', 'Amelia', 'Mia', 'Aisha',
  'Ayesha', 'Fatima', 'Zainab', 'Maryam', 'Nadia', 'Saima', 'Samina', 'Shazia', 'Yasmin', 'Agnieszka',
  'Anna', 'Joanna', 'Monika', 'Ioana', 'Maria', 'Abena', 'Precious', 'Chantelle', 'Tia', 'Kayleigh',
];

// ---------------------------------------------------------------------------------------------
// Weighted choices. SQL picks one with a hash: values[slots[1 + hash % cardinality(slots)]].
// The slots are integers (an int[] subscript is a direct offset) and the values are each listed
// once: subscripting a long text[] walks it from the start, which made a first version 50 times slower.
// ---------------------------------------------------------------------------------------------

export type Weighted = { values: string[]; slots: number[] };

export function weighted(pairs: Array<[string, number]>, slots: number): Weighted {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  const out: number[] = [];
  let carried = 0;
  for (const [index, [, w]] of pairs.entries()) {
    carried += (w / total) * slots;
    while (out.length < Math.round(carried)) out.push(index + 1);
  }
  return { values: pairs.map(([v]) => v), slots: out };
}

/** A flat weighted list, for a small fixed choice such as the slots of one site. */
function expand<T>(pairs: Array<[T, number]>, slots: number): T[] {
  const w = weighted(pairs.map(([v, n], i) => [String(i), n] as [string, number]), slots);
  return w.slots.map((i) => pairs[i - 1]![0]);
}

/** Zipf-like weights (1 / (rank + 25)): about 1.5% Smith, 0.1% Smyth. */
export const FAMILY = weighted(FAMILY_NAMES.map((n, i) => [n, 1 / (i + 25)]), 40_000);
const MALE = weighted(MALE_GIVEN_NAMES.map((n, i) => [n, 1 / (i + 40)]), 20_000);
const FEMALE = weighted(FEMALE_GIVEN_NAMES.map((n, i) => [n, 1 / (i + 40)]), 20_000);

const ETHNICITY = weighted(
  [['A', 66], ['B', 1], ['C', 5], ['D', 2], ['E', 0.5], ['F', 1], ['G', 1], ['H', 2], ['J', 9], ['K', 1], ['L', 1], ['M', 1.5], ['N', 1.5], ['P', 1], ['R', 0.5], ['S', 1], ['Z', 2], ['99', 3]],
  200,
);
const LANGUAGES = weighted([['English', 90], ['Urdu', 3], ['Polish', 3], ['Romanian', 2], ['Punjabi', 1], ['Arabic', 1]], 100);
const OFFENCES = weighted(
  [['violence', 24], ['sexual', 4], ['robbery', 4], ['theft', 16], ['criminal_damage', 9], ['drugs', 10], ['weapons', 4], ['public_order', 9], ['fraud', 2], ['motoring', 5], ['breach', 7], ['other', 4], ['not_known', 2]],
  100,
);
const URGENCY = weighted([['routine', 76], ['urgent', 20], ['immediate', 4]], 100);
const CLOSED_STATES = weighted([['screened', 50], ['assessment_needed', 22], ['no_further_action', 28]], 100);
const flat = (w: Weighted) => w.slots.map((i) => w.values[i - 1]!);

/** Numbered query parameters, and the SQL for a weighted pick keyed on a hash of (tag, n). */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type: string) {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
  pick(w: Weighted, tag: string, n: string) {
    const values = this.add(w.values, 'text[]');
    const slots = this.add(w.slots, 'int[]');
    return `(${values})[(${slots})[1 + pg_temp.h('${tag}', ${n}) % cardinality(${slots})]]`;
  }
}

const REASONS = [
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

// ---------------------------------------------------------------------------------------------
// The sites of the seeded profile and what kind of referral each one gets.
// ---------------------------------------------------------------------------------------------

export type SitePlan = { id: string; code: string; kind: string; serviceIndex: number; practitionerId: string | null };
export type ServicePlan = { id: string; code: string; peopleFrom: number; peopleCount: number };

const SITE_WEIGHT: Record<string, number> = {
  custody_suite: 45, police_station: 14, magistrates_court: 22, youth_court: 4, crown_court: 5, community_base: 4,
};

function sourcesFor(kind: string): string[] {
  if (kind === 'custody_suite' || kind === 'police_station')
    return expand([['custody_staff', 68], ['list_check', 12], ['solicitor', 8], ['health', 5], ['family', 3], ['self', 2], ['probation', 2]], 20);
  if (kind === 'youth_court') return expand([['court_staff', 45], ['youth_justice', 35], ['solicitor', 10], ['list_check', 10]], 20);
  if (kind === 'community_base') return expand([['self', 25], ['family', 15], ['health', 30], ['probation', 30]], 20);
  return expand([['court_staff', 55], ['list_check', 15], ['solicitor', 15], ['probation', 15]], 20);
}

function custodyStatusesFor(kind: string): string[] {
  if (kind === 'custody_suite') return expand([['in_custody', 90], ['voluntary_attendance', 10]], 20);
  if (kind === 'police_station') return expand([['in_custody', 60], ['voluntary_attendance', 40]], 20);
  if (kind === 'community_base') return expand([['bailed', 50], ['voluntary_attendance', 50]], 20);
  return expand([['at_court', 80], ['bailed', 20]], 20);
}

/** Shares of people per service by code; a service not named gets an equal part of what is left. */
const SERVICE_SHARE: Record<string, number> = { 'calder-vale': 0.7, 'five-towns': 0.15, 'pennine-kirk': 0.15 };

export async function readPlan(client: pg.Client, people: number) {
  const services = (await client.query<{ id: string; code: string }>('select id, code from service order by code')).rows;
  if (services.length === 0) throw new Error('The benchmark database has no services: the seed did not run');
  const named = services.filter((s) => SERVICE_SHARE[s.code] !== undefined);
  const rest = (1 - named.reduce((t, s) => t + SERVICE_SHARE[s.code]!, 0)) / Math.max(1, services.length - named.length);
  const servicePlans: ServicePlan[] = [];
  let from = 1;
  for (const [i, s] of services.entries()) {
    const share = SERVICE_SHARE[s.code] ?? rest;
    const count = i === services.length - 1 ? people - from + 1 : Math.round(people * share);
    servicePlans.push({ id: s.id, code: s.code, peopleFrom: from, peopleCount: count });
    from += count;
  }
  const practitioners = new Map(
    (await client.query<{ service_id: string; user_id: string }>(
      "select distinct on (service_id) service_id, user_id from role_grant where role = 'practitioner' order by service_id, created_at, user_id",
    )).rows.map((r) => [r.service_id, r.user_id]),
  );
  const siteRows = (await client.query<{ id: string; code: string; site_kind: string; service_id: string }>(
    'select id, code, site_kind, service_id from site where is_active order by code',
  )).rows;
  const sites: SitePlan[] = siteRows.map((s) => ({
    id: s.id,
    code: s.code,
    kind: s.site_kind,
    serviceIndex: services.findIndex((v) => v.id === s.service_id),
    practitionerId: practitioners.get(s.service_id) ?? null,
  }));
  return { services: servicePlans, sites };
}

// ---------------------------------------------------------------------------------------------
// The load.
// ---------------------------------------------------------------------------------------------

/** A 32-bit hash of a tag and a row number, 0 to 2^32 - 1. Session-local: made on each connection that loads. */
const HASH_FUNCTION = `create or replace function pg_temp.h(tag text, n bigint) returns bigint language sql immutable parallel safe
  as $$ select hashtext(tag || n::text)::bigint + 2147483648 $$`;

export async function prepareLoadSession(client: pg.Client) {
  await client.query(HASH_FUNCTION);
  // Foreign keys are triggers: with replication role "replica" they do not fire, so a million rows
  // load without a million look-ups. The data is consistent by construction, and checked after.
  // Needs a superuser; without one the triggers run and the load is slower, nothing else changes.
  await client.query("set session_replication_role = 'replica'").catch(() => undefined);
  await client.query("set work_mem = '256MB'");
  await client.query("set maintenance_work_mem = '512MB'");
  await client.query('set synchronous_commit = off');
  await client.query('set jit = off');
}

/** NHS numbers 999 NNNNNN C with a correct modulus 11 check digit; NULL when the nine digits have none. */
function nhsCheckSql(nine: string) {
  const sum = Array.from({ length: 9 }, (_, i) => `substr(${nine}, ${i + 1}, 1)::int * ${10 - i}`).join(' + ');
  return `(case (11 - ((${sum}) % 11)) when 11 then ${nine} || '0' when 10 then null else ${nine} || (11 - ((${sum}) % 11))::text end)`;
}

/** Inserts people numbered first to last (of the plan's total); two ranges can load at once on two connections. */
export async function insertPeople(client: pg.Client, plan: Awaited<ReturnType<typeof readPlan>>, first: number, last: number, today: string) {
  // NHS numbers and PNC IDs already recorded (by the seed, if it makes people) are left out, not duplicated.
  const existing = await client.query<{ nhs: string[]; pnc: string[] }>(
    "select coalesce(array_agg(nhs_number) filter (where nhs_number is not null), '{}') as nhs, coalesce(array_agg(pnc_id) filter (where pnc_id is not null), '{}') as pnc from person",
  );
  const svcBounds = plan.services.map((s) => s.peopleFrom + s.peopleCount - 1);
  const p = new Params();
  const serviceIds = p.add(plan.services.map((s) => s.id), 'uuid[]');
  const day = p.add(today, 'date');
  const sql = `
    insert into person (id, service_id, given_name, family_name, date_of_birth, sex, ethnicity_code, first_language, interpreter_needed,
                        postcode, nhs_number, pnc_id, is_veteran, is_care_leaver, known_risk, version, created_at, updated_at)
    select md5('bench-person-' || n)::uuid,
           (${serviceIds})[svc],
           case when female then ${p.pick(FEMALE, 'gf', 'n')} else ${p.pick(MALE, 'gm', 'n')} end,
           ${p.pick(FAMILY, 'f', 'n')},
           case when pg_temp.h('nodob', n) % 100 < 3 then null else ${day} - age_days end,
           case when female then 'female' when pg_temp.h('sx', n) % 100 < 2 then 'not_known' else 'male' end,
           ${p.pick(ETHNICITY, 'eth', 'n')},
           language,
           language <> 'English' and pg_temp.h('interp', n) % 3 = 0,
           'HX' || (1 + pg_temp.h('pc1', n) % 7) || ' ' || (pg_temp.h('pc2', n) % 10)
             || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + (pg_temp.h('pc3', n) % 20)::int, 1) || substr('ABDEFGHJLNPQRSTUWXYZ', 1 + (pg_temp.h('pc4', n) % 20)::int, 1),
           case when has_nhs and nhs not in (select unnest(${p.add(existing.rows[0]!.nhs, 'text[]')})) then nhs end,
           case when has_pnc and pnc not in (select unnest(${p.add(existing.rows[0]!.pnc, 'text[]')})) then pnc end,
           not female and age_days > 8000 and pg_temp.h('vet', n) % 100 < 4,
           age_days < 9500 and pg_temp.h('care', n) % 100 < 8,
           case when pg_temp.h('risk', n) % 100 < 4 then 'Assaulted staff during a previous detention: two staff to attend.' else '' end,
           1 + (pg_temp.h('ver', n) % 3)::int,
           created, created
    from (
      select n, svc, female, age_days, language,
             pg_temp.h('nhs', n) % 100 < 77 as has_nhs,
             ${nhsCheckSql('nine')} as nhs,
             pg_temp.h('pnc', n) % 100 < 35 as has_pnc,
             pncyear || '/' || lpad(n::text, 7, '0') || substr('ZABCDEFGHJKLMNPQRTUVWXY', 1 + (((pncyear % 100)::bigint * 10000000 + n) % 23)::int, 1) as pnc,
             ${day} - (pg_temp.h('created', n) % 2555)::int + time '09:00' + make_interval(mins => (pg_temp.h('cmin', n) % 600)::int) as created
      from (
        select n,
               case ${svcBounds.map((b, i) => `when n <= ${b} then ${i + 1}`).join(' ')} end as svc,
               pg_temp.h('sex', n) % 100 < 17 as female,
               case when pg_temp.h('child', n) % 100 < 12 then 3653 + (pg_temp.h('dob', n) % 2920)::int
                    else 6575 + floor(power((pg_temp.h('dob', n) % 1000000) / 1e6::float8, 1.8) * 18250)::int end as age_days,
               ${p.pick(LANGUAGES, 'lang', 'n')} as language,
               '999' || lpad(((n * 7919) % 1000000)::text, 6, '0') as nine,
               least(2000 + (pg_temp.h('pyear', n) % 26)::int, extract(year from ${day})::int) as pncyear
        from generate_series(${p.add(first, 'bigint')}, ${p.add(last, 'bigint')}) as n
        offset 0
      ) a
      offset 0
    ) b`;
  const result = await client.query(sql, p.values);
  return result.rowCount ?? 0;
}

/** About one person in twenty is also known by another name: a nickname, or a former family name. */
export async function insertAliases(client: pg.Client, people: number) {
  const p = new Params();
  const result = await client.query(
    `insert into person_alias (service_id, person_id, given_name, family_name, created_at)
     select p.service_id, p.id,
            case when pg_temp.h('aliasg', n) % 2 = 0 then ${p.pick(MALE, 'ag', 'n')} else p.given_name end,
            case when pg_temp.h('aliasg', n) % 2 = 0 then p.family_name else ${p.pick(FAMILY, 'af', 'n')} end,
            p.created_at
     from generate_series(1::bigint, ${p.add(people, 'bigint')}) as n
     join person p on p.id = md5('bench-person-' || n)::uuid
     where pg_temp.h('alias', n) % 100 < 5`,
    p.values,
  );
  return result.rowCount ?? 0;
}

/** A long list of a few values as those values and int codes: an int[] subscript is a direct offset, a text[] one walks the array. */
function coded(list: string[]) {
  const values = [...new Set(list)];
  return { values, codes: list.map((v) => values.indexOf(v) + 1) };
}

function siteArrays(plan: Awaited<ReturnType<typeof readPlan>>) {
  const siteWeights = plan.sites.map((s, i) => [i + 1, SITE_WEIGHT[s.kind] ?? 5] as [number, number]);
  return {
    slotSite: expand(siteWeights, 1000),
    siteIds: plan.sites.map((s) => s.id),
    siteCodes: plan.sites.map((s) => s.code),
    siteService: plan.sites.map((s) => s.serviceIndex + 1),
    sitePractitioner: plan.sites.map((s) => s.practitionerId),
    siteSources: coded(plan.sites.flatMap((s) => sourcesFor(s.kind))),
    siteStatuses: coded(plan.sites.flatMap((s) => custodyStatusesFor(s.kind))),
    serviceIds: plan.services.map((s) => s.id),
    serviceFrom: plan.services.map((s) => s.peopleFrom),
    serviceCount: plan.services.map((s) => s.peopleCount),
  };
}

const REFERRAL_COLUMNS = `service_id, site_id, person_id, subject_given_name, subject_family_name, subject_date_of_birth, source, referrer_name, referrer_role,
  arrived_at, referred_at, reason_for_concern, offence_category, victim_involved, custody_status, custody_record_number, court_case_reference,
  urgency, referral_state, picked_up_by, picked_up_at, screened_at, version, created_at, updated_at`;

const REFERRER_SQL = (src: string) => `case ${src}
    when 'custody_staff' then 'Custody sergeant' when 'court_staff' then 'Legal adviser' when 'solicitor' then 'Duty solicitor'
    when 'probation' then 'Probation officer' when 'youth_justice' then 'Youth justice worker' when 'health' then 'GP'
    when 'family' then 'Mother' when 'self' then 'Self' else 'L&D practitioner' end`;

/**
 * The referrals of the past two years, all dealt with (screened, assessment needed or no further action),
 * ending four hours before the start of `today` so that today's list holds only the slice made each run.
 * Referral m goes to a site by weight and to a person of the site's service (some people return often).
 */
export async function insertPastReferrals(client: pg.Client, plan: Awaited<ReturnType<typeof readPlan>>, first: number, last: number, endAt: Date) {
  const a = siteArrays(plan);
  const p = new Params();
  const slotSite = p.add(a.slotSite, 'int[]');
  const siteService = p.add(a.siteService, 'int[]');
  const referrers = weighted(FAMILY_NAMES.slice(0, 120).map((f, i) => [`PS ${f}`, 1 / (i + 25)]), 1000);
  const result = await client.query(
    `insert into referral (${REFERRAL_COLUMNS})
     select svc_id, site_id, p.id, p.given_name, p.family_name, p.date_of_birth, src,
            case when src in ('family', 'self') then p.given_name || ' ' || p.family_name else ${p.pick(referrers, 'rn', 'm')} end,
            ${REFERRER_SQL('src')},
            case when cst in ('in_custody', 'voluntary_attendance') then referred_at - make_interval(mins => 5 + (pg_temp.h('arr', m) % 240)::int) end,
            referred_at,
            (${p.add(REASONS, 'text[]')})[1 + pg_temp.h('why', m) % ${REASONS.length}],
            ${p.pick(OFFENCES, 'off', 'm')},
            (array['yes', 'no', 'yes', 'no', 'not_known'])[1 + pg_temp.h('vic', m) % 5],
            cst,
            case when cst in ('in_custody', 'voluntary_attendance') then site_code || '/' || lpad((m % 100000)::text, 5, '0') || '/' || to_char(referred_at, 'YY') else '' end,
            case when cst = 'at_court' then '0' || lpad((m % 10000000)::text, 7, '0') || to_char(referred_at, 'YY') else '' end,
            ${p.pick(URGENCY, 'urg', 'm')},
            state,
            (${p.add(a.sitePractitioner, 'uuid[]')})[si],
            referred_at + make_interval(mins => 5 + (pg_temp.h('pick', m) % 110)::int),
            case when state <> 'no_further_action' or pg_temp.h('nfa', m) % 2 = 0
                 then referred_at + make_interval(mins => 30 + (pg_temp.h('scr', m) % 150)::int) end,
            3,
            referred_at,
            referred_at + interval '3 hours'
     from (
       select m, si, svc_id, site_id, site_code, k, referred_at,
              (${p.add(a.siteSources.values, 'text[]')})[(${p.add(a.siteSources.codes, 'int[]')})[(si - 1) * 20 + 1 + pg_temp.h('src', m) % 20]] as src,
              (${p.add(a.siteStatuses.values, 'text[]')})[(${p.add(a.siteStatuses.codes, 'int[]')})[(si - 1) * 20 + 1 + pg_temp.h('cst', m) % 20]] as cst,
              ${p.pick(CLOSED_STATES, 'st', 'm')} as state
       from (
         select m, si,
                (${p.add(a.serviceIds, 'uuid[]')})[(${siteService})[si]] as svc_id,
                (${p.add(a.siteIds, 'uuid[]')})[si] as site_id,
                (${p.add(a.siteCodes, 'text[]')})[si] as site_code,
                (${p.add(a.serviceFrom, 'int[]')})[(${siteService})[si]]
                  + floor((${p.add(a.serviceCount, 'int[]')})[(${siteService})[si]] * power((pg_temp.h('who', m) % 1000000) / 1e6::float8, 1.3))::bigint as k,
                ${p.add(endAt.toISOString(), 'timestamptz')} - make_interval(secs => (pg_temp.h('when', m) % (730 * 86400))::double precision) as referred_at
         from (select m, (${slotSite})[1 + pg_temp.h('site', m) % cardinality(${slotSite})] as si
               from generate_series(${p.add(first, 'bigint')}, ${p.add(last, 'bigint')}) as m offset 0) s
         offset 0
       ) t
       offset 0
     ) r
     join person p on p.id = md5('bench-person-' || r.k)::uuid`,
    p.values,
  );
  return result.rowCount ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Today's slice: made again on every run, so that "today" is today whenever the benchmark runs.
// ---------------------------------------------------------------------------------------------

/** Per site kind: referrals so far today, how many of the latest are still waiting (new or being screened), and how many from last night still wait. */
const TODAY: Record<string, { today: number; open: number; carried: number }> = {
  custody_suite: { today: 24, open: 10, carried: 3 },
  police_station: { today: 6, open: 2, carried: 1 },
  magistrates_court: { today: 10, open: 4, carried: 0 },
  youth_court: { today: 3, open: 1, carried: 0 },
  crown_court: { today: 2, open: 1, carried: 0 },
  community_base: { today: 2, open: 1, carried: 0 },
};

export const TODAY_ID_LIMIT = 2000;
export const todaySliceSize = (plan: Awaited<ReturnType<typeof readPlan>>) =>
  plan.sites.reduce((t, s) => t + (TODAY[s.kind]?.today ?? 2) + (TODAY[s.kind]?.carried ?? 0), 0);


/** Deletes the previous run's slice (ids md5("bench-today-i")) and makes today's: returns the rows made and how many wait. */
export async function refreshTodaySlice(client: pg.Client, plan: Awaited<ReturnType<typeof readPlan>>, startOfDay: Date, now: Date) {
  const ids = `(select md5('bench-today-' || i)::uuid from generate_series(1, ${TODAY_ID_LIMIT}) i)`;
  await client.query(`delete from case_episode where referral_id in ${ids}`);
  await client.query(`delete from screening where referral_id in ${ids}`);
  await client.query(`delete from referral where id in ${ids}`);
  const random = mulberry32(20_260_101);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  type Row = { i: number; si: number; k: number; referred_at: string; arrived_min: number | null; state: string; linked: boolean; urgency: string; offence: string; source: string; cst: string; picked: boolean; screened: boolean };
  const rows: Row[] = [];
  const span = Math.max(now.getTime() - startOfDay.getTime(), 60_000);
  for (const [index, site] of plan.sites.entries()) {
    const spec = TODAY[site.kind] ?? { today: 2, open: 1, carried: 0 };
    const service = plan.services[site.serviceIndex]!;
    const person = () => service.peopleFrom + Math.floor(service.peopleCount * random() ** 1.3);
    const sources = sourcesFor(site.kind);
    const statuses = custodyStatusesFor(site.kind);
    const add = (at: Date, state: string, urgency: string) => {
      const cst = pick(statuses);
      const open = state === 'new' || state === 'being_screened';
      rows.push({
        i: rows.length + 1, si: index + 1, k: person(), referred_at: at.toISOString(),
        arrived_min: cst === 'in_custody' || cst === 'voluntary_attendance' ? 5 + Math.floor(random() * 90) : null,
        state, linked: !(state === 'new' && random() < 0.5), urgency, offence: pick(flat(OFFENCES)), source: pick(sources), cst,
        picked: state !== 'new', screened: !open && (state !== 'no_further_action' || random() < 0.5),
      });
    };
    for (let j = 0; j < spec.carried; j++) {
      add(new Date(startOfDay.getTime() - (6 - j) * 3_600_000 + Math.floor(random() * 1_800_000)), j === 0 ? 'being_screened' : 'new', j === 0 ? 'urgent' : 'routine');
    }
    for (let j = 0; j < spec.today; j++) {
      const at = new Date(startOfDay.getTime() + Math.floor((span * (j + 1)) / (spec.today + 1)));
      const waiting = j >= spec.today - spec.open;
      const state = waiting ? (j >= spec.today - Math.ceil((spec.open * 2) / 3) ? 'new' : 'being_screened') : pick(flat(CLOSED_STATES));
      const urgency = waiting && j === spec.today - 1 && site.kind === 'custody_suite' ? 'immediate' : pick(flat(URGENCY));
      add(at, state, urgency);
    }
  }
  if (rows.length > TODAY_ID_LIMIT) throw new Error(`Today's slice has ${rows.length} rows: raise TODAY_ID_LIMIT`);
  const a = siteArrays(plan);
  await client.query(
    `insert into referral (id, ${REFERRAL_COLUMNS})
     select md5('bench-today-' || t.i)::uuid, ($1::uuid[])[($2::int[])[t.si]], ($3::uuid[])[t.si], case when t.linked then p.id end,
            p.given_name, p.family_name, p.date_of_birth, t.source, 'PS ' || p.family_name, ${REFERRER_SQL('t.source')},
            case when t.arrived_min is not null then t.referred_at - make_interval(mins => t.arrived_min) end,
            t.referred_at, ($4::text[])[1 + t.i % cardinality($4::text[])], t.offence, 'not_known', t.cst,
            case when t.cst in ('in_custody', 'voluntary_attendance') then ($6::text[])[t.si] || '/' || lpad(t.i::text, 5, '0') || '/' || to_char(t.referred_at, 'YY') else '' end,
            case when t.cst = 'at_court' then '0' || lpad((9000000 + t.i)::text, 7, '0') || to_char(t.referred_at, 'YY') else '' end,
            t.urgency, t.state,
            case when t.picked then ($5::uuid[])[t.si] end,
            case when t.picked then least(t.referred_at + interval '10 minutes', $7::timestamptz) end,
            case when t.screened then least(t.referred_at + interval '40 minutes', $7::timestamptz) end,
            case when t.state = 'new' then 1 else 2 end, t.referred_at, t.referred_at
     from json_to_recordset($8::json) as t(i int, si int, k bigint, referred_at timestamptz, arrived_min int, state text, linked boolean, urgency text, offence text, source text, cst text, picked boolean, screened boolean)
     join person p on p.id = md5('bench-person-' || t.k)::uuid`,
    [a.serviceIds, a.siteService, a.siteIds, REASONS, a.sitePractitioner, a.siteCodes, now.toISOString(), JSON.stringify(rows)],
  );
  return { rows: rows.length, waiting: rows.filter((r) => r.state === 'new' || r.state === 'being_screened').length };
}
