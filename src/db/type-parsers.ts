// One set of type parsers for both engines, so a row reads the same from PGlite and from a server:
// bigint and numeric as numbers, dates as 'YYYY-MM-DD' strings, timestamps as Date objects.
export const PG_TYPE = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMPTZ: 1184 } as const;

const toNumber = (value: string): number => Number(value);
const asText = (value: string): string => value;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [PG_TYPE.INT8]: toNumber,
  [PG_TYPE.NUMERIC]: toNumber,
  [PG_TYPE.DATE]: asText,
};
