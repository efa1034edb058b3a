// Word lists for the synthetic demo activity: invented people are made by drawing a given name and a
// family name at random from these lists, so no record describes a real person. Phone numbers come
// from Ofcom's range kept for drama (07700 900xxx); "No fixed abode" uses the NHS pseudo-postcode ZZ99 3VZ.
import type { EthnicCategoryCode } from '../../domain/ethnicity.js';
import type { VulnerabilityDomain } from '../../domain/vulnerability-domains.js';

/** Names that go together, and the first languages (with how often an interpreter is needed) of people who carry them. */
export type NamePool = {
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
  /** First languages other than English, each with the share of people speaking it, and the share of those needing an interpreter. */
  languages?: ReadonlyArray<{ language: string; share: number; interpreter: number }>;
};

export type PoolName =
  | 'british'
  | 'irish'
  | 'eastern_european'
  | 'southern_european'
  | 'indian'
  | 'pakistani'
  | 'bangladeshi'
  | 'sri_lankan'
  | 'caribbean'
  | 'west_african'
  | 'east_african'
  | 'chinese'
  | 'middle_eastern';

export const NAME_POOLS: Record<PoolName, NamePool> = {
  british: {
    male: [
      'Aaron', 'Adam', 'Alfie', 'Andrew', 'Ashley', 'Ben', 'Bradley', 'Callum', 'Carl', 'Charlie', 'Chris', 'Connor', 'Craig', 'Daniel',
      'Darren', 'Dean', 'Dylan', 'Gary', 'George', 'Harry', 'Harvey', 'Jack', 'Jacob', 'Jake', 'James', 'Jamie', 'Jason', 'Joe', 'Jordan',
      'Josh', 'Kane', 'Keith', 'Kieran', 'Kyle', 'Lee', 'Leon', 'Lewis', 'Liam', 'Luke', 'Mark', 'Mason', 'Matthew', 'Michael', 'Nathan',
      'Neil', 'Oliver', 'Paul', 'Reece', 'Ricky', 'Rhys', 'Robert', 'Ryan', 'Scott', 'Shane', 'Stephen', 'Steven', 'Stuart', 'Thomas',
      'Tony', 'Tyler', 'Wayne', 'William', 'Harrison', 'Elliot', 'Archie', 'Toby', 'Graham', 'Kevin', 'Martin', 'Brian',
    ],
    female: [
      'Abbie', 'Amy', 'Bethany', 'Carly', 'Charlotte', 'Chloe', 'Claire', 'Danielle', 'Donna', 'Emma', 'Gemma', 'Hayley', 'Holly', 'Jade',
      'Jodie', 'Karen', 'Kayleigh', 'Kelly', 'Laura', 'Lauren', 'Leanne', 'Lisa', 'Louise', 'Lucy', 'Megan', 'Michelle', 'Natalie', 'Nicola',
      'Paige', 'Rachel', 'Rebecca', 'Sarah', 'Shannon', 'Sophie', 'Stacey', 'Tracey', 'Victoria', 'Zoe', 'Ellie', 'Keeley', 'Demi', 'Joanne',
    ],
    family: [
      'Ackroyd', 'Atkinson', 'Bailey', 'Barker', 'Bentley', 'Bottomley', 'Bradshaw', 'Briggs', 'Butterworth', 'Clegg', 'Crossley', 'Dawson',
      'Dyson', 'Ellis', 'Fletcher', 'Foster', 'Gledhill', 'Greenwood', 'Haigh', 'Hargreaves', 'Holdsworth', 'Horsfall', 'Jagger', 'Kershaw',
      'Lister', 'Marsden', 'Mellor', 'Naylor', 'Oldroyd', 'Priestley', 'Ramsden', 'Rhodes', 'Schofield', 'Senior', 'Shackleton', 'Sutcliffe',
      'Sykes', 'Taylor', 'Thornton', 'Walker', 'Wadsworth', 'Whiteley', 'Wilkinson', 'Wood', 'Booth', 'Hartley', 'Pearson', 'Jackson',
      'Roberts', 'Turner', 'Harris', 'Cooper', 'Ward', 'Moore', 'Clarke', 'Parker', 'Mitchell', 'Hughes', 'Wright', 'Green', 'Hill',
      'Shaw', 'Lee', 'Robinson', 'Kelly', 'Marshall', 'Hudson', 'Ibbotson', 'Lumb', 'Pickles', 'Stansfield', 'Holroyd', 'Firth',
    ],
  },
  irish: {
    male: ['Aidan', 'Cian', 'Ciaran', 'Conor', 'Darragh', 'Declan', 'Eoin', 'Fergal', 'Kevin', 'Niall', 'Padraig', 'Ronan', 'Sean', 'Shay', 'Tadhg', 'Brendan', 'Colm'],
    female: ['Aoife', 'Ciara', 'Deirdre', 'Eileen', 'Grainne', 'Niamh', 'Orla', 'Roisin', 'Siobhan', 'Sinead', 'Mairead', 'Clodagh', 'Caoimhe'],
    family: [
      'Brennan', 'Byrne', 'Callaghan', 'Doherty', 'Donnelly', 'Doyle', 'Flanagan', 'Gallagher', 'Kavanagh', 'Keane', 'Lynch', 'McCarthy',
      'McDonagh', 'Murphy', 'Nolan', "O'Brien", "O'Connor", "O'Neill", "O'Sullivan", 'Quinn', 'Reilly', 'Ward', 'Maughan', 'Connors',
    ],
    languages: [{ language: 'Irish', share: 0.02, interpreter: 0 }],
  },
  eastern_european: {
    male: ['Adrian', 'Andrzej', 'Bartosz', 'Dawid', 'Grzegorz', 'Jakub', 'Kamil', 'Krzysztof', 'Lukasz', 'Marcin', 'Mateusz', 'Michal', 'Pawel', 'Piotr', 'Tomasz', 'Mihai', 'Andrei', 'Florin', 'Ionut', 'Mindaugas', 'Tomas', 'Darius', 'Martin', 'Jan'],
    female: ['Agnieszka', 'Anna', 'Ewa', 'Joanna', 'Justyna', 'Karolina', 'Magdalena', 'Monika', 'Natalia', 'Paulina', 'Weronika', 'Ioana', 'Elena', 'Andreea', 'Ruta', 'Egle', 'Lucie', 'Petra'],
    family: [
      'Nowak', 'Kowalski', 'Wisniewski', 'Wojcik', 'Kaminski', 'Lewandowski', 'Zielinski', 'Szymanski', 'Wozniak', 'Dabrowski', 'Mazur',
      'Krawczyk', 'Pawlak', 'Sikora', 'Popescu', 'Ionescu', 'Stan', 'Dumitru', 'Kazlauskas', 'Petrauskas', 'Jankauskas', 'Horvath', 'Novak', 'Balog',
    ],
    languages: [
      { language: 'Polish', share: 0.45, interpreter: 0.3 },
      { language: 'Romanian', share: 0.2, interpreter: 0.35 },
      { language: 'Lithuanian', share: 0.1, interpreter: 0.3 },
      { language: 'Slovak', share: 0.08, interpreter: 0.3 },
    ],
  },
  southern_european: {
    male: ['Joao', 'Tiago', 'Rui', 'Diogo', 'Marco', 'Luca', 'Alessandro', 'Javier', 'Carlos', 'Dimitris', 'Nikos', 'Bruno'],
    female: ['Ana', 'Ines', 'Beatriz', 'Giulia', 'Chiara', 'Lucia', 'Marta', 'Sofia', 'Eleni', 'Carla'],
    family: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Costa', 'Rossi', 'Romano', 'Esposito', 'Garcia', 'Fernandez', 'Papadopoulos', 'Moreira'],
    languages: [
      { language: 'Portuguese', share: 0.35, interpreter: 0.3 },
      { language: 'Italian', share: 0.15, interpreter: 0.2 },
      { language: 'Spanish', share: 0.15, interpreter: 0.2 },
    ],
  },
  indian: {
    male: ['Amit', 'Arjun', 'Deepak', 'Gurpreet', 'Harjit', 'Jaspal', 'Karan', 'Manjit', 'Nikhil', 'Rajesh', 'Ravi', 'Sanjay', 'Sunil', 'Vikram', 'Jaswinder', 'Rohan', 'Kuldip'],
    female: ['Anjali', 'Deepa', 'Harpreet', 'Jaspreet', 'Kiran', 'Manpreet', 'Neha', 'Pooja', 'Priya', 'Rani', 'Simran', 'Sunita'],
    family: ['Bains', 'Chauhan', 'Dhillon', 'Gill', 'Grewal', 'Kaur', 'Kumar', 'Mistry', 'Parmar', 'Patel', 'Sandhu', 'Sharma', 'Singh', 'Solanki', 'Virdee', 'Johal'],
    languages: [
      { language: 'Punjabi', share: 0.12, interpreter: 0.3 },
      { language: 'Gujarati', share: 0.08, interpreter: 0.3 },
    ],
  },
  pakistani: {
    male: ['Adeel', 'Amir', 'Asif', 'Bilal', 'Faisal', 'Haroon', 'Imran', 'Irfan', 'Kashif', 'Mohammed', 'Naveed', 'Omar', 'Rizwan', 'Sajid', 'Shahid', 'Tariq', 'Usman', 'Waqas', 'Zain', 'Zubair', 'Hamza', 'Ibrahim'],
    female: ['Aisha', 'Amina', 'Fatima', 'Hina', 'Iqra', 'Maryam', 'Nadia', 'Rabia', 'Saima', 'Samina', 'Sana', 'Zainab', 'Shabana'],
    family: ['Ahmed', 'Akhtar', 'Ali', 'Anwar', 'Aslam', 'Bashir', 'Butt', 'Hussain', 'Iqbal', 'Javed', 'Khan', 'Mahmood', 'Malik', 'Mirza', 'Qureshi', 'Rashid', 'Raza', 'Shah', 'Yousaf', 'Zaman'],
    languages: [
      { language: 'Urdu', share: 0.1, interpreter: 0.3 },
      { language: 'Punjabi', share: 0.08, interpreter: 0.3 },
    ],
  },
  bangladeshi: {
    male: ['Abdul', 'Anwar', 'Jahangir', 'Kamal', 'Mahbub', 'Mizanur', 'Nazrul', 'Rahim', 'Rashed', 'Shahin', 'Sohel', 'Tanvir', 'Jamal', 'Rubel'],
    female: ['Farzana', 'Jesmin', 'Nasima', 'Rehana', 'Ruksana', 'Shirin', 'Taslima', 'Sumaiya', 'Nusrat'],
    family: ['Begum', 'Choudhury', 'Hoque', 'Islam', 'Miah', 'Rahman', 'Uddin', 'Ullah', 'Alam', 'Karim', 'Hassan', 'Ahmed'],
    languages: [
      { language: 'Bengali', share: 0.12, interpreter: 0.35 },
      { language: 'Sylheti', share: 0.1, interpreter: 0.4 },
    ],
  },
  sri_lankan: {
    male: ['Kajan', 'Niroshan', 'Pradeep', 'Suresh', 'Tharshan', 'Ashan', 'Dinesh', 'Gobi'],
    female: ['Tharshini', 'Nirosha', 'Dilani', 'Kavitha', 'Sharmila'],
    family: ['Sivakumar', 'Rajendran', 'Perera', 'Fernando', 'Jayasuriya', 'Selvaraj', 'Nadarajah', 'Balasubramaniam'],
    languages: [{ language: 'Tamil', share: 0.2, interpreter: 0.35 }],
  },
  caribbean: {
    male: ['Andre', 'Curtis', 'Delroy', 'Devon', 'Dwayne', 'Errol', 'Jermaine', 'Junior', 'Kemar', 'Leroy', 'Marlon', 'Nathaniel', 'Omari', 'Rohan', 'Tyrone', 'Winston', 'Jerome', 'Tremaine', 'Kyrie', 'Malachi'],
    female: ['Alicia', 'Chantelle', 'Denise', 'Jasmine', 'Keisha', 'Marcia', 'Natasha', 'Shanice', 'Tanisha', 'Yvonne', 'Simone', 'Kadijah'],
    family: ['Anderson', 'Beckford', 'Blake', 'Bryan', 'Campbell', 'Clarke', 'Francis', 'Gayle', 'Grant', 'Henry', 'Lewis', 'McKenzie', 'Morgan', 'Powell', 'Reid', 'Richards', 'Samuels', 'Thompson', 'Walters', 'Wright', 'Barrett', 'Ellington'],
  },
  west_african: {
    male: ['Adebayo', 'Chidi', 'Chukwuemeka', 'Emeka', 'Kwabena', 'Kwame', 'Kofi', 'Obinna', 'Olumide', 'Segun', 'Tunde', 'Yaw', 'Ifeanyi', 'Babatunde', 'Daniel', 'Samuel', 'Emmanuel', 'David'],
    female: ['Abena', 'Adaeze', 'Akosua', 'Chiamaka', 'Folake', 'Ngozi', 'Nkechi', 'Funmilayo', 'Yewande', 'Esi', 'Grace', 'Blessing', 'Precious'],
    family: ['Adeyemi', 'Afolabi', 'Agyeman', 'Appiah', 'Asante', 'Boateng', 'Eze', 'Mensah', 'Nwosu', 'Obi', 'Ogunleye', 'Okafor', 'Okonkwo', 'Oyelaran', 'Owusu', 'Adjei', 'Bankole', 'Danquah'],
    languages: [
      { language: 'Yoruba', share: 0.04, interpreter: 0.2 },
      { language: 'Twi', share: 0.04, interpreter: 0.2 },
    ],
  },
  east_african: {
    male: ['Abdirahman', 'Abdullahi', 'Ahmed', 'Bashir', 'Hassan', 'Mohamed', 'Mustafa', 'Yonas', 'Dawit', 'Tesfay', 'Kibrom', 'Liban', 'Samuel'],
    female: ['Amal', 'Fadumo', 'Hodan', 'Ifrah', 'Sahra', 'Ayaan', 'Hamdi', 'Selam', 'Helen', 'Ruth'],
    family: ['Abdi', 'Ali', 'Farah', 'Hassan', 'Jama', 'Mohamud', 'Warsame', 'Yusuf', 'Osman', 'Tesfaye', 'Gebremedhin', 'Haile', 'Kiprono', 'Wanjiru'],
    languages: [
      { language: 'Somali', share: 0.3, interpreter: 0.45 },
      { language: 'Tigrinya', share: 0.15, interpreter: 0.6 },
      { language: 'Amharic', share: 0.08, interpreter: 0.5 },
    ],
  },
  chinese: {
    male: ['Wei', 'Jun', 'Hao', 'Ming', 'Jian', 'Lei', 'Kai', 'Chun', 'Kevin', 'Jason', 'Tommy', 'Ho'],
    female: ['Mei', 'Li', 'Xin', 'Ying', 'Fang', 'Hui', 'Lily', 'Jenny', 'Ling'],
    family: ['Chan', 'Chen', 'Cheung', 'Huang', 'Lam', 'Li', 'Lin', 'Liu', 'Ng', 'Tang', 'Wang', 'Wong', 'Wu', 'Yang', 'Zhang', 'Zhou', 'Nguyen', 'Tran'],
    languages: [
      { language: 'Mandarin', share: 0.25, interpreter: 0.5 },
      { language: 'Cantonese', share: 0.2, interpreter: 0.4 },
      { language: 'Vietnamese', share: 0.15, interpreter: 0.5 },
    ],
  },
  middle_eastern: {
    male: ['Ahmad', 'Ali', 'Hussein', 'Karim', 'Mahmoud', 'Rami', 'Sami', 'Yusuf', 'Hamid', 'Rebwar', 'Shvan', 'Emre', 'Mehmet', 'Farhad', 'Jawad', 'Wahid'],
    female: ['Layla', 'Nour', 'Rania', 'Yasmin', 'Dilan', 'Zeynep', 'Elif', 'Shirin', 'Parisa', 'Mariam'],
    family: ['Abbas', 'Haddad', 'Hamdan', 'Karimi', 'Mansour', 'Nasser', 'Rahimi', 'Saleh', 'Yilmaz', 'Demir', 'Kaya', 'Ahmadi', 'Hosseini', 'Mustafa', 'Aziz', 'Barzani'],
    languages: [
      { language: 'Arabic', share: 0.25, interpreter: 0.5 },
      { language: 'Kurdish (Sorani)', share: 0.15, interpreter: 0.6 },
      { language: 'Turkish', share: 0.15, interpreter: 0.4 },
      { language: 'Dari', share: 0.1, interpreter: 0.7 },
      { language: 'Pashto', share: 0.08, interpreter: 0.7 },
    ],
  },
};

/** Which names a person of each ethnic category is given: the pools and their weights. Z and 99 draw from anyone. */
export const POOLS_BY_ETHNICITY: Record<EthnicCategoryCode, ReadonlyArray<[PoolName, number]>> = {
  A: [['british', 92], ['irish', 8]],
  B: [['irish', 100]],
  C: [['eastern_european', 65], ['southern_european', 25], ['british', 10]],
  D: [['british', 55], ['caribbean', 45]],
  E: [['british', 50], ['west_african', 40], ['east_african', 10]],
  F: [['british', 50], ['indian', 25], ['pakistani', 20], ['chinese', 5]],
  G: [['british', 40], ['caribbean', 20], ['middle_eastern', 15], ['west_african', 15], ['southern_european', 10]],
  H: [['indian', 100]],
  J: [['pakistani', 100]],
  K: [['bangladeshi', 100]],
  L: [['sri_lankan', 45], ['pakistani', 20], ['indian', 15], ['middle_eastern', 20]],
  M: [['caribbean', 100]],
  N: [['west_african', 70], ['east_african', 30]],
  P: [['caribbean', 50], ['west_african', 30], ['east_african', 20]],
  R: [['chinese', 100]],
  S: [['middle_eastern', 70], ['chinese', 15], ['southern_european', 15]],
  Z: [['british', 60], ['irish', 5], ['caribbean', 10], ['pakistani', 10], ['eastern_european', 10], ['west_african', 5]],
  '99': [['british', 60], ['irish', 5], ['caribbean', 10], ['pakistani', 10], ['eastern_european', 10], ['west_african', 5]],
};

/**
 * Ethnic category mix of people in contact with each kind of area: roughly the local population with
 * the over-representation of Black and Mixed groups seen in contact with criminal justice, and a few
 * "not stated" and "not known".
 */
export const ETHNICITY_MIX: Record<'yorkshire' | 'london', ReadonlyArray<[EthnicCategoryCode, number]>> = {
  yorkshire: [
    ['A', 68], ['B', 1], ['C', 5], ['D', 2.5], ['E', 0.5], ['F', 1], ['G', 1], ['H', 2], ['J', 8], ['K', 1],
    ['L', 1], ['M', 1.5], ['N', 2], ['P', 0.5], ['R', 0.5], ['S', 1], ['Z', 2], ['99', 3.5],
  ],
  london: [
    ['A', 33], ['B', 2], ['C', 12], ['D', 4], ['E', 1.5], ['F', 1.5], ['G', 2.5], ['H', 4], ['J', 3], ['K', 3.5],
    ['L', 3], ['M', 7], ['N', 9], ['P', 3], ['R', 1.5], ['S', 3], ['Z', 2], ['99', 4],
  ],
};

/** Everyday short forms, used as preferred names and as aliases. */
export const NICKNAMES: Readonly<Record<string, string>> = {
  Andrew: 'Andy', Anthony: 'Tony', Christopher: 'Chris', Daniel: 'Danny', James: 'Jim', Joseph: 'Joe', Matthew: 'Matt', Michael: 'Mikey',
  Nathan: 'Nate', Robert: 'Rob', Stephen: 'Steve', Steven: 'Steve', Thomas: 'Tom', William: 'Billy', Joshua: 'Josh', Harrison: 'Harry',
  Mohammed: 'Mo', Mohamed: 'Mo', Ibrahim: 'Ibby', Abdullahi: 'Abdi', Abdirahman: 'Abdi', Krzysztof: 'Krzys', Lukasz: 'Luke', Piotr: 'Peter', Tomasz: 'Tom',
  Chukwuemeka: 'Emeka', Olumide: 'Mide', Babatunde: 'Tunde', Rebecca: 'Becky', Victoria: 'Vicky', Natasha: 'Tash', Samuel: 'Sam',
  Jacob: 'Jake', Charlotte: 'Charlie', Danielle: 'Dani', Magdalena: 'Magda', Agnieszka: 'Aga', Joanna: 'Asia', Nathaniel: 'Nate',
  Alessandro: 'Alex', Adrian: 'Ade', Kwabena: 'Kobby', Precious: 'Pre', Elizabeth: 'Liz', Jermaine: 'Maine',
};

/** The places people in each service give as home: invented streets in the service's own area. */
export const STREETS: readonly string[] = [
  'Albion Street', 'Back Lane', 'Beck Side', 'Bridge Road', 'Canal Walk', 'Chapel Row', 'Church Lane', 'Cross Street', 'Dale View', 'Edge End',
  'Fern Bank', 'Fold Court', 'Garden Terrace', 'Hawthorn Close', 'Heath Road', 'High Street', 'Holly Grove', 'Hollin Lane', 'King Street',
  'Lark Rise', 'Lime Avenue', 'Marsh Road', 'Mill Street', 'Moor View', 'Nook Lane', 'North Parade', 'Oak Crescent', 'Park Road',
  'Prospect Place', 'Queen Street', 'Railway Terrace', 'Rock Street', 'School Lane', 'Spring Gardens', 'Station Road', 'Sycamore Way',
  'Tenter Fields', 'Union Street', 'Victoria Road', 'Water Lane', 'Well Street', 'Willow Court', 'Wharf Street', 'Yew Tree Walk',
];

export const AREAS_BY_SERVICE: Readonly<Record<string, readonly string[]>> = {
  'calder-vale': ['Calder Vale', 'Hebble End', 'Laburnum Park', 'Calder Vale North', 'Calder Vale South'],
  'five-towns': ['Five Towns', 'Aire Bridge', 'Ropewalk', 'Five Towns East', 'Five Towns West'],
  'pennine-kirk': ['Pennine Kirk', 'Kirk Moor', 'Holme Brook', 'Pennine Kirk Central', 'Pennine Kirk Upper'],
  'london-trial': ['Bow Common', 'Deptford Creek', 'Tooting Bec', 'Acton Vale', 'Walthamstow Marsh', 'Kentish Town', 'Streatham Vale', 'Wood Green', 'Peckham Rye', 'Hammersmith', 'Stratford', 'Camberwell', 'Willesden', 'Barking'],
};

export const KNOWN_RISKS: readonly string[] = [
  'Assaulted custody staff in 2024: two officers for any contact',
  'Ligature risk noted at a previous detention: constant observation advised',
  'Threats to harm an ex-partner: check bail conditions before any joint contact',
  'History of spitting at staff when distressed',
  'Carries blades: search before interview',
  'Previous overdose in a cell: check for concealed drugs',
  'Hostile to female staff: a male worker for first contact',
  'Absconded from hospital under section 2 last year',
  'Known to be targeted by a county lines group: do not share location',
  'Seizures: epilepsy, medication must not be missed',
];

/** A phrase for anyone, or only for a child (under 18) or only for an adult. */
export type Phrase = string | { text: string; only: 'child' | 'adult' };
const child = (text: string): Phrase => ({ text, only: 'child' });
const adult = (text: string): Phrase => ({ text, only: 'adult' });

/** The phrases of a list that suit a child, or an adult. */
export function phrasesFor(list: readonly Phrase[], isChild: boolean): string[] {
  return list.flatMap((p) => (typeof p === 'string' ? [p] : (p.only === 'child') === isChild ? [p.text] : []));
}

/** What a referrer says, by the need that worried them. Written without names or pronouns so they fit anyone. */
export const CONCERNS: Readonly<Partial<Record<VulnerabilityDomain, readonly Phrase[]>>> = {
  mental_health: [
    'Appears very low in mood, says there is no point in anything',
    'Talking to voices in the cell, not making sense when spoken to',
    'Believes the police are part of a plot; very frightened',
    adult('Known to the community mental health team; has stopped taking medication'),
    child('Known to CAMHS; parent says things have been getting worse for months'),
    'Agitated and pacing, says thoughts are racing and has not slept for days',
    'Tearful throughout booking in, says everything has fallen apart',
    adult('Recently discharged from a mental health ward'),
  ],
  self_harm_suicide: [
    'Fresh cuts to both forearms seen at booking in',
    'Said at the desk that life is not worth living',
    'Tried to tie clothing round the neck in the cell',
    'Previous overdose last month, according to family',
  ],
  learning_disability: [
    'Could not follow the rights read out at booking in; may have a learning disability',
    adult('Attended a special school, according to the solicitor; struggles with reading'),
    child('Has an education, health and care plan; school says reading age is about seven'),
    'Answers yes to every question; may not understand what is happening',
  ],
  autism: [child('Parent says autism is diagnosed; very distressed by the noise and lights'), adult('Says is autistic; very distressed by the noise and lights'), 'Rigid about routine, covering ears, will not make eye contact'],
  adhd: ['Cannot sit still, interrupting constantly; family says ADHD medication has run out', adult('Impulsive and restless; says ADHD was diagnosed at school')],
  speech_language_communication: [
    'Very short answers and does not seem to understand questions',
    'Struggles to explain what happened; words come out muddled',
    child('Youth justice service report speech and language needs'),
  ],
  brain_injury: ['Head injury in a fight last year; memory problems since', adult('Says a car accident left problems with memory and temper')],
  substance_use: [
    adult('Withdrawing from heroin: sweating, shaking, asking for a script'),
    adult('Smelling strongly of alcohol; says drinks every day from the morning'),
    adult('Says crack cocaine use has got out of hand'),
    child('Cannabis every day since 13, according to the youth justice worker'),
    child('Drunk on arrival; parent says drinking most weekends'),
    'Found with spice; says it is the only way to get through the day',
  ],
  physical_health: ['Diabetic and has not eaten today', adult('Chest pains reported at booking in; healthcare practitioner aware')],
  trauma_abuse: ['Disclosed childhood abuse to the solicitor', 'Flinches at any raised voice; social care record of neglect'],
  domestic_abuse: [adult('Bruising seen; says partner did it'), 'Arrested after an incident at home; says has been a victim too', child('Police attended the family home several times for domestic abuse')],
  housing: [adult('Sleeping rough for the past month'), adult('Evicted last week and sofa surfing'), adult('No fixed address given at booking in'), child('Thrown out by family; staying with friends')],
  finance_debt: [adult('Says theft was because there was no money for food or the electric'), adult('Benefits stopped; debts to loan sharks')],
  education_training_employment: [child('Excluded from school and not attending anywhere'), adult('Lost job recently; says that is when things went wrong')],
  family_caring: [adult('Worried about children left with a neighbour'), 'Sole carer for a disabled parent who is now alone'],
  gangs_exploitation: [
    'Found with phones and cash far from home; possible county lines exploitation',
    child('Youth justice worker worried about older males controlling this young person'),
    'Repeatedly missing from home; found in a trap house',
  ],
};

export const GENERAL_CONCERNS: readonly string[] = [
  'Custody staff have concerns about vulnerability; please see',
  'Flagged on the custody list for a vulnerability screen',
  'Solicitor asks for a screen before interview',
  'Known to the service before; please screen again',
  'On the court list and previously known to the team',
];

export const FINDING_NOTES: Readonly<Partial<Record<VulnerabilityDomain, readonly Phrase[]>>> = {
  mental_health: ['Low mood for months, not under any service', adult('Psychotic symptoms; known to the community mental health team'), 'Anxiety and panic attacks, on a GP waiting list', adult('Diagnosed bipolar disorder, off medication'), child('On the CAMHS waiting list')],
  self_harm_suicide: ['Cuts to arms, last self-harm two days ago', 'Suicidal thoughts without a plan', 'Overdose three weeks ago'],
  learning_disability: ['Attended a special school; needs information read and explained', 'Struggled with the easy-read leaflet'],
  autism: ['Diagnosed autistic at 9', 'Possible autism: sensory distress and literal understanding'],
  adhd: ['ADHD diagnosed in childhood; no medication now'],
  speech_language_communication: ['Difficulty understanding longer questions', 'Speech and language therapy in primary school'],
  brain_injury: ['Head injury with loss of consciousness in 2023'],
  substance_use: [adult('Daily heroin and crack use'), adult('Alcohol dependent: at risk of withdrawal fits'), 'Daily cannabis', 'Cocaine at weekends, increasing'],
  physical_health: ['Type 1 diabetes', 'Asthma; inhaler with property', adult('Hepatitis C, not treated')],
  trauma_abuse: [adult('Abuse in childhood; was in care'), 'Witnessed violence at home', child('Looked after by the local authority since age 11')],
  domestic_abuse: [adult('Victim of abuse by an ex-partner; MARAC in the past'), adult('Current partner controlling money and phone'), child("Domestic abuse at home; children's social care involved")],
  housing: [adult('Rough sleeping'), 'Sofa surfing', adult('Hostel place at risk')],
  finance_debt: [adult('Universal Credit sanction; rent arrears'), 'Debts to a lender met through a friend'],
  education_training_employment: ['Not in education, employment or training', child('Permanently excluded; on a part-time timetable'), adult('Excluded from school in Year 9')],
  family_caring: [adult('Two children under five at home'), 'Carer for a parent'],
  gangs_exploitation: ['Possible county lines: found out of area with cash', child('Youth justice worker concerned about criminal exploitation'), adult('Says owes money to a group and has to hold drugs for them')],
};

export const RISK_IN_CUSTODY: readonly string[] = [
  'No immediate risk identified; usual checks',
  'Ligature risk: custody asked to keep on 30-minute rousing checks',
  'Risk of withdrawal: healthcare practitioner to review every four hours',
  'Low mood with suicidal thoughts: constant observation advised until reviewed',
  'Intoxicated on arrival: rousing checks until sober',
  'Vulnerable to exploitation: do not release without a safe address',
];

export const SCREEN_NOTES: readonly string[] = [
  'Screened in the cell with the custody nurse present; engaged well.',
  'Seen in the interview room before the solicitor consultation.',
  'Screened at court before the hearing; solicitor aware.',
  'Short screen: tired and wanted to sleep, but answered the questions.',
  'Engaged well and asked for help.',
  'Reluctant at first, then talked openly.',
  'Seen with the appropriate adult present.',
  '',
];

export const CAPACITY_ASSESSORS: readonly string[] = [
  'Forensic medical examiner',
  'Custody healthcare practitioner',
  'L&D mental health nurse, with the custody sergeant',
  'Approved mental health professional',
];

export const REFERRER_ROLES: Readonly<Record<string, readonly string[]>> = {
  custody_staff: ['Custody sergeant', 'Detention officer', 'Custody healthcare practitioner', 'Arresting officer'],
  court_staff: ['Legal adviser', 'Court usher', 'Court associate', 'Cells officer'],
  solicitor: ['Duty solicitor', 'Defence solicitor', 'Police station representative'],
  probation: ['Probation officer', 'Probation court team'],
  youth_justice: ['Youth justice officer', 'Youth offending team manager'],
  health: ['GP', 'Community psychiatric nurse', 'Drug service keyworker', 'Emergency department liaison nurse'],
  family: ['Mother', 'Father', 'Partner', 'Sister', 'Grandmother'],
  self: [''],
  list_check: ['Liaison and Diversion practitioner'],
};
