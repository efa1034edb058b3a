// Tests for scoring possible duplicate people: names, dates of birth, NHS numbers and PNC IDs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dateOfBirthMatch,
  fullNameSimilarity,
  isLikelyDuplicate,
  nameSimilarity,
  normaliseName,
  rankCandidates,
  scoreCandidate,
  type PersonIdentity,
} from './duplicate-candidates.js';

const person = (givenName: string, familyName: string, more: Partial<PersonIdentity> = {}): PersonIdentity => ({
  givenName,
  familyName,
  dateOfBirth: '1990-04-01',
  nhsNumber: null,
  pncId: null,
  ...more,
});

test('names are normalised: lower case, no accents, no punctuation, hyphens as spaces', () => {
  assert.equal(normaliseName("  Sarah  O'Neill "), 'sarah oneill');
  assert.equal(normaliseName('Sarah O’Neill'), 'sarah oneill');
  assert.equal(normaliseName('Zoë'), 'zoe');
  assert.equal(normaliseName('José-María Núñez'), 'jose maria nunez');
  assert.equal(normaliseName('Smith–Jones'), 'smith jones');
  assert.equal(normaliseName('J. R. Ó Briain'), 'j r o briain');
  assert.equal(normaliseName('Łukasz Søren Straße'), 'lukasz soren strasse');
  assert.equal(normaliseName(''), '');
});

test('trigram similarity agrees with pg_trgm', () => {
  assert.equal(nameSimilarity('John Smith', 'John Smith'), 1);
  assert.equal(nameSimilarity('Smith John', 'John Smith'), 1); // word order does not matter
  assert.equal(nameSimilarity('JOHN smith', 'john SMITH'), 1);
  // The example in the PostgreSQL documentation: similarity('word', 'two words') = 0.363636.
  assert.ok(Math.abs(nameSimilarity('word', 'two words') - 4 / 11) < 1e-12);
  // john smith: 11 trigrams; jon smyth: 10; shared "  j", " jo", "  s", " sm", "th ": 5 / 16.
  assert.equal(nameSimilarity('Jon Smyth', 'John Smith'), 5 / 16);
  assert.equal(nameSimilarity('abc', 'xyz'), 0);
  assert.equal(nameSimilarity('', ''), 0);
  assert.equal(nameSimilarity('Zoë', 'Zoe'), 1);
});

test('full-name similarity forgives one letter wrong in each name, but not a different given name', () => {
  assert.equal(fullNameSimilarity({ givenName: 'Jon', familyName: 'Smyth' }, { givenName: 'John', familyName: 'Smith' }), 0.75);
  const twins = fullNameSimilarity({ givenName: 'Jane', familyName: 'Smith' }, { givenName: 'John', familyName: 'Smith' });
  assert.equal(twins, nameSimilarity('Jane Smith', 'John Smith'));
  assert.ok(twins < 0.5);
});

test('dates of birth: same, near, different, unknown', () => {
  assert.equal(dateOfBirthMatch('1990-04-01', '1990-04-01'), 'same');
  assert.equal(dateOfBirthMatch('1990-04-01', '1990-04-02'), 'near'); // one day
  assert.equal(dateOfBirthMatch('1990-04-30', '1990-05-01'), 'near'); // one day, across months
  assert.equal(dateOfBirthMatch('1989-12-31', '1990-01-01'), 'near'); // one day, across years
  assert.equal(dateOfBirthMatch('1990-04-01', '1990-01-04'), 'near'); // day and month swapped
  assert.equal(dateOfBirthMatch('1990-04-01', '1991-04-01'), 'near'); // year one apart
  assert.equal(dateOfBirthMatch('1990-04-01', '1989-04-01'), 'near');
  assert.equal(dateOfBirthMatch('1990-04-12', '1990-04-22'), 'near'); // one digit of the day
  assert.equal(dateOfBirthMatch('1990-04-03', '1990-04-08'), 'near');
  assert.equal(dateOfBirthMatch('1990-04-12', '1990-04-21'), 'different'); // both digits differ
  assert.equal(dateOfBirthMatch('1990-04-01', '1992-04-01'), 'different');
  assert.equal(dateOfBirthMatch('1990-04-01', '1990-06-01'), 'different');
  assert.equal(dateOfBirthMatch('1990-04-01', '1990-04-13'), 'different');
  assert.equal(dateOfBirthMatch(null, '1990-04-01'), 'unknown');
  assert.equal(dateOfBirthMatch('1990-04-01', null), 'unknown');
  assert.equal(dateOfBirthMatch('1990-02-30', '1990-02-30'), 'unknown');
});

test('"Jon Smyth" and "John Smith" born the same day are likely the same', () => {
  const result = scoreCandidate(person('Jon', 'Smyth'), person('John', 'Smith'));
  assert.deepEqual(result.reasons, ['Similar name (0.75)', 'Same date of birth']);
  assert.ok(isLikelyDuplicate(result.score), `score ${result.score}`);
});

test('"Sarah O\'Neill" and "Sarah Oneill" have the same name', () => {
  const result = scoreCandidate(person('Sarah', "O'Neill"), person('Sarah', 'Oneill'));
  assert.deepEqual(result, { score: 95, reasons: ['Same name', 'Same date of birth'] });
});

test('accents do not matter: "Zoë" and "Zoe"', () => {
  const result = scoreCandidate(person('Zoë', 'Brontë'), person('Zoe', 'Bronte'));
  assert.deepEqual(result, { score: 95, reasons: ['Same name', 'Same date of birth'] });
});

test('given and family names swapped', () => {
  const result = scoreCandidate(person('Smith', 'John'), person('John', 'Smith'));
  assert.deepEqual(result, { score: 95, reasons: ['Same name, with given and family names swapped', 'Same date of birth'] });
  assert.ok(isLikelyDuplicate(scoreCandidate(person('Smyth', 'Jon'), person('John', 'Smith')).score));
});

test('an alias counts as a name, on either side', () => {
  const existing = person('Jonathan', 'Smith', { aliases: [{ givenName: 'Jay', familyName: 'Smith' }] });
  assert.deepEqual(scoreCandidate(person('Jay', 'Smith'), existing), {
    score: 95,
    reasons: ['Same name as the alias Jay Smith', 'Same date of birth'],
  });
  const newWithAlias = person('Jay', 'Smith', { aliases: [{ givenName: 'Jonathan', familyName: 'Smith' }] });
  assert.equal(scoreCandidate(newWithAlias, person('Jonathan', 'Smith')).score, 95);
});

test('different NHS numbers: not likely, even with the same name and date of birth', () => {
  const result = scoreCandidate(
    person('John', 'Smith', { nhsNumber: '943 476 5919' }),
    person('John', 'Smith', { nhsNumber: '9990000018' }),
  );
  assert.equal(result.score, 30);
  assert.deepEqual(result.reasons, ['Different NHS numbers', 'Same name', 'Same date of birth']);
  assert.equal(isLikelyDuplicate(result.score), false);
});

test('the same NHS number or PNC ID is a match whatever the names', () => {
  assert.deepEqual(
    scoreCandidate(person('A', 'B', { nhsNumber: '943 476 5919' }), person('C', 'D', { nhsNumber: '9434765919', dateOfBirth: null })),
    { score: 100, reasons: ['Same NHS number'] },
  );
  assert.deepEqual(scoreCandidate(person('A', 'B', { pncId: '2008/56560z' }), person('C', 'D', { pncId: '2008/0056560Z' })), {
    score: 100,
    reasons: ['Same PNC ID'],
  });
  assert.deepEqual(
    scoreCandidate(
      person('A', 'B', { pncId: '2008/0056560Z', nhsNumber: '9434765919' }),
      person('C', 'D', { pncId: '2008/0056560Z', nhsNumber: '9990000018' }),
    ),
    { score: 100, reasons: ['Same PNC ID', 'Different NHS numbers'] },
  );
  // A missing identifier on one side says nothing.
  assert.equal(scoreCandidate(person('A', 'B', { nhsNumber: '9434765919' }), person('C', 'D', { nhsNumber: null })).score, 35);
});

test('no nicknames are known: "Bob" is not "Robert"', () => {
  const result = scoreCandidate(person('Bob', 'Smith'), person('Robert', 'Smith'));
  assert.equal(result.reasons[0]?.startsWith('Similar name (0.'), true);
  assert.equal(isLikelyDuplicate(result.score), false);
});

test('twins, and people who share a given name and date of birth, are not likely', () => {
  assert.equal(isLikelyDuplicate(scoreCandidate(person('Jane', 'Smith'), person('John', 'Smith')).score), false);
  assert.equal(isLikelyDuplicate(scoreCandidate(person('Sarah', 'Jones'), person('Sarah', 'Smith')).score), false);
});

test('the date of birth moves the score', () => {
  const score = (dob: string | null) => scoreCandidate(person('John', 'Smith'), person('John', 'Smith', { dateOfBirth: dob })).score;
  assert.equal(score('1990-04-01'), 95);
  assert.equal(score('1990-01-04'), 80);
  assert.equal(score(null), 60);
  assert.equal(score('1975-11-20'), 40);
  assert.deepEqual(scoreCandidate(person('John', 'Smith'), person('John', 'Smith', { dateOfBirth: '1990-01-04' })).reasons, [
    'Same name',
    'Day and month of birth swapped',
  ]);
  assert.deepEqual(scoreCandidate(person('John', 'Smith'), person('John', 'Smith', { dateOfBirth: '1990-04-02' })).reasons, [
    'Same name',
    'Date of birth one day apart',
  ]);
});

test('unlike names score nothing for the name', () => {
  assert.deepEqual(scoreCandidate(person('Amira', 'Khan'), person('Peter', 'Lloyd', { dateOfBirth: null })), { score: 0, reasons: [] });
  assert.deepEqual(scoreCandidate(person('Amira', 'Khan'), person('Peter', 'Lloyd')), { score: 35, reasons: ['Same date of birth'] });
});

test('candidates are ranked by score, and only those scoring 40 or more are kept', () => {
  const existing = [
    { id: 1, ...person('Peter', 'Lloyd') },
    { id: 2, ...person('Jon', 'Smyth') },
    { id: 3, ...person('John', 'Smith', { nhsNumber: '9434765919' }) },
    { id: 4, ...person('John', 'Smith', { dateOfBirth: '1990-04-02' }) },
  ];
  const ranked = rankCandidates(person('John', 'Smith', { nhsNumber: '9434765919' }), existing);
  assert.deepEqual(
    ranked.map((c) => [c.person.id, c.score]),
    [
      [3, 100],
      [4, 80],
      [2, 69],
    ],
  );
  assert.deepEqual(rankCandidates(person('John', 'Smith'), []), []);
});
