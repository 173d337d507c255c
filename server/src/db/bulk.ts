import { sql } from 'kysely';
import type { Db } from './pool.js';
import type { Database } from './schema.js';

/** Rows per INSERT: large enough to amortise the round trip, small enough for PGlite's memory. */
export const BULK_CHUNK = 2_000;

// jsonb columns arrive as JSON text (the Insertable types say so); the recordset wants them as JSON.
const JSONB_COLUMNS = new Set(['data', 'payload', 'fields', 'why', 'detail']);

/**
 * Inserts rows in chunks, each chunk as one parameter: a JSON array expanded by
 * jsonb_populate_recordset into the table's row type. On PGlite this is several times
 * faster than a VALUES list with tens of thousands of bind parameters. Columns a row leaves
 * out are NULL (not their default), so callers spell out every NOT NULL column.
 */
export async function insertRows(trx: Db, table: keyof Database, rows: readonly object[], onChunk: (done: number) => void = () => {}): Promise<void> {
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const chunk = rows.slice(i, i + BULK_CHUNK);
    const columns = [...new Set(chunk.flatMap((row) => Object.keys(row)))];
    const records = chunk.map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, JSONB_COLUMNS.has(key) && typeof value === 'string' ? JSON.parse(value) : value])),
    );
    const list = sql.join(columns.map((c) => sql.ref(c)));
    await sql`INSERT INTO ${sql.table(table)} (${list})
              SELECT ${list} FROM jsonb_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(records)}::jsonb)`.execute(trx);
    onChunk(Math.min(i + BULK_CHUNK, rows.length));
  }
}
