import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { CaseSource, IntakeField, Locale, Priority } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { detectLanguage } from '../../platform/text/language.js';
import { searchTokens } from '../../platform/text/search-tokens.js';
import { authorize } from '../identity/policy.js';
import { autoAssign } from '../assignment/assign.js';
import { repeatCountSql, routeCase } from '../routing/route-case.js';
import { applySla } from '../sla/case-clocks.js';
import { type AccountInput, accountWriteError, upsertAccountQuery } from './accounts.js';
import { intakeConfiguration } from './intake-configuration.js';
import { CASE_FILERS, caseAccess } from './policy.js';
import { type CaseView, presentCase } from './present.js';
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

/**
 * Files an escalation. With an idempotency key, a retry of the same request returns the
 * case the first one created; the same key with a different body is refused.
 */
export async function fileCase(deps: Deps, actor: Actor, draft: CaseDraft, idempotencyKey?: string): Promise<{ view: CaseView; created: boolean }> {
  authorize(actor, CASE_FILERS);
  const now = deps.clock.now();
  const actorKey = actor.user?.id ?? actor.label;
  const hash = requestHash(draft);
  return deps.db.transaction().execute(async (trx) => {
    if (idempotencyKey) {
      // Same-key requests queue behind each other here, so only the first one files a case.
      await sql`SELECT pg_advisory_xact_lock(hashtext(${actorKey}), hashtext(${idempotencyKey}))`.execute(trx);
      const seen = await trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'case_id'])
        .where('actor_key', '=', actorKey)
        .where('key', '=', idempotencyKey)
        .executeTakeFirst();
      if (seen) {
        if (seen.request_hash !== hash) {
          throw new AppError('idempotency_key_reused', 'this Idempotency-Key was used with a different request', [
            { field: 'Idempotency-Key', message: 'was already used for a different request' },
          ]);
        }
        const row = (await q.findCase(trx, seen.case_id))!;
        return { view: presentCase(row, caseAccess(actor, row, false)), created: false };
      }
    }

    const configuration = await intakeConfiguration(trx, deps.db);
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

    const title = draft.title.trim();
    const language = draft.language ?? detectLanguage(`${draft.title}\n${draft.description}`);
    const priority = draft.priority ?? 'P3';
    const teamId = draft.team ?? null;
    const actorId = actor.user?.id ?? null;
    // One statement: the account, the case (its number taken inside), its `created` event, and
    // what routing needs that only the database knows (the account's recent cases in the category).
    const { id, repeats, ...account } = await trx
      .with('a', (db) => upsertAccountQuery(db, draft.account, now))
      .with('c', (db) =>
        db
          .insertInto('cases')
          .values({
            number: q.nextCaseNumberSql,
            title,
            description: draft.description,
            category_code: category.code,
            account_id: sql<string>`(SELECT id FROM a)`,
            requester_id: actorId,
            source: draft.source,
            language,
            priority,
            flags: [],
            status: 'new',
            team_id: teamId,
            fields: JSON.stringify(draft.fields ?? {}),
            search_tokens: searchTokens(`${draft.title}\n${draft.description}`),
            created_at: now,
            updated_at: now,
          })
          .returning(['id', repeatCountSql('cases').as('repeats')]),
      )
      .with('e', (db) =>
        db
          .insertInto('case_events')
          .columns(['case_id', 'at', 'actor_id', 'kind', 'data'])
          .expression((eb) =>
            eb.selectFrom('c').select((s) => ['c.id', s.val(now).as('at'), s.val(actorId).as('actor_id'), s.val('created').as('kind'), s.val(JSON.stringify({ source: draft.source })).as('data')]),
          ),
      )
      .selectFrom(['c', 'a'])
      .select(['c.id', 'c.repeats', 'a.type', 'a.tier', 'a.region'])
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        throw accountWriteError(error, draft.account);
      });
    if (idempotencyKey) {
      await trx
        .insertInto('idempotency_keys')
        .values({ actor_key: actorKey, key: idempotencyKey, request_hash: hash, case_id: id, created_at: now })
        .execute();
    }
    const facts = {
      category: category.code,
      region: account.region,
      language,
      source: draft.source,
      account: { type: account.type, tier: account.tier },
      title,
      description: draft.description,
      priority,
      flags: [],
      repeat_count_30d: Number(repeats),
      teamId,
      previous: {},
    };
    const explicit = { explicitTeam: Boolean(draft.team), explicitPriority: Boolean(draft.priority) };
    const routed = await routeCase(trx, now, id, { intake: true, ...explicit, configuration, facts, deferRecord: true });
    const routedTeamId = routed.changes.team_id ?? teamId;
    const team = routedTeamId ? configuration.teams.get(routedTeamId) : undefined;
    const assigneeId = await autoAssign(trx, now, id, routed.assignment, {
      team_id: routedTeamId,
      assignee_id: null,
      language,
      category_code: category.code,
      assignment_strategy: team?.assignment_strategy ?? null,
      kind: team?.kind ?? null,
    });
    const summary = await applySla(
      trx,
      now,
      id,
      { type: 'created' },
      {
        summarise: false,
        configuration,
        facts: {
          priority: routed.changes.priority ?? priority,
          category: category.code,
          accountTier: account.tier,
          region: account.region,
          status: 'new',
          firstResponseAt: null,
          teamId: routedTeamId,
          assigneeId,
        },
      },
    );
    // The clocks' summary (and the routing record, unless routing wrote it with its changes) is
    // written by the statement that reads the case back: the read sees the case as it was before
    // that statement, so the summary is laid over it here (the record is not part of the read).
    const written = routed.record === undefined ? summary : { ...summary, routing: routed.record };
    const row = { ...(await q.findCaseWriting(trx, id, written)), ...summary };
    const view = presentCase(row, caseAccess(actor, row, false));
    await recordAudit(trx, actor, now, { action: 'case.created', entityType: 'case', entityId: id, after: view });
    return { view, created: true };
  });
}
