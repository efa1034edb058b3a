// Parts of a page drawn once and kept for everyone shown them (a dashboard's charts and tables), kept as the UTF-8
// bytes they are sent as: a page that holds one is rendered with a marker where the part goes and sent as the bytes
// around the marker with the part's between them, so the part is not encoded again for each reader. The national
// dashboard's 190 KB part took half a millisecond to encode each time.
import { randomBytes } from 'node:crypto';
import nunjucks from 'nunjucks';

export class PagePart {
  readonly bytes: Buffer;
  constructor(html: string) {
    this.bytes = Buffer.from(html, 'utf8');
  }
}

// No text a user sends can hold the marker: it is made afresh in each process, and a NUL cannot be stored.
const MARKER = `\u0000page-part-${randomBytes(12).toString('hex')}-`;
const MARKERS = new RegExp(`${MARKER}(\\d+)\u0000`);

/**
 * A page's context with each PagePart replaced by a marker the page prints as it is, and a function that turns the
 * page rendered from it into the bytes to send.
 */
export function withPartMarkers(context: Record<string, unknown>): { context: Record<string, unknown>; bytesOf: (html: string) => Buffer } {
  const parts: Buffer[] = [];
  const marked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(context)) {
    if (value instanceof PagePart) {
      marked[key] = new nunjucks.runtime.SafeString(`${MARKER}${parts.length}\u0000`);
      parts.push(value.bytes);
    } else marked[key] = value;
  }
  if (parts.length === 0) return { context, bytesOf: (html) => Buffer.from(html, 'utf8') };
  const bytesOf = (html: string) => Buffer.concat(html.split(MARKERS).map((piece, i) => (i % 2 === 1 ? parts[Number(piece)]! : Buffer.from(piece, 'utf8'))));
  return { context: marked, bytesOf };
}
