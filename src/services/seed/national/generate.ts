// Five years of national activity for the national profile's directory, step by step with progress (step, rows,
// seconds). Reproducible: every row is a function of the seed, the row number and today's date.
import { performance } from 'node:perf_hooks';
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { londonDate } from '../../../domain/london-time.js';
import { insertAllocations, insertAssessments, insertCases, insertContacts, insertFollowUps, insertOnwardEvents, insertOnwardReferrals } from './case-sql.js';
import { prepareNationalSession, readNationalContext, type NationalContext } from './context.js';
import { insertPeople, insertReferrals, insertScreenings } from './identification-sql.js';
import { insertCourtReports, insertDisclosures, insertJusticeEvents } from './justice-sql.js';
import type { SqlRunner } from './sql-kit.js';
import { nationalVolumes } from './volumes.js';

export type NationalOptions = { seed: number; scale: number; now: Date; log: (line: string) => void };
export type NationalCounts = Record<string, number>;

/** Statements of at most this many generated rows, so the embedded engine's memory stays small. */
const BATCH = 50_000;

/** A runner over one Kysely connection: raw SQL with numbered parameters. */
export function kyselyRunner(db: Kysely<Database>): SqlRunner {
  return {
    async query<R>(text: string, values: readonly unknown[] = []) {
      const result = await db.executeQuery<R>(CompiledQuery.raw(text, [...values]));
      return { rows: result.rows, rowCount: Number(result.numAffectedRows ?? BigInt(result.rows.length)) };
    },
  };
}

/** Runs `load` over row numbers 1..total in batches; returns the rows inserted. */
async function inBatches(total: number, load: (first: number, last: number) => Promise<number>): Promise<number> {
  let rows = 0;
  for (let first = 1; first <= total; first += BATCH) rows += await load(first, Math.min(total, first + BATCH - 1));
  return rows;
}

/**
 * Generates the national activity on one connection of `db` (the directory must be seeded): people, referrals,
 * screens, cases with allocations, assessments, onward referrals and their histories, follow-ups, disclosures, court
 * reports and justice events. Logs each step with its rows and seconds, and returns the rows per step. Foreign-key
 * triggers are skipped where the database user may (the rows are consistent by construction), then restored.
 */
export async function generateNationalActivity(db: Kysely<Database>, options: NationalOptions): Promise<NationalCounts> {
  const volumes = nationalVolumes(options.scale);
  const today = londonDate(options.now);
  const counts: NationalCounts = {};
  options.log(`  National activity, seed ${options.seed}, scale ${options.scale}: about ${volumes.referrals.toLocaleString('en-GB')} referrals and ${volumes.expectedCases.toLocaleString('en-GB')} cases over five years to ${today}.`);
  const started = performance.now();
  await db.connection().execute(async (conn) => {
    const run = kyselyRunner(conn);
    await prepareNationalSession(run, options.seed);
    const replica = await run.query("set session_replication_role = 'replica'").then(() => true, () => false);
    try {
      const ctx: NationalContext = await readNationalContext(run, options.seed, options.now, today, volumes.people);
      const step = async (name: string, fn: () => Promise<number>) => {
        const t = performance.now();
        counts[name] = await fn();
        options.log(`    ${name.padEnd(24)} ${counts[name]!.toLocaleString('en-GB').padStart(11)} rows  ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
      };
      await step('people', () => inBatches(volumes.people, (a, b) => insertPeople(run, ctx, a, b, volumes.childrenShare)));
      await step('referrals', () => inBatches(volumes.referrals, (a, b) => insertReferrals(run, ctx, a, b)));
      await step('screens', () => insertScreenings(run, ctx));
      await step('cases', () => insertCases(run, ctx));
      await step('allocations', () => insertAllocations(run, ctx));
      await step('assessments', () => insertAssessments(run, ctx));
      await step('onward referrals', () => insertOnwardReferrals(run, ctx));
      await step('onward referral events', () => insertOnwardEvents(run, ctx));
      await step('contacts', () => insertContacts(run, ctx));
      await step('follow-ups', () => insertFollowUps(run, ctx));
      await step('disclosures', () => insertDisclosures(run, ctx));
      await step('court reports', () => insertCourtReports(run, ctx));
      await step('justice events', () => insertJusticeEvents(run, ctx));
      await step('analyze', async () => (await run.query('analyze')).rowCount);
    } finally {
      if (replica) await run.query("set session_replication_role = 'origin'");
    }
  });
  options.log(`  National activity done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return counts;
}
