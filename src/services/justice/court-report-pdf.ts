// The court report as a PDF: the service's name, the person, the hearing, each section, a version and page numbers.
import type { CourtReportPurpose, CourtReportSections } from '../../domain/court-report-state.js';

/** Everything printed in an issued court report. */
export type CourtReportDocument = {
  serviceName: string;
  courtName: string;
  hearingOn: string;
  purpose: CourtReportPurpose;
  person: { name: string; dateOfBirth: string | null; nhsNumber: string | null; pncId: string | null };
  reportVersion: number;
  sections: CourtReportSections;
  /** Contacts of the chosen date range, pulled into the report. */
  contacts: { on: string; kind: string; outcome: string }[];
  periodFrom: string;
  periodTo: string;
  draftedBy: string;
  signedOffBy: string;
  issuedAt: Date;
};

export async function renderCourtReportPdf(_doc: CourtReportDocument): Promise<Buffer> {
  throw new Error('not built yet');
}
