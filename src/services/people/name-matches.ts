// Which people's names match a search, as a union of parts that each use an index (an OR across them would
// read every person in the service): trigram similarity, substring, aliases, and sound-alike (double metaphone).
import { sql, type RawBuilder } from 'kysely';

const escapeLike = (text: string) => text.replace(/[%_\\]/g, '\\$&');

export function nameWords(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\s'-]/gu, ' ').split(/\s+/).filter(Boolean);
}

/** Ids of people whose name sounds or spells like `text`: `fuzzy` adds trigram similarity, which is tolerant of typing slips but reads more rows for common names. */
export function nameMatchIds(serviceId: string, text: string, options: { fuzzy: boolean }): RawBuilder<{ id: string }> {
  const lowered = text.trim().toLowerCase();
  const words = nameWords(lowered);
  const parts = [
    sql`select id from person where service_id = ${serviceId} and search_name ilike ${`%${escapeLike(lowered)}%`}`,
    sql`select person_id as id from person_alias where service_id = ${serviceId} and search_name % ${lowered}`,
  ];
  if (words.length >= 2) {
    const first = words[0]!;
    const last = words[words.length - 1]!;
    parts.push(sql`select id from person where service_id = ${serviceId} and dmetaphone(family_name) = dmetaphone(${last}) and dmetaphone(given_name) = dmetaphone(${first})`);
    parts.push(sql`select id from person where service_id = ${serviceId} and dmetaphone(family_name) = dmetaphone(${first}) and dmetaphone(given_name) = dmetaphone(${last})`);
  } else if (words.length === 1) {
    parts.push(sql`select id from person where service_id = ${serviceId} and dmetaphone(family_name) = dmetaphone(${words[0]!})`);
  }
  if (options.fuzzy) parts.push(sql`select id from person where service_id = ${serviceId} and search_name % ${lowered}`);
  return sql<{ id: string }>`${sql.join(parts, sql` union `)}`;
}
