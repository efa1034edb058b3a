// Saves an edit only if the record is still at the version the user read; otherwise a ConflictError
// carrying the latest version, read after the transaction has ended (the embedded engine has a single
// connection, so reading through anything but the transaction inside it would wait for ever).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ConflictError } from '../errors.js';

type VersionedTable = 'service' | 'site' | 'partner_organisation' | 'app_user' | 'person' | 'referral' | 'screening' | 'case_episode' | 'assessment' | 'intervention' | 'support_plan' | 'onward_referral' | 'contact' | 'restorative_session' | 'disclosure' | 'court_report' | 'disposal' | 'disposal_condition';

class StaleVersion extends Error {}

/** Inside a transaction: updates the row at `version` to `version + 1`, or throws to end the transaction. */
export async function updateWithVersion(trx: Transaction<Database>, table: VersionedTable, id: string, version: number, values: Record<string, unknown>, now: Date): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const updated = await (trx as unknown as Transaction<any>)
    .updateTable(table as string)
    .set({ ...values, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new StaleVersion();
}

/** Runs a versioned change in a transaction; a stale version becomes a ConflictError with the latest record. */
export async function saveVersioned<T>(db: Kysely<Database>, change: (trx: Transaction<Database>) => Promise<void>, loadLatest: () => Promise<T>): Promise<void> {
  try {
    await db.transaction().execute(change);
  } catch (error) {
    if (error instanceof StaleVersion) throw new ConflictError(await loadLatest());
    throw error;
  }
}
