// Engagement with onward services when a case closes and at the follow-up some weeks later: who counts as engaged,
// which follow-ups are not yet due, and the share engaged with its Wilson interval.
import { isFollowUpDue, type ExitStatus, type FollowUpAnswer } from './closure.js';
import { wilsonInterval, type ProportionInterval } from './statistics/proportions.js';

/** A closed case as the engagement measures see it. */
export type ClosedCaseEngagement = {
  /** The exit status recorded for each onward referral at closure (null where none was recorded). */
  exitStatuses: readonly (ExitStatus | null)[];
  /** When the follow-up after closure is due (null if no date was set). */
  followUpDueOn: string | null;
  /** The follow-up's answer per onward referral ("still engaged?"), or null when none is recorded. */
  followUp: { stillEngaged: Readonly<Record<string, FollowUpAnswer>> } | null;
};

/** Where a closed case stands at follow-up: engaged with a service, not engaged, not yet due, or due and not recorded. */
export type FollowUpStanding = 'engaged' | 'not_engaged' | 'not_yet_due' | 'not_recorded';

/** True when at least one onward referral had the exit status 'engaged' at closure ('still waiting' does not count). */
export function engagedAtExit(exitStatuses: readonly (ExitStatus | null)[]): boolean {
  return exitStatuses.includes('engaged');
}

/**
 * Where a closed case stands at follow-up on `today`: a recorded follow-up is 'engaged' when the person was still
 * engaged ('yes') with at least one service, else 'not_engaged' (a 'not known' answer is not engagement); with no
 * follow-up recorded it is 'not_yet_due' until the due date (or when none was set) and 'not_recorded' after.
 */
export function followUpStanding(closed: ClosedCaseEngagement, today: string): FollowUpStanding {
  if (closed.followUp !== null) return Object.values(closed.followUp.stillEngaged).includes('yes') ? 'engaged' : 'not_engaged';
  return isFollowUpDue(closed.followUpDueOn, today) ? 'not_recorded' : 'not_yet_due';
}

export type EngagementSummary = {
  /** Cases closed in the period. */
  closed: number;
  /** Engaged with at least one onward service at exit, of all cases closed: Wilson 95% interval. */
  atExit: ProportionInterval;
  /** Still engaged with at least one service at follow-up, of the follow-ups recorded: Wilson 95% interval. */
  atFollowUp: ProportionInterval;
  /** Closed cases whose follow-up is not yet due: left out of the follow-up figure. */
  notYetDue: number;
  /** Closed cases whose follow-up is due but not recorded: left out of the follow-up figure. */
  notRecorded: number;
};

/**
 * The engagement measures of a set of closed cases on `today`: the share engaged at exit (denominator: every case)
 * and the share still engaged at follow-up (denominator: recorded follow-ups only, so 'not yet due' and 'due, not
 * recorded' are counted apart and never as disengaged), each with its Wilson score interval (95%, no continuity
 * correction; see wilsonInterval).
 */
export function summariseEngagement(cases: readonly ClosedCaseEngagement[], today: string): EngagementSummary {
  let atExit = 0;
  let engagedLater = 0;
  let followedUp = 0;
  let notYetDue = 0;
  let notRecorded = 0;
  for (const c of cases) {
    if (engagedAtExit(c.exitStatuses)) atExit++;
    const standing = followUpStanding(c, today);
    if (standing === 'engaged' || standing === 'not_engaged') followedUp++;
    if (standing === 'engaged') engagedLater++;
    if (standing === 'not_yet_due') notYetDue++;
    if (standing === 'not_recorded') notRecorded++;
  }
  return {
    closed: cases.length,
    atExit: wilsonInterval(atExit, cases.length),
    atFollowUp: wilsonInterval(engagedLater, followedUp),
    notYetDue,
    notRecorded,
  };
}
