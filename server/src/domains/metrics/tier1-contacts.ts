/**
 * Tier 1 contact volumes, imported from the Tier 1 tool (CSV or JSON rows): the denominator of
 * the escalation rate. All rows are checked before any is written; a re-imported day replaces
 * its count.
 */
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Role } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { dayNumberOf } from '../sla/zoned-time.js';
import type { Tier1RowInput } from './schemas.js';

export const TIER1_IMPORTERS: readonly Role[] = ['manager', 'admin'];
export const TIER1_READERS: readonly Role[] = ['lead', 'qa', 'manager', 'admin'];
export const MAX_TIER1_ROWS = 100_000;
const MAX_REPORTED = 20;
const COLUMNS = ['date', 'category', 'region', 'contacts'] as const;

/** CSV text with a header row naming date, category, region and contacts (any order) → rows. */
export function parseTier1Csv(text: string): { rows: Tier1RowInput[]; line: (i: number) => number } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw AppError.validation('body', `is not readable CSV: ${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const at = COLUMNS.map((c) => header.indexOf(c));
  const missing = COLUMNS.filter((_, i) => at[i] === -1);
  if (missing.length) throw AppError.validation('body', `the header row must name ${COLUMNS.join(', ')}; missing ${missing.join(', ')}`);
  if (records.length - 1 > MAX_TIER1_ROWS) throw AppError.validation('body', `at most ${MAX_TIER1_ROWS} rows per upload`, 'too_long', { limit: MAX_TIER1_ROWS });
  const rows = records.slice(1).map((r) => {
    const contacts = r[at[3]!] ?? '';
    return {
      date: r[at[0]!] ?? '',
      category: r[at[1]!] ?? '',
      region: r[at[2]!] ?? '',
      contacts: /^\d{1,8}$/.test(contacts) ? Number(contacts) : Number.NaN,
    };
  });
  // Line numbers as a spreadsheet shows them: the header is line 1.
  return { rows, line: (i) => i + 2 };
}

/** Checks every row, then upserts them all in one transaction. */
export async function importTier1Contacts(deps: Deps, actor: Actor, rows: Tier1RowInput[], where: (i: number) => string): Promise<{ imported: number }> {
  if (actor.user && !TIER1_IMPORTERS.includes(actor.user.role)) throw new AppError('forbidden', 'managers and admins import Tier 1 contacts');
  const [categories, regions] = await Promise.all([
    deps.db.selectFrom('categories').select('code').execute(),
    deps.db.selectFrom('regions').select('code').execute(),
  ]);
  const knownCategory = new Set(categories.map((c) => c.code));
  const knownRegion = new Set(regions.map((r) => r.code));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const complain = (field: string, message: string, code: FieldError['code'] = 'invalid') => errors.push({ field: `${where(i)}.${field}`, message, code });
    if (dayNumberOf(row.date) === null) complain('date', 'must be a date, YYYY-MM-DD', 'format');
    if (!knownCategory.has(row.category)) complain('category', 'is not a category code', 'unknown_reference');
    if (!knownRegion.has(row.region)) complain('region', 'is not a region code', 'unknown_reference');
    if (!Number.isInteger(row.contacts) || row.contacts < 0) complain('contacts', 'must be a whole number, 0 or more');
    const key = `${row.date}|${row.category}|${row.region}`;
    if (seen.has(key)) complain('date', 'repeats an earlier row for the same day, category and region', 'taken');
    seen.add(key);
  });
  if (errors.length) {
    throw new AppError('validation_failed', `${errors.length} problem(s) in the rows; nothing was imported`, errors.slice(0, MAX_REPORTED));
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      await trx
        .insertInto('tier1_contacts')
        .values(chunk.map((r) => ({ day: r.date, category_code: r.category, region: r.region, contacts: r.contacts, updated_at: now })))
        .onConflict((oc) => oc.columns(['day', 'category_code', 'region']).doUpdateSet({ contacts: sql`excluded.contacts`, updated_at: now }))
        .execute();
    }
    await recordAudit(trx, actor, now, { action: 'tier1_contacts.imported', entityType: 'tier1_contacts', entityId: 'import', after: { rows: rows.length } });
  });
  return { imported: rows.length };
}

export async function listTier1Contacts(deps: Deps, filter: { from?: string; to?: string; limit: number }) {
  for (const f of ['from', 'to'] as const) {
    if (filter[f] !== undefined && dayNumberOf(filter[f]!) === null) throw AppError.validation(f, 'must be a date, YYYY-MM-DD', 'format');
  }
  let query = deps.db
    .selectFrom('tier1_contacts')
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('date'), 'category_code as category', 'region', 'contacts'])
    .orderBy('day', 'desc')
    .orderBy('category_code')
    .orderBy('region')
    .limit(filter.limit);
  if (filter.from) query = query.where('day', '>=', filter.from);
  if (filter.to) query = query.where('day', '<=', filter.to);
  return { rows: await query.execute() };
}
