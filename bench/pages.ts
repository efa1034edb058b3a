// The pages and calls the benchmark measures, each as the user who uses it, with the paths (and bodies) its
// requests rotate through so that no one record is served from a warm cache alone.
import { defaultDashboardPeriod } from '../src/domain/dashboard-period.js';
import { addDays } from '../src/domain/calendar-date.js';
import { londonDate } from '../src/domain/london-time.js';
import { dateBoxes } from '../src/web/forms.js';
import type { Samples } from './samples.js';

export type BenchUser = 'practitioner' | 'manager' | 'commissioner';
export type PageRequest = { method: 'GET' | 'POST'; path: string; body?: Record<string, string> };
export type Measured = { name: string; user: BenchUser; next: (i: number) => PageRequest; expect: number };

const get = (path: string): PageRequest => ({ method: 'GET', path });
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const query = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** The notes of every contact the benchmark books, by which a later run finds them to remove them. */
export const BOOKED_NOTES = 'Booked in the benchmark';

/** A contact booked a week ahead, as the booking form sends it. */
function contactForm(now: Date, i: number): Record<string, string> {
  const [year, month, day] = addDays(londonDate(now), 7 + (i % 20)).split('-');
  return {
    kind: 'meeting', 'startsDate[day]': String(Number(day)), 'startsDate[month]': String(Number(month)), 'startsDate[year]': year!,
    startsTime: `${String(9 + (i % 8)).padStart(2, '0')}:00`, place: 'Community base', withWhom: '', workerWentToo: 'no', notes: BOOKED_NOTES,
  };
}

export function measuredPages(s: Samples, now: Date): Measured[] {
  const period = defaultDashboardPeriod(londonDate(now));
  const national = query({ ...dateBoxes('from', period.from), ...dateBoxes('to', period.to), service: 'all' });
  return [
    // The page the bare route draws, signed in: the session's read and the home page's two small reads are all it adds.
    { name: 'home page (the bare route\'s page, signed in)', user: 'practitioner', expect: 200, next: () => get('/') },
    { name: "today's list (busiest custody suite)", user: 'practitioner', expect: 200, next: () => get(`/sites/${s.siteId}/today`) },
    { name: 'person search (a family name)', user: 'practitioner', expect: 200, next: (i) => get(`/people?q=${encodeURIComponent(pick(s.familyNames, i))}`) },
    { name: "a person's page", user: 'practitioner', expect: 200, next: (i) => get(`/people/${pick(s.personIds, i)}`) },
    { name: 'a case page', user: 'practitioner', expect: 200, next: (i) => get(`/cases/${pick(s.openCaseIds, i)}`) },
    { name: 'saving a contact (booking form)', user: 'practitioner', expect: 303, next: (i) => ({ method: 'POST', path: `/cases/${pick(s.openCaseIds, i)}/contacts`, body: contactForm(now, i) }) },
    { name: 'my cases', user: 'practitioner', expect: 200, next: () => get('/cases/mine') },
    { name: 'due list', user: 'practitioner', expect: 200, next: () => get('/due') },
    { name: 'team dashboard (one service, 3 months)', user: 'manager', expect: 200, next: () => get('/dashboard') },
    { name: 'national dashboard (26 services, 3 months)', user: 'commissioner', expect: 200, next: () => get(`/dashboard?${national}`) },
    { name: `quarterly return (${s.quarter}, one service)`, user: 'commissioner', expect: 200, next: () => get(`/quarterly-return?${query({ serviceId: s.serviceId, quarter: s.quarter })}`) },
  ];
}
