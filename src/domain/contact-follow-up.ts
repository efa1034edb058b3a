// A did-not-attend prompts a follow-up: it stays due until another contact with the person is booked or held after it.

export type ContactFact = { id: string; startsAt: Date; outcome: string | null };

/** The missed contacts (did not attend) with no contact after them, oldest first. */
export function missedContactsToFollowUp(contacts: readonly ContactFact[]): ContactFact[] {
  const sorted = [...contacts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const last = sorted[sorted.length - 1];
  return sorted.filter((c) => c.outcome === 'did_not_attend' && c === last);
}
