// Helpers for loading synthetic data with server-side SQL: weighted choices picked by a hash of a row number,
// numbered parameters, the session's hash function and NHS numbers with a valid check digit. Every value made
// this way is a function of (salt, tag, row number), so a load is repeatable and runs alike on both engines.

/** What a load needs of a connection: one query at a time, numbered parameters, the rows and how many changed. */
export type SqlRunner = { query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }> };

// ---------------------------------------------------------------------------------------------
// Weighted choices. SQL picks one with a hash: values[slots[1 + hash % cardinality(slots)]].
// The slots are integers (an int[] subscript is a direct offset) and the values are each listed
// once: subscripting a long text[] walks it from the start, which made a first version 50 times slower.
// ---------------------------------------------------------------------------------------------

export type Weighted = { values: string[]; slots: number[] };

export function weighted(pairs: Array<[string, number]>, slots: number): Weighted {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  const out: number[] = [];
  let carried = 0;
  for (const [index, [, w]] of pairs.entries()) {
    carried += (w / total) * slots;
    while (out.length < Math.round(carried)) out.push(index + 1);
  }
  return { values: pairs.map(([v]) => v), slots: out };
}

/** A flat weighted list, for a small fixed choice such as the slots of one site. */
export function expand<T>(pairs: Array<[T, number]>, slots: number): T[] {
  const w = weighted(pairs.map(([v, n], i) => [String(i), n] as [string, number]), slots);
  return w.slots.map((i) => pairs[i - 1]![0]);
}

/** A weighted list flattened to its slots' values. */
export const flat = (w: Weighted) => w.slots.map((i) => w.values[i - 1]!);

/** Numbered query parameters, and the SQL for a weighted pick keyed on a hash of (tag, n). */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, type: string) {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
  pick(w: Weighted, tag: string, n: string) {
    const values = this.add(w.values, 'text[]');
    const slots = this.add(w.slots, 'int[]');
    return `(${values})[(${slots})[1 + pg_temp.h('${tag}', ${n}) % cardinality(${slots})]]`;
  }
}

/** A long list of a few values as those values and int codes: an int[] subscript is a direct offset, a text[] one walks the array. */
export function coded(list: string[]) {
  const values = [...new Set(list)];
  return { values, codes: list.map((v) => values.indexOf(v) + 1) };
}

/**
 * A 32-bit hash of a tag and a row number, 0 to 2^32 - 1 (PostgreSQL's hashtext, the same on both engines), made on
 * each connection that loads as the session-local pg_temp.h. The salt (e.g. a seed number) gives another data set.
 */
export function hashFunctionSql(salt = ''): string {
  const prefix = salt === '' ? '' : `'${salt.replace(/'/g, "''")}/' || `;
  return `create or replace function pg_temp.h(tag text, n bigint) returns bigint language sql immutable parallel safe
  as $$ select hashtext(${prefix}tag || n::text)::bigint + 2147483648 $$`;
}

/** NHS numbers 999 NNNNNN C with a correct modulus 11 check digit; NULL when the nine digits have none. */
export function nhsCheckSql(nine: string) {
  const sum = Array.from({ length: 9 }, (_, i) => `substr(${nine}, ${i + 1}, 1)::int * ${10 - i}`).join(' + ');
  return `(case (11 - ((${sum}) % 11)) when 11 then ${nine} || '0' when 10 then null else ${nine} || (11 - ((${sum}) % 11))::text end)`;
}

