// divert quarterly-return: write a service's quarterly return (the referrals CSV, the aggregates CSV, the workbook
// and the PDF summary) into a folder, for a scheduled job.
import fs from 'node:fs';
import path from 'node:path';
import { openRuntime, parseOptions, UserFacingError } from './runtime.js';
import { ValidationError } from '../services/errors.js';

export const QUARTERLY_RETURN_HELP = `Usage: divert quarterly-return --service CODE --quarter YYYY-Qn --out FOLDER

Writes the quarterly return of one service into FOLDER (which must exist and be writable):
  CODE-YYYY-Qn-referrals.csv    one row per referral received in the quarter (pseudonymised; for the
                                commissioner's data team under the data-sharing agreement only)
  CODE-YYYY-Qn-aggregates.csv   the aggregate tables, numbers from 1 to 4 suppressed
  CODE-YYYY-Qn-return.xlsx      the referrals, each aggregate table and the field list as sheets
  CODE-YYYY-Qn-summary.pdf      the aggregate tables as a PDF
Files of the same name are replaced. Each file is recorded in the audit trail as made by the system.
Exit code 0 when all four are written, 1 otherwise. See docs/quarterly-return.md.

Options:
  --service CODE      the service's code, for example calder-vale
  --quarter YYYY-Qn   a quarter that has ended, or the current one: 2026-Q3 is July to September 2026
  --out FOLDER        the folder to write into`;

export async function quarterlyReturnCommand(args: string[]): Promise<void> {
  const o = parseOptions(args, { service: 'string', quarter: 'string', out: 'string' });
  for (const required of ['service', 'quarter', 'out']) if (typeof o[required] !== 'string') throw new UserFacingError(`--${required} is needed: see --help`);
  const folder = path.resolve(String(o.out));
  assertWritableFolder(folder);
  const runtime = await openRuntime();
  try {
    const files = await runtime.services.quarterlyReturn
      .allFilesAsSystem(String(o.service), String(o.quarter), { ipAddress: null, userAgent: 'divert quarterly-return' })
      .catch((error: unknown) => {
        if (error instanceof ValidationError) throw new UserFacingError(Object.values(error.fieldErrors).join('; '));
        throw error;
      });
    for (const file of files) {
      const target = path.join(folder, file.fileName);
      try {
        // Written aside and renamed, so a job reading the folder never sees half a file.
        fs.writeFileSync(`${target}.partial`, file.body);
        fs.renameSync(`${target}.partial`, target);
      } catch (error) {
        throw new UserFacingError(`Could not write ${target}: ${(error as Error).message}`);
      }
      console.log(`Wrote ${target}`);
    }
  } finally {
    await runtime.handle.close();
  }
}

/** Refuses, with one clear line, a folder that does not exist, is not a folder, or cannot be written to. */
function assertWritableFolder(folder: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new UserFacingError(`The folder ${folder} does not exist: create it first, or choose another with --out`);
  }
  if (!stat.isDirectory()) throw new UserFacingError(`${folder} is not a folder: choose a folder with --out`);
  try {
    fs.accessSync(folder, fs.constants.W_OK);
  } catch {
    throw new UserFacingError(`The folder ${folder} cannot be written to: choose another with --out, or change its permissions`);
  }
}
