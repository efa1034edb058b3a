// Saves an edit only if the record is still at the version the user read; otherwise a ConflictError.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ConflictError } from '../errors.js';

type VersionedTable = 'service' | 'site' | 'partner_organisation';

export async function updateWithVersion(
  trx: Transaction<Database>,
  table: VersionedTable,
  id: string,
  version: number,
  values: Record<string, unknown>,
  now: Date,
  loadCurrent: () => Promise<unknown>,
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const updated = await (trx as unknown as Transaction<any>)
    .updateTable(table as string)
    .set({ ...values, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new ConflictError(await loadCurrent());
}
