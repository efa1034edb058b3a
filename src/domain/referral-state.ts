// A referral's state on today's list, and the moves allowed between states.
export const REFERRAL_STATES = ['new', 'being_screened', 'screened', 'assessment_needed', 'no_further_action'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

export const REFERRAL_STATE_LABELS: Record<ReferralState, string> = {
  new: 'New',
  being_screened: 'Being screened',
  screened: 'Screened',
  assessment_needed: 'Assessment needed',
  no_further_action: 'No further action',
};

const NEXT: Record<ReferralState, readonly ReferralState[]> = {
  new: ['being_screened', 'no_further_action'],
  being_screened: ['screened', 'assessment_needed', 'no_further_action', 'new'],
  screened: [],
  assessment_needed: [],
  no_further_action: [],
};

export function canMove(from: ReferralState, to: ReferralState): boolean {
  return NEXT[from].includes(to);
}

/** Waiting for the team: the response clock runs only for these. */
export const isAwaitingScreen = (state: ReferralState): boolean => state === 'new' || state === 'being_screened';

/** The state a completed screen leaves the referral in. */
export function stateAfterScreen(outcome: 'no_further_action' | 'advice_signpost' | 'full_assessment'): ReferralState {
  if (outcome === 'full_assessment') return 'assessment_needed';
  if (outcome === 'no_further_action') return 'no_further_action';
  return 'screened';
}
