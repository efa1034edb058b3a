// A Kysely dialect for PGlite: one embedded connection, handed to one user at a time so that
// a transaction never interleaves with another caller's queries.
import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { runKept, StatementNames, type KeptStatement } from './statement-names.js';
import { WriteWatch } from './write-watch.js';

/** Resolves on the event loop's next turn, after it has read what arrived meanwhile. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Protocol messages as one buffer, so the engine takes them in one call. */
function joined(messages: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(messages.reduce((length, message) => length + message.length, 0));
  let at = 0;
  for (const message of messages) {
    out.set(message, at);
    at += message.length;
  }
  return out;
}

class PGliteConnection implements DatabaseConnection {
  private readonly names: StatementNames;
  private readonly watch = new WriteWatch();

  constructor(private readonly client: PGlite, statementsKept?: number) {
    this.names = new StatementNames(statementsKept);
  }

  /** Runs a query as a named prepared statement: parsed and described once, then bound and run in one call. */
  private runPrepared<R>(statement: KeptStatement, text: string, parameters: readonly unknown[]): Promise<Results<R>> {
    const { serialize } = protocol;
    return this.client.runExclusive(async () => {
      if (!statement.parameterTypes) {
        const described = await this.client.execProtocolStream(
          joined([serialize.parse({ name: statement.name, text }), serialize.describe({ type: 'S', name: statement.name }), serialize.sync()]),
          { syncToFs: false },
        );
        statement.parameterTypes = parse.parseDescribeStatementResults(described);
      }
      const types = statement.parameterTypes;
      // As the engine's own query() sends them: by the parameter's type, or as text.
      const values = parameters.map((value, i) => {
        if (value === null || value === undefined) return null;
        const serializer = this.client.serializers[types[i]!];
        return serializer ? serializer(value) : String(value);
      });
      const answered = await this.client.execProtocolStream(
        joined([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
        {},
      );
      return parse.parseResults(answered, this.client.parsers)[0] as Results<R>;
    });
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Each query waits a turn of the event loop first. The embedded engine answers inside a promise's callback, so a
    // busy application, its requests each queueing their next query as the last is answered, never left those
    // callbacks for the loop's reading of new connections: under load a new connection's first request waited
    // seconds while requests already read went round again and again.
    await nextTurn();
    // Without parameters, use the simple protocol (as node-postgres does), so a script of
    // several statements, such as a migration, runs as one call.
    let result;
    try {
      result =
        query.parameters.length === 0
          ? ((await this.client.exec(query.sql)).at(-1) ?? { rows: [], affectedRows: 0 })
          : await runKept(
              this.names,
              query.sql,
              query.parameters.length,
              (statement) => this.runPrepared<R>(statement, query.sql, query.parameters),
              () => this.client.query<R>(query.sql, [...query.parameters]),
            );
    } catch (error) {
      this.watch.failed();
      throw error;
    }
    this.watch.ran(query.sql);
    const affected = result.affectedRows ?? 0;
    const isWrite = /^\s*(insert|update|delete|merge)\b/i.test(query.sql);
    return isWrite ? { rows: result.rows as R[], numAffectedRows: BigInt(affected) } : { rows: result.rows as R[] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the embedded database');
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly client: PGlite, statementsKept?: number) {
    this.connection = new PGliteConnection(client, statementsKept);
  }

  async init(): Promise<void> {
    await this.client.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    if (!this.client.closed) await this.client.close();
  }
}

export class PGliteDialect implements Dialect {
  /** statementsKept: how many queries the connection keeps prepared (see statement-names). */
  constructor(private readonly client: PGlite, private readonly statementsKept?: number) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.client, this.statementsKept);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
