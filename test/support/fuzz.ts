// Hostile input for the fuzz test: a seeded generator, the strings an attacker tries, and a reader of the forms a page offers.
import { mulberry32 } from '../../src/services/seed/activity.js';

/** A small seeded generator (Mulberry32): the same seed gives the same run. Returns numbers in [0, 1). */
export const seededRandom = mulberry32;

/** One of `items`, chosen by `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Markup that must never reach a page unescaped. */
export const SCRIPT_MARKUP = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'] as const;

/** Strings an attacker types into a box: SQL and HTML injection, NUL bytes, unicode edge cases, odd numbers and dates. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR 1=1 --",
  "'; drop table person; --",
  '" OR ""="',
  "1; select pg_sleep(0) --",
  "' union select null, current_user --",
  ...SCRIPT_MARKUP,
  "<svg onload=alert(1)>",
  "javascript:alert(1)",
  '{{ 7*7 }}{% raw %}',
  'a\u0000b',
  '\u0000',
  '\u202Egnp.exe',
  '\uFEFF\u200B\u200D',
  '\uD800',
  '😀👩‍👩‍👧‍👦',
  'Zoë Ñúñez Ωμέγα 日本語 مرحبا',
  '\r\n\t ',
  '-1',
  '0',
  '1e309',
  'NaN',
  '99999999999999999999999',
  '2025-02-30',
  '0000-00-00',
  '../../../etc/passwd',
  '%00%C3%28',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
];

/** A value of about `bytes` bytes that carries script markup at both ends. */
export function oversized(bytes: number): string {
  return `${SCRIPT_MARKUP[0]}${'x'.repeat(Math.max(0, bytes - 60))}${SCRIPT_MARKUP[1]}`;
}

/** SQL engine error text that must never appear in a response. */
export const SQL_ERROR_TEXT =
  /syntax error at or near|violates (?:not-null|foreign key|unique|check) constraint|relation "[^"]*" does not exist|column "[^"]*" (?:does not exist|of relation)|invalid input syntax for|duplicate key value|electric-sql|pg-protocol|node_modules\/|postgres(?:ql)? error|SQLSTATE|unterminated quoted string|invalid byte sequence for encoding/i;

export type PageForm = { action: string; method: string; enctype: string; fields: [string, string][] };

function attr(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? decodeEntities(match[1]!) : null;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|#39);/gi, (whole, code: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[code.toLowerCase()]) return named[code.toLowerCase()]!;
    const n = code.startsWith('#x') || code.startsWith('#X') ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
    return Number.isFinite(n) ? String.fromCodePoint(n) : whole;
  });
}

/**
 * The forms of a page with the values a browser would send untouched: each text box's value, each textarea's
 * text, the first (or selected) option of each list, the checked radio or checkbox of each group.
 */
export function formsOf(html: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const head = match[1]!;
    const inner = match[2]!;
    const fields: [string, string][] = [];
    const radios = new Map<string, string>();
    for (const input of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>|<input\b([^>]*)>/gi)) {
      if (input[1] !== undefined) {
        const name = attr(input[1], 'name');
        if (name) fields.push([name, decodeEntities(input[2]!)]);
      } else if (input[3] !== undefined) {
        const name = attr(input[3], 'name');
        if (!name) continue;
        const options = [...input[4]!.matchAll(/<option\b([^>]*)>/gi)].map((o) => o[1]!);
        const chosen = options.find((o) => /\sselected\b/i.test(o)) ?? options.find((o) => (attr(o, 'value') ?? '') !== '') ?? options[0];
        fields.push([name, chosen ? attr(chosen, 'value') ?? '' : '']);
      } else {
        const tag = input[5]!;
        const name = attr(tag, 'name');
        if (!name) continue;
        const type = (attr(tag, 'type') ?? 'text').toLowerCase();
        if (type === 'submit' || type === 'button' || type === 'file') continue;
        if (type === 'radio') {
          if (!radios.has(name) || /\schecked\b/i.test(tag)) radios.set(name, attr(tag, 'value') ?? 'on');
        } else if (type === 'checkbox') {
          if (/\schecked\b/i.test(tag)) fields.push([name, attr(tag, 'value') ?? 'on']);
        } else fields.push([name, attr(tag, 'value') ?? '']);
      }
    }
    for (const [name, value] of radios) fields.push([name, value]);
    forms.push({ action: attr(head, 'action') ?? '', method: (attr(head, 'method') ?? 'get').toLowerCase(), enctype: attr(head, 'enctype') ?? '', fields });
  }
  return forms;
}

/** The same-site links of a page (paths with their query), without fragments. */
export function linksOf(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/\shref="(\/[^"#]*)/gi)) links.add(decodeEntities(match[1]!));
  return [...links];
}

/** A pattern matching the paths of a declared route such as /cases/:caseId/plan. */
export function routePattern(url: string): RegExp {
  const source = url.split(/(:\w+)/).map((part) => (part.startsWith(':') ? '[^/?]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}(?:\\?.*)?$`);
}

/** Encodes fields as a form body, keeping repeated keys (which the server reads as arrays). */
export function encodeForm(fields: [string, string][]): string {
  return fields.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join('&');
}

/** Percent-encodes text; a lone surrogate (which has no UTF-8 form) is sent as the invalid bytes ED A0 80. */
export function encodePart(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
}
