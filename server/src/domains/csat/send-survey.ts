// Sending a CSAT survey: scheduled in the transaction that resolves a case, sent by a job
// after CLOSELOOP_CSAT_DELAY_MINUTES to the requester or, without one, the account's contact.
import type { Config } from '../../config.js';
import { systemActor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../db/pool.js';
import type { Locale } from '../../db/schema.js';
import { type JobHandler, enqueueJob } from '../../platform/jobs.js';
import { queueMailTo } from '../notify/mail.js';
import { insertEvent } from '../cases/queries.js';
import { newNonce, signSurveyToken } from './token.js';

export const CSAT_SEND_JOB = 'csat.send';
/** How long a survey link stays open. */
export const CSAT_EXPIRY_DAYS = 14;
const DAY_MS = 24 * 3600_000;
const DATE_LOCALES: Record<Locale, string> = { en: 'en-GB', zh: 'zh-CN', ms: 'ms-MY' };

/** Queues the survey of this resolution (called inside the resolve transaction). */
export async function scheduleSurvey(trx: Db, now: Date, caseId: string, delayMinutes: number): Promise<void> {
  const resolvedAt = now.toISOString();
  await enqueueJob(trx, now, {
    kind: CSAT_SEND_JOB,
    payload: { caseId, resolvedAt },
    runAt: new Date(now.getTime() + delayMinutes * 60_000),
    dedupeKey: `csat:${caseId}:${resolvedAt}`,
  });
}

/** What the survey e-mail needs: the signed link and the expiry date in the recipient's words. */
export function surveyMailData(config: Config, s: { id: string; expiresAt: Date; nonce: string; language: Locale }, timeZone: string | null) {
  return {
    link: `${config.publicUrl}/csat/${signSurveyToken(config.secret, s)}`,
    expiresOn: new Intl.DateTimeFormat(DATE_LOCALES[s.language], { dateStyle: 'long', timeZone: timeZone ?? 'Asia/Kuala_Lumpur' }).format(s.expiresAt),
  };
}

/**
 * Sends the survey of one resolution to the requester (a requester-role user) or else the account's
 * contact address, unless the case was reopened since (or resolved again:
 * that resolution has its own job), this resolution already has its survey, or an earlier
 * survey of the case is still open (unanswered and unexpired).
 */
export const sendSurvey: JobHandler = async (deps, job) => {
  const { caseId, resolvedAt } = job.payload as { caseId: string; resolvedAt: string };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('cases as c')
      .innerJoin('accounts as a', 'a.id', 'c.account_id')
      .leftJoin('regions as r', 'r.code', 'a.region')
      // Staff who filed a case on an account's behalf are its requester, but the customer is the account.
      .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'c.requester_id').on('u.active', '=', true).on('u.role', '=', 'requester'))
      .select([
        'c.id', 'c.number', 'c.title', 'c.status', 'c.resolved_at', 'c.language',
        'a.name as account_name', 'a.email as account_email', 'a.language as account_language', 'r.time_zone',
        'u.id as user_id', 'u.email as user_email', 'u.locale as user_locale', 'u.display_name as user_name',
      ])
      .where('c.id', '=', caseId)
      .forUpdate('c')
      .executeTakeFirst();
    if (!c || (c.status !== 'resolved' && c.status !== 'closed') || c.resolved_at?.toISOString() !== resolvedAt) return;
    const open = await trx
      .selectFrom('csat_surveys')
      .select('id')
      .where('case_id', '=', caseId)
      .where((eb) => eb.or([eb('resolved_at', '=', new Date(resolvedAt)), eb.and([eb('answered_at', 'is', null), eb('expires_at', '>', now)])]))
      .executeTakeFirst();
    if (open) return;

    const recipient = c.user_id
      ? { userId: c.user_id, address: c.user_email!, name: c.user_name!, locale: c.user_locale!, kind: 'requester' as const }
      : c.account_email
        ? { userId: null, address: c.account_email, name: c.account_name, locale: c.account_language ?? c.language, kind: 'account_contact' as const }
        : null;
    if (!recipient) return; // nobody to ask: no requester user and no contact address on the account
    const expiresAt = new Date(now.getTime() + CSAT_EXPIRY_DAYS * DAY_MS);
    const nonce = newNonce();
    const { id } = await trx
      .insertInto('csat_surveys')
      .values({
        case_id: caseId,
        resolved_at: new Date(resolvedAt),
        language: recipient.locale,
        recipient_user_id: recipient.userId,
        recipient_address: recipient.address,
        nonce,
        sent_at: now,
        expires_at: expiresAt,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const data = surveyMailData(deps.config, { id, expiresAt, nonce, language: recipient.locale }, c.time_zone);
    await queueMailTo(trx, now, { userId: recipient.userId, address: recipient.address, name: recipient.name, locale: recipient.locale, kind: 'csat_survey', caseId, data });
    await insertEvent(trx, { caseId, at: now, actorId: null, kind: 'csat_sent', data: { surveyId: id, recipient: recipient.kind, language: recipient.locale, expiresAt: expiresAt.toISOString() } });
    await recordAudit(trx, systemActor, now, { action: 'csat.sent', entityType: 'case', entityId: caseId, after: { surveyId: id, recipient: recipient.kind, language: recipient.locale } });
  });
};
