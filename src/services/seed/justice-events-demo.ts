// Demo justice events after the team's work: re-arrests of about a quarter of the people supported, most
// followed by a charge and some by a conviction or caution, some by an acquittal or no further action; a
// somewhat higher share for people screened but not supported (a comparison group); and one past import per
// service. Pure, from its own seeded random sequence, so the activity before it is unchanged.
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Database, JusticeEventTable, ReoffendingImportTable } from '../../db/schema.js';
import { addDays } from '../../domain/calendar-date.js';
import { londonDate } from '../../domain/london-time.js';
import type { JusticeEventOutcome } from '../../domain/reoffending.js';
import { Random, seedOf, type ActivityPlan, type ActivityRows } from './activity.js';

export type JusticeEventDemoRows = {
  imports: Array<Insertable<ReoffendingImportTable> & { id: string }>;
  events: Array<Insertable<JusticeEventTable>>;
};

type Step = { outcome: JusticeEventOutcome; on: string };

/** The chain of outcomes after one re-arrest: charge then a verdict, or a caution, or no further action; cut at today. */
function chainFor(rng: Random, offenceOn: string, today: string): Step[] {
  const steps: Step[] = [{ outcome: 'arrest', on: addDays(offenceOn, rng.int(0, 3)) }];
  const path = rng.weighted<'charge' | 'caution' | 'nfa'>([['charge', 65], ['caution', 15], ['nfa', 20]]);
  const last = steps[0]!.on;
  if (path === 'caution') steps.push({ outcome: 'caution', on: addDays(last, rng.int(1, 40)) });
  else if (path === 'nfa') steps.push({ outcome: 'no_further_action', on: addDays(last, rng.int(1, 60)) });
  else {
    const charged = addDays(last, rng.int(0, 30));
    steps.push({ outcome: 'charge', on: charged });
    const verdict = rng.weighted<'conviction' | 'acquittal' | 'pending'>([['conviction', 70], ['acquittal', 18], ['pending', 12]]);
    if (verdict !== 'pending') steps.push({ outcome: verdict, on: addDays(charged, rng.int(20, 200)) });
  }
  return steps.filter((s) => s.on <= today);
}

/**
 * Justice events for the profile's services: for each person with a case (index date: their first referral that led
 * to a case) a re-arrest within a year in about 25% of cases, and for each person screened but never given a case
 * about 35%, a few with a second one; every date after the index date and none after today. About 40% of the events
 * older than a month came in one import per service, a month ago, with a few unknown and refused lines.
 */
export function generateJusticeEventsDemo(plan: ActivityPlan, rows: ActivityRows, newId: () => string): JusticeEventDemoRows {
  const out: JusticeEventDemoRows = { imports: [], events: [] };
  const today = londonDate(plan.now);
  for (const service of plan.services) {
    const rng = new Random(seedOf(`${service.code}/justice-events`));
    const recorders = [...service.practitioners, ...(service.team?.managers ?? [])];
    const manager = service.team?.managers[0] ?? service.practitioners[0];
    if (!manager || recorders.length === 0) continue;
    const referredOn = new Map(rows.referrals.filter((r) => r.service_id === service.id).map((r) => [r.id, londonDate(r.referred_at)]));
    const supported = new Map<string, string>();
    for (const c of rows.cases) {
      const on = c.service_id === service.id && c.referral_id ? referredOn.get(c.referral_id) : undefined;
      if (on !== undefined && (!supported.has(c.person_id) || on < supported.get(c.person_id)!)) supported.set(c.person_id, on);
    }
    const comparison = new Map<string, string>();
    for (const s of rows.screenings) {
      const on = referredOn.get(s.referral_id);
      if (s.service_id !== service.id || s.screening_status !== 'completed' || on === undefined || supported.has(s.person_id)) continue;
      if (!comparison.has(s.person_id) || on < comparison.get(s.person_id)!) comparison.set(s.person_id, on);
    }
    const importedAt = new Date(plan.now.getTime() - 30 * 86_400_000);
    const importDay = londonDate(importedAt);
    const importId = newId();
    let imported = 0;
    const add = (personId: string, indexDate: string, rate: number) => {
      if (!rng.chance(rate)) return;
      // Re-offending comes soonest after the index event: days skewed towards the start of the year.
      const offences = [addDays(indexDate, 1 + Math.floor(364 * rng.float() ** 1.8))];
      if (rng.chance(0.2)) offences.push(addDays(offences[0]!, rng.int(20, 200)));
      for (const offenceOn of offences) {
        if (offenceOn > today) continue;
        for (const step of chainFor(rng, offenceOn, today)) {
          const fromImport = step.on < importDay && rng.chance(0.4);
          if (fromImport) imported++;
          const recordedAt = fromImport ? importedAt : new Date(Math.min(plan.now.getTime() - 60_000, Date.parse(`${addDays(step.on, rng.int(1, 14))}T${String(rng.int(9, 16)).padStart(2, '0')}:20:00Z`)));
          out.events.push({
            service_id: service.id, person_id: personId, offence_on: offenceOn, outcome: step.outcome, outcome_on: step.on, source: fromImport ? 'imported' : 'recorded',
            import_id: fromImport ? importId : null, notes: fromImport ? '' : rng.pick(NOTES), recorded_by: fromImport ? manager.id : rng.pick(recorders).id, recorded_at: recordedAt,
          });
        }
      }
    };
    for (const [personId, indexDate] of supported) add(personId, indexDate, 0.25);
    for (const [personId, indexDate] of comparison) add(personId, indexDate, 0.35);
    if (imported === 0) continue;
    const unmatched = [
      { line: 4, message: 'Line 4: no one in the service has NHS number 999 000 0069, so the event was not imported' },
      { line: 11, message: 'Line 11: no one in the service has Callum Ettridge, born 14/09/1996, so the event was not imported' },
    ];
    const problems = [{ line: 7, message: 'Line 7: outcome "Bailed" is not one the import knows: use arrest, charge, caution, conviction, acquittal or no further action' }];
    out.imports.push({
      id: importId, service_id: service.id, file_name: 'police-outcomes-export.csv', imported_by: manager.id, imported_at: importedAt, rows_read: imported + unmatched.length + problems.length,
      events_added: imported, already_held: 0, unmatched: JSON.stringify(unmatched), problems: JSON.stringify(problems),
    });
  }
  // Imported events must name their import, which exists only where something was imported.
  const withImport = new Set(out.imports.map((i) => i.id));
  for (const e of out.events) if (e.import_id && !withImport.has(e.import_id)) Object.assign(e, { source: 'recorded', import_id: null });
  return out;
}

const NOTES = ['From the police national computer', 'Told by the person at the follow-up', 'From the custody record', 'From the court result', 'Told by the probation officer', ''];

/** Generates the demo justice events and writes them (imports first) in the seed's transaction. */
export async function seedJusticeEventsDemo(trx: Kysely<Database>, plan: ActivityPlan, rows: ActivityRows): Promise<void> {
  const demo = generateJusticeEventsDemo(plan, rows, plan.newId ?? randomUUID);
  if (demo.imports.length > 0) await trx.insertInto('reoffending_import').values(demo.imports).execute();
  for (let i = 0; i < demo.events.length; i += 500) await trx.insertInto('justice_event').values(demo.events.slice(i, i + 500)).execute();
}
