// The team's front door: today's lists per site, new referrals, matching a referral to a person, and screening.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CLINICAL_TEAM_ROLES } from '../../domain/roles.js';
import { REFERRAL_STATE_LABELS, type ReferralState } from '../../domain/referral-state.js';
import { REFERRAL_SOURCE_LABELS, CUSTODY_STATUS_LABELS, OFFENCE_CATEGORY_LABELS, URGENCY_LABELS, type ReferralSource, type CustodyStatus, type OffenceCategory } from '../../domain/referral-vocabulary.js';
import { formatWaiting } from '../../domain/response-clock.js';
import { readReferralInput } from '../../services/referrals/referral-input.js';
import { ConflictError, ValidationError } from '../../services/errors.js';
import { errorSummary, formFields, versionField } from '../forms.js';
import { originOf, requireActor } from '../request-context.js';
import { newReferralValues, referralChoices } from './referral-form.js';
import { bannerOf } from './people.js';
import { parseDateParts } from '../../domain/age.js';
import { STATUS_TAG_CLASSES } from './justice/disclosures.js';

const team = { access: { roles: CLINICAL_TEAM_ROLES } } as const;
type Params = { siteId: string; referralId: string };

/** Closing with no further action refused as stale: what happened to the referral meanwhile, and what to do now. */
function staleCloseMessage(state: ReferralState): string {
  if (state === 'no_further_action') return 'Someone else closed this referral with no further action while you were looking at it. Nothing more is needed.';
  const now = state === 'new' ? '' : `: it is now ${REFERRAL_STATE_LABELS[state].toLowerCase()}`;
  const next = state === 'new' ? 'Check the referral as it now stands, and close it again if no further action is still right.' : 'Check the referral as it now stands before you carry on.';
  return `Someone else changed this referral while you were looking at it${now}. It has not been closed. ${next}`;
}

export async function referralRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get('/today', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const sites = await services.sites.listForService(actor.grant.serviceId!, { activeOnly: true });
    return reply.page('pages/referrals/today-index.njk', { title: "Today's lists", sites });
  });

  app.get<{ Params: Params }>('/sites/:siteId/today', { config: team }, async (request, reply) => {
    const { site, items } = await services.referrals.todaysList(requireActor(request), request.params.siteId, originOf(request));
    return reply.page('pages/referrals/today.njk', {
      title: `Today's list: ${site.name}`,
      site,
      items: items.map((i) => ({
        ...i,
        name: i.person_id ? `${i.given_name} ${i.family_name}` : `${i.subject_given_name} ${i.subject_family_name}`,
        stateLabel: REFERRAL_STATE_LABELS[i.referral_state],
        urgencyLabel: URGENCY_LABELS[i.urgency],
        waiting: i.clock ? formatWaiting(i.clock.minutesWaiting) : null,
      })),
      now: services.clock.now(),
    });
  });

  const formPage = async (serviceId: string, values: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    title: 'New referral',
    values,
    choices: referralChoices,
    sites: await services.sites.listForService(serviceId, { activeOnly: true }),
    showSource: true,
    backHref: '/today',
    ...extra,
  });

  app.get('/referrals/new', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const q = request.query as Record<string, unknown>;
    return reply.page('pages/referrals/new.njk', await formPage(actor.grant.serviceId!, { ...newReferralValues(services.clock.now()), source: 'list_check', siteId: typeof q.site === 'string' ? q.site : '' }));
  });

  app.post('/referrals/new', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    const read = readReferralInput(fields, services.clock.now());
    try {
      if (!read.ok) throw new ValidationError(read.errors);
      const referral = await services.referrals.create(actor, read.value, originOf(request));
      return reply.redirect(`/referrals/${referral.id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).page('pages/referrals/new.njk', await formPage(actor.grant.serviceId!, fields, { errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors) }));
    }
  });

  async function referralPage(reply: FastifyReply, actor: ReturnType<typeof requireActor>, referralId: string, extra: Record<string, unknown> = {}) {
    const referral = await services.referrals.get(actor, referralId);
    const site = await services.sites.get(referral.site_id);
    const person = referral.person_id ? await services.people.get(actor, referral.person_id) : null;
    const candidates = person ? [] : await services.referrals.candidates(actor, referral);
    const screening = await services.screenings.forReferral(actor, referral.id);
    const personCases = person ? await services.cases.forPerson(actor, person.id) : [];
    // The case this referral opened, or the case it joined (the one open when the screen was completed; newest first).
    const completedAt = screening?.outcome === 'full_assessment' ? screening.completed_at : null;
    const caseOpened = personCases.find((c) => c.referral_id === referral.id) ?? (completedAt ? personCases.find((c) => c.opened_at <= completedAt) ?? null : null);
    const now = services.clock.now();
    // Advice to custody: what was given on this referral, and whether this user may give more.
    const custodyAdvice = person ? (await services.custodyAdvice.forReferral(actor, referral.id)).map((a) => ({ ...a, tagClass: STATUS_TAG_CLASSES[a.status] })) : [];
    const mayGiveCustodyAdvice = Boolean(person) && (actor.grant.role === 'practitioner' || actor.grant.role === 'team_manager') && site.site_kind !== 'community_base';
    return reply.page('pages/referrals/show.njk', {
      custodyAdvice,
      mayGiveCustodyAdvice,
      caseOpened,
      title: `Referral: ${referral.subject_given_name} ${referral.subject_family_name}`,
      referral,
      site,
      ...(person ? bannerOf(person, now) : { person: null }),
      candidates,
      screening,
      labels: {
        state: REFERRAL_STATE_LABELS[referral.referral_state],
        source: REFERRAL_SOURCE_LABELS[referral.source as ReferralSource],
        custodyStatus: CUSTODY_STATUS_LABELS[referral.custody_status as CustodyStatus],
        offence: OFFENCE_CATEGORY_LABELS[referral.offence_category as OffenceCategory],
        urgency: URGENCY_LABELS[referral.urgency],
      },
      backHref: `/sites/${referral.site_id}/today`,
      ...extra,
    });
  }

  app.get<{ Params: Params }>('/referrals/:referralId', { config: team }, async (request, reply) => {
    const saved = (request.query as Record<string, unknown>).saved;
    return referralPage(reply, requireActor(request), request.params.referralId, { saved: typeof saved === 'string' ? saved : null });
  });

  app.post<{ Params: Params }>('/referrals/:referralId/person', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    await services.referrals.linkPerson(actor, request.params.referralId, fields.personId ?? '', originOf(request));
    return reply.redirect(`/referrals/${request.params.referralId}`, 303);
  });

  app.post<{ Params: Params }>('/referrals/:referralId/new-person', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    try {
      let dateOfBirth: string | null = null;
      if (['dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year'].some((k) => fields[k]?.trim())) {
        const parsed = parseDateParts(fields['dateOfBirth-day'] ?? '', fields['dateOfBirth-month'] ?? '', fields['dateOfBirth-year'] ?? '');
        if (!parsed.ok) throw new ValidationError({ [`dateOfBirth-${parsed.field}`]: parsed.error });
        dateOfBirth = parsed.date;
      }
      await services.referrals.recordNewPerson(actor, request.params.referralId, dateOfBirth, originOf(request));
      return reply.redirect(`/referrals/${request.params.referralId}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return referralPage(reply.code(400), actor, request.params.referralId, { errors: error.fieldErrors, errorList: errorSummary(error.fieldErrors), values: fields });
    }
  });

  app.post<{ Params: Params }>('/referrals/:referralId/no-further-action', { config: team }, async (request, reply) => {
    const actor = requireActor(request);
    const version = versionField(formFields(request));
    try {
      await services.referrals.closeWithoutScreen(actor, request.params.referralId, version ?? 0, originOf(request));
    } catch (error) {
      // A single button: nothing typed to compare, so the page says what happened and shows the referral as it now stands.
      if (error instanceof ConflictError) {
        const latest = await services.referrals.get(actor, request.params.referralId);
        return referralPage(reply.code(409), actor, request.params.referralId, { errorList: [{ text: staleCloseMessage(latest.referral_state), href: '#referral-actions' }] });
      }
      if (error instanceof ValidationError) {
        return referralPage(reply.code(400), actor, request.params.referralId, { errorList: [{ text: Object.values(error.fieldErrors)[0]!, href: '#referral-actions' }] });
      }
      throw error;
    }
    return reply.redirect(`/referrals/${request.params.referralId}`, 303);
  });
}
