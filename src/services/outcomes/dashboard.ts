// The team and service dashboard: activity, reach and timeliness for a period, by site, source, age band, sex, ethnicity and vulnerability domain; small numbers suppressed for commissioners.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit.js';
import type { Clock } from '../clock.js';
import type { CaseRecords } from '../cases/case-records.js';

export function createDashboard(_db: Kysely<Database>, _clock: Clock, _audit: AuditService, _cases: CaseRecords) {
  return {};
}
