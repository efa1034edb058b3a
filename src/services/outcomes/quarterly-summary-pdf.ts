// The quarterly return's summary as a PDF: the service, the quarter, each aggregate table with small numbers
// suppressed, the suppression footnote and page numbers. No per-referral rows.
import { finishPages, openPdf, PDF_MARGIN } from '../pdf-pages.js';
import type { AggregateTable } from '../../domain/quarterly-return-tables.js';
import { sayDate } from '../../domain/support-plan.js';

export type QuarterlySummaryDocument = {
  serviceName: string;
  serviceCode: string;
  quarter: string;
  quarterLabel: string;
  from: string;
  to: string;
  tables: readonly AggregateTable[];
  footnote: string;
  /** When the summary was made: also the PDF's creation date, so the same return made at the same time gives the same bytes. */
  generatedAt: Date;
};

const MARGIN = PDF_MARGIN;
const BODY = 10.5;
const LABEL_WIDTH = 340;
const COUNT_WIDTH = 143;

/** The footer of every page: where it sits in the run, the quarter and the service. */
export const summaryFooterText = (page: number, pages: number, doc: Pick<QuarterlySummaryDocument, 'serviceName' | 'quarter'>) =>
  `Page ${page} of ${pages} · Quarterly return ${doc.quarter} · ${doc.serviceName}`;

/** Renders the summary with pdfkit: A4, Helvetica, one two-column table per aggregate, "Page n of m" on each page. */
export async function renderQuarterlySummaryPdf(doc: QuarterlySummaryDocument): Promise<Buffer> {
  const { pdf, width, bytes: done } = openPdf({ title: `Quarterly return ${doc.quarter}: ${doc.serviceName}`, author: doc.serviceName, subject: `Liaison and Diversion quarterly return, ${doc.quarterLabel}`, createdAt: doc.generatedAt });
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;

  pdf.font('Helvetica-Bold').fontSize(16).text(doc.serviceName, { width }).moveDown(0.3);
  pdf.font('Helvetica-Bold').fontSize(14).text(`Quarterly return ${doc.quarter}: ${doc.quarterLabel}`, { width }).moveDown(0.3);
  pdf.font('Helvetica').fontSize(BODY).text(`Referrals received from ${sayDate(doc.from)} to ${sayDate(doc.to)}. Service code ${doc.serviceCode}.`, { width });
  pdf.moveDown(0.3).text(doc.footnote, { width });
  pdf.moveDown(1);

  const row = (label: string, count: string, bold: boolean) => {
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY);
    const height = Math.max(pdf.heightOfString(label, { width: LABEL_WIDTH - 6 }), pdf.heightOfString(count, { width: COUNT_WIDTH - 6 })) + 6;
    if (pdf.y + height > bottom()) pdf.addPage();
    const top = pdf.y;
    pdf.text(label, MARGIN + 3, top + 3, { width: LABEL_WIDTH - 6 });
    pdf.text(count, MARGIN + LABEL_WIDTH + 3, top + 3, { width: COUNT_WIDTH - 6, align: 'right' });
    pdf.moveTo(MARGIN, top + height).lineTo(MARGIN + width, top + height).lineWidth(0.5).strokeColor('#aeb7bd').stroke();
    pdf.x = MARGIN;
    pdf.y = top + height;
  };
  for (const table of doc.tables) {
    // Keep a table's heading with its first rows.
    if (pdf.y + 90 > bottom()) pdf.addPage();
    pdf.font('Helvetica-Bold').fontSize(12).text(table.title, MARGIN, pdf.y, { width }).moveDown(0.3);
    row(table.labelHeading, table.countHeading, true);
    for (const r of table.rows) row(r.label, r.count, false);
    if (table.total !== null) row('Total', table.total, true);
    pdf.moveDown(1);
  }

  finishPages(pdf, (page, pages) => summaryFooterText(page, pages, doc));
  return done;
}
