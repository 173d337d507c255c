import { createHash, randomUUID } from 'node:crypto';
import { type QueryCreator, sql } from 'kysely';
import { type Recordset, recordset, recordsetSelect, recordsJson } from '../../db/bulk.js';
import { type Db, prepared } from '../../db/pool.js';
import { StatementShapes } from '../../db/statement-shapes.js';
import type { AccountTier, CaseRow, CaseSource, Database, IntakeField, Labels, Locale, Priority } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { auditValues } from '../../platform/audit.js';
import { ConfigurationSnapshot, GENERATION_COLUMNS, type GenerationRow } from '../../platform/configuration-cache.js';
import { type Deps, isUniqueViolation } from '../../platform/deps.js';
import { GroupCommit, type Job } from '../../platform/group-commit.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { detectLanguage } from '../../platform/text/language.js';
import { searchTokens } from '../../platform/text/search-tokens.js';
import { authorize } from '../identity/policy.js';
import { type Assignment, assignmentEvent, assignmentNotices, chooseAssignees } from '../assignment/assign.js';
import { raisesJson, withRaisedEscalations } from '../escalation/critical.js';
import { withNotifications } from '../notify/notify.js';
import { type RoutingDecision, decideRouting, nameRoutedCritical, repeatCountSql, routedRaise } from '../routing/route-case.js';
import { clocksOfNewCase, withNewClocks } from '../sla/case-clocks.js';
import { type AccountInput, type AccountUpserts, accountUpserts, accountWriteError, upsertAccountsQuery, upsertedFacts } from './accounts.js';
import { type IntakeConfiguration, type IntakeTeam, intakeConfiguration } from './intake-configuration.js';
import { CASE_FILERS, caseAccess } from './policy.js';
import { type AccountRefs, type CaseView, accountViewSql, presentAccount, presentCase } from './present.js';
import * as q from './queries.js';

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

/** Stands in for what the case's statement writes (its number and account) until it has. */
const UNWRITTEN: Omit<Written, 'case_id'> = {
  number: '',
  account_id: '',
  account_type: 'seller',
  account_external_id: '',
  account_name: '',
  account_email: null,
  account_phone: null,
  account_region: null,
  account_language: null,
  account_tier: 'standard',
};

/** A request to file a case, as intake's group commit takes it. */
interface Filing {
  actor: Actor;
  draft: CaseDraft;
  now: Date;
  /** The request's Idempotency-Key, written with the case (its primary key lets one request of a key file). */
  idempotency: Idempotency | undefined;
}

type Filed = { view: CaseView; created: boolean };

/** Everything filing decides before it writes: the case's row, its events and clocks. */
interface Intake {
  filing: Filing;
  /** The case's columns but those its statement fills in (number, account, search keys, routing record). */
  row: Omit<CaseRow, 'number' | 'account_id' | 'search_tokens' | 'routing'>;
  routing: RoutingDecision | undefined;
  clocks: Awaited<ReturnType<typeof clocksOfNewCase>>['clocks'];
  /** What the case is shown with that the configuration names (its category's labels, its team). */
  categoryLabels: Labels;
  team: IntakeTeam | undefined;
  /** The team assigns the case automatically: the pick needs the team locked, in a transaction. */
  assigns: boolean;
  /** Whom the pick chose (or that nobody fits), decided before the case is written. */
  assignment?: Assignment;
}

interface Idempotency {
  actorKey: string;
  key: string;
  /** Of the request's body: a retry must send the same. */
  hash: string;
}

/** What intake reads of the database for one request. */
interface IntakeRead extends GenerationRow {
  tier: AccountTier | null;
  region: string | null;
  repeats: number | null;
  seen_case: string | null;
  seen_hash: string | null;
}

/** What the case's statement returns: its id and number, and its account as written. */
type Written = { case_id: string; number: string } & AccountRefs;

/**
 * A case decided and ready to write, with the filer's view of it but its number and account (the
 * UNWRITTEN stand-ins), which the statement writes: the view is presented once, and both the audit
 * record and the answer are made from it.
 */
interface Decided {
  intake: Intake;
  view: CaseView;
  /** The filer sees the account's contact details masked. */
  masked: boolean;
}

function decided(intake: Intake): Decided {
  const row: q.CaseWithRefs = {
    ...intake.row,
    ...UNWRITTEN,
    category_labels: intake.categoryLabels,
    team_name: intake.team?.name ?? null,
    assignee_name: intake.assignment?.assignee?.displayName ?? null,
    requester_name: intake.filing.actor.user?.displayName ?? null,
    merged_into_number: null,
  };
  const access = caseAccess(intake.filing.actor, row, false);
  return { intake, view: presentCase(row, access), masked: access === 'partner' };
}

/** The case as the filer sees it, once its statement wrote it. */
const presentFiled = ({ view, masked }: Decided, written: Written): CaseView => ({ ...view, number: written.number, account: presentAccount(written, masked) });

/**
 * Intake's group commits, one set per database handle (tests open many in one process): requests
 * are read and decided in batches, and the decided cases written in batches, so the next batch is
 * read while the last is written. Cases for teams that assign automatically are written in batches
 * of their own, each a transaction holding their teams' rows for the picks.
 */
interface IntakeStages {
  decide: GroupCommit<Filing, Filed>;
  write: GroupCommit<Decided, Written>;
  assign: GroupCommit<Intake, CaseView>;
}

const stages = new WeakMap<Db, IntakeStages>();

const accountKey = (account: AccountInput) => `account:${account.type}:${account.externalId.trim()}`;
const byAccount = (x: AccountInput, y: AccountInput) => {
  const [a, b] = [accountKey(x), accountKey(y)];
  return a < b ? -1 : a > b ? 1 : 0;
};

/** What two cases written in one statement must not share: it may upsert an account once, and two requests of one key are a retry and its first. */
const writeKeys = ({ draft, idempotency }: Filing) => [accountKey(draft.account), ...(idempotency ? [`key:${idempotency.actorKey}:${idempotency.key}`] : [])];

function stagesOf(db: Db): IntakeStages {
  let found = stages.get(db);
  if (!found) {
    const statements = new StatementShapes<WriteShape, WriteData>((shape, data) => ({ compile: () => prepared(writeStatement(db, shape, data).compile()) }));
    const write = new GroupCommit<Decided, Written>({
      run: (jobs) => eachAloneIfBatchFails(jobs, (cases) => writeCases(db, statements, cases)),
      max: 64,
      inFlight: 1,
      keys: ({ intake }) => writeKeys(intake.filing),
    });
    const assign = new GroupCommit<Intake, CaseView>({
      run: (jobs) => eachAloneIfBatchFails(jobs, (intakes) => db.transaction().execute((trx) => fileAssigned(trx, statements, intakes))),
      max: 64,
      // The batches would only wait for each other's team locks.
      inFlight: 1,
      keys: (intake) => writeKeys(intake.filing),
    });
    const decide = new GroupCommit<Filing, Filed>({ run: (jobs) => decideBatch(db, { write, assign }, jobs), max: 64, inFlight: 1, keys: () => [] });
    stages.set(db, (found = { decide, write, assign }));
  }
  return found;
}

/**
 * Files an escalation. With an idempotency key, a retry of the same request returns the
 * case the first one created, also while the first is still being written (the key's primary
 * key decides which of them files); the same key with a different body is refused.
 *
 * Concurrent requests are filed together (group commit): one statement reads what a batch of
 * them needs; every case for a team that does not assign automatically is then written with
 * others in one statement (a critical escalation a rule raises included) — a statement is atomic,
 * so no transaction. Cases for teams that assign are written together too, in a transaction that
 * locks their teams' rows for the picks.
 */
export async function fileCase(deps: Deps, actor: Actor, draft: CaseDraft, idempotencyKey?: string): Promise<Filed> {
  authorize(actor, CASE_FILERS);
  const idempotency = idempotencyKey ? { actorKey: actor.user?.id ?? actor.label, key: idempotencyKey, hash: requestHash(draft) } : undefined;
  return stagesOf(deps.db).decide.submit({ actor, draft, now: deps.clock.now(), idempotency });
}

/** Reads what a batch of requests needs in one statement and decides each; the cases go on to be written. */
async function decideBatch(db: Db, { write, assign }: Omit<IntakeStages, 'decide'>, jobs: Job<Filing, Filed>[]): Promise<void> {
  const reads = await readIntakes(db, jobs.map((j) => j.item));
  const configuration = await intakeConfiguration(ConfigurationSnapshot.of(db, db, reads[0]!));
  const ready: { job: Job<Filing, Filed>; case: Decided }[] = [];
  const assigning: { job: Job<Filing, Filed>; intake: Intake }[] = [];
  for (const [i, job] of jobs.entries()) {
    const filing = job.item;
    const read = reads[i]!;
    // A retry is answered with what the first request filed, whatever the configuration says now.
    if (read.seen_case) {
      job.settle(answerRetry(db, filing, { caseId: read.seen_case, hash: read.seen_hash! }));
      continue;
    }
    let intake: Intake;
    try {
      intake = await decide(db, configuration, filing, read);
    } catch (error) {
      job.fail(error);
      continue;
    }
    if (intake.assigns) assigning.push({ job, intake });
    else ready.push({ job, case: decided(intake) });
  }
  // Decided together, written together.
  const written = write.submitAll(ready.map((d) => d.case));
  for (const [i, { job, case: c }] of ready.entries()) {
    job.settle(answered(db, c.intake.filing, async () => ({ view: presentFiled(c, await written[i]!), created: true })));
  }
  const assigned = assign.submitAll(assigning.map((a) => a.intake));
  for (const [i, { job, intake }] of assigning.entries()) job.settle(answered(db, intake.filing, async () => ({ view: await assigned[i]!, created: true })));
}

/**
 * Writes a batch of items at once; if that fails, each alone, for each its own answer: one
 * request's fault (an unknown region, a key another request holds) fails the statement for all.
 */
async function eachAloneIfBatchFails<T, R>(jobs: Job<T, R>[], write: (items: T[]) => Promise<R[]>): Promise<void> {
  let written: R[];
  try {
    written = await write(jobs.map((j) => j.item));
  } catch (error) {
    if (jobs.length === 1) throw error;
    for (const job of jobs) await write([job.item]).then(([w]) => job.settle(w!), job.fail);
    return;
  }
  for (const [i, job] of jobs.entries()) job.settle(written[i]!);
}

/** What a failed write means for its request: another request with its key filed first, or a bad account. */
async function answered(db: Db, filing: Filing, write: () => Promise<Filed>): Promise<Filed> {
  try {
    return await write();
  } catch (error) {
    const { idempotency } = filing;
    if (!idempotency || !isUniqueViolation(error, 'idempotency_keys_pkey')) throw accountWriteError(error, filing.draft.account);
    const seen = await db
      .selectFrom('idempotency_keys')
      .select(['case_id as caseId', 'request_hash as hash'])
      .where('actor_key', '=', idempotency.actorKey)
      .where('key', '=', idempotency.key)
      .executeTakeFirstOrThrow();
    return answerRetry(db, filing, seen);
  }
}

/**
 * Reads what filing needs of the database for every request of a batch in one statement: the
 * configuration's generation, each stored account, its recent cases in the category, and the
 * request's Idempotency-Key if a request used it before. In the requests' order.
 */
async function readIntakes(db: Db, filings: Filing[]): Promise<IntakeRead[]> {
  // The requests are one parameter, so the statement keeps one text and stays prepared.
  const requests = filings.map(({ draft, now, idempotency }, i) => ({
    i,
    type: draft.account.type,
    external_id: draft.account.externalId.trim(),
    category: draft.category,
    at: now,
    actor_key: idempotency?.actorKey ?? null,
    key: idempotency?.key ?? null,
  }));
  const read = sql<IntakeRead>`
    SELECT ${GENERATION_COLUMNS}, a.tier, a.region,
           ${repeatCountSql(sql.ref('a.id'), sql.ref('d.category'), sql.ref('d.at'))} AS repeats,
           k.case_id AS seen_case, k.request_hash AS seen_hash
      FROM jsonb_to_recordset(${JSON.stringify(requests)}::jsonb) AS d (i int, type text, external_id text, category text, at timestamptz, actor_key text, key text)
      CROSS JOIN configuration_generation g
      LEFT JOIN accounts a ON a.type = d.type AND a.external_id = d.external_id
      LEFT JOIN idempotency_keys k ON k.actor_key = d.actor_key AND k.key = d.key
     ORDER BY d.i`;
  return (await db.executeQuery(prepared(read.compile(db)))).rows;
}

/** Decides the case a request files from what was read for it: checks, routing, SLA clocks. Writes nothing. */
async function decide(db: Db, configuration: IntakeConfiguration, filing: Filing, read: IntakeRead): Promise<Intake> {
  const { actor, draft, now } = filing;
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
  if (routing) nameRoutedCritical(routing);
  const { team_id, priority, flags } = { ...filed, ...routing?.changes };
  const id = randomUUID();
  const { clocks, summary } = await clocksOfNewCase(db, now, id, { priority, category: category.code, accountTier: account.tier, region: account.region, status: 'new', firstResponseAt: null, teamId: team_id, assigneeId: null }, configuration);
  const team = team_id ? configuration.teams.get(team_id) : undefined;
  const strategy = routing?.assignment ?? (team?.kind === 'service' ? team.assignment_strategy : 'manual');
  return {
    filing,
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
  };
}

/**
 * Which parts an intake statement has and their columns: with its data (each table's rows one
 * JSON parameter), all that its text depends on.
 */
interface WriteShape {
  clocks: Recordset<'sla_clocks'>['columns'] | null;
  raises: boolean;
  keys: Recordset<'idempotency_keys'>['columns'] | null;
  notices: boolean;
  picks: boolean;
  accounts: Recordset<'accounts'>['columns'];
  cases: (keyof CaseRow)[];
  audits: string[];
}

/** An intake statement's data: each part's rows as one JSON text. */
type WriteData = Record<'events' | 'clocks' | 'raises' | 'keys' | 'notices' | 'picks' | 'accounts' | 'cases' | 'audits' | `giving_${keyof AccountUpserts['giving']}`, string>;

/** What writeCases writes for these cases, apart: the statement's shape and its data. */
function writeParts(cases: Decided[]): { shape: WriteShape; data: WriteData } {
  // Each case's events in the order they happen: created, routed, a critical escalation's raised
  // and paged (ord + 2, + 3), the assignment.
  const events = cases.flatMap(({ intake: { row, routing, filing, assignment } }, i) => [
    { case_id: row.id, at: row.created_at, actor_id: row.requester_id, kind: 'created', data: { source: filing.draft.source }, ord: 8 * i },
    ...(routing && Object.keys(routing.changes).length
      ? [{ case_id: row.id, at: row.created_at, actor_id: null, kind: 'routed', data: { changes: routing.changes, decisions: routing.record }, ord: 8 * i + 1 }]
      : []),
    ...(assignment ? [assignmentEventRow(row, assignment, 8 * i + 4)] : []),
  ]);
  const raises = cases.flatMap(({ intake: { row, routing } }, i) => {
    const raise = routing && routedRaise(row.id, row.created_at, routing, 8 * i + 2);
    return raise ? [raise] : [];
  });
  const clocks = recordset<'sla_clocks'>(cases.flatMap(({ intake }) => intake.clocks));
  const keys = recordset<'idempotency_keys'>(
    cases.flatMap(({ intake: { filing, row } }) =>
      filing.idempotency ? [{ actor_key: filing.idempotency.actorKey, key: filing.idempotency.key, request_hash: filing.idempotency.hash, case_id: row.id, created_at: row.created_at }] : [],
    ),
  );
  const { notices, picks } = assignmentsOf(cases.map((c) => c.intake));
  // Accounts in one order, so two processes' batches lock the rows they share in the same order.
  const accounts = accountUpserts(cases.map(({ intake: { filing } }) => ({ account: filing.draft.account, at: filing.now })).sort((x, y) => byAccount(x.account, y.account)));
  // Each with its account's key to find it in `a`.
  const located = cases.map(({ intake: { row, routing, filing } }) => ({
    ...row,
    search_tokens: searchTokens(`${filing.draft.title}\n${filing.draft.description}`),
    routing: routing?.record ?? {},
    account_type: filing.draft.account.type,
    account_external_id: filing.draft.account.externalId.trim(),
  }));
  // The audit record is the filer's view; the statement's number and account replace its stand-ins (jsonb || keeps the right's keys).
  const audits = cases.map(({ intake: { row, filing }, view }) => ({
    ...auditValues(filing.actor, row.created_at, { action: 'case.created', entityType: 'case', entityId: row.id }),
    after: view,
  }));
  return {
    shape: {
      // With no policy matching, no clocks: the statement then has no `k` and `s` to add.
      clocks: clocks.columns.length ? clocks.columns : null,
      raises: raises.length > 0,
      keys: keys.columns.length ? keys.columns : null,
      notices: notices.length > 0,
      picks: picks.length > 0,
      accounts: accounts.rows.columns,
      cases: Object.keys(located[0]!).filter((c) => c !== 'account_type' && c !== 'account_external_id') as (keyof CaseRow)[],
      audits: Object.keys(audits[0]!).filter((c) => c !== 'after'),
    },
    data: {
      events: recordsJson(events),
      clocks: clocks.json,
      raises: raisesJson(raises),
      keys: keys.json,
      notices: JSON.stringify(notices),
      picks: JSON.stringify(picks),
      accounts: accounts.rows.json,
      giving_email: accounts.giving.email,
      giving_phone: accounts.giving.phone,
      giving_region: accounts.giving.region,
      giving_language: accounts.giving.language,
      giving_tier: accounts.giving.tier,
      cases: recordsJson(located),
      audits: recordsJson(audits),
    },
  };
}

/**
 * Writes cases in one statement: their accounts, each case with its routing and SLA summary (one
 * version of the row, so every index takes it once), their events, clocks and segments, the
 * critical escalations rules raise and the assignments chosen, and the audit records, whose
 * account and number the statement fills in. The cases name distinct accounts. Returns what was
 * written, in the cases' order.
 */
async function writeCases(db: Db, statements: StatementShapes<WriteShape, WriteData>, cases: Decided[]): Promise<Written[]> {
  const { shape, data } = writeParts(cases);
  // Its text depends only on which parts it has (each table's rows are one parameter): compiled
  // once per shape (StatementShapes) and kept prepared (see stagesOf), it skips Kysely's building
  // and compiling and PostgreSQL's parsing and planning after its first run.
  const rows = new Map((await db.executeQuery<Written>(statements.compile(shape, data))).rows.map((r) => [r.case_id, r]));
  return cases.map(({ intake }) => rows.get(intake.row.id)!);
}

/** Intake's statement of this shape, with this data as its parameters (see StatementShapes). */
function writeStatement(db: Db, shape: WriteShape, data: WriteData) {
  const clocked = (shape.clocks ? withNewClocks(db, { columns: shape.clocks, json: data.clocks }, 'started') : db) as QueryCreator<Database>;
  // A critical escalation a rule raises goes in with its case (its escalation, page, notifications, mails, jobs).
  const raised = shape.raises ? withRaisedEscalations(clocked, data.raises) : { creator: clocked, events: undefined };
  // A concurrent request with the same key waits at its primary key for the first one's commit,
  // then fails, having written nothing: `answered` answers it with the first one's case.
  const keyColumns = shape.keys;
  const keyed = withAssignments(
    (keyColumns
      ? raised.creator.with('ik', (w) => {
          const keys = { columns: keyColumns, json: data.keys };
          return w.insertInto('idempotency_keys').columns(keys.columns).expression(recordsetSelect('idempotency_keys', keys));
        })
      : raised.creator) as QueryCreator<Database>,
    shape,
    data,
  );
  // One INSERT, so each case's events are numbered in the order they happened.
  const start = keyed.with('e', () => q.insertEventsSql([q.eventRowsSql(data.events), ...(raised.events ? [raised.events] : [])])) as unknown as QueryCreator<Database>;
  const giving = { email: data.giving_email, phone: data.giving_phone, region: data.giving_region, language: data.giving_language, tier: data.giving_tier };
  const columns = shape.cases;
  const auditColumns = shape.audits;
  return start
    .with('a', (w) => upsertAccountsQuery(w, { rows: { columns: shape.accounts, json: data.accounts }, giving }))
    .with('c', (w) =>
      w
        .insertInto('cases')
        .columns([...columns, 'number', 'account_id'])
        .expression(
          // Each case's number taken once, in the rows' order (OFFSET 0 keeps nextval in its subquery).
          sql`SELECT ${sql.join(columns.map((c) => sql.ref(`x.${c}`)))}, ${q.caseNumberSql(sql`j.n`)},
                (SELECT id FROM a WHERE a.type = j.doc->>'account_type' AND a.external_id = j.doc->>'account_external_id')
              FROM (SELECT doc, nextval('case_number_seq') AS n FROM jsonb_array_elements(${data.cases}::jsonb) AS doc OFFSET 0) AS j,
                jsonb_populate_record(NULL::cases, j.doc) AS x`,
        )
        .returning(['id', 'number', 'account_id']),
    )
    .with('l', () =>
      sql`(INSERT INTO audit_log (${sql.join(auditColumns.map((c) => sql.ref(c)))}, after)
        SELECT ${sql.join(auditColumns.map((c) => sql.ref(`x.${c}`)))},
          x.after || (SELECT jsonb_build_object('number', c.number, 'account', ${accountViewSql('a')}) FROM c JOIN a ON a.id = c.account_id WHERE c.id = x.entity_id::uuid)
        FROM jsonb_populate_recordset(NULL::audit_log, ${data.audits}::jsonb) AS x)`,
    )
    .selectFrom('c')
    .innerJoin('a', 'a.id', 'c.account_id')
    .select(['c.id as case_id', 'c.number', 'a.id as account_id', ...q.ACCOUNT_REFS]);
}

/** The answer to a retry: the case the key's first request filed, unless the body differs. */
async function answerRetry(db: Db, { actor, idempotency }: Filing, seen: { caseId: string; hash: string }): Promise<Filed> {
  if (seen.hash !== idempotency!.hash) {
    throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used with a different request', [
      { field: 'Idempotency-Key', message: 'was already used for a different request' },
    ]);
  }
  const row = (await q.findCase(db, seen.caseId))!;
  return { view: presentCase(row, caseAccess(actor, row, false)), created: false };
}

/**
 * Filing for teams that assign automatically, in a transaction: the assignees are chosen with the
 * teams' rows locked (held until the commit), then the cases are written with their assignees,
 * assignment events and notices and audit records in one statement, like any other.
 */
async function fileAssigned(trx: Db, statements: StatementShapes<WriteShape, WriteData>, intakes: Intake[]): Promise<CaseView[]> {
  const assignments = await chooseAssignees(
    trx,
    intakes.map(({ row, routing }) => ({ team_id: row.team_id, language: row.language, category_code: row.category_code, priority: row.priority, override: routing?.assignment })),
  );
  const assigned = intakes.map((intake, i): Intake => {
    const assignment = assignments[i];
    return assignment ? { ...intake, row: { ...intake.row, assignee_id: assignment.assignee?.id ?? null }, assignment } : intake;
  });
  const cases = assigned.map(decided);
  const written = await writeCases(trx, statements, cases);
  return cases.map((c, i) => presentFiled(c, written[i]!));
}

function assignmentEventRow(row: Intake['row'], assignment: Assignment, ord: number): q.OrderedEvent {
  const { kind, data } = assignmentEvent(assignment);
  return { case_id: row.id, at: row.created_at, actor_id: null, kind, data, ord };
}

/**
 * What the cases' assignments write with them: the notices (the assignee told, or the team's
 * leads that the case waits) and a round-robin team's last pick — of several cases for a team,
 * the last one's (they were picked in order, in the transaction holding the team's row).
 */
function assignmentsOf(intakes: Intake[]) {
  const assigned = intakes.filter((i): i is Intake & { assignment: Assignment } => i.assignment !== undefined);
  const notices = assigned.flatMap(({ row, assignment }) => {
    const n = assignmentNotices(assignment);
    return [...new Set(n.userIds)].map((id) => ({ user_id: id, kind: n.kind, case_id: row.id, data: n.data, at: row.created_at }));
  });
  const lastPicks = new Map(assigned.flatMap(({ assignment: a }) => (a.strategy === 'round_robin' && a.assignee ? [[a.team.id, a.assignee.id] as const] : [])));
  return { notices, picks: [...lastPicks].map(([team, assignee]) => ({ team, assignee })) };
}

/** The notices and round-robin picks of assignmentsOf, each one parameter however many (see recordsetSql). */
function withAssignments(qc: QueryCreator<Database>, shape: WriteShape, data: WriteData): QueryCreator<Database> {
  let creator = qc;
  if (shape.notices) {
    const told = creator.with(
      'an',
      () => sql`(SELECT * FROM jsonb_to_recordset(${data.notices}::jsonb) AS n (user_id uuid, kind text, case_id uuid, data jsonb, at timestamptz))`,
    ) as unknown as QueryCreator<Database>;
    creator = withNotifications(told, 'an', 'assign');
  }
  if (shape.picks) {
    creator = creator.with(
      'rr',
      () => sql`(UPDATE teams t SET round_robin_last = p.assignee FROM jsonb_to_recordset(${data.picks}::jsonb) AS p (team uuid, assignee uuid) WHERE t.id = p.team)`,
    ) as unknown as QueryCreator<Database>;
  }
  return creator;
}
