// Equality monitoring: reach to women, each ethnic group, 18-24s, children and people with gang or exploitation concerns at each stage (referred, screened, assessed, supported, engaged at exit), so that disproportion at any step shows.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit.js';
import type { Clock } from '../clock.js';
import type { CaseRecords } from '../cases/case-records.js';

export function createEquality(_db: Kysely<Database>, _clock: Clock, _audit: AuditService, _cases: CaseRecords) {
  return {};
}
