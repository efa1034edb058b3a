// Custody and court staff: alert the team about someone, follow only the referrals they made, and read the
// advice and reports the team shared with their custody suite or court.
import type { FastifyInstance } from 'fastify';
import { isCourt } from '../../domain/site-kinds.js';
import { REFERRAL_STATE_LABELS } from '../../domain/referral-state.js';
import { readReferralInput } from '../../services/referrals/referral-input.js';
import { SHARED_LIST_LIMIT } from '../../services/justice/shared-with-site.js';
import { errorSummary, formFields } from '../forms.js';
import { originOf, requireActor } from '../request-context.js';
import { newReferralValues, referralChoices } from './referral-form.js';

const custody = { access: { roles: ['custody_court_staff'] } } as const;

export async function custodyRoutes(app: FastifyInstance) {
  const { services } = app;

  async function siteOf(request: Parameters<typeof requireActor>[0]) {
    const actor = requireActor(request);
    const site = await services.sites.inScopeOf(actor, actor.grant.siteId ?? '');
    if (!site) throw new Error('A custody or court grant without its site');
    return { actor, site };
  }

  app.get('/custody', { config: custody }, async (request, reply) => {
    const { actor, site } = await siteOf(request);
    const referrals = await services.referrals.madeBy(actor);
    const shared = await services.sharedWithSite.list(actor, originOf(request));
    const saved = (request.query as Record<string, unknown>).saved;
    return reply.page('pages/custody/index.njk', {
      title: 'Your referrals',
      site,
      referrals: referrals.map((r) => ({
        ...r,
        stateLabel: REFERRAL_STATE_LABELS[r.referral_state],
        shared: shared.filter((s) => s.referralId === r.id).map((s) => ({ id: s.id, kindLabel: s.kindLabel, sharedAt: s.sharedAt })),
      })),
      shared,
      sharedLimited: shared.length >= SHARED_LIST_LIMIT,
      saved: saved === 'referral',
    });
  });

  const formPage = (site: { name: string }, values: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    title: 'Refer someone to the Liaison and Diversion team',
    siteName: site.name,
    values,
    choices: referralChoices,
    backHref: '/custody',
    ...extra,
  });

  app.get('/custody/referrals/new', { config: custody }, async (request, reply) => {
    const { site } = await siteOf(request);
    return reply.page('pages/custody/new-referral.njk', formPage(site, { ...newReferralValues(services.clock.now()), custodyStatus: isCourt(site.site_kind) ? 'at_court' : 'in_custody' }));
  });

  app.post('/custody/referrals/new', { config: custody }, async (request, reply) => {
    const { actor, site } = await siteOf(request);
    const fields = formFields(request);
    const read = readReferralInput(fields, services.clock.now(), { siteId: site.id, source: isCourt(site.site_kind) ? 'court_staff' : 'custody_staff' });
    if (!read.ok) return reply.code(400).page('pages/custody/new-referral.njk', formPage(site, fields, { errors: read.errors, errorList: errorSummary(read.errors) }));
    await services.referrals.create(actor, read.value, originOf(request));
    return reply.redirect('/custody?saved=referral', 303);
  });
}
