// The interventions every demo service starts its catalogue with; a team manager can change them.
import type { Insertable } from 'kysely';
import type { InterventionTable } from '../../db/schema.js';

type CatalogueEntry = { name: string; description: string; isRestorative: boolean; offenceCategories: string[] };

export const DEMO_INTERVENTIONS: readonly CatalogueEntry[] = [
  { name: 'Victim awareness session', description: 'A group session on the harm an offence causes, run by a restorative justice volunteer.', isRestorative: true, offenceCategories: ['violence', 'robbery', 'criminal_damage', 'public_order', 'weapons'] },
  { name: 'Shop theft session', description: 'A group session on the effect of shop theft on staff and businesses, run by a volunteer.', isRestorative: true, offenceCategories: ['theft'] },
  { name: 'Internet safety session', description: 'A one-to-one session on staying safe and within the law online.', isRestorative: true, offenceCategories: ['sexual', 'fraud', 'other'] },
  { name: 'Speech and language assessment', description: 'An assessment of communication needs by a speech and language therapist.', isRestorative: false, offenceCategories: [] },
  { name: 'Mental health and wellbeing support', description: 'Up to six one-to-one sessions with a mental health practitioner.', isRestorative: false, offenceCategories: [] },
  { name: 'Education or training support', description: 'Help to return to school, college or training, with the education and employment partner.', isRestorative: false, offenceCategories: [] },
  { name: 'Drug and alcohol brief intervention', description: 'A brief intervention and referral on to the recovery service.', isRestorative: false, offenceCategories: [] },
  { name: 'Housing and debt advice', description: 'Help to keep or find a home and to deal with debts.', isRestorative: false, offenceCategories: [] },
];

export function catalogueRows(serviceId: string, now: Date): Array<Insertable<InterventionTable>> {
  return DEMO_INTERVENTIONS.map((e) => ({ service_id: serviceId, name: e.name, description: e.description, is_restorative: e.isRestorative, offence_categories: e.offenceCategories, created_at: now, updated_at: now }));
}
