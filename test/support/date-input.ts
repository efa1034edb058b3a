// A date as a browser posts the NHS date input: three boxes named `name[day]`, `name[month]` and `name[year]`.

/** The three boxes of the date input called `name` for a calendar date (YYYY-MM-DD), without leading zeros. */
export function postedDate(name: string, date: string): Record<string, string> {
  const [year, month, day] = date.split('-') as [string, string, string];
  return { [`${name}[day]`]: String(Number(day)), [`${name}[month]`]: String(Number(month)), [`${name}[year]`]: year };
}
