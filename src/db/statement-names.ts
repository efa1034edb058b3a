// Which queries a connection keeps as named prepared statements, and under what names. Kept, a query is parsed and
// planned once per connection rather than on every request: planning was most of the database's work on a page of
// small lookups. Used by both engines' connections.

/** Statements kept per connection; a query met after that runs unprepared, as before. */
export const STATEMENTS_PER_CONNECTION = 200;

/** Only single data statements with parameters are worth keeping (and only they may be prepared). */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

export type KeptStatement = {
  name: string;
  /** The parameters' types, once the statement is prepared (the embedded engine needs them to send values). */
  parameterTypes?: number[];
};

/** Names are numbered across the process, so two sets of names on one connection never take the same name. */
let named = 0;

export class StatementNames {
  private readonly kept = new Map<string, KeptStatement>();

  constructor(private readonly limit = STATEMENTS_PER_CONNECTION) {}

  /** The statement to run this query as, or null to run it unprepared. */
  statementFor(text: string, parameterCount: number): KeptStatement | null {
    const known = this.kept.get(text);
    if (known) return known;
    if (parameterCount === 0 || this.kept.size >= this.limit || !PREPARABLE.test(text)) return null;
    // A name is never used twice, so a forgotten statement cannot be mistaken for its successor.
    const fresh = { name: `divert_${named++}` };
    this.kept.set(text, fresh);
    return fresh;
  }

  /** Forgets a statement the server refused, so the query is prepared afresh next time. */
  forget(text: string): void {
    this.kept.delete(text);
  }
}

/** A changed table (a migration by another instance, a restore) makes the server refuse a statement kept before. */
export const isStaleStatement = (error: unknown): boolean =>
  (error as { code?: string }).code === '0A000' && /cached plan/.test((error as Error).message ?? '');

/**
 * Runs a query as its kept statement when it has one. A stale statement is forgotten and the query run once
 * unprepared; inside a transaction the refusal has already ended it, so that retry fails too and the refusal stands.
 */
export async function runKept<T>(
  names: StatementNames,
  text: string,
  parameterCount: number,
  prepared: (statement: KeptStatement) => Promise<T>,
  unprepared: () => Promise<T>,
): Promise<T> {
  const statement = names.statementFor(text, parameterCount);
  if (!statement) return unprepared();
  try {
    return await prepared(statement);
  } catch (error) {
    if (!isStaleStatement(error)) throw error;
    names.forget(text);
    try {
      return await unprepared();
    } catch {
      throw error;
    }
  }
}
