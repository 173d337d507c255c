import { AppError } from '../../platform/errors.js';

/** The case fields a CSV column can be mapped to. */
export const IMPORT_FIELDS = [
  'externalId',
  'title',
  'description',
  'createdAt',
  'firstResponseAt',
  'firstResponseMinutes',
  'resolvedAt',
  'closedAt',
  'status',
  'priority',
  'category',
  'csat',
  'team',
  'assignee',
  'region',
  'source',
  'language',
  'accountType',
  'accountExternalId',
  'accountName',
  'accountEmail',
  'accountPhone',
  'accountTier',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** field → the header of the column it comes from. */
export type ColumnMap = Partial<Record<ImportField, string>>;
/** field → the position of its column in each record. */
export type ColumnIndexes = Partial<Record<ImportField, number>>;

const fail = (message: string) => AppError.validation('map', message);

/**
 * Reads `field=Column,field=Column,…` (the --map option / `map` query parameter). A column
 * header containing a comma is written with a backslash before it (`title=Subject\, short`).
 */
export function parseColumnMap(spec: string): ColumnMap {
  const map: ColumnMap = {};
  const pairs = spec.split(/(?<!\\),/).map((pair) => pair.replace(/\\,/g, ',').trim()).filter(Boolean);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw fail(`"${pair}" is not field=Column`);
    const field = pair.slice(0, eq).trim();
    const column = pair.slice(eq + 1).trim();
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
      throw fail(`${field} is not an importable field (one of ${IMPORT_FIELDS.join(', ')})`);
    }
    if (!column) throw fail(`${field} names no column`);
    if (map[field as ImportField] !== undefined) throw fail(`${field} is mapped twice`);
    map[field as ImportField] = column;
  }
  if (!map.externalId) throw fail('externalId must be mapped: it is what makes a re-import update instead of duplicate');
  if (map.firstResponseAt && map.firstResponseMinutes) throw fail('map firstResponseAt or firstResponseMinutes, not both');
  return map;
}

/** Finds each mapped column in the file's header: exactly, else ignoring case and surrounding spaces. */
export function bindColumns(map: ColumnMap, header: string[]): ColumnIndexes {
  const indexes: ColumnIndexes = {};
  const folded = header.map((h) => h.trim().toLowerCase());
  for (const [field, column] of Object.entries(map) as [ImportField, string][]) {
    let at = header.indexOf(column);
    if (at < 0) at = folded.indexOf(column.trim().toLowerCase());
    if (at < 0) throw fail(`${field}: the file has no column "${column}" (its columns: ${header.join(', ')})`);
    indexes[field] = at;
  }
  return indexes;
}
