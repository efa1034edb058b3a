// A query built and compiled once for each of its shapes, then run with its values put in place: building a page's
// reads with the query builder, and compiling them to text, was a tenth of what a case page cost the application,
// for text that is the same on every request. The same text each time also lets a connection find its prepared
// statement without reading the whole text again (see statement-names).
//
// `build` is given the shape (what decides the query's text: which conditions it has) and the values (what goes into
// its parameters). It must decide the text from the shape alone, and pass each value on as it is, never work with it:
// the first time a shape is met, its query is built with stand-ins for the values and checked against a build with
// the real ones, so a query whose text depends on a value is refused at once rather than run wrong later.
import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import type { Database } from './schema.js';

export type QueryValue = string | number | boolean | Date | null | undefined;
type Values = Record<string, QueryValue>;

/** Stands for a value while the query is built; no value given to the database contains a NUL character. */
const STAND_IN = '\u0000divert value: ';

type Template<R> = { query: CompiledQuery<R>; slots: (string | null)[] };

const sameValue = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

function filled<R>(template: Template<R>, values: Values): CompiledQuery<R> {
  const parameters = template.query.parameters.map((p, i) => {
    const slot = template.slots[i];
    return slot === null || slot === undefined ? p : (values[slot] ?? null);
  });
  return { ...template.query, parameters };
}

function templateOf<R>(query: CompiledQuery<R>, names: readonly string[]): Template<R> {
  if (query.sql.includes(STAND_IN)) throw new Error('A value was written into the query text: pass it as a parameter');
  const slots = query.parameters.map((p) => {
    if (typeof p !== 'string' || !p.includes(STAND_IN)) return null;
    const name = p.slice(STAND_IN.length);
    if (!p.startsWith(STAND_IN) || !names.includes(name)) throw new Error('A value was worked with while the query was built: work it out before, and pass the result as a value');
    return name;
  });
  return { query, slots };
}

export function compiledOnce<S extends object, V extends Values, R>(build: (shape: S, values: V) => Compilable<R>): (shape: S, values: V) => CompiledQuery<R> {
  const templates = new Map<string, Template<R>>();
  return (shape, values) => {
    const key = JSON.stringify(shape);
    const known = templates.get(key);
    if (known) return filled(known, values);
    const names = Object.keys(values);
    const standIns = Object.fromEntries(names.map((name) => [name, STAND_IN + name])) as V;
    const template = templateOf(build(shape, standIns).compile(), names);
    const fresh = build(shape, values).compile();
    const ours = filled(template, values);
    if (ours.sql !== fresh.sql || ours.parameters.length !== fresh.parameters.length || ours.parameters.some((p, i) => !sameValue(p, fresh.parameters[i]))) {
      throw new Error(`A query's text depends on more than its shape ${key}: decide the text from the shape alone`);
    }
    templates.set(key, template);
    return fresh;
  };
}

/**
 * A query built and compiled once for each shape as above, run on the database given. The text is the same whichever
 * database runs it (both engines speak PostgreSQL), so the first one given builds it.
 */
export function queryOnce<S extends object, V extends Values, R>(build: (db: Kysely<Database>, shape: S, values: V) => Compilable<R>): (db: Kysely<Database>, shape: S, values: V) => Promise<R[]> {
  let builder: Kysely<Database> | undefined;
  const query = compiledOnce((shape: S, values: V) => build(builder!, shape, values));
  return async (db, shape, values) => {
    builder = db;
    return (await db.executeQuery(query(shape, values))).rows;
  };
}
