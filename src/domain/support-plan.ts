// The support plan's rules: goals in the person's words, an exit strategy from day one, interventions from the
// service's catalogue proportionate to the offence, review dates inside the plan, and extensions past 12 weeks.
import { isRealDate } from './age.js';
import { daysBetween } from './calendar-date.js';

/** The plan form offers this many goals, each in the person's own words. */
export const GOAL_SLOTS = 5;
export const GOAL_MAX = 500;
export const EXIT_STRATEGY_MAX = 4000;
export const RATIONALE_MAX = 1000;

export const PLAN_INTERVENTION_STATUSES = ['planned', 'booked', 'completed', 'not_completed'] as const;
export type PlanInterventionStatus = (typeof PLAN_INTERVENTION_STATUSES)[number];
export const PLAN_INTERVENTION_STATUS_LABELS: Record<PlanInterventionStatus, string> = {
  planned: 'Planned', booked: 'Booked', completed: 'Completed', not_completed: 'Not completed',
};

export const REVIEW_STATUSES = ['done', 'overdue', 'due', 'upcoming'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { done: 'Done', overdue: 'Overdue', due: 'Due', upcoming: 'Not yet due' };
/** A review is shown as due from a week before its date. */
export const REVIEW_DUE_SOON_DAYS = 7;

const LONG = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
/** "3 November 2026" for 2026-11-03, as messages say it. */
export const sayDate = (date: string): string => LONG.format(new Date(`${date}T00:00:00Z`));

/** Done once completed; overdue once its day has passed; due within a week; otherwise not yet due. */
export function reviewStatus(dueOn: string, completedOn: string | null, today: string): ReviewStatus {
  if (completedOn !== null) return 'done';
  const daysAway = daysBetween(today, dueOn);
  if (daysAway < 0) return 'overdue';
  return daysAway <= REVIEW_DUE_SOON_DAYS ? 'due' : 'upcoming';
}

/** A catalogue entry as the plan rules see it. */
export type CatalogueEntry = { id: string; name: string; isActive: boolean; offenceCategories: readonly string[] };

/**
 * An entry with offence categories answers only those offences; one with none answers a need whatever the offence.
 * When the offence is not known yet, an offence-specific entry may be chosen (its rationale says why).
 */
export function isProportionate(entry: Pick<CatalogueEntry, 'offenceCategories'>, offenceCategory: string): boolean {
  return entry.offenceCategories.length === 0 || offenceCategory === 'not_known' || entry.offenceCategories.includes(offenceCategory);
}

export type PlanDraft = {
  /** In the order of the form's boxes; blank boxes are allowed and ignored. */
  goals: string[];
  exitStrategy: string;
  interventions: Array<{ interventionId: string; rationale: string }>;
  /** In the order of the form's date boxes; null for a blank one. */
  reviewDates: Array<string | null>;
};

export type PlanContext = {
  /** Agreeing the plan (or changing an agreed one): goals and exit strategy are required. */
  agreed: boolean;
  /** Check the review dates (an agreed plan, or one being agreed). */
  checkReviews: boolean;
  startsOn: string;
  endsOn: string;
  /** The service's whole catalogue, retired entries included. */
  catalogue: readonly CatalogueEntry[];
  /** Interventions already in the plan: kept even if since retired. */
  alreadyPlanned: ReadonlySet<string>;
  /** The offence of the referral the case came from ('not_known' if none). */
  offenceCategory: string;
  /** Due dates of reviews already done: a new review cannot share one. */
  completedReviewDates?: readonly string[];
};

/** Problems with a plan, keyed by the form field to fix (goal-N, exitStrategy, interventions, intervention-ID, rationale-ID, review-N). */
export function planProblems(draft: PlanDraft, ctx: PlanContext): Record<string, string> {
  const problems: Record<string, string> = {};
  draft.goals.forEach((g, i) => {
    if (g.trim().length > GOAL_MAX) problems[`goal-${i + 1}`] = `Goal ${i + 1} must be ${GOAL_MAX} characters or fewer`;
  });
  if (ctx.agreed && draft.goals.every((g) => g.trim() === '')) problems['goal-1'] = "Enter at least one goal, in the person's own words, to agree the plan";
  if (draft.exitStrategy.length > EXIT_STRATEGY_MAX) problems.exitStrategy = `Exit strategy must be ${EXIT_STRATEGY_MAX} characters or fewer`;
  else if (ctx.agreed && draft.exitStrategy.trim() === '') problems.exitStrategy = 'Enter the exit strategy: how support will end and who the person will be engaged with after 12 weeks';

  const byId = new Map(ctx.catalogue.map((e) => [e.id, e]));
  for (const chosen of draft.interventions) {
    const entry = byId.get(chosen.interventionId);
    if (!entry) {
      problems.interventions ??= "Choose interventions from your service's catalogue: one of those chosen is not in it";
      continue;
    }
    const key = `intervention-${entry.id}`;
    if (!entry.isActive && !ctx.alreadyPlanned.has(entry.id)) problems[key] = `${entry.name} has been retired from the catalogue: choose another intervention`;
    else if (!isProportionate(entry, ctx.offenceCategory)) problems[key] = `${entry.name} does not answer this offence: choose an intervention for the offence, or one that meets a need`;
    const rationale = chosen.rationale.trim();
    if (rationale === '') {
      problems[`rationale-${entry.id}`] = ctx.offenceCategory === 'not_known'
        ? `Enter why ${entry.name} suits this person: the offence is not known yet`
        : `Enter why ${entry.name} is proportionate to the offence and the person's needs`;
    } else if (rationale.length > RATIONALE_MAX) problems[`rationale-${entry.id}`] = `Why ${entry.name} must be ${RATIONALE_MAX} characters or fewer`;
  }

  if (ctx.checkReviews) Object.assign(problems, reviewDateProblems(draft.reviewDates, ctx.startsOn, ctx.endsOn, ctx.completedReviewDates ?? []));
  return problems;
}

/** Each review date must be real, inside the plan (start to end, both included) and on a day of its own. */
export function reviewDateProblems(dates: ReadonlyArray<string | null>, startsOn: string, endsOn: string, completed: readonly string[] = []): Record<string, string> {
  const problems: Record<string, string> = {};
  const seen = new Set(completed);
  dates.forEach((date, i) => {
    if (date === null) return;
    const key = `review-${i + 1}`;
    const label = `Review date ${i + 1}`;
    if (!isRealDate(date)) problems[key] = `${label} must be a real date`;
    else if (daysBetween(startsOn, date) < 0) problems[key] = `${label} must be on or after the plan's start, ${sayDate(startsOn)}`;
    else if (daysBetween(date, endsOn) < 0) problems[key] = `${label} must be on or before the plan's end, ${sayDate(endsOn)}: ask a team manager for an extension to review later`;
    else if (seen.has(date)) problems[key] = `${label} is the same day as another review: choose a different date or leave it blank`;
    else seen.add(date);
  });
  return problems;
}

/** The day the plan was agreed: not in the future, and not before the case was opened. */
export function agreedOnProblem(agreedOn: string, today: string, caseOpenedOn: string): string | null {
  if (!isRealDate(agreedOn)) return 'The date the plan was agreed must be a real date';
  if (daysBetween(today, agreedOn) > 0) return 'The date the plan was agreed cannot be in the future';
  if (daysBetween(caseOpenedOn, agreedOn) < 0) return `The date the plan was agreed must be on or after the day the case was opened, ${sayDate(caseOpenedOn)}`;
  return null;
}

/** A review is recorded with the day it was done (not in the future, not before the plan) and what was reviewed. */
export function reviewRecordProblems(input: { completedOn: string; notes: string }, today: string, planStartsOn: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!isRealDate(input.completedOn)) problems.completedOn = 'The date of the review must be a real date';
  else if (daysBetween(today, input.completedOn) > 0) problems.completedOn = 'The date of the review cannot be in the future';
  else if (daysBetween(planStartsOn, input.completedOn) < 0) problems.completedOn = `The date of the review must be on or after the plan's start, ${sayDate(planStartsOn)}`;
  if (input.notes.trim() === '') problems.notes = 'Enter notes of the review: progress against each goal and any change to the plan';
  else if (input.notes.length > 4000) problems.notes = 'Notes must be 4000 characters or fewer';
  return problems;
}

/** More than 12 weeks of direct support: a reason and a new end date after the current one. */
export function extensionProblems(input: { reason: string; newEndOn: string }, currentEndsOn: string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (input.reason.trim() === '') problems.reason = 'Enter why the person needs support for longer than 12 weeks';
  else if (input.reason.length > 2000) problems.reason = 'Reason must be 2000 characters or fewer';
  if (!isRealDate(input.newEndOn)) problems.newEndOn = 'The new end date must be a real date';
  else if (daysBetween(currentEndsOn, input.newEndOn) <= 0) problems.newEndOn = `The new end date must be after the current end date, ${sayDate(currentEndsOn)}`;
  return problems;
}

