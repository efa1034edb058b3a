// Test fixtures for case work: a demo user as an actor, and a case opened the way the team opens one (referral, person, screen).
import type { Services } from '../../src/services/index.js';
import type { Actor } from '../../src/domain/actor.js';
import type { Role } from '../../src/domain/roles.js';
import type { OffenceCategory } from '../../src/domain/referral-vocabulary.js';
import type { RequestOrigin } from '../../src/services/audit.js';
import type { ConsentDecision } from '../../src/domain/screening-form.js';

export const TEST_ORIGIN: RequestOrigin = { ipAddress: '127.0.0.1', userAgent: 'test' };

/** A demo user acting in one of their roles (the first grant of that role, or of `serviceCode` when given). */
export async function actorFor(services: Services, username: string, role?: Role, serviceCode?: string): Promise<Actor> {
  const user = await services.users.findByUsername(username);
  if (!user) throw new Error(`No demo user ${username}`);
  const { grants } = await services.users.getUser(user.id);
  const serviceId = serviceCode ? (await services.serviceDirectory.list(null)).find((s) => s.code === serviceCode)?.id : undefined;
  const grant = grants.find((g) => (!role || g.role === role) && (!serviceId || g.serviceId === serviceId));
  if (!grant) throw new Error(`${username} has no ${role ?? ''} grant${serviceCode ? ` in ${serviceCode}` : ''}`);
  return { userId: user.id, username: user.username, displayName: user.display_name, grant: { id: grant.id, role: grant.role, serviceId: grant.serviceId, siteId: grant.siteId, partnerOrganisationId: grant.partnerOrganisationId } };
}

export type OpenCaseOptions = {
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  /** Site code in the actor's service; the first custody suite when not given. */
  siteCode?: string;
  offenceCategory?: OffenceCategory;
  /** When the referral was made; the clock's now when not given. */
  referredAt?: Date;
  /** The person's decision on sharing with justice agencies; given when not set. */
  justiceSharing?: ConsentDecision;
};

/** A custody referral as custody staff make it: at the site named, or the actor's service's first custody suite. */
export async function custodyReferral(services: Services, practitioner: Actor, options: Omit<OpenCaseOptions, 'justiceSharing'> & { reasonForConcern?: string }) {
  const sites = await services.sites.listForService(practitioner.grant.serviceId!);
  const site = options.siteCode ? sites.find((s) => s.code === options.siteCode) : sites.find((s) => s.site_kind === 'custody_suite');
  if (!site) throw new Error('No such site');
  const referredAt = options.referredAt ?? services.clock.now();
  const referral = await services.referrals.create(practitioner, {
    siteId: site.id, givenName: options.givenName, familyName: options.familyName, dateOfBirth: options.dateOfBirth ?? '1990-05-17',
    source: 'custody_staff', referrerName: 'PS Test', referrerRole: 'Custody sergeant', arrivedAt: null, referredAt,
    reasonForConcern: options.reasonForConcern ?? 'Low mood and not sleeping', offenceCategory: options.offenceCategory ?? 'theft', victimInvolved: 'no',
    custodyStatus: 'in_custody', custodyRecordNumber: '', courtCaseReference: '', urgency: 'routine',
  }, TEST_ORIGIN);
  return { referral, site };
}

/** Opens a case as the team does: a referral, a new person, a completed screen whose outcome is full assessment. */
export async function openCase(services: Services, practitioner: Actor, options: OpenCaseOptions): Promise<{ caseId: string; personId: string; referralId: string; siteId: string }> {
  const { referral, site } = await custodyReferral(services, practitioner, options);
  const person = await services.referrals.recordNewPerson(practitioner, referral.id, null, TEST_ORIGIN);
  const screening = await services.screenings.open(practitioner, referral.id, TEST_ORIGIN);
  const justice = options.justiceSharing ?? 'given';
  const { caseId } = await services.screenings.save(practitioner, referral.id, screening.version, {
    findings: { mental_health: { finding: 'identified', notes: 'Low mood' } },
    consent: { assessment: { decision: 'given', decidedBy: '', notes: '' }, justice_sharing: { decision: justice, decidedBy: justice === 'lacks_capacity' ? 'Dr Ellery Vance, forensic medical examiner' : '', notes: '' }, health_sharing: { decision: 'given', decidedBy: '', notes: '' } },
    childPathway: null, outcome: 'full_assessment', urgency: 'routine', riskInCustody: '', notes: '',
  } as never, true, TEST_ORIGIN);
  if (!caseId) throw new Error('No case opened');
  return { caseId, personId: person.id, referralId: referral.id, siteId: site.id };
}
