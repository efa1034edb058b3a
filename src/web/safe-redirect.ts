// Where to send the user after a form: only a path on this site, never another host.
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length > 500) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
