// The flags shown on every page about a person: what a practitioner must know at a glance.
import { ageOn } from './age.js';

export type PersonFlagKey = 'under_18' | 'young_adult' | 'woman' | 'veteran' | 'care_leaver' | 'interpreter' | 'known_risk';
export type PersonFlag = { key: PersonFlagKey; label: string };

export type FlaggedPerson = {
  dateOfBirth: string | null;
  sex: string;
  genderIdentity: string;
  isVeteran: boolean;
  isCareLeaver: boolean;
  interpreterNeeded: boolean;
  firstLanguage: string;
  knownRisk: string;
};

export function personFlags(person: FlaggedPerson, on: Date): PersonFlag[] {
  const flags: PersonFlag[] = [];
  if (person.dateOfBirth) {
    const age = ageOn(person.dateOfBirth, on);
    if (age < 18) flags.push({ key: 'under_18', label: `Under 18 (${age})` });
    else if (age <= 24) flags.push({ key: 'young_adult', label: `18 to 24 (${age})` });
  }
  if (person.sex === 'female' || /^(woman|female|trans woman)$/i.test(person.genderIdentity.trim())) flags.push({ key: 'woman', label: 'Woman' });
  if (person.isVeteran) flags.push({ key: 'veteran', label: 'Veteran' });
  if (person.isCareLeaver) flags.push({ key: 'care_leaver', label: 'Care leaver' });
  if (person.interpreterNeeded) flags.push({ key: 'interpreter', label: person.firstLanguage ? `Interpreter needed (${person.firstLanguage})` : 'Interpreter needed' });
  if (person.knownRisk.trim()) flags.push({ key: 'known_risk', label: 'Known risk' });
  return flags;
}
