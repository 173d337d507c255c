import { type RawBuilder, sql } from 'kysely';
import type { Db } from './pool.js';
import type { Database } from './schema.js';

/** Rows per INSERT: large enough to amortise the round trip, small enough for PGlite's memory. */
export const BULK_CHUNK = 2_000;

// jsonb columns arrive as JSON text (the Insertable types say so); the recordset wants them as JSON.
const JSONB_COLUMNS = new Set(['data', 'payload', 'fields', 'why', 'detail', 'routing', 'before', 'after']);

/** Rows as one JSON array for jsonb_populate_recordset: jsonb columns' JSON text as JSON, absent keys left out. */
export function recordsJson(rows: readonly object[]): string {
  return JSON.stringify(rows.map(asRecord));
}

/** The row, or a copy with its jsonb columns' JSON text parsed (intake's hot path passes most as objects: no copy). */
function asRecord(row: object): object {
  let copy: Record<string, unknown> | undefined;
  for (const column of JSONB_COLUMNS) {
    const value = (row as Record<string, unknown>)[column];
    if (typeof value === 'string') (copy ??= { ...row })[column] = JSON.parse(value);
  }
  return copy ?? row;
}

/**
 * `SELECT <columns> FROM jsonb_populate_recordset(NULL::<table>, $1)`: rows as one parameter, a
 * JSON array expanded into the table's row type, for an INSERT … SELECT. The statement's text is
 * the same for one row or a thousand, so a statement built on it can be kept prepared (see
 * `prepared` in pool.ts); on PGlite it is also several times faster than a VALUES list with tens of
 * thousands of bind parameters. The columns are the rows' keys; a column a row leaves out is NULL
 * (not its default), so callers spell out every NOT NULL column.
 */
export function recordsetSql<T extends keyof Database & string>(table: T, rows: readonly object[]): { columns: (keyof Database[T] & string)[]; select: RawBuilder<unknown> } {
  const set = recordset<T>(rows);
  return { columns: set.columns, select: recordsetSelect(table, set) };
}

/** Rows as recordsetSql takes them apart: their columns (the statement's text) and their JSON (its parameter). */
export interface Recordset<T extends keyof Database & string = keyof Database & string> {
  columns: (keyof Database[T] & string)[];
  json: string;
}

export function recordset<T extends keyof Database & string>(rows: readonly object[]): Recordset<T> {
  return { columns: [...new Set(rows.flatMap((row) => Object.keys(row)))] as (keyof Database[T] & string)[], json: recordsJson(rows) };
}

/** recordsetSql's SELECT of rows already in JSON. */
export function recordsetSelect<T extends keyof Database & string>(table: T, { columns, json }: Recordset<T>): RawBuilder<unknown> {
  return sql`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${json}::jsonb)`;
}

/** Inserts rows in chunks, each chunk one parameter (recordsetSql). */
export async function insertRows(trx: Db, table: keyof Database & string, rows: readonly object[], onChunk: (done: number) => void = () => {}): Promise<void> {
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const { columns, select } = recordsetSql(table, rows.slice(i, i + BULK_CHUNK));
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) ${select}`.execute(trx);
    onChunk(Math.min(i + BULK_CHUNK, rows.length));
  }
}
