// Outcome measures: engagement with onward services at exit and at follow-up, and proven re-offending of a cohort against a comparison group, with their intervals and tests.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit.js';
import type { Clock } from '../clock.js';
import type { CaseRecords } from '../cases/case-records.js';

export function createOutcomeMeasures(_db: Kysely<Database>, _clock: Clock, _audit: AuditService, _cases: CaseRecords) {
  return {};
}
