// Justice events after the team's work (re-arrests, charges, cautions, convictions): recorded by the team or imported from a police CSV export; matched to people of the service.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit.js';
import type { Clock } from '../clock.js';
import type { CaseRecords } from '../cases/case-records.js';

export function createJusticeEvents(_db: Kysely<Database>, _clock: Clock, _audit: AuditService, _cases: CaseRecords) {
  return {};
}
