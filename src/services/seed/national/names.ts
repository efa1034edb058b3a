// Invented people's names for bulk synthetic data: family names roughly in order of how common they are
// in England, with spelling variants further down, and given names with nicknames and variants.
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
