// A PostgreSQL server's connections run the application's queries as named prepared statements (see statement-names).
import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import { runKept, StatementNames, STATEMENTS_PER_CONNECTION } from './statement-names.js';
import { WriteWatch } from './write-watch.js';

/** A connection is replaced after this many uses, so that what it keeps follows what is asked of it now. */
export const USES_PER_CONNECTION = 50_000;

export function preparingPool(pool: pg.Pool, statementsPerConnection = STATEMENTS_PER_CONNECTION): PostgresPool {
  // One wrapper per connection, so that the query builder keeps one connection object for it too.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  function wrap(client: pg.PoolClient): PostgresPoolClient {
    const names = new StatementNames(statementsPerConnection);
    const watch = new WriteWatch();
    const query = async <R>(text: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> => {
      const values = [...parameters];
      let result;
      try {
        result = await runKept(
          names,
          text,
          values.length,
          ({ name }) => client.query({ name, text, values }),
          () => client.query(text, values),
        );
      } catch (error) {
        watch.failed();
        throw error;
      }
      watch.ran(text);
      return result as unknown as PostgresQueryResult<R>;
    };
    return { query: query as PostgresPoolClient['query'], release: () => client.release() };
  }

  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let wrapped = wrappers.get(client);
      if (!wrapped) wrappers.set(client, (wrapped = wrap(client)));
      return wrapped;
    },
    end: () => pool.end(),
  };
}
