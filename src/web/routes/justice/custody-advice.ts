// Advice to custody on a referral: the structured form, shared as a disclosure with the staff of the referral's site.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../domain/actor.js';
import { CUSTODY_RISK_LEVELS, CUSTODY_RISK_LEVEL_LABELS, FITNESS_FOR_INTERVIEW, FITNESS_FOR_INTERVIEW_LABELS } from '../../../domain/custody-advice.js';
import { SITE_KIND_LABELS } from '../../../domain/site-kinds.js';
import type { CustodyAdviceGiven } from '../../../services/justice/custody-advice.js';
import { ValidationError, type FieldErrors } from '../../../services/errors.js';
import { errorSummary, formFields } from '../../forms.js';
import { originOf, requireActor } from '../../request-context.js';
import { bannerOf } from '../people.js';
import { basisFromForm, consentLine, legalBasisItems } from './disclosures.js';

type Params = { referralId: string };

const sharers = { access: { roles: ['practitioner', 'team_manager'] } } as const;

const yesNo = (value: string | undefined): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);

/** The advice form as the service takes it. */
function adviceFrom(fields: Record<string, string>): CustodyAdviceGiven {
  const basis = basisFromForm(fields);
  return {
    fitForInterview: fields.fitForInterview ?? '',
    fitnessNotes: fields.fitnessNotes ?? '',
    appropriateAdultNeeded: yesNo(fields.appropriateAdultNeeded),
    riskLevel: fields.riskLevel ?? '',
    riskManagement: fields.riskManagement ?? '',
    healthcareReviewNeeded: yesNo(fields.healthcareReviewNeeded),
    healthcareReviewReason: fields.healthcareReviewReason ?? '',
    suggestedReferral: fields.suggestedReferral ?? '',
    basis: basis.basis ?? null,
    legalBasis: basis.legalBasis ?? null,
    legalBasisReason: basis.legalBasisReason ?? '',
  };
}

export async function custodyAdviceRoutes(app: FastifyInstance) {
  const { services } = app;

  async function renderForm(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, actor: Actor, values: Record<string, string>, errors: FieldErrors | null) {
    const referral = await services.referrals.get(actor, request.params.referralId);
    const site = await services.sites.get(referral.site_id);
    const person = referral.person_id ? await services.people.get(actor, referral.person_id) : null;
    const consent = person ? await services.disclosures.consentFor(actor, person.id) : null;
    const radio = (list: readonly string[], labels: Record<string, string>, chosen: string | undefined) => list.map((v) => ({ value: v, text: labels[v]!, checked: chosen === v }));
    const yesNoItems = (chosen: string | undefined) => [{ value: 'yes', text: 'Yes', checked: chosen === 'yes' }, { value: 'no', text: 'No', checked: chosen === 'no' }];
    return reply.page('pages/custody-advice/new.njk', {
      title: `Advice to custody: ${referral.subject_given_name} ${referral.subject_family_name}`,
      referral,
      site: site ? { name: site.name, kindLabel: SITE_KIND_LABELS[site.site_kind] } : null,
      ...(person ? bannerOf(person, services.clock.now()) : { person: null }),
      consent: consent ? consentLine(consent) : null,
      purpose: services.custodyAdvice.purpose,
      fitnessItems: radio(FITNESS_FOR_INTERVIEW, FITNESS_FOR_INTERVIEW_LABELS, values.fitForInterview),
      riskItems: radio(CUSTODY_RISK_LEVELS, CUSTODY_RISK_LEVEL_LABELS, values.riskLevel),
      appropriateAdultItems: yesNoItems(values.appropriateAdultNeeded),
      healthcareReviewChosen: values.healthcareReviewNeeded ?? '',
      legalBasisItems: legalBasisItems(values.legalBasis),
      values,
      errors,
      errorList: errorSummary(errors, { form: 'advice-form' }),
      backHref: `/referrals/${referral.id}`,
    });
  }

  app.get<{ Params: Params }>('/referrals/:referralId/custody-advice', { config: sharers }, (request, reply) => renderForm(request, reply, requireActor(request), {}, null));

  app.post<{ Params: Params }>('/referrals/:referralId/custody-advice', { config: sharers }, async (request, reply) => {
    const actor = requireActor(request);
    const fields = formFields(request);
    try {
      const given = await services.custodyAdvice.give(actor, request.params.referralId, adviceFrom(fields), originOf(request));
      const saved = given.status === 'disclosed' ? 'custody-advice' : 'custody-advice-awaiting';
      return reply.redirect(`/referrals/${request.params.referralId}?saved=${saved}#custody-advice`, 303);
    } catch (error) {
      if (error instanceof ValidationError) return renderForm(request, reply.code(400), actor, fields, error.fieldErrors);
      throw error;
    }
  });
}
