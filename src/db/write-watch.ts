// Whether this process has changed the records that reports are worked out from: a number that grows with each
// change, read by the figures kept for reports (services/figures-cache.ts). Both engines' connections show their
// watch every statement that succeeds, so a change made here shows in the next report drawn here.
// What only records a reading (the audit trail, sessions, rate limits, upkeep) is not a change of the records, nor is
// the installation's secrets, written once when first needed (by the quarterly return's working, among others).
// A second number grows with each change of the accounts a session is read from (users, their roles, and the names
// of the services, sites and partners those roles are in), read by the sessions kept in memory (accounts/session-cache.ts).

const NOT_RECORDS = new Set(['audit_event', 'audit_chain_head', 'user_session', 'rate_limit_window', 'database_upkeep', 'installation_secret']);

/** Words a statement's text uses to change a table, and the table's name after them. */
const WRITES = /\b(?:insert\s+into|(?<!\bfor\s+(?:no\s+key\s+)?)update|delete\s+from|merge\s+into|truncate(?:\s+table)?)\s+(?:only\s+)?"?([a-z_][a-z0-9_]*)"?/gi;
/** What follows "update" when it is not a table: "for update of", "do update set". */
const NOT_TABLES = new Set(['set', 'of', 'nowait', 'skip']);

/** The tables a session's user and roles are read from (sessions themselves are forgotten by whoever ends or changes them). */
const ACCOUNT_TABLES = new Set(['app_user', 'role_grant', 'service', 'site', 'partner_organisation']);

let generation = 0;
let accounts = 0;

/** Grows by one (at least) with each change of the records made through this process's connections. */
export const recordsGeneration = (): number => generation;

/** Grows by one (at least) with each change of the accounts made through this process's connections. */
export const accountsGeneration = (): number => accounts;

/** The tables a statement's text writes to. */
export function tablesWritten(text: string): string[] {
  const tables: string[] = [];
  for (const match of text.matchAll(WRITES)) {
    const table = match[1]!.toLowerCase();
    if (!NOT_TABLES.has(table)) tables.push(table);
  }
  return tables;
}

const firstWord = (text: string): string => /^\s*([a-z]+)/i.exec(text)?.[1]?.toLowerCase() ?? '';
const DATA_STATEMENTS = new Set(['select', 'with', 'insert', 'update', 'delete', 'merge', 'values', 'table']);
const SETTINGS = new Set(['show', 'set', 'reset', 'savepoint', 'release', 'deallocate', 'discard', 'listen', 'unlisten', 'explain']);

/** A script of several statements (a migration, a restore): checked for a semicolon first, as few statements have one. */
const isScript = (text: string): boolean => text.includes(';') && /;\s*\S/.test(text);

/** The tables a statement, read as its first word, may write to: 'any' for a script or anything unknown. */
function mayWrite(text: string, first: string, script: boolean): readonly string[] | 'any' {
  if (script) return 'any';
  // A select on its own writes nothing (its "for update" only locks); a "with" may hold a change.
  if (first === 'select') return [];
  if (DATA_STATEMENTS.has(first)) return tablesWritten(text);
  return SETTINGS.has(first) ? [] : 'any';
}

const isRecords = (table: string) => !NOT_RECORDS.has(table);
const isAccounts = (table: string) => ACCOUNT_TABLES.has(table);
const touches = (tables: readonly string[] | 'any', counts: (table: string) => boolean) => tables === 'any' || tables.some(counts);

/** Whether a statement (outside transaction control) may change the records. Anything unknown is taken to. */
export const changesRecords = (text: string): boolean => touches(mayWrite(text, firstWord(text), isScript(text)), isRecords);

/** Whether a statement (outside transaction control) may change the accounts. Anything unknown is taken to. */
export const changesAccounts = (text: string): boolean => touches(mayWrite(text, firstWord(text), isScript(text)), isAccounts);

/** One connection's view of its transaction: a change inside one counts when it commits, never before. */
export class WriteWatch {
  private inTransaction = false;
  private changed = false;
  private accountsChanged = false;

  /** Shown each statement once the engine has answered it. */
  ran(text: string): void {
    const script = isScript(text);
    const first = script ? '' : firstWord(text);
    if (first === 'begin' || (first === 'start' && /^\s*start\s+transaction\b/i.test(text))) {
      this.inTransaction = true;
      this.changed = false;
      this.accountsChanged = false;
    } else if (first === 'commit' || first === 'end') {
      if (this.changed) generation++;
      if (this.accountsChanged) accounts++;
      this.inTransaction = false;
      this.changed = false;
      this.accountsChanged = false;
    } else if ((first === 'rollback' || first === 'abort') && !/^\s*rollback\s+(?:transaction\s+|work\s+)?to\b/i.test(text)) {
      this.inTransaction = false;
      this.changed = false;
      this.accountsChanged = false;
    } else if (first !== 'rollback') {
      const tables = mayWrite(text, first, script);
      if (touches(tables, isRecords)) {
        if (this.inTransaction) this.changed = true;
        else generation++;
      }
      if (touches(tables, isAccounts)) {
        if (this.inTransaction) this.accountsChanged = true;
        else accounts++;
      }
    }
  }

  /** Shown a statement the engine refused: what it did is not known, so it counts as a change. */
  failed(): void {
    generation++;
    accounts++;
  }
}
