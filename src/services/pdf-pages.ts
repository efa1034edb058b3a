// The service's printed documents (court reports, quarterly summaries): an A4 page with the same margins,
// the document's properties, its bytes collected, and "Page n of m" written on every page at the end.
import PDFDocument from 'pdfkit';

export const PDF_MARGIN = 56;
const FOOTER_SPACE = 40;

export type PdfProperties = { title: string; author: string; subject: string; createdAt: Date };

/** A new A4 document with room for a footer, its usable width, and its bytes once `finishPages` has run. */
export function openPdf(properties: PdfProperties): { pdf: PDFKit.PDFDocument; width: number; bytes: Promise<Buffer> } {
  const pdf = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margins: { top: PDF_MARGIN, left: PDF_MARGIN, right: PDF_MARGIN, bottom: PDF_MARGIN + FOOTER_SPACE },
    info: {
      Title: properties.title,
      Author: properties.author,
      Subject: properties.subject,
      Creator: properties.author,
      Producer: 'Divert',
      CreationDate: properties.createdAt,
      ModDate: properties.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  return { pdf, width: pdf.page.width - PDF_MARGIN * 2, bytes };
}

/** Writes `footer(page, pages)` at the foot of every page and ends the document. */
export function finishPages(pdf: PDFKit.PDFDocument, footer: (page: number, pages: number) => string): void {
  const width = pdf.page.width - PDF_MARGIN * 2;
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    pdf.switchToPage(i);
    // With the bottom margin in place pdfkit would start a new page for text written below it.
    pdf.page.margins.bottom = 0;
    pdf.font('Helvetica').fontSize(9).fillColor('#425563')
      .text(footer(i - range.start + 1, range.count), PDF_MARGIN, pdf.page.height - PDF_MARGIN, { width, align: 'center', lineBreak: false });
  }
  pdf.end();
}
