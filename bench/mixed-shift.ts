// A practitioner's shift, as the mixed-load benchmark scripts it: a weighted mix of looking people and cases up,
// today's list of a custody suite, writing notes (a contact and what happened at it), taking a custody referral and
// screening it or closing it with no further action, and referring people on to partner services and moving those
// referrals along. Every step uses the pages and forms a browser would; what a step saves is this user's own.
import { londonDate, londonTimeOfDay } from '../src/domain/london-time.js';
import { postedDate } from '../test/support/date-input.js';
import type { VirtualUser } from './mixed-client.js';
import type { ServiceSample } from './mixed-samples.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const GIVEN = ['Alfie', 'Bronwen', 'Callum', 'Demi', 'Ellis', 'Faye', 'Grant', 'Hana', 'Idris', 'Jodie', 'Kai', 'Lacey', 'Marek', 'Nia', 'Owen', 'Paige'];
const DOMAINS = ['mental_health', 'self_harm_suicide', 'learning_disability', 'substance_use'];
/** Onward moves a practitioner records as the partner service reports back, in lifecycle order. */
const FORWARD = ['accepted', 'first_appointment_booked', 'attended', 'engaged'];

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

type OwnCase = { id: string; onward: Array<{ id: string; done: boolean }> };

export class Shift {
  private n = 0;
  /** Cases this user opened from its own screens, with consent to share with health services. */
  private readonly ownCases: OwnCase[] = [];
  private readonly tasks: Array<[number, () => Promise<void>]> = [
    [20, () => this.search()],
    [10, () => this.viewPerson()],
    [15, () => this.viewCase()],
    [15, () => this.todaysList()],
    [15, () => this.writeNote()],
    [10, () => this.referAndScreen()],
    [5, () => this.referAndClose()],
    [10, () => this.referOn()],
  ];

  constructor(private readonly user: VirtualUser, private readonly service: ServiceSample, private readonly random: () => number, private readonly tag: string) {}

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  /** The next task of the shift, chosen by weight. */
  next(): Promise<void> {
    let r = this.random() * this.tasks.reduce((sum, [w]) => sum + w, 0);
    for (const [w, task] of this.tasks) if ((r -= w) < 0) return task();
    return this.tasks[0]![1]();
  }

  async search() {
    const { body } = await this.user.send('search people', 'GET', `/people?q=${encodeURIComponent(this.pick(this.service.familyNames))}`);
    const found = [...body.matchAll(new RegExp(`href="/people/(${UUID})"`, 'g'))].map((m) => m[1]!);
    await this.user.send('person page', 'GET', `/people/${found.length ? this.pick(found) : this.pick(this.service.personIds)}`);
  }

  async viewPerson() {
    await this.user.send('person page', 'GET', `/people/${this.pick(this.service.personIds)}`);
  }

  async viewCase() {
    await this.user.send('case page', 'GET', `/cases/${this.pick(this.service.openCaseIds)}`);
  }

  async todaysList() {
    await this.user.send("today's list", 'GET', `/sites/${this.pick(this.service.custodySiteIds)}/today`);
  }

  /** A contact seen earlier today, booked with notes, then what happened at it recorded from the contacts page. */
  async writeNote() {
    const caseId = this.pick(this.service.openCaseIds);
    const place = `Custody interview room ${this.tag}-${++this.n}`;
    const starts = new Date(Date.now() - (10 + Math.floor(this.random() * 110)) * 60_000);
    const saved = await this.user.send('book contact', 'POST', `/cases/${caseId}/contacts`, {
      form: { kind: 'meeting', ...postedDate('startsDate', londonDate(starts)), startsTime: londonTimeOfDay(starts), place, withWhom: '', workerWentToo: 'no', notes: 'Seen after arrest; low mood, agreed to follow-up' },
      to: new RegExp(`^/cases/${caseId}/contacts\\?saved=booked`),
    });
    const { body } = await this.user.send('contacts page', 'GET', saved.location);
    const card = body.split('<div class="nhsuk-card" id="contact-').find((c) => c.includes(place));
    const outcomePath = card && new RegExp(`href="(/cases/${caseId}/contacts/${UUID}/outcome)"`).exec(card)?.[1];
    if (!outcomePath) throw new Error(`The contacts page of case ${caseId} does not show the contact just booked with a link to record what happened`);
    const form = await this.user.send('outcome form', 'GET', outcomePath);
    await this.user.send('record outcome', 'POST', outcomePath, {
      form: { outcome: 'attended', notes: 'Attended; talked through the plan and next steps', version: versionIn(form.body) },
      to: new RegExp(`^/cases/${caseId}/contacts\\?saved=outcome`),
    });
  }

  /** A custody referral made now for an adult, as the team's own referral form sends it; returns its id. */
  private async takeReferral(): Promise<string> {
    await this.user.send('referral form', 'GET', '/referrals/new');
    const now = new Date();
    const born = `${1960 + Math.floor(this.random() * 40)}-${String(1 + Math.floor(this.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(this.random() * 28)).padStart(2, '0')}`;
    const { location } = await this.user.send('new referral', 'POST', '/referrals/new', {
      form: {
        siteId: this.pick(this.service.custodySiteIds), source: 'custody_staff', givenName: this.pick(GIVEN), familyName: this.pick(this.service.familyNames),
        ...postedDate('dateOfBirth', born), ...postedDate('referredDate', londonDate(now)), referredTime: londonTimeOfDay(now),
        reasonForConcern: 'Withdrawn in cell, not eating, says he cannot cope', custodyStatus: 'in_custody', urgency: this.random() < 0.3 ? 'urgent' : 'routine',
        offenceCategory: 'theft', victimInvolved: 'not_known', referrerName: 'PS Hartley', referrerRole: 'Custody sergeant', custodyRecordNumber: '', courtCaseReference: '',
      },
      to: new RegExp(`^/referrals/${UUID}$`),
    });
    return location.split('/').pop()!;
  }

  /** A referral taken, the person recorded as new, and the screen completed: most need a full assessment (a case opens). */
  async referAndScreen() {
    const id = await this.takeReferral();
    await this.user.send('referral page', 'GET', `/referrals/${id}`);
    await this.user.send('new person', 'POST', `/referrals/${id}/new-person`, { form: {}, to: new RegExp(`^/referrals/${id}$`) });
    const form = await this.user.send('screen form', 'GET', `/referrals/${id}/screen`);
    const r = this.random();
    const outcome = r < 0.6 ? 'full_assessment' : r < 0.85 ? 'advice_signpost' : 'no_further_action';
    const findings = Object.fromEntries(DOMAINS.filter(() => this.random() < 0.5).flatMap((d) => [[`finding-${d}`, this.pick(['identified', 'suspected', 'none'])], [`notes-${d}`, 'Reported at screening']]));
    const done = await this.user.send('complete screen', 'POST', `/referrals/${id}/screen`, {
      form: {
        version: versionIn(form.body), action: 'complete', ...findings, urgency: 'routine', riskInCustody: 'Low; observations every 30 minutes',
        'consent-assessment': 'given', 'consent-justice_sharing': 'given', 'consent-health_sharing': 'given', 'consent-evaluation': 'refused', outcome, notes: 'Screened in custody',
      },
      to: new RegExp(`^/referrals/${id}\\?saved=(case|screen)$`),
    });
    if (outcome !== 'full_assessment') return;
    const page = await this.user.send('referral page', 'GET', done.location);
    const caseId = new RegExp(`href="/cases/(${UUID})" id="open-case-link"`).exec(page.body)?.[1];
    if (!caseId) throw new Error(`The referral ${id} screened for a full assessment shows no case opened from it`);
    this.ownCases.push({ id: caseId, onward: [] });
  }

  /** A referral taken and closed with no further action (say, released before the team could see them). */
  async referAndClose() {
    const id = await this.takeReferral();
    const { body } = await this.user.send('referral page', 'GET', `/referrals/${id}`);
    const form = body.split(`action="/referrals/${id}/no-further-action"`)[1] ?? '';
    await this.user.send('no further action', 'POST', `/referrals/${id}/no-further-action`, { form: { version: versionIn(form) }, to: new RegExp(`^/referrals/${id}$`) });
  }

  /** On one of this user's cases: refer the person on to a partner service, or record the partner's next step on a referral sent earlier. */
  async referOn() {
    if (this.ownCases.length === 0) return this.referAndScreen();
    const own = this.pick(this.ownCases);
    const open = own.onward.filter((o) => !o.done);
    if (open.length === 0 || this.random() < 0.2) {
      const list = await this.user.send('onward list', 'GET', `/cases/${own.id}/onward-referrals`);
      const partners = [...list.body.matchAll(new RegExp(`name="partnerOrganisationId" type="radio" value="(${UUID})"`, 'g'))].map((m) => m[1]!);
      if (partners.length === 0) throw new Error(`The onward referrals page of case ${own.id} offers no partner service`);
      const sent = await this.user.send('send onward', 'POST', `/cases/${own.id}/onward-referrals`, {
        form: { partnerOrganisationId: this.pick(partners), reason: 'Needs a mental health review in the community', action: 'send' },
        to: new RegExp(`^/cases/${own.id}/onward-referrals\\?saved=sent#referral-${UUID}$`),
      });
      own.onward.push({ id: sent.location.split('#referral-').pop()!, done: false });
      return;
    }
    const onward = this.pick(open);
    const path = `/cases/${own.id}/onward-referrals/${onward.id}`;
    const page = await this.user.send('onward page', 'GET', path);
    const form = page.body.split('id="move-form"')[1]?.split('</form>')[0] ?? '';
    const offered = [...form.matchAll(/name="to" type="radio" value="(\w+)"/g)].map((m) => m[1]!);
    const to = FORWARD.find((s) => offered.includes(s));
    if (!to) throw new Error(`The onward referral ${onward.id} offers none of ${FORWARD.join(', ')} (it offers ${offered.join(', ') || 'nothing'})`);
    const today = londonDate(new Date());
    await this.user.send('move onward', 'POST', `${path}/move`, {
      form: { to, ...postedDate('on', today), ...(to === 'first_appointment_booked' ? postedDate('appointmentOn', today) : {}), reason: '', version: versionIn(form) },
      to: new RegExp(`^${path}\\?saved=moved`),
    });
    if (to === FORWARD.at(-1)) onward.done = true;
  }
}
