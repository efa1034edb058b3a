// Which people's names match a search, as a union of parts that each use an index (an OR across them would
// read every person in the service): substring (name windows), trigram similarity, aliases, and sound-alike (double
// metaphone).
import { sql, type RawBuilder } from 'kysely';

/** Whether the text has a run of three letters or digits: a window the index of names' windows (migration 0016) holds. */
const hasWindow = (lowered: string) => lowered.split(/[^\p{L}\p{N}]+/u).some((word) => [...word].length >= 3);

export function nameWords(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\s'-]/gu, ' ').split(/\s+/).filter(Boolean);
}

/** The conditions that find people by name, each served by one index: on the person (`p`) or on one of their aliases (`a`). */
function matchConditions(serviceId: string, text: string, options: { fuzzy: boolean }): { onAlias: boolean; where: RawBuilder<boolean> }[] {
  const lowered = text.trim().toLowerCase();
  const words = nameWords(lowered);
  const onPerson = (where: RawBuilder<boolean>) => ({ onAlias: false, where: sql<boolean>`p.service_id = ${serviceId} and ${where}` });
  // The names that contain the text: from the index of each service's name windows when the text has one. Its keys
  // hold the service's id, so that part has no other condition on the service for the planner to read the service's
  // every person by (as a plan made once for any text did); otherwise from the service's people one by one.
  const contains = sql<boolean>`strpos(p.search_name, lower(${lowered})) > 0`;
  const parts = [
    hasWindow(lowered)
      ? { onAlias: false, where: sql<boolean>`person_name_windows(p.service_id, p.search_name) @> person_name_windows(${serviceId}, ${lowered}) and ${contains}` }
      : onPerson(contains),
    { onAlias: true, where: sql<boolean>`a.service_id = ${serviceId} and a.search_name % ${lowered}` },
  ];
  if (words.length >= 2) {
    const first = words[0]!;
    const last = words[words.length - 1]!;
    parts.push(onPerson(sql`dmetaphone(p.family_name) = dmetaphone(${last}) and dmetaphone(p.given_name) = dmetaphone(${first})`));
    parts.push(onPerson(sql`dmetaphone(p.family_name) = dmetaphone(${first}) and dmetaphone(p.given_name) = dmetaphone(${last})`));
  } else if (words.length === 1) {
    parts.push(onPerson(sql`dmetaphone(p.family_name) = dmetaphone(${words[0]!})`));
  }
  if (options.fuzzy) parts.push(onPerson(sql`p.search_name % ${lowered}`));
  return parts;
}

/** Ids of people whose name sounds or spells like `text`: `fuzzy` adds trigram similarity, which is tolerant of typing slips but reads more rows for common names. */
export function nameMatchIds(serviceId: string, text: string, options: { fuzzy: boolean }): RawBuilder<{ id: string }> {
  const parts = matchConditions(serviceId, text, options).map((c) =>
    c.onAlias ? sql`select a.person_id as id from person_alias a where ${c.where}` : sql`select p.id from person p where ${c.where}`);
  return sql<{ id: string }>`${sql.join(parts, sql` union `)}`;
}

/**
 * Ids of the `limit` people whose name is closest to `text` among those nameMatchIds finds (born on `dateOfBirth`,
 * if given), closest first. Ranked from the rows the matching reads anyway, so that a common name's hundreds of
 * sound-alikes are not each fetched again to be ranked.
 */
export function closestNameMatchIds(serviceId: string, text: string, options: { fuzzy: boolean; dateOfBirth?: string | undefined; limit: number }): RawBuilder<{ id: string }> {
  const columns = sql`p.id, p.search_name, p.family_name, p.given_name, p.date_of_birth`;
  const parts = matchConditions(serviceId, text, options).map((c) =>
    c.onAlias ? sql`select ${columns} from person_alias a join person p on p.id = a.person_id where ${c.where}` : sql`select ${columns} from person p where ${c.where}`);
  const born = options.dateOfBirth ? sql`where m.date_of_birth = ${options.dateOfBirth}` : sql``;
  return sql<{ id: string }>`select m.id from (${sql.join(parts, sql` union `)}) m ${born}
    order by similarity(m.search_name, ${text.trim().toLowerCase()}) desc, m.family_name, m.given_name, m.id limit ${options.limit}`;
}
