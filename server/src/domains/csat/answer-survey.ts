// The public side of a survey: what the link shows, and the one answer it takes.
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../db/pool.js';
import type { Locale } from '../../db/schema.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { insertEvent } from '../cases/queries.js';
import { notify } from '../notify/notify.js';
import { parseSurveyToken, verifySurveyToken } from './token.js';

export const CSAT_COMMENT_MAX = 2000;
/** Scores at or below this create a follow-up for the team's leads. */
export const CSAT_LOW_MAX = 2;

export interface SurveyView {
  caseNumber: string;
  caseTitle: string;
  language: Locale;
  state: 'open' | 'answered' | 'expired';
  expiresAt: string;
}

/** The survey a token was signed for; a malformed, tampered or unknown token is "not found". */
async function surveyFor(db: Db, secret: string, token: string, lock: boolean) {
  const parsed = parseSurveyToken(token);
  if (!parsed) throw AppError.notFound('survey');
  let query = db
    .selectFrom('csat_surveys as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .select(['s.id', 's.case_id', 's.language', 's.nonce', 's.expires_at', 's.answered_at', 's.score', 'c.number', 'c.title', 'c.team_id', 'c.csat'])
    .where('s.id', '=', parsed.id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row || !verifySurveyToken(secret, token, { id: row.id, expiresAt: row.expires_at, nonce: row.nonce })) throw AppError.notFound('survey');
  return row;
}

function stateOf(row: { answered_at: Date | null; expires_at: Date }, now: Date): SurveyView['state'] {
  if (row.answered_at) return 'answered';
  return row.expires_at <= now ? 'expired' : 'open';
}

export async function getSurvey(deps: Deps, token: string): Promise<SurveyView> {
  const row = await surveyFor(deps.db, deps.config.secret, token, false);
  return { caseNumber: row.number, caseTitle: row.title, language: row.language, state: stateOf(row, deps.clock.now()), expiresAt: row.expires_at.toISOString() };
}

/** Active leads of the case's team; every active lead when no team holds the case. */
async function leadsOf(db: Db, teamId: string | null): Promise<string[]> {
  let query = db.selectFrom('users as u').select('u.id').where('u.role', '=', 'lead').where('u.active', '=', true);
  if (teamId) query = query.where((eb) => eb.exists(eb.selectFrom('team_members as m').select('m.user_id').whereRef('m.user_id', '=', 'u.id').where('m.team_id', '=', teamId)));
  return (await query.execute()).map((r) => r.id);
}

/**
 * Takes the one answer of a survey: the score goes to the survey and to the case (cases.csat,
 * which the metrics read), with a timeline event and an audit entry. A low score notifies the
 * team's leads (in-app and e-mail) so one of them follows up with the customer.
 */
export async function answerSurvey(deps: Deps, actor: Actor, token: string, input: { score: number; comment?: string }): Promise<void> {
  const now = deps.clock.now();
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > CSAT_COMMENT_MAX) {
    throw AppError.validation('comment', `must be at most ${CSAT_COMMENT_MAX} characters`, 'too_long', { limit: CSAT_COMMENT_MAX });
  }
  await deps.db.transaction().execute(async (trx) => {
    const row = await surveyFor(trx, deps.config.secret, token, true);
    const state = stateOf(row, now);
    if (state === 'answered') throw new AppError('conflict', 'this survey was already answered');
    if (state === 'expired') throw new AppError('gone', 'this survey link has expired');
    await trx.updateTable('csat_surveys').set({ score: input.score, comment, answered_at: now }).where('id', '=', row.id).execute();
    await trx.updateTable('cases').set({ csat: input.score }).where('id', '=', row.case_id).execute();
    const low = input.score <= CSAT_LOW_MAX;
    const leads = low ? await leadsOf(trx, row.team_id) : [];
    await insertEvent(trx, {
      caseId: row.case_id,
      at: now,
      actorId: null,
      kind: 'csat_answered',
      data: { surveyId: row.id, score: input.score, comment, ...(low ? { followUp: { leads: leads.length } } : {}) },
    });
    if (low) {
      await notify(trx, { userIds: leads, kind: 'csat_low', caseId: row.case_id, data: { score: input.score, comment, surveyId: row.id }, at: now });
    }
    await recordAudit(trx, actor, now, {
      action: 'csat.answered',
      entityType: 'case',
      entityId: row.case_id,
      before: { csat: row.csat },
      after: { csat: input.score, surveyId: row.id },
    });
  });
}
