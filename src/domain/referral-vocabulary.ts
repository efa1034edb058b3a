// The words of a referral into L&D: where it came from, what happened, how urgent it is.
export const REFERRAL_SOURCES = ['custody_staff', 'court_staff', 'solicitor', 'probation', 'youth_justice', 'health', 'family', 'self', 'list_check'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = {
  custody_staff: 'Custody staff',
  court_staff: 'Court staff',
  solicitor: 'Solicitor',
  probation: 'Probation',
  youth_justice: 'Youth justice service',
  health: 'Health service',
  family: 'Family or carer',
  self: 'The person themselves',
  list_check: "The team's own check of the custody or court list",
};

export const OFFENCE_CATEGORIES = ['violence', 'sexual', 'robbery', 'theft', 'criminal_damage', 'drugs', 'weapons', 'public_order', 'fraud', 'motoring', 'breach', 'other', 'not_known'] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];
export const OFFENCE_CATEGORY_LABELS: Record<OffenceCategory, string> = {
  violence: 'Violence against the person',
  sexual: 'Sexual offence',
  robbery: 'Robbery',
  theft: 'Theft, including shop theft',
  criminal_damage: 'Criminal damage or arson',
  drugs: 'Drug offence',
  weapons: 'Possession of a weapon',
  public_order: 'Public order',
  fraud: 'Fraud',
  motoring: 'Motoring offence',
  breach: 'Breach of an order or bail',
  other: 'Other offence',
  not_known: 'Not known yet',
};

export const CUSTODY_STATUSES = ['in_custody', 'voluntary_attendance', 'bailed', 'at_court'] as const;
export type CustodyStatus = (typeof CUSTODY_STATUSES)[number];
export const CUSTODY_STATUS_LABELS: Record<CustodyStatus, string> = {
  in_custody: 'In custody',
  voluntary_attendance: 'Voluntary attendance',
  bailed: 'On bail',
  at_court: 'At court',
};

export const URGENCIES = ['routine', 'urgent', 'immediate'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { routine: 'Routine', urgent: 'Urgent', immediate: 'Immediate: risk now' };

export const VICTIM_INVOLVED = ['yes', 'no', 'not_known'] as const;
export type VictimInvolved = (typeof VICTIM_INVOLVED)[number];

export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);
