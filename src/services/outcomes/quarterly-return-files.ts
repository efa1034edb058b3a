// The quarterly return's four files: the per-referral rows as CSV, the aggregate tables as CSV, the workbook
// (Referrals, one sheet per aggregate table, Fields) and the PDF summary of the aggregates.
import { toCsv, type CsvValue } from '../../domain/quarterly-return-csv.js';
import { RETURN_FIELDS, RETURN_HEADER } from '../../domain/quarterly-return-fields.js';
import { aggregateRows, type AggregateTable } from '../../domain/quarterly-return-tables.js';
import { renderQuarterlySummaryPdf } from './quarterly-summary-pdf.js';
import { writeXlsx, XLSX_CONTENT_TYPE } from './xlsx.js';

/** Everything a return holds, for one service and one quarter. */
export type QuarterlyReturnData = {
  service: { id: string; code: string; name: string };
  quarter: string;
  quarterLabel: string;
  from: string;
  to: string;
  /** One row per referral received in the quarter, in the order of RETURN_HEADER. */
  rows: CsvValue[][];
  tables: AggregateTable[];
  footnote: string;
  generatedAt: Date;
};

export const RETURN_FORMATS = ['csv', 'aggregates.csv', 'xlsx', 'pdf'] as const;
export type ReturnFormat = (typeof RETURN_FORMATS)[number];

export type ReturnFile = { format: ReturnFormat; fileName: string; contentType: string; body: Buffer };

/** The file name of a format: 'calder-vale-2026-Q3-referrals.csv' and so on (the service code keeps only letters, digits and hyphens). */
export function returnFileName(serviceCode: string, quarter: string, format: ReturnFormat): string {
  const stem = `${serviceCode.replace(/[^A-Za-z0-9-]/g, '')}-${quarter}`;
  return { csv: `${stem}-referrals.csv`, 'aggregates.csv': `${stem}-aggregates.csv`, xlsx: `${stem}-return.xlsx`, pdf: `${stem}-summary.pdf` }[format];
}

/** The header of the aggregates CSV. */
export const AGGREGATE_HEADER = ['table', 'category', 'count'] as const;

/** One file of the return. */
export async function renderReturnFile(data: QuarterlyReturnData, format: ReturnFormat): Promise<ReturnFile> {
  const fileName = returnFileName(data.service.code, data.quarter, format);
  switch (format) {
    case 'csv':
      return { format, fileName, contentType: 'text/csv; charset=utf-8', body: Buffer.from(toCsv(RETURN_HEADER, data.rows), 'utf8') };
    case 'aggregates.csv':
      return { format, fileName, contentType: 'text/csv; charset=utf-8', body: Buffer.from(toCsv(AGGREGATE_HEADER, aggregateRows(data.tables)), 'utf8') };
    case 'xlsx': {
      const sheets = [
        { name: 'Referrals', rows: [RETURN_HEADER, ...data.rows] },
        ...data.tables.map((t) => ({ name: t.name, rows: [[t.labelHeading, t.countHeading], ...t.rows.map((r) => [r.label, r.count]), ...(t.total === null ? [] : [['Total', t.total]])] })),
        { name: 'Fields', rows: [['field', 'description'], ...RETURN_FIELDS.map((f) => [f.name, f.description])] },
      ];
      return { format, fileName, contentType: XLSX_CONTENT_TYPE, body: Buffer.from(writeXlsx(sheets)) };
    }
    case 'pdf':
      return {
        format,
        fileName,
        contentType: 'application/pdf',
        body: await renderQuarterlySummaryPdf({ serviceName: data.service.name, serviceCode: data.service.code, quarter: data.quarter, quarterLabel: data.quarterLabel, from: data.from, to: data.to, tables: data.tables, footnote: data.footnote, generatedAt: data.generatedAt }),
      };
  }
}
