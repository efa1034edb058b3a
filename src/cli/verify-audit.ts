// divert verify-audit: walk the audit trail's hash chain and report the first break.
import { openRuntime } from './runtime.js';

export const VERIFY_AUDIT_HELP = `Usage: divert verify-audit

Checks that no audit event has been changed, removed or reordered: each event's hash must cover
its content and the hash of the event before it, and the last event must be the one the chain's
head records. Exits 0 when the trail is intact, 2 when not.`;

export async function verifyAuditCommand(): Promise<number> {
  const { handle, services } = await openRuntime();
  try {
    const result = await services.audit.verify();
    if (result.ok) {
      console.log(`The audit trail is intact: ${result.checked} events checked.`);
      return 0;
    }
    if (result.problem === 'end-missing') {
      console.error(`The audit trail has lost its last events: the events recorded after event ${result.brokenAt} have been removed; the ${result.checked} events before them are intact.`);
    } else {
      console.error(`The audit trail is broken at event ${result.brokenAt} (${result.problem}); ${result.checked} events before it are intact.`);
    }
    return 2;
  } finally {
    await handle.close();
  }
}
