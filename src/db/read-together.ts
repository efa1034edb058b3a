// Several reads as one statement: each query's rows come back as a JSON array, all in one row. A page that needs seven
// small reads then costs one round trip and one statement rather than seven; per statement, the application's own
// work (building, sending, reading) was most of what a page of small reads cost.
import type { InferResult, Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { queryOnce, type QueryValue } from './compiled-once.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Read = SelectQueryBuilder<any, any, any>;
type Reads = Record<string, Read>;

/** Per read, its columns that are instants (timestamptz): JSON gives them as text, and they are read back as dates. */
export type Instants<Q extends Reads> = { [K in keyof Q]?: readonly (keyof InferResult<Q[K]>[number] & string)[] };

export type ReadTogether<Q extends Reads> = { [K in keyof Q]: InferResult<Q[K]> };

const together = (db: Kysely<Database>, reads: Reads) => db.selectNoFrom(Object.keys(reads).map((name) => jsonArrayFrom(reads[name]!).as(name)));

/** The one row's reads, with each read's instants read back as dates. */
function revived<Q extends Reads>(row: Record<string, Record<string, unknown>[]>, instants: Instants<Q>): ReadTogether<Q> {
  for (const [name, columns] of Object.entries(instants) as [string, readonly string[]][]) {
    for (const r of row[name] ?? []) {
      for (const column of columns) {
        const value = r[column];
        if (typeof value === 'string') r[column] = new Date(value);
      }
    }
  }
  return row as ReadTogether<Q>;
}

/** Runs the reads as one statement, each giving its rows in its own order, with instants as dates as a lone read gives them. */
export async function readTogether<Q extends Reads>(db: Kysely<Database>, reads: Q, instants: Instants<Q> = {}): Promise<ReadTogether<Q>> {
  return revived((await together(db, reads).executeTakeFirstOrThrow()) as Record<string, Record<string, unknown>[]>, instants);
}

/** Reads run together as above, their statement built and compiled once for each shape (see compiled-once). */
export function readTogetherOnce<S extends object, V extends Record<string, QueryValue>, Q extends Reads>(
  reads: (db: Kysely<Database>, shape: S, values: V) => Q,
  instants: Instants<Q> = {},
): (db: Kysely<Database>, shape: S, values: V) => Promise<ReadTogether<Q>> {
  const query = queryOnce((db: Kysely<Database>, shape: S, values: V) => together(db, reads(db, shape, values)));
  return async (db, shape, values) => revived((await query(db, shape, values))[0] as Record<string, Record<string, unknown>[]>, instants);
}
