// CSV files sent with a form: the multipart reader that keeps the file (and every field, so the CSRF check
// finds its token) in request.body, and the file's text, read as a spreadsheet saves it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';

/** An uploaded file as the multipart reader leaves it in the body. */
export type UploadedFile = { kind: 'upload'; filename: string; data: Buffer; truncated: boolean };

export const isUpload = (value: unknown): value is UploadedFile => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'upload';

/** Reads multipart forms in `scope` (one file of at most `maxBytes`, at most `fields` other fields) into request.body. */
export async function readCsvUploads(scope: FastifyInstance, maxBytes: number, fields: number): Promise<void> {
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes, files: 1, fieldSize: maxBytes + 1, fields, parts: fields + 1 },
    async onFile(part) {
      const data = await part.toBuffer();
      const upload: UploadedFile = { kind: 'upload', filename: part.filename, data, truncated: part.file.truncated };
      part.value = upload;
    },
  });
}

/**
 * The text of an uploaded file: UTF-8, or Windows-1252 as older spreadsheets save it; an error for a file over the
 * size limit (`tooLarge` says so) or anything that is not text (`saveAsCsv` says how to save it properly).
 */
export function uploadedCsvText(file: UploadedFile, messages: { tooLarge: string; saveAsCsv: string }): { ok: true; text: string } | { ok: false; error: string } {
  if (file.truncated) return { ok: false, error: messages.tooLarge };
  const data = file.data;
  const isZip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (isZip || data.includes(0)) return { ok: false, error: `The file is not a CSV file: ${messages.saveAsCsv}` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(data) };
  } catch {
    return { ok: true, text: new TextDecoder('windows-1252').decode(data) };
  }
}

/** A posted field as text, whole (formFields cuts values at 10,000 characters, too short for a pasted file). */
export function rawText(request: FastifyRequest, name: string): string {
  const value = (request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.replace(/\u0000/g, '') : '';
}
