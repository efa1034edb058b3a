// Family and household links between people, for the whole-family approach: each link read from either side.
export const RELATIONSHIPS = ['parent', 'carer', 'child', 'sibling', 'partner', 'other_family', 'household'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** "Y is X's …", as recorded on X. */
export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  parent: 'Parent',
  carer: 'Carer',
  child: 'Child',
  sibling: 'Sibling',
  partner: 'Partner',
  other_family: 'Other family member',
  household: 'Lives in the same household',
};

/** The same link read from Y's side: "X is Y's …". */
export const INVERSE_LABELS: Record<Relationship, string> = {
  parent: 'Child',
  carer: 'Cared for by them',
  child: 'Parent',
  sibling: 'Sibling',
  partner: 'Partner',
  other_family: 'Other family member',
  household: 'Lives in the same household',
};

export const isRelationship = (value: unknown): value is Relationship => typeof value === 'string' && (RELATIONSHIPS as readonly string[]).includes(value);

/** How a link reads on the page of `viewingPersonId`. */
export function describeLink(link: { personId: string; relationship: Relationship }, viewingPersonId: string): string {
  return link.personId === viewingPersonId ? RELATIONSHIP_LABELS[link.relationship] : INVERSE_LABELS[link.relationship];
}
