// E-mail notifications: queued in the outbox in the transaction of their cause, delivered by a
// job through SMTP_URL with the job runner's retries and backoff. Without SMTP_URL they are held
// in the outbox for admins to read.
import { type QueryCreator, sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/pool.js';
import type { Database, Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { type JobHandler, enqueueJob, enqueueJobs } from '../../platform/jobs.js';
import { ADMINS, authorize } from '../identity/policy.js';
import { MAIL_KINDS, type MailKind, renderMail } from './mail-templates.js';

export const MAIL_JOB = 'mail.send';
const MAIL_ATTEMPTS = 6;
const MAILS_PER_STATEMENT = 1000;

export interface MailToUsers {
  userIds: string[];
  kind: MailKind;
  caseId: string | null;
  data: Record<string, unknown>;
}

/** Queues one e-mail per recipient with an address, in their language. */
export async function queueMail(db: Db, now: Date, n: MailToUsers): Promise<void> {
  await queueMails(db, now, [n]);
}

/**
 * Queues many notifications' e-mails in three statements per thousand mails: an SLA sweep round
 * may fire hundreds of breaches, and five statements per breach were most of its time.
 */
export async function queueMails(db: Db, now: Date, mails: MailToUsers[]): Promise<void> {
  const userIds = [...new Set(mails.flatMap((m) => m.userIds))];
  if (userIds.length === 0) return;
  const people = new Map(
    (await db.selectFrom('users').select(['id', 'email', 'locale']).where('id', 'in', userIds).where('active', '=', true).execute()).map((p) => [p.id, p]),
  );
  const values = mails.flatMap((m) => {
    const data = JSON.stringify(m.data);
    return [...new Set(m.userIds)].flatMap((id) => {
      const p = people.get(id);
      return p ? [{ user_id: p.id, to_address: p.email, locale: p.locale, kind: m.kind, case_id: m.caseId, data, created_at: now }] : [];
    });
  });
  // Chunked to stay far below the protocol's 65,535 bind parameters.
  for (let i = 0; i < values.length; i += MAILS_PER_STATEMENT) {
    const rows = await db.insertInto('mail_outbox').values(values.slice(i, i + MAILS_PER_STATEMENT)).returning('id').execute();
    await enqueueJobs(
      db,
      now,
      rows.map(({ id }) => ({ kind: MAIL_JOB, payload: { mailId: id }, dedupeKey: `mail:${id}`, maxAttempts: MAIL_ATTEMPTS })),
    );
  }
}

/**
 * queueMails as part of a caller's statement: CTEs `<as>_m` (the outbox rows) and `<as>_mj` (their
 * send jobs) queue one e-mail for each row of the CTE `source` (user_id, kind, case_id, data, at)
 * whose kind mails and whose user is active, in the user's language.
 */
export function withQueuedMails(qc: QueryCreator<Database>, source: string, as: string): QueryCreator<Database> {
  return qc
    .with(`${as}_m`, () =>
      sql<{ id: number }>`(INSERT INTO mail_outbox (user_id, to_address, locale, kind, case_id, data, created_at)
        SELECT u.id, u.email, u.locale, s.kind, s.case_id, s.data, s.at
          FROM ${sql.table(source)} s JOIN users u ON u.id = s.user_id AND u.active
         WHERE s.kind = ANY(${[...MAIL_KINDS]}::text[])
        RETURNING id, created_at)`,
    )
    .with(`${as}_mj`, () =>
      sql`(INSERT INTO jobs (kind, payload, run_at, max_attempts, dedupe_key, created_at)
        SELECT ${MAIL_JOB}, jsonb_build_object('mailId', id), created_at, ${MAIL_ATTEMPTS}::int, 'mail:' || id, created_at FROM ${sql.table(`${as}_m`)}
        ON CONFLICT (dedupe_key) DO NOTHING)`,
    ) as unknown as QueryCreator<Database>;
}

/** A file sent with an e-mail (a weekly report), stored with it in the outbox. */
export interface MailAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** Queues one e-mail to an address, which may have no user behind it (a CSAT survey to an account's contact). */
export async function queueMailTo(db: Db, now: Date, n: { userId?: string | null; address: string; name: string; locale: Locale; kind: MailKind; caseId: string | null; data: Record<string, unknown>; attachments?: MailAttachment[] }): Promise<void> {
  const { id } = await db
    .insertInto('mail_outbox')
    .values({ user_id: n.userId ?? null, to_address: n.address, to_name: n.name, locale: n.locale, kind: n.kind, case_id: n.caseId, data: JSON.stringify(n.data), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (n.attachments?.length) {
    await db.insertInto('mail_attachments').values(n.attachments.map((a) => ({ mail_id: id, file_name: a.fileName, content_type: a.contentType, content: a.content }))).execute();
  }
  await enqueueJob(db, now, { kind: MAIL_JOB, payload: { mailId: id }, dedupeKey: `mail:${id}`, maxAttempts: MAIL_ATTEMPTS });
}

function mailQuery(db: Db) {
  return db
    .selectFrom('mail_outbox as m')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('cases as c', 'c.id', 'm.case_id')
    .selectAll('m')
    .select((eb) => [eb.fn.coalesce('u.display_name', 'm.to_name', 'm.to_address').as('display_name'), 'c.number', 'c.title']);
}
type MailRow = Awaited<ReturnType<ReturnType<typeof mailQuery>['executeTakeFirstOrThrow']>>;

function render(row: MailRow, publicUrl: string) {
  return renderMail(row.kind as MailKind, row.locale as Locale, {
    name: row.display_name,
    caseNumber: row.number,
    caseTitle: row.title,
    // A mail that carries its own link (a survey) points there, not at the case.
    link: typeof row.data.link === 'string' ? row.data.link : row.case_id ? `${publicUrl}/cases/${row.case_id}` : publicUrl,
    data: row.data,
  });
}

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    // Bounded well inside the job lease, so a slow server never has two workers sending one mail.
    const u = new URL(url);
    transport = nodemailer.createTransport({
      host: u.hostname,
      port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 25),
      secure: u.protocol === 'smtps:',
      ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(url, transport);
  }
  return transport;
}

/**
 * Sends one queued e-mail. A failure is recorded and thrown, so the job runner retries with
 * backoff; after the last attempt the mail is marked failed. Delivery is at least once: a
 * worker that dies between the SMTP server's OK and the status update sends it again.
 */
export const sendMail: JobHandler = async (deps, job) => {
  const { mailId } = job.payload as { mailId: number };
  const row = await mailQuery(deps.db).where('m.id', '=', mailId).executeTakeFirst();
  if (!row || row.status === 'sent') return;
  const { subject, text } = render(row, deps.config.publicUrl);
  if (!deps.config.smtpUrl) {
    await deps.db.updateTable('mail_outbox').set({ status: 'held', subject, body: text }).where('id', '=', mailId).execute();
    return;
  }
  try {
    const files = await deps.db.selectFrom('mail_attachments').select(['file_name', 'content_type', 'content']).where('mail_id', '=', mailId).orderBy('id').execute();
    const attachments = files.map((f) => ({ filename: f.file_name, contentType: f.content_type, content: f.content }));
    await transportFor(deps.config.smtpUrl).sendMail({ from: deps.config.mailFrom, to: row.to_address, subject, text, attachments });
  } catch (error) {
    await deps.db
      .updateTable('mail_outbox')
      .set({ attempts: job.attempts, last_error: (error as Error).message, status: job.attempts >= MAIL_ATTEMPTS ? 'failed' : 'queued', subject, body: text })
      .where('id', '=', mailId)
      .execute();
    throw error;
  }
  await deps.db.updateTable('mail_outbox').set({ status: 'sent', attempts: job.attempts, sent_at: deps.clock.now(), subject, body: text, last_error: null }).where('id', '=', mailId).execute();
};

/** The outbox for admins: what was sent, held (no SMTP_URL), queued or failed, newest first. */
export async function listMail(deps: Deps, actor: Actor, filter: { status?: 'queued' | 'sent' | 'held' | 'failed'; limit: number }) {
  authorize(actor, ADMINS);
  let query = mailQuery(deps.db).orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(filter.limit);
  if (filter.status) query = query.where('m.status', '=', filter.status);
  return (await query.execute()).map((row) => {
    const rendered = row.subject && row.body ? { subject: row.subject, text: row.body } : render(row, deps.config.publicUrl);
    return {
      id: row.id,
      to: { id: row.user_id, displayName: row.display_name, address: row.to_address },
      locale: row.locale,
      kind: row.kind,
      case: row.case_id ? { id: row.case_id, number: row.number ?? '' } : null,
      status: row.status,
      subject: rendered.subject,
      text: rendered.text,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: row.created_at.toISOString(),
      sentAt: row.sent_at?.toISOString() ?? null,
    };
  });
}
