// (to be built)
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit.js';
import type { Clock } from '../clock.js';
import type { CaseRecords } from './case-records.js';

export function createOnwardReferrals(db: Kysely<Database>, clock: Clock, audit: AuditService, cases: CaseRecords) {
  void db; void clock; void audit; void cases;
  return {};
}
