// The court report as a PDF: the service's name, the person, the hearing, each section, a version and page numbers.
import { finishPages, openPdf, PDF_MARGIN } from '../pdf-pages.js';
import { londonMomentText } from '../../domain/contact-rules.js';
import { COURT_REPORT_PURPOSE_LABELS, COURT_REPORT_SECTIONS, COURT_REPORT_SECTION_LABELS, type CourtReportPurpose, type CourtReportSections } from '../../domain/court-report-state.js';
import { formatNhsNumber } from '../../domain/nhs-number.js';
import { sayDate } from '../../domain/support-plan.js';

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

const MARGIN = PDF_MARGIN;
const BODY = 10.5;
const COLUMNS = [{ title: 'Date', width: 120 }, { title: 'Kind of contact', width: 180 }, { title: 'Outcome', width: 183 }] as const;

/** The footer of every page: where it sits in the run, the version and the service. */
export const footerText = (page: number, pages: number, doc: Pick<CourtReportDocument, 'reportVersion' | 'serviceName'>) =>
  `Page ${page} of ${pages} · Version ${doc.reportVersion} · ${doc.serviceName}`;

/** Renders the report; the same document gives the same bytes (the creation date is the time of issue). */
export async function renderCourtReportPdf(doc: CourtReportDocument): Promise<Buffer> {
  const { pdf, width, bytes: done } = openPdf({ title: `Report to ${doc.courtName} for the hearing on ${sayDate(doc.hearingOn)}`, author: doc.serviceName, subject: `Court report, version ${doc.reportVersion}`, createdAt: doc.issuedAt });

  /** Starts a new page unless `height` points are left on this one, so a heading is not left at the foot of a page. */
  const keep = (height: number) => {
    if (pdf.y + height > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  };
  const heading = (text: string, size: number) => {
    keep(size * 4);
    return pdf.font('Helvetica-Bold').fontSize(size).text(text, { width }).moveDown(0.3);
  };
  const body = (text: string) => pdf.font('Helvetica').fontSize(BODY).text(text, { width, lineGap: 2 });
  const labelled = (label: string, value: string) => {
    pdf.font('Helvetica-Bold').fontSize(BODY).text(`${label}: `, { continued: true }).font('Helvetica').text(value);
  };

  heading(doc.serviceName, 16);
  heading(`Report to ${doc.courtName} for the hearing on ${sayDate(doc.hearingOn)}`, 14);
  labelled('Purpose', COURT_REPORT_PURPOSE_LABELS[doc.purpose]);
  pdf.font('Helvetica-Bold').fontSize(BODY).text(`Version ${doc.reportVersion}`, { width });
  pdf.moveDown(0.8);

  heading('The person', 12);
  labelled('Name', doc.person.name);
  labelled('Date of birth', doc.person.dateOfBirth ? sayDate(doc.person.dateOfBirth) : 'Not known');
  labelled('NHS number', doc.person.nhsNumber ? formatNhsNumber(doc.person.nhsNumber) : 'Not known');
  if (doc.person.pncId) labelled('PNC ID', doc.person.pncId);
  pdf.moveDown(0.8);

  for (const section of COURT_REPORT_SECTIONS) {
    heading(COURT_REPORT_SECTION_LABELS[section], 12);
    body(doc.sections[section].trim() || 'None.');
    pdf.moveDown(0.8);
  }

  contactsTable(pdf, doc, width);
  pdf.moveDown(0.8);

  keep(80);
  heading('Drafting and sign-off', 12);
  labelled('Drafted by', doc.draftedBy);
  labelled('Signed off by', doc.signedOffBy);
  labelled('Issued', londonMomentText(doc.issuedAt));

  finishPages(pdf, (page, pages) => footerText(page, pages, doc));
  return done;
}

function contactsTable(pdf: PDFKit.PDFDocument, doc: CourtReportDocument, width: number) {
  if (pdf.y + 80 > pdf.page.height - pdf.page.margins.bottom) pdf.addPage();
  pdf.font('Helvetica-Bold').fontSize(12).text(`Contacts from ${sayDate(doc.periodFrom)} to ${sayDate(doc.periodTo)}`, { width }).moveDown(0.3);
  if (doc.contacts.length === 0) {
    pdf.font('Helvetica').fontSize(BODY).text('There were no contacts in this period.', { width });
    return;
  }
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const row = (cells: readonly string[], bold: boolean) => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY);
    const height = Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: COLUMNS[i]!.width - 6 }))) + 6;
    if (pdf.y + height > bottom()) {
      pdf.addPage();
      if (!bold) row(COLUMNS.map((c) => c.title), true);
    }
    const top = pdf.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      pdf.text(c, x + 3, top + 3, { width: COLUMNS[i]!.width - 6 });
      x += COLUMNS[i]!.width;
    });
    pdf.moveTo(MARGIN, top + height).lineTo(MARGIN + width, top + height).lineWidth(0.5).strokeColor('#aeb7bd').stroke();
    pdf.x = MARGIN;
    pdf.y = top + height;
  };
  row(COLUMNS.map((c) => c.title), true);
  for (const c of doc.contacts) row([sayDate(c.on), c.kind, c.outcome], false);
}
