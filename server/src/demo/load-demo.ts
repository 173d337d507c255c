import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { insertRows } from '../db/bulk.js';
import { backfillClocks } from '../domains/sla/backfill.js';
import { surveyMailData } from '../domains/csat/send-survey.js';
import type { Config } from '../config.js';
import type { Db } from '../db/pool.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../platform/actor.js';
import { recordAudit } from '../platform/audit.js';
import type { Deps } from '../platform/deps.js';
import { createTeam } from '../domains/identity/teams.js';
import { createUser } from '../domains/identity/users.js';
import { hashPassword } from '../platform/secrets.js';
import { DEMO_CASE_COUNT, DEMO_HISTORY_DAYS, DEMO_SEED, type DemoDirectory, type DemoHistory, buildHistory } from './history.js';
import { loadDemoKnowledge } from './knowledge.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TEAMS, type DemoPerson } from './organisation.js';
import { loadDemoRouting } from './routing.js';
import { demoTier1Contacts } from './tier1.js';

export type DemoLoad = { loaded: true; people: DemoPerson[]; cases: number } | { loaded: false; reason: string };

/**
 * Loads the demo organisation into an empty database through the same use cases as the
 * API (so it is audited and validated like any other change). A database with users is left alone.
 */
export async function loadDemo(deps: Deps, actor: Actor, progress: (msg: string) => void = () => {}): Promise<DemoLoad> {
  const existing = await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return { loaded: false, reason: 'the database already has users' };
  const teamIds = new Map<string, string>();
  const directory: DemoDirectory = { users: new Map(), teams: new Map() };
  for (const team of DEMO_TEAMS) {
    const created = await createTeam(deps, actor, { name: team.name, kind: team.kind, region: team.region });
    teamIds.set(team.key, created.id);
    directory.teams.set(team.key, { id: created.id, name: team.name });
  }
  progress(`demo: ${DEMO_TEAMS.length} teams`);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [i, person] of DEMO_PEOPLE.entries()) {
    const user = await createUser(deps, actor, {
      email: person.email,
      displayName: person.name,
      role: person.role,
      region: person.region,
      languages: person.languages,
      locale: person.locale,
      teamIds: person.teams.map((key) => teamIds.get(key)!),
    }, { passwordHash });
    directory.users.set(person.email, { id: user.id, name: person.name });
    if ((i + 1) % 10 === 0) progress(`demo: ${i + 1}/${DEMO_PEOPLE.length} people`);
  }
  progress(`demo: ${DEMO_PEOPLE.length} people`);
  await loadDemoRouting(deps, actor, teamIds);
  progress('demo: routing rules and the legal escalation ladder');
  const cases = await loadCaseHistory(deps, actor, directory, progress);
  // A bulk load leaves the planner with no statistics until autovacuum (or, where none runs, the
  // hourly maintenance) gets to it; meanwhile an intake's metric-unit refresh read every decided
  // clock's entry in the index on their kind (3,886 entries for one case of 2,000).
  await sql`ANALYZE`.execute(deps.db);
  progress('demo: planner statistics');
  return { loaded: true, people: DEMO_PEOPLE, cases };
}

/**
 * Loads about 2,000 cases of history (the last 90 days before the clock's now) with their
 * comments, events, handoffs and notifications, then the knowledge base and response templates. Built in memory and written with multi-row
 * INSERTs in one transaction: going through the use cases per case would take minutes on
 * PGlite, and `npm start` loads this on first start. One audit entry records the load.
 */
export async function loadCaseHistory(deps: Deps, actor: Actor, directory: DemoDirectory, progress: (msg: string) => void = () => {}): Promise<number> {
  const started = Date.now();
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    // Numbers come from the sequence like any intake's, so later cases carry on after them.
    const { rows } = await sql<{ n: number }>`SELECT nextval('case_number_seq')::int AS n FROM generate_series(1, ${DEMO_CASE_COUNT})`.execute(trx);
    const numbers = rows.map((r) => r.n).sort((a, b) => a - b);
    const history = buildHistory({ now, directory, numbers, newId: randomUUID, seed: DEMO_SEED, csatDelayMinutes: deps.config.csatDelayMinutes });
    progress(`demo: built ${history.cases.length} cases in memory (${Date.now() - started} ms)`);
    const tables: [keyof DemoHistory, keyof Database][] = [
      ['accounts', 'accounts'],
      ['cases', 'cases'],
      ['comments', 'case_comments'],
      ['events', 'case_events'],
      ['handoffs', 'handoffs'],
      ['links', 'case_links'],
      ['notifications', 'notifications'],
      ['jobs', 'jobs'],
      ['surveys', 'csat_surveys'],
    ];
    for (const [key, table] of tables) {
      await insertRows(trx, table, history[key], (done) => {
        if (key === 'cases') progress(`demo: ${done}/${history.cases.length} cases`);
      });
      if (key !== 'cases') progress(`demo: ${history[key].length} ${key}`);
    }
    await holdOpenSurveyMails(trx, deps.config, now);
    const contacts = await demoTier1Contacts(trx, history.cases as { created_at: Date; category_code: string; account_id: string }[], { now, days: DEMO_HISTORY_DAYS, timeZone: deps.config.timeZone, seed: DEMO_SEED });
    await insertRows(trx, 'tier1_contacts', contacts);
    progress(`demo: ${contacts.length} Tier 1 contact counts`);
    // The demo's SLA clocks follow from its timestamps, as an import's do.
    await backfillClocks(trx, now, history.cases.map((c) => c.id as string));
    progress('demo: SLA clocks');
    // The knowledge base refers to the cases its articles were used on, so it comes after them.
    const knowledgeStarted = Date.now();
    const knowledge = await loadDemoKnowledge(trx, { now, directory, cases: history.cases, seed: DEMO_SEED });
    progress(`demo: ${knowledge.articles} knowledge articles (used on ${knowledge.links} cases), ${knowledge.templates} response templates (${Date.now() - knowledgeStarted} ms)`);
    const counts = Object.fromEntries(tables.map(([key]) => [key, history[key].length]));
    await recordAudit(trx, actor, now, {
      action: 'demo.loaded',
      entityType: 'demo',
      entityId: 'case-history',
      after: { seed: DEMO_SEED, ...counts, ...knowledge, firstNumber: history.cases[0]?.number, lastNumber: history.cases.at(-1)?.number },
    });
    progress(`demo: case history loaded in ${Date.now() - started} ms`);
    return history.cases.length;
  });
}

/** The e-mails of the surveys still open at now, held in the outbox as they would be without SMTP_URL. */
async function holdOpenSurveyMails(trx: Db, config: Config, now: Date): Promise<void> {
  const open = await trx
    .selectFrom('csat_surveys as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .leftJoin('regions as r', 'r.code', 'a.region')
    .select(['s.id', 's.case_id', 's.language', 's.nonce', 's.expires_at', 's.sent_at', 's.recipient_user_id', 's.recipient_address', 'a.name', 'r.time_zone'])
    .where('s.answered_at', 'is', null)
    .where('s.expires_at', '>', now)
    .orderBy('s.sent_at')
    .execute();
  const mails = open.map((s) => ({
    user_id: s.recipient_user_id,
    to_address: s.recipient_address,
    to_name: s.recipient_user_id ? null : s.name,
    locale: s.language,
    kind: 'csat_survey',
    case_id: s.case_id,
    data: JSON.stringify(surveyMailData(config, { id: s.id, expiresAt: s.expires_at, nonce: s.nonce, language: s.language }, s.time_zone)),
    status: 'held',
    attempts: 0,
    created_at: s.sent_at,
  }));
  await insertRows(trx, 'mail_outbox', mails);
}

/** The sign-ins worth knowing, one per role, for the start banner and the README. */
export function demoSignIns(): string {
  const byRole = new Map<string, DemoPerson>();
  for (const person of DEMO_PEOPLE) if (!byRole.has(person.role)) byRole.set(person.role, person);
  const lines = [...byRole.values()].map((p) => `  ${p.role.padEnd(11)} ${p.email}`);
  return [`Demo sign-ins (password for everyone: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}
