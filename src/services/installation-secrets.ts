// Secrets the installation makes for itself on first use and keeps in its database, shared by every instance.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export async function installationSecret(db: Kysely<Database>, name: string): Promise<string> {
  await db
    .insertInto('installation_secret')
    .values({ name, value: crypto.randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('installation_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
