import { createHash, randomUUID } from 'node:crypto';
import { type QueryCreator, sql } from 'kysely';
import type { Db } from '../../db/pool.js';
import type { AccountRow, AccountTier, CaseRow, CaseSource, Database, IntakeField, Labels, Locale, Priority } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { auditValues, recordAudit } from '../../platform/audit.js';
import { ConfigurationSnapshot, GENERATION_COLUMNS, type GenerationRow } from '../../platform/configuration-cache.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { detectLanguage } from '../../platform/text/language.js';
import { searchTokens } from '../../platform/text/search-tokens.js';
import { authorize } from '../identity/policy.js';
import { autoAssign } from '../assignment/assign.js';
import { type RoutingDecision, decideRouting, raiseRoutedCritical, repeatCountSql } from '../routing/route-case.js';
import { clocksOfNewCase, withNewClocks } from '../sla/case-clocks.js';
import { type AccountInput, accountWriteError, upsertAccountQuery, upsertedFacts } from './accounts.js';
import { type IntakeTeam, intakeConfiguration } from './intake-configuration.js';
import { CASE_FILERS, caseAccess } from './policy.js';
import { type CaseView, accountViewSql, presentCase } from './present.js';
import * as q from './queries.js';
import type { CaseWithRefs } from './queries.js';

export interface CaseDraft {
  title: string;
  description: string;
  category: string;
  account: AccountInput;
  source: CaseSource;
  language?: Locale;
  priority?: Priority;
  team?: string;
  fields?: Record<string, string | number>;
}

/** Checks the intake fields the category's SOP requires; pure. */
export function missingIntakeFields(required: IntakeField[], fields: Record<string, string | number>): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of required) {
    const value = fields[field.key];
    if (value === undefined || value === '') errors.push({ field: `fields.${field.key}`, message: 'is required for this category', code: 'required' });
    else if (field.type === 'number' && typeof value !== 'number') errors.push({ field: `fields.${field.key}`, message: 'must be a number', code: 'wrong_type', params: { type: 'number' } });
  }
  return errors;
}

function requestHash(draft: CaseDraft): string {
  const canonical = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]))
      : value;
  return createHash('sha256').update(JSON.stringify(canonical(draft))).digest('hex');
}

/** Stands in for what the statement writes, in the view the audit record is made from. */
const UNWRITTEN: Written = { number: '', id: '', type: 'seller', external_id: '', name: '', email: null, phone: null, region: null, language: null, tier: 'standard' };

/** Everything filing decides before it writes: the case's row, its events and clocks. */
interface Intake {
  /** The case's columns but those its statement fills in (number, account, search keys, routing record). */
  row: Omit<CaseRow, 'number' | 'account_id' | 'search_tokens' | 'routing'>;
  routing: RoutingDecision | undefined;
  clocks: Awaited<ReturnType<typeof clocksOfNewCase>>['clocks'];
  /** What the case is shown with that the configuration names (its category's labels, its team). */
  categoryLabels: Labels;
  team: IntakeTeam | undefined;
  /** The team assigns the case automatically: the pick needs the team locked, in a transaction. */
  assigns: boolean;
  /** The request's Idempotency-Key, written with the case (its primary key lets one request of a key file). */
  idempotency: Idempotency | undefined;
}

interface Idempotency {
  actorKey: string;
  key: string;
  /** Of the request's body: a retry must send the same. */
  hash: string;
}

/** A request of this key filed a case before. */
interface Seen {
  seen: { caseId: string; hash: string };
}

/** What the case's statement returns: its number and its account as written. */
type Written = { number: string } & Pick<AccountRow, 'id' | 'type' | 'external_id' | 'name' | 'email' | 'phone' | 'region' | 'language' | 'tier'>;

/** The case as the filer sees it, from what filing decided and what its statement wrote. */
function presentFiled(actor: Actor, intake: Intake, written: Written): CaseView {
  const row: CaseWithRefs = {
    ...intake.row,
    number: written.number,
    account_id: written.id,
    account_type: written.type,
    account_external_id: written.external_id,
    account_name: written.name,
    account_email: written.email,
    account_phone: written.phone,
    account_region: written.region,
    account_language: written.language,
    account_tier: written.tier,
    category_labels: intake.categoryLabels,
    team_name: intake.team?.name ?? null,
    assignee_name: null,
    requester_name: actor.user?.displayName ?? null,
    merged_into_number: null,
  };
  return presentCase(row, caseAccess(actor, row, false));
}

/**
 * Reads what filing needs of the database in one statement (the configuration's generation, the
 * stored account, the account's recent cases in the category), then decides the case: checks,
 * routing, SLA clocks. Writes nothing.
 */
async function decide(db: Db, deps: Deps, actor: Actor, draft: CaseDraft, now: Date, idempotency?: Idempotency): Promise<Intake | Seen> {
  const { rows } = await sql<GenerationRow & { tier: AccountTier | null; region: string | null; repeats: number | null; seen_case: string | null; seen_hash: string | null }>`
    SELECT ${GENERATION_COLUMNS}, a.tier, a.region,
           ${repeatCountSql(sql.ref('a.id'), sql`${draft.category}::text`, sql`${now}::timestamptz`)} AS repeats,
           k.case_id AS seen_case, k.request_hash AS seen_hash
      FROM configuration_generation g
      LEFT JOIN accounts a ON a.type = ${draft.account.type} AND a.external_id = ${draft.account.externalId.trim()}
      LEFT JOIN idempotency_keys k ON k.actor_key = ${idempotency?.actorKey ?? null} AND k.key = ${idempotency?.key ?? null}`.execute(db);
  const read = rows[0]!;
  // A retry is answered with what the first request filed, whatever the configuration says now.
  if (read.seen_case) return { seen: { caseId: read.seen_case, hash: read.seen_hash! } };
  const configuration = await intakeConfiguration(ConfigurationSnapshot.of(db, deps.db, read));
  const category = configuration.categories.get(draft.category);
  if (!category || !category.active || category.parent_code === null) {
    throw AppError.validation('category', `${draft.category} is not an active category of the second level`);
  }
  const missing = missingIntakeFields(category.required_fields, draft.fields ?? {});
  if (missing.length) throw new AppError('validation_failed', missing.map((e) => `${e.field} ${e.message}`).join('; '), missing);
  if (draft.team) {
    const team = configuration.teams.get(draft.team);
    if (!team || team.kind !== 'service') throw AppError.validation('team', 'is not a service team', 'unknown_reference');
  }

  const account = upsertedFacts(draft.account, read.tier ? { tier: read.tier, region: read.region } : null);
  const title = draft.title.trim();
  const language = draft.language ?? detectLanguage(`${draft.title}\n${draft.description}`);
  const filed = { team_id: draft.team ?? null, priority: draft.priority ?? 'P3', flags: [] as string[] };
  const routing = configuration.rules.length
    ? await decideRouting(
        configuration.rules,
        {
          category: category.code,
          region: account.region,
          language,
          source: draft.source,
          account: { type: account.type, tier: account.tier },
          title,
          description: draft.description,
          priority: filed.priority,
          flags: filed.flags,
          repeat_count_30d: Number(read.repeats ?? 0),
          teamId: filed.team_id,
          previous: {},
        },
        now,
        { intake: true, explicitTeam: Boolean(draft.team), explicitPriority: Boolean(draft.priority) },
        (id) => configuration.teams.get(id)?.name ?? null,
      )
    : undefined;
  const { team_id, priority, flags } = { ...filed, ...routing?.changes };
  const id = randomUUID();
  const { clocks, summary } = await clocksOfNewCase(db, now, id, { priority, category: category.code, accountTier: account.tier, region: account.region, status: 'new', firstResponseAt: null, teamId: team_id, assigneeId: null }, configuration);
  const team = team_id ? configuration.teams.get(team_id) : undefined;
  const strategy = routing?.assignment ?? (team?.kind === 'service' ? team.assignment_strategy : 'manual');
  return {
    row: {
      id,
      title,
      description: draft.description,
      category_code: category.code,
      requester_id: actor.user?.id ?? null,
      source: draft.source,
      language,
      priority,
      flags,
      status: 'new',
      team_id,
      assignee_id: null,
      fields: draft.fields ?? {},
      root_cause_code: null,
      root_cause_text: null,
      resolution_code: null,
      resolution_summary: null,
      external_id: null,
      merged_into_id: null,
      reopen_count: 0,
      requester_notified_at: null,
      requester_confirmed_at: null,
      csat: null,
      created_at: now,
      updated_at: now,
      first_response_at: null,
      resolved_at: null,
      closed_at: null,
      ...summary,
    },
    routing,
    clocks,
    categoryLabels: category.labels,
    team,
    assigns: team_id !== null && strategy !== 'manual',
    idempotency,
  };
}

/**
 * Writes the case in one statement: its account, the case with its routing and SLA summary (one
 * version of the row, so every index takes it once), its events, its clocks and their segments,
 * and — when `audit` is given — the audit record, whose account and number the statement fills in.
 */
async function writeCase(db: Db, actor: Actor, draft: CaseDraft, intake: Intake, audit?: Omit<CaseView, 'number' | 'account'>): Promise<Written> {
  const { row, routing } = intake;
  const now = row.created_at;
  const events = [{ case_id: row.id, at: now, actor_id: row.requester_id, kind: 'created', data: JSON.stringify({ source: draft.source }) }];
  // A rule's critical escalation is raised once the case exists: its `routed` event follows it (fileWithin).
  if (routing && !routing.critical && Object.keys(routing.changes).length) {
    events.push({ case_id: row.id, at: now, actor_id: null, kind: 'routed', data: JSON.stringify({ changes: routing.changes, decisions: routing.record }) });
  }
  // With no policy matching, no clocks: the statement then has no `k` and `s` to add.
  const clocked = (intake.clocks.length ? withNewClocks(db, intake.clocks, now, 'started') : db) as QueryCreator<Database>;
  // A concurrent request with the same key waits at its primary key for the first one's commit,
  // then fails, having written nothing: fileCase answers it with the first one's case.
  const key = intake.idempotency && { actor_key: intake.idempotency.actorKey, key: intake.idempotency.key, request_hash: intake.idempotency.hash, case_id: row.id, created_at: now };
  const start = (key ? clocked.with('ik', (w) => w.insertInto('idempotency_keys').values(key)) : clocked) as QueryCreator<Database>;
  const statement = start
    .with('a', (w) => upsertAccountQuery(w, draft.account, now))
    .with('c', (w) =>
      w
        .insertInto('cases')
        .values({
          ...row,
          fields: JSON.stringify(row.fields),
          number: q.nextCaseNumberSql,
          account_id: sql<string>`(SELECT id FROM a)`,
          search_tokens: searchTokens(`${draft.title}\n${draft.description}`),
          ...(routing ? { routing: JSON.stringify(routing.record) } : {}),
        })
        .returning('number'),
    )
    // One INSERT, so the events are numbered in the order they happened.
    .with('e', (w) => w.insertInto('case_events').values(events));
  const written = ['c.number', 'a.id', 'a.type', 'a.external_id', 'a.name', 'a.email', 'a.phone', 'a.region', 'a.language', 'a.tier'] as const;
  // The audit record goes in with the case when the caller has the view (a transaction's caller
  // records it after what it does next); the statement fills in the number and the account.
  const after = sql<string>`${JSON.stringify(audit)}::jsonb || (SELECT jsonb_build_object('number', c.number, 'account', ${accountViewSql('a')}) FROM c, a)`;
  const query = audit
    ? statement
        .with('l', (w) => w.insertInto('audit_log').values({ ...auditValues(actor, now, { action: 'case.created', entityType: 'case', entityId: row.id }), after }))
        .selectFrom(['c', 'a'])
        .select(written)
    : statement.selectFrom(['c', 'a']).select(written);
  return query
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      throw accountWriteError(error, draft.account);
    });
}

/**
 * Files an escalation. With an idempotency key, a retry of the same request returns the
 * case the first one created, also while the first is still being written (the key's primary
 * key decides which of them files); the same key with a different body is refused.
 *
 * A case for a team that does not assign automatically, raising no critical escalation, is two
 * statements and no transaction, with a key or without: one read, then one statement that
 * writes everything (a statement is atomic). The others take a transaction for what they lock.
 */
export async function fileCase(deps: Deps, actor: Actor, draft: CaseDraft, idempotencyKey?: string): Promise<{ view: CaseView; created: boolean }> {
  authorize(actor, CASE_FILERS);
  const now = deps.clock.now();
  const idempotency = idempotencyKey ? { actorKey: actor.user?.id ?? actor.label, key: idempotencyKey, hash: requestHash(draft) } : undefined;
  try {
    const intake = await decide(deps.db, deps, actor, draft, now, idempotency);
    if ('seen' in intake) return await answerRetry(deps.db, actor, intake.seen, idempotency!);
    if (!intake.assigns && !intake.routing?.critical) {
      // The audit records the view the filer gets; its number and account are the statement's to fill in.
      const { number: _number, account: _account, ...audited } = presentFiled(actor, intake, UNWRITTEN);
      return { view: presentFiled(actor, intake, await writeCase(deps.db, actor, draft, intake, audited)), created: true };
    }
    return await deps.db.transaction().execute(async (trx) => ({ view: await fileWithin(trx, actor, draft, intake), created: true }));
  } catch (error) {
    // Another request with this key filed first, while this one was deciding.
    if (!idempotency || !isUniqueViolation(error, 'idempotency_keys_pkey')) throw error;
    const seen = await deps.db
      .selectFrom('idempotency_keys')
      .select(['case_id as caseId', 'request_hash as hash'])
      .where('actor_key', '=', idempotency.actorKey)
      .where('key', '=', idempotency.key)
      .executeTakeFirstOrThrow();
    return answerRetry(deps.db, actor, seen, idempotency);
  }
}

/** The answer to a retry: the case the key's first request filed, unless the body differs. */
async function answerRetry(db: Db, actor: Actor, seen: Seen['seen'], idempotency: Idempotency): Promise<{ view: CaseView; created: false }> {
  if (seen.hash !== idempotency.hash) {
    throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used with a different request', [
      { field: 'Idempotency-Key', message: 'was already used for a different request' },
    ]);
  }
  const row = (await q.findCase(db, seen.caseId))!;
  return { view: presentCase(row, caseAccess(actor, row, false)), created: false };
}

/** Filing inside a transaction: the case written, then what needs it to exist and locks (assignment, a critical escalation). */
async function fileWithin(trx: Db, actor: Actor, draft: CaseDraft, intake: Intake): Promise<CaseView> {
  const { row, routing } = intake;
  const now = row.created_at;
  await writeCase(trx, actor, draft, intake);
  if (routing?.critical) {
    await raiseRoutedCritical(trx, now, row.id, routing);
    await trx.updateTable('cases').set({ routing: JSON.stringify(routing.record) }).where('id', '=', row.id).execute();
    if (Object.keys(routing.changes).length) {
      await q.insertEvent(trx, { caseId: row.id, at: now, actorId: null, kind: 'routed', data: { changes: routing.changes, decisions: routing.record } });
    }
  }
  if (intake.assigns) {
    await autoAssign(trx, now, row.id, routing?.assignment, {
      team_id: row.team_id,
      assignee_id: null,
      language: row.language,
      category_code: row.category_code,
      assignment_strategy: intake.team?.assignment_strategy ?? null,
      kind: intake.team?.kind ?? null,
    });
  }
  const stored = (await q.findCase(trx, row.id))!;
  const view = presentCase(stored, caseAccess(actor, stored, false));
  await recordAudit(trx, actor, now, { action: 'case.created', entityType: 'case', entityId: row.id, after: view });
  return view;
}
