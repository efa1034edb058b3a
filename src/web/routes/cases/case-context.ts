// What every page of a case shows above its own content: the person banner, the case line and the case navigation.
import { CASE_CLOCK_STATE_LABELS } from '../../../domain/twelve-week-clock.js';
import type { CaseHeader } from '../../../services/cases/case-records.js';
import { bannerOf } from '../people.js';

export const CASE_SECTIONS = [
  { key: 'summary', text: 'Summary', path: '' },
  { key: 'assessment', text: 'Assessment', path: '/assessment' },
  { key: 'plan', text: 'Support plan', path: '/plan' },
  { key: 'onward', text: 'Onward referrals', path: '/onward-referrals' },
  { key: 'contacts', text: 'Contacts', path: '/contacts' },
  { key: 'disclosures', text: 'Disclosures', path: '/disclosures' },
  { key: 'court-reports', text: 'Court reports', path: '/court-reports' },
  { key: 'justice-outcomes', text: 'Justice outcomes', path: '/justice-outcomes' },
  { key: 'closure', text: 'Closure', path: '/closure' },
  { key: 'history', text: 'History', path: '/history' },
] as const;
export type CaseSection = (typeof CASE_SECTIONS)[number]['key'];

export const CASE_STATUS_LABELS = { open: 'Open', closure_requested: 'Closure awaiting sign-off', closed: 'Closed' } as const;

/** Tag colours for the clock's states (NHS tag modifiers). */
export const CLOCK_TAG_CLASSES = { not_started: 'nhsuk-tag--grey', on_track: 'nhsuk-tag--green', amber: 'nhsuk-tag--orange', red: 'nhsuk-tag--red', closed: 'nhsuk-tag--grey' } as const;

/** The page context for the case header; `section` marks the current part of the case in its navigation. */
export function caseContext(h: CaseHeader, now: Date, section: CaseSection) {
  const base = `/cases/${h.caseEpisode.id}`;
  return {
    ...bannerOf(h.person, now),
    caseEpisode: h.caseEpisode,
    caseBase: base,
    caseWorkerName: h.workerName,
    caseStatusLabel: CASE_STATUS_LABELS[h.caseEpisode.case_status],
    caseClock: { ...h.clock, label: CASE_CLOCK_STATE_LABELS[h.clock.state], tagClass: CLOCK_TAG_CLASSES[h.clock.state] },
    caseNav: CASE_SECTIONS.map((s) => ({ text: s.text, href: base + s.path, current: s.key === section })),
  };
}
