// Which people's names match a search, as a union of parts that each use an index (an OR across them would
// read every person in the service): substring (name windows), trigram similarity, aliases, and sound-alike (double
// metaphone).
import { sql, type RawBuilder } from 'kysely';

/** Whether the text has a run of three letters or digits: a window the index of names' windows (migration 0016) holds. */
const hasWindow = (lowered: string) => lowered.split(/[^\p{L}\p{N}]+/u).some((word) => [...word].length >= 3);

export function nameWords(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\s'-]/gu, ' ').split(/\s+/).filter(Boolean);
}

/** What decides the text of a name match: whether the text has a window, how many words it has, and whether it is fuzzy. */
export type NameShape = { window: boolean; words: 0 | 1 | 2; fuzzy: boolean };
/** What goes into a name match's parameters. */
export type NameValues = { serviceId: string; lowered: string; first: string; last: string };

export function nameShape(text: string, fuzzy: boolean): NameShape {
  const lowered = text.trim().toLowerCase();
  const words = nameWords(lowered).length;
  return { window: hasWindow(lowered), words: words >= 2 ? 2 : words === 1 ? 1 : 0, fuzzy };
}

export function nameValues(serviceId: string, text: string): NameValues {
  const lowered = text.trim().toLowerCase();
  const words = nameWords(lowered);
  return { serviceId, lowered, first: words[0] ?? '', last: words[words.length - 1] ?? '' };
}

/** The conditions that find people by name, each served by one index: on the person (`p`) or on one of their aliases (`a`). */
function matchConditions(shape: NameShape, v: NameValues): { onAlias: boolean; where: RawBuilder<boolean> }[] {
  const onPerson = (where: RawBuilder<boolean>) => ({ onAlias: false, where: sql<boolean>`p.service_id = ${v.serviceId} and ${where}` });
  // The names that contain the text: from the index of each service's name windows when the text has one. Its keys
  // hold the service's id, so that part has no other condition on the service for the planner to read the service's
  // every person by (as a plan made once for any text did); otherwise from the service's people one by one.
  const contains = sql<boolean>`strpos(p.search_name, lower(${v.lowered})) > 0`;
  const parts = [
    shape.window
      ? { onAlias: false, where: sql<boolean>`person_name_windows(p.service_id, p.search_name) @> person_name_windows(${v.serviceId}, ${v.lowered}) and ${contains}` }
      : onPerson(contains),
    { onAlias: true, where: sql<boolean>`a.service_id = ${v.serviceId} and a.search_name % ${v.lowered}` },
  ];
  if (shape.words === 2) {
    parts.push(onPerson(sql`dmetaphone(p.family_name) = dmetaphone(${v.last}) and dmetaphone(p.given_name) = dmetaphone(${v.first})`));
    parts.push(onPerson(sql`dmetaphone(p.family_name) = dmetaphone(${v.first}) and dmetaphone(p.given_name) = dmetaphone(${v.last})`));
  } else if (shape.words === 1) {
    parts.push(onPerson(sql`dmetaphone(p.family_name) = dmetaphone(${v.first})`));
  }
  if (shape.fuzzy) parts.push(onPerson(sql`p.search_name % ${v.lowered}`));
  return parts;
}

/** Ids of people whose name sounds or spells like `text`: `fuzzy` adds trigram similarity, which is tolerant of typing slips but reads more rows for common names. */
export function nameMatchIds(serviceId: string, text: string, options: { fuzzy: boolean }): RawBuilder<{ id: string }> {
  const parts = matchConditions(nameShape(text, options.fuzzy), nameValues(serviceId, text)).map((c) =>
    c.onAlias ? sql`select a.person_id as id from person_alias a where ${c.where}` : sql`select p.id from person p where ${c.where}`);
  return sql<{ id: string }>`${sql.join(parts, sql` union `)}`;
}

/**
 * Ids of the `limit` people whose name is closest to the text among those nameMatchIds finds (born on `dateOfBirth`,
 * if `born`), closest first. Ranked from the rows the matching reads anyway, so that a common name's hundreds of
 * sound-alikes are not each fetched again to be ranked. Its text follows from the shape alone (see compiled-once).
 */
export function closestNameMatchIds(
  shape: NameShape & { born: boolean },
  v: NameValues & { dateOfBirth: string | null; limit: number },
): RawBuilder<{ id: string }> {
  const columns = sql`p.id, p.search_name, p.family_name, p.given_name, p.date_of_birth`;
  const parts = matchConditions(shape, v).map((c) =>
    c.onAlias ? sql`select ${columns} from person_alias a join person p on p.id = a.person_id where ${c.where}` : sql`select ${columns} from person p where ${c.where}`);
  const born = shape.born ? sql`where m.date_of_birth = ${v.dateOfBirth}` : sql``;
  return sql<{ id: string }>`select m.id from (${sql.join(parts, sql` union `)}) m ${born}
    order by similarity(m.search_name, ${v.lowered}) desc, m.family_name, m.given_name, m.id limit ${v.limit}`;
}
