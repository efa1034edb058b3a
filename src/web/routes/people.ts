// Person records for the L&D team: search, record someone new without making a duplicate, read and change a record.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CLINICAL_TEAM_ROLES } from '../../domain/roles.js';
import { ETHNIC_CATEGORIES } from '../../domain/ethnicity.js';
import { formatNhsNumber } from '../../domain/nhs-number.js';
import { personFlags } from '../../domain/person-flags.js';
import { parseDateParts } from '../../domain/age.js';
import { RELATIONSHIPS, RELATIONSHIP_LABELS } from '../../domain/relationships.js';
import { ConflictError, ValidationError } from '../../services/errors.js';
import { PossibleDuplicatesError } from '../../services/people/person-records.js';
import { readPersonInput, SEXES, SEX_LABELS } from '../../services/people/person-input.js';
import type { PersonRow } from '../../db/schema.js';
import type { LabelledField } from '../../domain/version-differences.js';
import { errorSummary, formFields, queryFields, versionField } from '../forms.js';
import { conflictErrors, conflictView } from '../version-conflict.js';
import { originOf, requireActor } from '../request-context.js';
import { disclosureView } from './justice/disclosures.js';

const team = { access: { roles: CLINICAL_TEAM_ROLES } } as const;
type Params = { personId: string };

/** The form's values from a stored record, in the names the form uses. */
function formValuesOf(p: PersonRow): Record<string, string> {
  const [year = '', month = '', day = ''] = (p.date_of_birth ?? '').split('-');
  return {
    givenName: p.given_name,
    familyName: p.family_name,
    preferredName: p.preferred_name,
    'dateOfBirth-day': day.replace(/^0/, ''),
    'dateOfBirth-month': month.replace(/^0/, ''),
    'dateOfBirth-year': year,
    sex: p.sex,
    genderIdentity: p.gender_identity,
    ethnicityCode: p.ethnicity_code,
    firstLanguage: p.first_language,
    interpreterNeeded: p.interpreter_needed ? 'yes' : '',
    address: p.address,
    postcode: p.postcode,
    phone: p.phone,
    email: p.email,
    nhsNumber: p.nhs_number ? formatNhsNumber(p.nhs_number) : '',
    pncId: p.pnc_id ?? '',
    probationCrn: p.probation_crn,
    isVeteran: p.is_veteran ? 'yes' : '',
    isCareLeaver: p.is_care_leaver ? 'yes' : '',
    knownRisk: p.known_risk,
    version: String(p.version),
  };
}

const YES: Record<string, string> = { yes: 'Yes' };

/** The questions of the person form, in its order, for showing two versions side by side. */
const PERSON_FIELDS: readonly LabelledField[] = [
  { name: 'givenName', label: 'First name' },
  { name: 'familyName', label: 'Last name' },
  { name: 'preferredName', label: 'Preferred name' },
  { name: 'dateOfBirth', label: 'Date of birth', kind: 'date' },
  { name: 'sex', label: 'Sex', choices: SEX_LABELS },
  { name: 'genderIdentity', label: 'Gender identity' },
  { name: 'ethnicityCode', label: 'Ethnic group', choices: Object.fromEntries(ETHNIC_CATEGORIES.map((c) => [c.code, c.label])), blankMeans: '99' },
  { name: 'firstLanguage', label: 'First language' },
  { name: 'interpreterNeeded', label: 'Needs an interpreter', choices: YES, blankText: 'No' },
  { name: 'nhsNumber', label: 'NHS number' },
  { name: 'pncId', label: 'PNC ID' },
  { name: 'probationCrn', label: 'Probation CRN' },
  { name: 'address', label: 'Address' },
  { name: 'postcode', label: 'Postcode' },
  { name: 'phone', label: 'Phone' },
  { name: 'email', label: 'Email' },
  { name: 'isVeteran', label: 'Veteran of the armed forces', choices: YES, blankText: 'No' },
  { name: 'isCareLeaver', label: 'Care leaver', choices: YES, blankText: 'No' },
  { name: 'knownRisk', label: 'Known risk' },
];

/** A person with the flags and formatted NHS number that the banner and result lists show. */
export function withFlags<T extends PersonRow>(person: T, on: Date) {
  return { ...person, flags: flagsOf(person, on), nhs: person.nhs_number ? formatNhsNumber(person.nhs_number) : null };
}

/** What the person banner at the top of every page about them needs. */
export function bannerOf(person: PersonRow, on: Date) {
  const { flags, nhs } = withFlags(person, on);
  return { person, flags, nhs };
}

export function flagsOf(p: PersonRow, on: Date) {
  return personFlags({ dateOfBirth: p.date_of_birth, sex: p.sex, genderIdentity: p.gender_identity, isVeteran: p.is_veteran, isCareLeaver: p.is_care_leaver, interpreterNeeded: p.interpreter_needed, firstLanguage: p.first_language, knownRisk: p.known_risk }, on);
}

export async function peopleRoutes(app: FastifyInstance) {
  const { services } = app;
  const formContext = { sexes: SEXES.map((s) => ({ value: s, text: SEX_LABELS[s] })), ethnicCategories: ETHNIC_CATEGORIES };

  const renderForm = (reply: FastifyReply, template: string, values: Record<string, string>, extra: Record<string, unknown> = {}) =>
    reply.page(template, { ...formContext, values, ...extra });

  app.get('/people', { config: team }, async (request, reply) => {
    const q = queryFields(request);
    const text = q.q ?? '';
    const parts = ['dob-day', 'dob-month', 'dob-year'].map((k) => q[k] ?? '');
    const values = { q: text, 'dob-day': parts[0]!, 'dob-month': parts[1]!, 'dob-year': parts[2]! };
    let dateOfBirth: string | undefined;
    const errors: Record<string, string> = {};
    if (parts.some((p) => p.trim())) {
      const parsed = parseDateParts(parts[0]!, parts[1]!, parts[2]!, 'Date of birth');
      if (parsed.ok) dateOfBirth = parsed.date;
      else errors[`dob-${parsed.field}`] = parsed.error;
    }
    const searched = Boolean(text.trim() || dateOfBirth);
    const people = searched && Object.keys(errors).length === 0 ? await services.people.search(requireActor(request), { text, dateOfBirth }, originOf(request)) : [];
    const now = services.clock.now();
    return reply.page('pages/people/search.njk', {
      title: 'Find a person',
      values,
      searched,
      errors,
      errorList: errorSummary(errors),
      people: people.map((p) => withFlags(p, now)),
    });
  });

  app.get('/people/new', { config: team }, async (_request, reply) => renderForm(reply, 'pages/people/new.njk', { sex: '', ethnicityCode: '' }, { title: 'Record a new person', backHref: '/people' }));

  app.post('/people/new', { config: team }, async (request, reply) => {
    const fields = formFields(request);
    const read = readPersonInput(fields, services.clock.now());
    const page = { title: 'Record a new person', backHref: '/people' };
    if (!read.ok) return renderForm(reply.code(400), 'pages/people/new.njk', fields, { ...page, errors: read.errors, errorList: errorSummary(read.errors) });
    try {
      const person = await services.people.create(requireActor(request), read.value, fields.duplicateDecision === 'new' ? 'new-after-checking' : 'check', originOf(request));
      return reply.redirect(`/people/${person.id}?saved=created`, 303);
    } catch (error) {
      if (error instanceof PossibleDuplicatesError) {
        const now = services.clock.now();
        const hidden = Object.entries(fields).filter(([k]) => k !== '_csrf' && k !== 'duplicateDecision');
        return reply.page('pages/people/possible-duplicates.njk', {
          title: 'This person may already be recorded',
          hidden,
          entered: read.value,
          candidates: error.candidates.map((c) => ({ ...c, ...bannerOf(c.person, now) })),
        });
      }
      if (error instanceof ValidationError) return renderForm(reply.code(400), 'pages/people/new.njk', fields, { ...page, errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors) });
      throw error;
    }
  });

  /** A person's page: reading it is audited. */
  async function personPage(reply: FastifyReply, actor: ReturnType<typeof requireActor>, personId: string, extra: Record<string, unknown> = {}) {
    const { person, aliases, links } = await services.people.view(actor, personId, originOf(reply.request));
    // Disclosures: everything shared about the person outside the health team.
    const [cases, transferredTo, transferredFrom, disclosures] = await Promise.all([
      services.cases.forPerson(actor, person.id),
      services.personTransfers.transferOf(person.id),
      services.personTransfers.historyFor(person.id),
      services.disclosures.forPerson(actor, person),
    ]);
    const personDisclosures = disclosures.map(disclosureView);
    return reply.page('pages/people/show.njk', {
      cases,
      personDisclosures,
      transferredTo,
      transferredFrom,
      mayTransfer: actor.grant.role === 'team_manager' && !transferredTo,
      title: `${person.given_name} ${person.family_name}`,
      ...bannerOf(person, services.clock.now()),
      aliases,
      links,
      sexLabel: SEX_LABELS[person.sex],
      ethnicityLabel: ETHNIC_CATEGORIES.find((c) => c.code === person.ethnicity_code)?.label ?? 'Not known',
      backHref: '/people',
      ...extra,
    });
  }

  app.get<{ Params: Params }>('/people/:personId', { config: team }, async (request, reply) => {
    const saved = (request.query as Record<string, unknown>).saved;
    return personPage(reply, requireActor(request), request.params.personId, { saved: typeof saved === 'string' ? saved : null });
  });

  app.get<{ Params: Params }>('/people/:personId/edit', { config: team }, async (request, reply) => {
    const person = await services.people.get(requireActor(request), request.params.personId);
    return renderForm(reply, 'pages/people/edit.njk', formValuesOf(person), { title: 'Change personal details', ...bannerOf(person, services.clock.now()), backHref: `/people/${person.id}` });
  });

  app.post<{ Params: Params }>('/people/:personId/edit', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const person = await services.people.get(actor, request.params.personId);
    const fields = formFields(request);
    const page = { title: 'Change personal details', ...bannerOf(person, services.clock.now()), backHref: `/people/${person.id}` };
    const read = readPersonInput(fields, services.clock.now());
    const version = versionField(fields);
    if (!read.ok) return renderForm(reply.code(400), 'pages/people/edit.njk', fields, { ...page, errors: read.errors, errorList: errorSummary(read.errors) });
    try {
      if (version === null) throw new ConflictError(person);
      await services.people.update(actor, person.id, version, read.value, originOf(request));
      return reply.redirect(`/people/${person.id}?saved=details`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderForm(reply.code(400), 'pages/people/edit.njk', fields, { ...page, errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors) });
      if (error instanceof ConflictError) {
        const latest = error.current as PersonRow;
        const message = 'Someone else changed these details while you were editing. Your changes are below and have not been saved: check the latest details and save again.';
        // Identifiers compare as stored, so a number typed without spaces is not a difference.
        const typed = { ...fields, nhsNumber: read.value.nhsNumber ? formatNhsNumber(read.value.nhsNumber) : '', pncId: read.value.pncId ?? '', postcode: read.value.postcode, probationCrn: read.value.probationCrn };
        const conflict = conflictView(PERSON_FIELDS, formValuesOf(latest), typed, latest.updated_at);
        return renderForm(reply.code(409), 'pages/people/edit.njk', { ...fields, version: String(latest.version) }, { ...page, conflict, ...conflictErrors(message) });
      }
      throw error;
    }
  });

  const linkPage = async (reply: FastifyReply, actor: ReturnType<typeof requireActor>, personId: string, q: Record<string, string>, extra: Record<string, unknown> = {}) => {
    const person = await services.people.get(actor, personId);
    const text = (q.q ?? '').trim();
    const found = text ? (await services.people.search(actor, { text }, originOf(reply.request))).filter((p) => p.id !== person.id) : [];
    return reply.page('pages/people/link.njk', {
      title: 'Link a family member',
      ...bannerOf(person, services.clock.now()),
      values: q,
      searched: Boolean(text),
      found,
      relationships: RELATIONSHIPS.map((r) => ({ value: r, text: RELATIONSHIP_LABELS[r] })),
      backHref: `/people/${person.id}`,
      ...extra,
    });
  };

  app.get<{ Params: Params }>('/people/:personId/links/new', { config: team }, async (request, reply) => linkPage(reply, requireActor(request), request.params.personId, queryFields(request)));

  app.post<{ Params: Params }>('/people/:personId/links', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    try {
      await services.people.addLink(actor, request.params.personId, fields.relatedPersonId ?? '', fields.relationship ?? '', originOf(request));
      return reply.redirect(`/people/${request.params.personId}?saved=link`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return linkPage(reply.code(400), actor, request.params.personId, { q: fields.q ?? '', relationship: fields.relationship ?? '' }, { errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors, { relatedPersonId: 'q' }) });
    }
  });

  app.post<{ Params: Params }>('/people/:personId/aliases', { config: team }, async (request, reply) => {
    const fields = formFields(request);
    try {
      await services.people.addAlias(requireActor(request), request.params.personId, fields.aliasGivenName ?? '', fields.aliasFamilyName ?? '', originOf(request));
      return reply.redirect(`/people/${request.params.personId}?saved=alias`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return personPage(reply.code(400), requireActor(request), request.params.personId, { aliasValues: fields, errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors) });
    }
  });
}
