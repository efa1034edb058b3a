// Several reads as one statement: each query's rows come back as a JSON array, all in one row. A page that needs seven
// small reads then costs one round trip and one statement rather than seven; per statement, the application's own
// work (building, sending, reading) was most of what a page of small reads cost.
import type { InferResult, Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';
import { jsonArrayFrom } from 'kysely/helpers/postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Read = SelectQueryBuilder<any, any, any>;
type Reads = Record<string, Read>;

/** Per read, its columns that are instants (timestamptz): JSON gives them as text, and they are read back as dates. */
export type Instants<Q extends Reads> = { [K in keyof Q]?: readonly (keyof InferResult<Q[K]>[number] & string)[] };

export type ReadTogether<Q extends Reads> = { [K in keyof Q]: InferResult<Q[K]> };

/** Runs the reads as one statement, each giving its rows in its own order, with instants as dates as a lone read gives them. */
export async function readTogether<Q extends Reads>(db: Kysely<Database>, reads: Q, instants: Instants<Q> = {}): Promise<ReadTogether<Q>> {
  const names = Object.keys(reads);
  const row = (await db
    .selectNoFrom(names.map((name) => jsonArrayFrom(reads[name]!).as(name)))
    .executeTakeFirstOrThrow()) as Record<string, Record<string, unknown>[]>;
  for (const name of names) {
    const columns = (instants[name] ?? []) as readonly string[];
    if (columns.length === 0) continue;
    for (const r of row[name]!) {
      for (const column of columns) {
        const value = r[column];
        if (typeof value === 'string') r[column] = new Date(value);
      }
    }
  }
  return row as ReadTogether<Q>;
}
