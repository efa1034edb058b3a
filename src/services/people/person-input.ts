// What a person record may hold, read from a form and checked field by field.
import { dateOfBirthError, parseDateParts } from '../../domain/age.js';
import { isEthnicCategory } from '../../domain/ethnicity.js';
import { nhsNumberError, normaliseNhsNumber } from '../../domain/nhs-number.js';
import { parsePncId } from '../../domain/pnc-id.js';
import type { Sex } from '../../db/schema.js';
import type { FieldErrors } from '../errors.js';
import { isEmailAddress } from '../../domain/email.js';

export const SEXES: readonly Sex[] = ['female', 'male', 'not_known', 'not_stated'];
export const SEX_LABELS: Record<Sex, string> = { female: 'Female', male: 'Male', not_known: 'Not known', not_stated: 'Prefers not to say' };

export type PersonInput = {
  givenName: string;
  familyName: string;
  preferredName: string;
  dateOfBirth: string;
  sex: Sex;
  genderIdentity: string;
  ethnicityCode: string;
  firstLanguage: string;
  interpreterNeeded: boolean;
  address: string;
  postcode: string;
  phone: string;
  email: string;
  nhsNumber: string | null;
  pncId: string | null;
  probationCrn: string;
  isVeteran: boolean;
  isCareLeaver: boolean;
  knownRisk: string;
};

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;
const CRN = /^[A-Z][0-9]{6}$/;

function text(fields: Record<string, string>, name: string): string {
  return (fields[name] ?? '').trim();
}

function limit(errors: FieldErrors, name: string, value: string, max: number, label: string): void {
  if (value.length > max) errors[name] ??= `${label} must be ${max} characters or fewer`;
}

/** Reads and checks a person form; `today` bounds the date of birth (10 to 110 years old). */
export function readPersonInput(fields: Record<string, string>, today: Date): { ok: true; value: PersonInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const givenName = text(fields, 'givenName');
  const familyName = text(fields, 'familyName');
  if (!givenName) errors.givenName = 'Enter the first name';
  if (!familyName) errors.familyName = 'Enter the last name';
  limit(errors, 'givenName', givenName, 100, 'First name');
  limit(errors, 'familyName', familyName, 100, 'Last name');

  let dateOfBirth = '';
  const parts = parseDateParts(text(fields, 'dateOfBirth-day'), text(fields, 'dateOfBirth-month'), text(fields, 'dateOfBirth-year'), 'Date of birth');
  if (!parts.ok) errors[`dateOfBirth-${parts.field}`] = parts.error;
  else {
    const problem = dateOfBirthError(parts.date, today);
    if (problem) errors['dateOfBirth-day'] = problem;
    dateOfBirth = parts.date;
  }

  const sex = (fields.sex ?? '') as Sex;
  if (!SEXES.includes(sex)) errors.sex = 'Select the sex recorded for the person, or Not known';
  const ethnicityCode = text(fields, 'ethnicityCode') || '99';
  if (!isEthnicCategory(ethnicityCode)) errors.ethnicityCode = 'Select an ethnic group from the list, or Not known';

  let nhsNumber: string | null = null;
  if (text(fields, 'nhsNumber')) {
    const problem = nhsNumberError(text(fields, 'nhsNumber'));
    if (problem) errors.nhsNumber = problem;
    else nhsNumber = normaliseNhsNumber(text(fields, 'nhsNumber'));
  }
  let pncId: string | null = null;
  if (text(fields, 'pncId')) {
    const parsed = parsePncId(text(fields, 'pncId'), today);
    if (parsed.ok) pncId = parsed.value;
    else errors.pncId = parsed.error;
  }
  const probationCrn = text(fields, 'probationCrn').toUpperCase();
  if (probationCrn && !CRN.test(probationCrn)) errors.probationCrn = 'Probation CRN must be a letter then 6 numbers, like X123456';

  const postcode = text(fields, 'postcode').toUpperCase().replace(/\s+/g, ' ');
  if (postcode && !POSTCODE.test(postcode)) errors.postcode = 'Enter a real postcode, like LS1 4AP';
  const email = text(fields, 'email');
  if (email && !isEmailAddress(email)) errors.email = 'Enter an email address in the correct format, like name@example.com';
  const phone = text(fields, 'phone');
  if (phone && !/^[0-9 +()-]{6,40}$/.test(phone)) errors.phone = 'Enter a phone number using numbers, spaces and + ( ) - only, like 07700 900 123';

  const value: PersonInput = {
    givenName,
    familyName,
    preferredName: text(fields, 'preferredName'),
    dateOfBirth,
    sex,
    genderIdentity: text(fields, 'genderIdentity'),
    ethnicityCode,
    firstLanguage: text(fields, 'firstLanguage'),
    interpreterNeeded: fields.interpreterNeeded === 'yes',
    address: text(fields, 'address'),
    postcode,
    phone,
    email,
    nhsNumber,
    pncId,
    probationCrn,
    isVeteran: fields.isVeteran === 'yes',
    isCareLeaver: fields.isCareLeaver === 'yes',
    knownRisk: text(fields, 'knownRisk'),
  };
  limit(errors, 'preferredName', value.preferredName, 100, 'Preferred name');
  limit(errors, 'genderIdentity', value.genderIdentity, 100, 'Gender identity');
  limit(errors, 'firstLanguage', value.firstLanguage, 60, 'First language');
  limit(errors, 'address', value.address, 300, 'Address');
  limit(errors, 'knownRisk', value.knownRisk, 500, 'Known risk');
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}
