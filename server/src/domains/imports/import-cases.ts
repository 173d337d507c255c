import { sql } from 'kysely';
import { backfillClocks } from '../sla/backfill.js';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { statisticsFollowGrowth } from '../../platform/maintenance.js';
import { detectLanguage } from '../../platform/text/language.js';
import { searchTokens } from '../../platform/text/search-tokens.js';
import { countCases } from '../cases/queries.js';
import { authorize } from '../identity/policy.js';
import { type ColumnIndexes, bindColumns, parseColumnMap } from './column-map.js';
import { type Creations, IMPORTED_ROOT, type ImportedCase, type NewAgent, type NewCategory, type Ref, type RowError, mapRow } from './map-row.js';
import { IMPORTERS } from './policy.js';
import * as q from './queries.js';
import { nameKey } from './value-names.js';

export interface ImportOptions {
  /** `field=Column,…` */
  map: string;
  dryRun?: boolean;
  createMissing?: boolean;
  /** Import the valid rows and report the rest, instead of importing nothing when any row is invalid. */
  validRowsOnly?: boolean;
}

export interface ImportProgress {
  phase: 'reading' | 'writing';
  rows: number;
  of?: number;
}

/** What an import did (or, in a dry run, would do). */
export interface ImportReport {
  dryRun: boolean;
  /** True when rows were written; false for a dry run and for a refused all-or-nothing import. */
  committed: boolean;
  rows: number;
  valid: number;
  invalid: number;
  inserted: number;
  updated: number;
  unchanged: number;
  created: { categories: string[]; teams: string[]; agents: string[] };
  errors: RowError[];
  /** Errors beyond the first MAX_REPORTED_ERRORS are counted, not listed. */
  errorsOmitted: number;
}

/** The tables an import fills, whose planner statistics must keep up with it. */
const IMPORTED_TABLES = ['cases', 'accounts', 'sla_clocks', 'metric_units', 'case_events'];

export const MAX_REPORTED_ERRORS = 1000;
const PROGRESS_EVERY = 10_000;
const MAX_CELL_BYTES = 1024 * 1024;

/** Reads the CSV: its header row and the cells of every record after it, as they stream in. */
async function* records(input: Readable | AsyncIterable<Buffer | string>) {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_CELL_BYTES });
  // Once the reader stops early (a bad header, a refused map), the rest of the input is still
  // read and dropped: an HTTP upload must be consumed for its reply to reach the client.
  const drainedOrClosed = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.on('drain', done);
      parser.on('close', done);
    });
  const feed = (async () => {
    try {
      for await (const chunk of input) {
        if (parser.destroyed) continue;
        if (!parser.write(chunk)) await drainedOrClosed();
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      parser.destroy(error as Error);
    }
  })();
  try {
    for await (const record of parser) yield record as string[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? `line ${error.lines}: ` : '';
      throw new AppError('validation_failed', `the file is not valid CSV: ${line}${error.message}`, [{ field: 'file', message: `${line}${error.message}` }]);
    }
    throw error;
  } finally {
    await feed;
  }
}

/**
 * Imports case history from another helpdesk's CSV export: stream-parses and validates
 * every row, then writes in chunks inside one transaction, so a refused file leaves nothing
 * behind. Re-importing updates by externalId instead of duplicating.
 */
export async function importCases(
  deps: Deps,
  actor: Actor,
  input: Readable | AsyncIterable<Buffer | string>,
  options: ImportOptions,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportReport> {
  authorize(actor, IMPORTERS);
  const map = parseColumnMap(options.map);
  const now = deps.clock.now();
  const directory = await q.loadDirectory(deps.db);

  const report: ImportReport = {
    dryRun: Boolean(options.dryRun),
    committed: false,
    rows: 0,
    valid: 0,
    invalid: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    created: { categories: [], teams: [], agents: [] },
    errors: [],
    errorsOmitted: 0,
  };
  const complain = (errors: RowError[]) => {
    for (const e of errors) {
      if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
      else report.errorsOmitted++;
    }
  };

  const valid: ImportedCase[] = [];
  const creations = { categories: new Map<string, NewCategory>(), teams: new Map<string, string>(), agents: new Map<string, NewAgent>() };
  const firstRowOf = new Map<string, number>();
  let header: string[] | null = null;
  let columns: ColumnIndexes = {};
  for await (const cells of records(input)) {
    if (!header) {
      if (cells.some((h) => h.includes('\u0000'))) throw AppError.validation('header', 'must not contain NUL characters');
      header = cells;
      columns = bindColumns(map, header);
      continue;
    }
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const row = ++report.rows + 1;
    const { value, errors, creates } = mapRow(cells, columns, row, directory, { createMissing: Boolean(options.createMissing), now });
    if (cells.length > header.length) errors.push({ row, field: 'columns', message: `has ${cells.length} cells but the header has ${header.length} (an unquoted comma?)` });
    if (value) {
      const first = firstRowOf.get(value.externalId);
      if (first !== undefined) errors.push({ row, field: 'externalId', message: `"${value.externalId}" is already on row ${first}` });
      else firstRowOf.set(value.externalId, row);
    }
    if (value && errors.length === 0) {
      valid.push(value);
      merge(creations, creates);
    } else {
      report.invalid++;
      complain(errors);
    }
    if (report.rows % PROGRESS_EVERY === 0) onProgress({ phase: 'reading', rows: report.rows });
  }
  if (!header) throw AppError.validation('file', 'is empty; its first row must name the columns');
  onProgress({ phase: 'reading', rows: report.rows });

  report.valid = valid.length;
  report.created = {
    categories: [...creations.categories.keys()],
    teams: [...creations.teams.values()],
    agents: [...creations.agents.keys()],
  };
  if (options.dryRun || valid.length === 0 || (report.invalid > 0 && !options.validRowsOnly)) return report;

  await deps.db.transaction().execute(async (trx) => {
    await q.lockImports(trx);
    // Each chunk's metric units are worked out once, after its cases and clocks are written
    // (migration 0023), not again by each write's trigger.
    await sql`SELECT set_config('closeloop.metric_units', 'deferred', true)`.execute(trx);
    await q.createCategories(trx, [...creations.categories.values()], { [IMPORTED_ROOT]: 'Imported' }, now);
    const teamIds = await q.createTeams(trx, [...creations.teams.values()], now);
    const agentIds = await q.createAgents(trx, [...creations.agents.values()], now);
    const idOf = (ref: Ref | null, created: Map<string, string>) => (ref === null ? null : 'id' in ref ? ref.id : created.get(ref.create)!);
    const accountIds = await q.upsertAccounts(trx, mergedAccounts(valid), now);
    const casesBefore = await countCases(trx);
    const statistics = statisticsFollowGrowth(trx, IMPORTED_TABLES, casesBefore);

    for (let i = 0; i < valid.length; i += q.CHUNK) {
      const chunk = valid.slice(i, i + q.CHUNK);
      const existing = await q.existingCases(trx, chunk.map((c) => c.externalId));
      const fresh: (q.CaseValues & { searchTokens: string[] })[] = [];
      const changed: Parameters<typeof q.updateCases>[1] = [];
      for (const c of chunk) {
        const stored = existing.get(c.externalId);
        const values = caseValues(c, stored, accountIds.get(q.accountKey(c.account.type, c.account.externalId))!, idOf(c.team, teamIds), idOf(c.assignee, agentIds), now);
        if (!stored) {
          fresh.push({ ...values, searchTokens: searchTokens(`${values.title}\n${values.description}`) });
          continue;
        }
        const changes = differences(stored, values);
        if (Object.keys(changes).length === 0) report.unchanged++;
        else changed.push({ ...values, id: stored.id, changes, searchTokens: searchTokens(`${values.title}\n${values.description}`) });
      }
      const inserted = await q.insertCases(trx, fresh);
      report.inserted += inserted.length;
      await q.updateCases(trx, changed, now);
      // SLA outcomes follow from the imported timestamps; a changed row recomputes its clocks.
      const written = [...inserted, ...changed.map((c) => c.id)];
      await backfillClocks(trx, now, written);
      if (written.length) await sql`SELECT metric_units_refresh(${written}::uuid[])`.execute(trx);
      report.updated += changed.length;
      await statistics.grown(casesBefore + report.inserted);
      onProgress({ phase: 'writing', rows: Math.min(i + q.CHUNK, valid.length), of: valid.length });
    }

    // One entry for the import, not one per case: the cases' own `created` events carry the rest.
    await recordAudit(trx, actor, now, {
      action: 'cases.imported',
      entityType: 'import',
      entityId: randomUUID(),
      after: { options: { ...options, map }, ...report, errors: report.errors.slice(0, 20) },
    });
  });
  report.committed = true;
  return report;
}

function merge(into: { categories: Map<string, NewCategory>; teams: Map<string, string>; agents: Map<string, NewAgent> }, creates: Creations): void {
  for (const c of creates.categories) if (!into.categories.has(c.code)) into.categories.set(c.code, c);
  for (const t of creates.teams) if (!into.teams.has(nameKey(t))) into.teams.set(nameKey(t), t);
  for (const a of creates.agents) if (!into.agents.has(a.email)) into.agents.set(a.email, a);
}

/** One entry per account; a later row's non-blank cells win over an earlier row's. */
function mergedAccounts(cases: ImportedCase[]): q.AccountValues[] {
  const byKey = new Map<string, q.AccountValues>();
  for (const { account } of cases) {
    const key = q.accountKey(account.type, account.externalId);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...account });
    else for (const [field, value] of Object.entries(account)) if (value !== null) (seen as unknown as Record<string, unknown>)[field] = value;
  }
  return [...byKey.values()];
}

/** The values the file's row gives a case; cells left blank keep what the case has (or the defaults). */
function caseValues(c: ImportedCase, stored: q.CaseValues | undefined, accountId: string, teamId: string | null, assigneeId: string | null, now: Date): q.CaseValues {
  const createdAt = c.createdAt ?? stored?.createdAt ?? now;
  return {
    externalId: c.externalId,
    title: c.title,
    description: c.description,
    categoryCode: c.categoryCode,
    accountId,
    source: c.source,
    language: c.language ?? stored?.language ?? detectLanguage(`${c.title}\n${c.description}`),
    priority: c.priority,
    status: c.status,
    teamId,
    assigneeId,
    csat: c.csat,
    createdAt,
    firstResponseAt: c.firstResponseMinutes !== null ? new Date(createdAt.getTime() + c.firstResponseMinutes * 60_000) : c.firstResponseAt,
    resolvedAt: c.resolvedAt,
    closedAt: c.closedAt,
  };
}

const COMPARED = ['title', 'description', 'categoryCode', 'accountId', 'source', 'language', 'priority', 'status', 'teamId', 'assigneeId', 'csat', 'createdAt', 'firstResponseAt', 'resolvedAt', 'closedAt'] as const;
const shown = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** What a re-import changes on a stored case; long texts are named, not copied into the event. */
function differences(stored: q.CaseValues, next: q.CaseValues): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of COMPARED) {
    const from = shown(stored[key]);
    const to = shown(next[key]);
    if (from === to) continue;
    changes[key] = key === 'description' ? { from: null, to: null } : { from, to };
  }
  return changes;
}
