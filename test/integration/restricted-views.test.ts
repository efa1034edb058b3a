// What each role outside the team can read, and what it cannot. One case is filled with distinctive clinical text
// (screen, assessment, contacts, plan, an onward referral to another organisation, the referral's concern), advice is
// shared with the custody suite and a court report with the court; then every role asks for every page, its own and
// the team's. Each gets the status it should, and no clinical text reaches anyone outside the team.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import PDFDocument from 'pdfkit';
import { Agent, startTestApp, type Response, type TestApp } from '../support/app.js';
import { testEngines } from '../support/database.js';
import { actorFor, TEST_ORIGIN } from '../support/cases.js';
import { fixedClock } from '../../src/services/clock.js';
import { ForbiddenError, NotFoundError } from '../../src/services/errors.js';
import { writeDisclosure, type DisclosureInput } from '../../src/services/justice/disclosure-writer.js';
import type { Actor } from '../../src/domain/actor.js';

/** Clinical text planted in the case: none of it may reach anyone outside the team. */
const CLINICAL = {
  concern: 'Cinderbrook-referral-concern-3390',
  screenFinding: 'Quillfeather-screen-finding-7731',
  screenNotes: 'Quillfeather-screen-notes-7732',
  riskInCustody: 'Quillfeather-risk-in-custody-7733',
  assessment: 'Marrowgate-assessment-evidence-2284',
  strengths: 'Marrowgate-assessment-strengths-2285',
  contact: 'Thistledown-contact-notes-5519',
  planGoal: 'Wrenhollow-plan-goal-9107',
  planRationale: 'Wrenhollow-plan-rationale-9108',
  otherPartnerReason: 'Brackenfold-onward-reason-6642',
  awaitingApproval: 'Nettlecombe-awaiting-approval-5012',
};
/** Text shared on purpose, each with the only roles outside the team that may read it. */
const SHARED = {
  advice: 'Larkspur-custody-advice-4471',
  earlierAdvice: 'Larkspur-earlier-advice-4470',
  report: 'Harebell-court-report-8823',
  camhsReason: 'Foxglove-camhs-reason-1196',
};

type Who = 'practitioner' | 'support' | 'manager' | 'custody' | 'court' | 'partner' | 'volunteer' | 'commissioner' | 'admin';
const ACCOUNTS: Record<Who, { username: string; role?: string }> = {
  practitioner: { username: 'practitioner' },
  support: { username: 'support' },
  manager: { username: 'manager', role: 'team_manager' },
  custody: { username: 'custody-officer' },
  court: { username: 'court' },
  partner: { username: 'partner' },
  volunteer: { username: 'volunteer' },
  commissioner: { username: 'commissioner' },
  admin: { username: 'service-admin' },
};
const EVERYONE = Object.keys(ACCOUNTS) as Who[];
const OUTSIDE_THE_TEAM: Who[] = ['custody', 'court', 'partner', 'volunteer', 'commissioner', 'admin'];
const MAY_READ_SHARED: Record<keyof typeof SHARED, Who[]> = {
  advice: ['custody'],
  earlierAdvice: ['custody'],
  report: ['court'],
  camhsReason: ['partner'],
};

/** The statuses a role may get; a role not named gets 403, or 404 outside the team for a page naming a record. */
type Expect = Partial<Record<Who, number | number[]>>;
const CASE_TEAM: Expect = { practitioner: 200, manager: 200, support: 404 };
/** Case pages being built alongside: the support worker (not allocated) is refused or finds nothing. */
const CASE_TEAM_NEW: Expect = { practitioner: 200, manager: 200, support: [403, 404] };
const TEAM: Expect = { practitioner: 200, manager: 200, support: 200 };

function pdfBytes(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text(text);
    doc.end();
  });
}

const detailOf = (detail: unknown): Record<string, unknown> => (typeof detail === 'string' ? JSON.parse(detail) : (detail ?? {})) as Record<string, unknown>;

for (const engine of testEngines()) {
  describe(`restricted views (${engine})`, () => {
    // Later than anything in the demo data, so what this test shares is the newest at each site.
    const clock = fixedClock('2030-01-15T10:00:00Z');
    let t: TestApp;
    let nurse: Actor;
    let manager: Actor;
    const ids: Record<string, string> = {};
    const agents = {} as Record<Who, Agent>;

    async function share(actor: Actor, input: Omit<DisclosureInput, 'personId' | 'caseId' | 'referralId'>, at: Date) {
      const row = await t.db.transaction().execute((trx) =>
        writeDisclosure(trx, t.services.audit, actor, { personId: ids.person!, caseId: ids.case!, referralId: ids.referral!, ...input }, at, TEST_ORIGIN));
      return row.id;
    }

    before(async () => {
      t = await startTestApp(engine, { clock });
      nurse = await actorFor(t.services, 'practitioner');
      manager = await actorFor(t.services, 'manager', 'team_manager', 'calder-vale');
      const serviceId = nurse.grant.serviceId!;
      const sites = await t.services.sites.listForService(serviceId);
      ids.custodySuite = sites.find((s) => s.code === 'CV-CS1')!.id;
      ids.court = sites.find((s) => s.code === 'CV-MC1')!.id;

      // The referral, the person and a completed screen, each with clinical text.
      const referral = await t.services.referrals.create(nurse, {
        siteId: ids.custodySuite, givenName: 'Perpetua', familyName: 'Ambleside-Quarrie', dateOfBirth: '1991-03-09',
        source: 'custody_staff', referrerName: 'PS Test', referrerRole: 'Custody sergeant', arrivedAt: null, referredAt: clock.now(),
        reasonForConcern: CLINICAL.concern, offenceCategory: 'theft', victimInvolved: 'no',
        custodyStatus: 'in_custody', custodyRecordNumber: '', courtCaseReference: '', urgency: 'routine',
      }, TEST_ORIGIN);
      ids.referral = referral.id;
      ids.person = (await t.services.referrals.recordNewPerson(nurse, referral.id, null, TEST_ORIGIN)).id;
      const screening = await t.services.screenings.open(nurse, referral.id, TEST_ORIGIN);
      const given = { decision: 'given', decidedBy: '', notes: '' };
      const { caseId } = await t.services.screenings.save(nurse, referral.id, screening.version, {
        findings: { mental_health: { finding: 'identified', notes: CLINICAL.screenFinding } },
        consent: { assessment: given, justice_sharing: given, health_sharing: given },
        childPathway: null, outcome: 'full_assessment', urgency: 'routine', riskInCustody: CLINICAL.riskInCustody, notes: CLINICAL.screenNotes,
      } as never, true, TEST_ORIGIN);
      ids.case = caseId!;

      // The assessment, a contact and the plan.
      const assessment = await t.services.assessments.start(nurse, ids.case, TEST_ORIGIN);
      await t.services.assessments.save(nurse, ids.case, assessment.version, {
        needs: { mental_health: { need: 'high', evidence: CLINICAL.assessment, wants: '' } },
        strengths: CLINICAL.strengths, riskToSelf: '', riskToOthers: '', riskLevel: null, safeguarding: [], family: [],
      }, false, TEST_ORIGIN);
      await t.services.contacts.book(nurse, ids.case, { kind: 'meeting', startsAt: new Date('2030-01-12T14:00:00Z'), place: '', withWhom: '', workerId: null, workerWentToo: false, notes: CLINICAL.contact }, TEST_ORIGIN);
      const catalogue = await t.services.interventions.list(nurse, { activeOnly: true });
      const shopTheft = catalogue.find((i) => i.name === 'Shop theft session')!.id;
      await t.services.supportPlans.save(nurse, ids.case, 0, {
        goals: [CLINICAL.planGoal], exitStrategy: 'Engaged with the talking therapies service by week 12',
        interventions: [{ interventionId: shopTheft, rationale: CLINICAL.planRationale }], reviewDates: [],
      }, TEST_ORIGIN);
      const planIntervention = await t.db.selectFrom('plan_intervention').select('id').where('case_id', '=', ids.case).executeTakeFirstOrThrow();

      // A restorative session the volunteer runs, with the person booked on it.
      const volunteer = (await t.services.users.findByUsername('volunteer'))!;
      ids.session = await t.services.restorativeSessions.create(nurse, { interventionId: shopTheft, startsAt: new Date('2030-01-22T14:00:00Z'), place: 'Calder Vale community base', facilitatorId: volunteer.id, places: 6 }, TEST_ORIGIN);
      await t.services.restorativeSessions.book(nurse, ids.case, planIntervention.id, ids.session, TEST_ORIGIN);

      // Onward referrals: one to the partner worker's organisation, one to another.
      const partners = await t.services.partners.listForService(serviceId);
      const camhs = partners.find((p) => p.name === 'Calder Vale CAMHS')!;
      const other = partners.find((p) => p.id !== camhs.id && p.is_active)!;
      ids.camhsReferral = await t.services.onwardReferrals.create(nurse, ids.case, { partnerOrganisationId: camhs.id, reason: SHARED.camhsReason, send: true }, TEST_ORIGIN);
      ids.otherReferral = await t.services.onwardReferrals.create(nurse, ids.case, { partnerOrganisationId: other.id, reason: CLINICAL.otherPartnerReason, send: true }, TEST_ORIGIN);

      // Advice shared with the custody suite (twice, an hour apart), one waiting for approval, and a court report shared with the court.
      const custodyShare = { recipient: 'custody', recipientName: 'Custody sergeant, Laburnum Road', siteId: ids.custodySuite, kind: 'custody_advice', purpose: 'Advice to custody on fitness for interview' } as const;
      ids.earlierAdvice = await share(nurse, { ...custodyShare, content: `Fit for interview: Not yet known\n${SHARED.earlierAdvice}`, basis: 'consent' }, new Date('2030-01-15T08:00:00Z'));
      ids.advice = await share(nurse, { ...custodyShare, content: `Fit for interview: Fit with support\nAppropriate adult needed: Yes\n${SHARED.advice}`, basis: 'consent' }, new Date('2030-01-15T09:00:00Z'));
      ids.awaiting = await share(nurse, { ...custodyShare, content: CLINICAL.awaitingApproval, basis: 'legal_basis', legalBasis: 'serious_harm', legalBasisReason: 'Asleep in the cell and could not be asked' }, new Date('2030-01-15T09:30:00Z'));
      ids.reportDisclosure = await share(manager, {
        recipient: 'court', recipientName: "Calder Vale Magistrates' Court", siteId: ids.court, kind: 'court_report',
        content: `Background\n${SHARED.report}`, purpose: 'Report for the bail hearing on 22 January 2030', basis: 'consent',
      }, new Date('2030-01-15T09:45:00Z'));
      const issuedAt = new Date('2030-01-15T09:45:00Z');
      ids.courtReport = (await t.db.insertInto('court_report').values({
        service_id: serviceId, person_id: ids.person, case_id: ids.case, court_site_id: ids.court, hearing_on: '2030-01-22', due_on: '2030-01-21',
        purpose: 'bail', period_from: '2030-01-01', period_to: '2030-01-15',
        sections: JSON.stringify({ background: SHARED.report, needs: 'Needs', support: 'Support', options: 'Options', recommendations: 'Recommendations' }),
        report_state: 'issued', basis: 'consent', drafted_by: nurse.userId, submitted_by: nurse.userId, submitted_at: issuedAt,
        signed_off_by: manager.userId, issued_at: issuedAt, pdf: await pdfBytes(`Report to the court, version 1. ${SHARED.report}`), disclosure_id: ids.reportDisclosure,
      }).returning('id').executeTakeFirstOrThrow()).id;

      for (const who of EVERYONE) {
        agents[who] = new Agent(t.app);
        await agents[who].signIn(ACCOUNTS[who].username, { role: ACCOUNTS[who].role });
      }
    });
    after(() => t.close());

    /** Every page asked for, by pattern (to know whether it exists yet) and the statuses each role gets. */
    function pages(): Array<{ pattern: string; url: string; expect: Expect }> {
      const { case: c, person, referral, camhsReferral, otherReferral, advice, awaiting, reportDisclosure, courtReport, session } = ids;
      return [
        // The restricted roles' own pages.
        { pattern: '/', url: '/', expect: Object.fromEntries(EVERYONE.map((w) => [w, 200])) },
        { pattern: '/custody', url: '/custody', expect: { custody: 200, court: 200 } },
        { pattern: '/custody/shared/:id', url: `/custody/shared/${advice}`, expect: { custody: 200, court: 404 } },
        { pattern: '/custody/shared/:id', url: `/custody/shared/${reportDisclosure}`, expect: { custody: 404, court: 200 } },
        { pattern: '/custody/shared/:id', url: `/custody/shared/${awaiting}`, expect: { custody: 404, court: 404 } },
        { pattern: '/custody/shared/:id', url: '/custody/shared/not-an-id', expect: { custody: 404, court: 404 } },
        { pattern: '/custody/shared/:id/report.pdf', url: `/custody/shared/${reportDisclosure}/report.pdf`, expect: { custody: 404, court: 200 } },
        { pattern: '/custody/shared/:id/report.pdf', url: `/custody/shared/${advice}/report.pdf`, expect: { custody: 404, court: 404 } },
        { pattern: '/partner/referrals', url: '/partner/referrals', expect: { partner: 200 } },
        { pattern: '/partner/referrals/:id', url: `/partner/referrals/${camhsReferral}`, expect: { partner: 200 } },
        { pattern: '/partner/referrals/:id', url: `/partner/referrals/${otherReferral}`, expect: { partner: 404 } },
        { pattern: '/restorative-sessions/facilitating', url: '/restorative-sessions/facilitating', expect: { volunteer: 200 } },
        { pattern: '/restorative-sessions/:id/attendance', url: `/restorative-sessions/${session}/attendance`, expect: { volunteer: 200 } },
        // The team's pages about the person and the case.
        { pattern: '/people/:id', url: `/people/${person}`, expect: TEAM },
        { pattern: '/referrals/:id', url: `/referrals/${referral}`, expect: TEAM },
        { pattern: '/referrals/:id/screen', url: `/referrals/${referral}/screen`, expect: TEAM },
        { pattern: '/referrals/:id/custody-advice', url: `/referrals/${referral}/custody-advice`, expect: { practitioner: 200, manager: 200 } },
        { pattern: '/cases/:id', url: `/cases/${c}`, expect: CASE_TEAM },
        ...['assessment', 'plan', 'contacts', 'onward-referrals', 'history', 'closure'].map((section) => ({ pattern: `/cases/:id/${section}`, url: `/cases/${c}/${section}`, expect: CASE_TEAM })),
        { pattern: '/cases/:id/onward-referrals/:id', url: `/cases/${c}/onward-referrals/${otherReferral}`, expect: CASE_TEAM },
        ...['disclosures', 'court-reports', 'justice-outcomes'].map((section) => ({ pattern: `/cases/:id/${section}`, url: `/cases/${c}/${section}`, expect: CASE_TEAM_NEW })),
        { pattern: '/court-reports/:id', url: `/court-reports/${courtReport}`, expect: CASE_TEAM_NEW },
        { pattern: '/court-reports/:id/report.pdf', url: `/court-reports/${courtReport}/report.pdf`, expect: CASE_TEAM_NEW },
        { pattern: '/court-reports', url: '/court-reports', expect: { practitioner: 200, manager: 200, support: [200, 403] } },
        { pattern: '/disclosures/approvals', url: '/disclosures/approvals', expect: { manager: 200 } },
        { pattern: '/restorative-sessions/:id', url: `/restorative-sessions/${session}`, expect: TEAM },
        { pattern: '/today', url: '/today', expect: TEAM },
        { pattern: '/due', url: '/due', expect: TEAM },
        { pattern: '/training', url: '/training', expect: TEAM },
      ];
    }

    const shape = (url: string) => url.replace(/:\w+/g, ':');
    const exists = (pattern: string) => t.app.declaredRoutes.some((r) => r.method === 'GET' && shape(r.url) === shape(pattern));
    const expected = (page: { pattern: string; expect: Expect }, who: Who): number[] => {
      if (!exists(page.pattern)) return [404];
      const e = page.expect[who] ?? (OUTSIDE_THE_TEAM.includes(who) && page.pattern.includes(':') ? 404 : 403);
      return Array.isArray(e) ? e : [e];
    };

    test('every role gets the status it should from every page, and no clinical text reaches anyone outside the team', async () => {
      const seenByTeam: string[] = [];
      // Every problem is collected, so one run names them all.
      const problems: string[] = [];
      for (const who of EVERYONE) {
        for (const page of pages()) {
          const res: Response = await agents[who].get(page.url);
          const label = `GET ${page.url} as ${who}`;
          const allowed = expected(page, who);
          if (!allowed.includes(res.status)) problems.push(`${label} answered ${res.status}, expected ${allowed.join(' or ')}`);
          if (who === 'practitioner') seenByTeam.push(res.body);
          if (!OUTSIDE_THE_TEAM.includes(who)) continue;
          for (const [name, marker] of Object.entries(CLINICAL)) {
            if (res.body.includes(marker)) problems.push(`${label} shows clinical text (${name})`);
          }
          for (const [name, marker] of Object.entries(SHARED) as Array<[keyof typeof SHARED, string]>) {
            if (!MAY_READ_SHARED[name].includes(who) && res.body.includes(marker)) problems.push(`${label} shows what was shared with someone else (${name})`);
          }
        }
      }
      assert.deepEqual(problems, []);
      // The planted text is there to be found: the team reads every piece of it.
      const teamText = seenByTeam.join('\n');
      for (const [name, marker] of Object.entries({ ...CLINICAL, ...SHARED })) {
        if (name === 'awaitingApproval' || name === 'earlierAdvice' || name === 'advice' || name === 'report') continue;
        assert.ok(teamText.includes(marker), `the team does not see ${name}: the check above would prove nothing`);
      }
    });

    test('custody staff see what was shared with their custody suite, newest first, and open it', async () => {
      const custody = await agents.custody.get('/custody');
      assert.equal(custody.status, 200);
      assert.match(custody.body, /Advice and reports shared with Laburnum Road police HQ custody suite/);
      const later = custody.body.indexOf(`href="/custody/shared/${ids.advice}"`);
      const earlier = custody.body.indexOf(`href="/custody/shared/${ids.earlierAdvice}"`);
      assert.ok(later > 0 && earlier > later, 'both pieces of advice are listed, newest first');
      assert.ok(!custody.body.includes(ids.awaiting!), 'advice waiting for approval is not shared yet');
      assert.ok(!custody.body.includes(ids.reportDisclosure!), "the court's report is not listed at the custody suite");
      assert.match(custody.body, /Perpetua Ambleside-Quarrie/);

      const advice = await agents.custody.get(`/custody/shared/${ids.advice}`);
      assert.equal(advice.status, 200);
      assert.match(advice.body, /Advice to custody/);
      assert.match(advice.body, /<p>Fit for interview: Fit with support<\/p>\s*<p>Appropriate adult needed: Yes<\/p>/, 'the exact text, line by line');
      assert.ok(advice.body.includes(SHARED.advice));
      assert.match(advice.body, /9 March 1991/);
      assert.match(advice.body, /Hannah Okafor, Calder Vale/);
      assert.match(advice.body, /Advice to custody on fitness for interview/);
      assert.doesNotMatch(advice.body, /Download the report/);

      const court = await agents.court.get('/custody');
      assert.match(court.body, /Advice and reports shared with Calder Vale Magistrates&#39; Court/);
      assert.ok(court.body.includes(`href="/custody/shared/${ids.reportDisclosure}"`));
      assert.ok(!court.body.includes(ids.advice!) && !court.body.includes(ids.earlierAdvice!), "the custody suite's advice is not listed at the court");
      const report = await agents.court.get(`/custody/shared/${ids.reportDisclosure}`);
      assert.equal(report.status, 200);
      assert.ok(report.body.includes(`href="/custody/shared/${ids.reportDisclosure}/report.pdf"`));
      assert.match(report.body, /Download the report \(PDF\)/);
      const pdf = await agents.court.get(`/custody/shared/${ids.reportDisclosure}/report.pdf`);
      assert.equal(pdf.status, 200);
      assert.match(String(pdf.headers['content-type']), /^application\/pdf/);
      assert.match(String(pdf.headers['content-disposition']), /attachment; filename="court-report-ambleside-quarrie-v1\.pdf"/);
      assert.ok(pdf.body.startsWith('%PDF'));
    });

    test('the services read only what was shared with the site, and only for custody and court staff', async () => {
      const custody = await actorFor(t.services, 'custody-officer');
      const court = await actorFor(t.services, 'court');
      const mine = await t.services.sharedWithSite.list(custody);
      const ours = mine.filter((i) => [ids.advice, ids.earlierAdvice, ids.awaiting, ids.reportDisclosure].includes(i.id)).map((i) => i.id);
      assert.deepEqual(ours, [ids.advice, ids.earlierAdvice]);
      const item = mine.find((i) => i.id === ids.advice)!;
      assert.equal(item.kindLabel, 'Advice to custody');
      assert.equal(item.sharedBy, 'Hannah Okafor');
      assert.equal(item.team, 'Calder Vale Liaison and Diversion Service');
      assert.deepEqual(item.person, { givenName: 'Perpetua', familyName: 'Ambleside-Quarrie', dateOfBirth: '1991-03-09' });
      assert.equal(item.sharedAt.toISOString(), '2030-01-15T09:00:00.000Z');
      assert.deepEqual(Object.keys(item).sort(), ['content', 'id', 'kind', 'kindLabel', 'person', 'purpose', 'recipientName', 'referralId', 'sharedAt', 'sharedBy', 'team'], 'nothing beyond what was shared and by whom');

      await assert.rejects(t.services.sharedWithSite.get(custody, ids.reportDisclosure!, TEST_ORIGIN), NotFoundError);
      await assert.rejects(t.services.sharedWithSite.get(court, ids.advice!, TEST_ORIGIN), NotFoundError);
      await assert.rejects(t.services.sharedWithSite.reportPdf(custody, ids.reportDisclosure!, TEST_ORIGIN), NotFoundError);
      const report = await t.services.sharedWithSite.get(court, ids.reportDisclosure!, TEST_ORIGIN);
      assert.deepEqual(report.report, { reportVersion: 1, superseded: false });
      assert.ok((await t.services.sharedWithSite.reportPdf(court, ids.reportDisclosure!, TEST_ORIGIN)).pdf.subarray(0, 4).equals(Buffer.from('%PDF')));
      for (const username of ['practitioner', 'partner', 'volunteer', 'commissioner', 'service-admin']) {
        await assert.rejects(t.services.sharedWithSite.list(await actorFor(t.services, username)), ForbiddenError, username);
      }
    });

    test('each read by a recipient and each request out of scope is in the audit trail', async () => {
      await agents.custody.get(`/custody/shared/${ids.advice}`);
      await agents.custody.get(`/custody/shared/${ids.reportDisclosure}`);
      await agents.court.get(`/custody/shared/${ids.advice}?from=list`);
      await agents.partner.get(`/partner/referrals/${ids.otherReferral}`);
      await agents.court.get(`/custody/shared/${ids.reportDisclosure}/report.pdf`);
      await agents.support.get(`/cases/${ids.case}`);
      assert.equal((await agents.partner.get(`/cases/${ids.case}`)).status, 404, 'a partner worker opening a case finds no such page');

      const viewed = await t.services.audit.search({ action: 'disclosure.viewed_by_recipient', username: 'custody-officer' });
      assert.ok(viewed.some((e) => e.subject_id === ids.advice && e.person_id === ids.person));
      const downloaded = await t.services.audit.search({ action: 'court_report.downloaded_by_recipient', username: 'court' });
      assert.ok(downloaded.some((e) => e.subject_id === ids.courtReport && e.person_id === ids.person));

      const notFound = async (username: string, path: string, route: string) => {
        const events = await t.services.audit.search({ action: 'request.not_found', username, limit: 200 });
        const match = events.find((e) => detailOf(e.detail).path === path);
        assert.ok(match, `no request.not_found for ${username} at ${path}`);
        assert.ok(events.every((e) => !String(detailOf(e.detail).path).includes('?')), 'the path is recorded without its query');
        assert.equal(match.subject_type, 'route');
        assert.equal(match.subject_id, route);
      };
      await notFound('custody-officer', `/custody/shared/${ids.reportDisclosure}`, 'GET /custody/shared/:id');
      await notFound('court', `/custody/shared/${ids.advice}`, 'GET /custody/shared/:id');
      await notFound('partner', `/partner/referrals/${ids.otherReferral}`, 'GET /partner/referrals/:id');
      await notFound('support', `/cases/${ids.case}`, 'GET /cases/:caseId');
      const denied = await t.services.audit.search({ action: 'access.denied', username: 'partner', limit: 200 });
      assert.ok(denied.some((e) => e.subject_id === 'GET /cases/:caseId'), "a partner worker's attempt to open a case is refused and recorded");
    });
  });
}
