import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../src/domains/imports/import-cases.js';
import { type TestContext, bearer, testApp } from './harness.js';

// History import through the API (and once through the CLI) against a real database.

let ctx: TestContext;
const tempDirs: string[] = [];
beforeAll(async () => {
  ctx = await testApp();
});
afterAll(async () => {
  await ctx.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const MAP = [
  'externalId=Ticket ID', 'title=Subject', 'description=Body', 'createdAt=Created', 'firstResponseMinutes=FRT (min)', 'resolvedAt=Solved at',
  'closedAt=Closed at', 'status=Status', 'priority=Priority', 'category=Category', 'csat=CSAT', 'team=Group', 'assignee=Agent',
  'region=Market', 'accountType=Requester type', 'accountExternalId=Requester ID', 'accountName=Requester', 'accountEmail=Requester e-mail',
].join(',');
const HEADER = 'Ticket ID,Subject,Body,Created,FRT (min),Solved at,Closed at,Status,Priority,Category,CSAT,Group,Agent,Market,Requester type,Requester ID,Requester,Requester e-mail';
const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\r\n')}\r\n`;

// Three rows in three languages; the second has a quoted, multi-line body with commas and quotes.
const ROWS = [
  'ZD-1,Withdrawal stuck,My withdrawal has been pending for five days please help,2024-05-01 08:00,30,2024-05-02 10:00,2024-05-03 10:00,Closed,Urgent,payments/withdrawal-delayed,5,,,MY,Seller,S-1,Kedai Ana,ana@shop.test',
  'ZD-2,提现延迟,"卖家说：""提现三天没有到账"",\n请帮忙查一下",2024-05-04T09:00:00+08:00,,,,In Progress,Medium,Listing removed,,,,CN,creator,C-7,陈伟,',
  'ZD-3,Akaun digantung,Akaun penjual saya telah digantung tanpa sebab,2024-05-05,,,,Pending,low,account/suspension-appeal,,,,MY,seller,S-1,,',
];

function post(body: string, query: Record<string, string | boolean>, role: keyof TestContext['users'] = 'admin', contentType = 'text/csv; charset=utf-8') {
  return ctx.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    query: Object.fromEntries(Object.entries({ map: MAP, ...query }).map(([k, v]) => [k, String(v)])),
    headers: { ...bearer(ctx.users[role]), 'content-type': contentType },
    payload: body,
  });
}

const count = async (table: 'cases' | 'case_events' | 'accounts' | 'categories' | 'teams' | 'users' | 'audit_log') =>
  Number((await ctx.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const snapshot = async () => Object.fromEntries(await Promise.all((['cases', 'case_events', 'accounts', 'categories', 'teams', 'users', 'audit_log'] as const).map(async (t) => [t, await count(t)])));

describe('POST /api/v1/imports', () => {
  it('dry run: reports every row, field and error and what it would create; writes nothing', async () => {
    const before = await snapshot();
    const file = csv(
      ...ROWS,
      'ZD-4,Bad one,,2024-13-01,,,,Limbo,Sev-0,payments/payout-hold,9,,,,seller,S-2,,',
      'ZD-5,Nul,"a\u0000b",2024-05-01,,,,Open,Low,Fraud ring,,Night shift,Bo Tan,,seller,S-3,,',
      'ZD-1,Duplicate key,,2024-05-01,,,,Open,Low,payments/payout-hold,,,,,seller,S-1,,',
    );
    const res = await post(file, { dryRun: true, createMissing: true });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<ImportReport>();
    expect(report).toMatchObject({ dryRun: true, committed: false, rows: 6, valid: 3, invalid: 3, inserted: 0, created: { categories: [], teams: [], agents: [] } });
    expect(report.errors).toEqual([
      { row: 5, field: 'createdAt', message: expect.stringContaining('not a timestamp') },
      { row: 5, field: 'status', message: expect.stringContaining('"Limbo" is not a known status') },
      { row: 5, field: 'priority', message: expect.stringContaining('"Sev-0"') },
      { row: 5, field: 'csat', message: expect.stringContaining('1 to 5') },
      { row: 6, field: 'description', message: 'must not contain NUL characters' },
      { row: 7, field: 'externalId', message: '"ZD-1" is already on row 2' },
    ]);
    expect(await snapshot()).toEqual(before);

    // What create-missing would add is listed only for rows that would be imported.
    const creating = await post(csv('ZD-9,New things,,2024-05-01,,,,Open,Low,Fraud ring,,Night shift,Bo Tan,,seller,S-3,,'), { dryRun: true, createMissing: true });
    expect(creating.json<ImportReport>().created).toEqual({ categories: ['imported/fraud-ring'], teams: ['Night shift'], agents: [expect.stringMatching(/^bo\.tan\.[0-9a-f]{6}@imported\.invalid$/)] });
    expect(await snapshot()).toEqual(before);
  });

  it('imports nothing when any row is invalid, unless told to import the valid rows', async () => {
    const before = await snapshot();
    const file = csv(...ROWS, 'ZD-4,Unknown category,,2024-05-01,,,,Open,Low,Fraud ring,,,,,seller,S-2,,');
    const refused = await post(file, {});
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'import_rejected', report: { committed: false, rows: 4, valid: 3, invalid: 1, errors: [{ row: 5, field: 'category' }] } });
    expect(await snapshot()).toEqual(before);

    const partial = await post(file, { validRowsOnly: true });
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json<ImportReport>()).toMatchObject({ committed: true, rows: 4, valid: 3, invalid: 1, inserted: 3, updated: 0, unchanged: 0, errors: [{ row: 5, field: 'category' }] });
    expect(await count('cases')).toBe(before.cases + 3);
  });

  it('keeps history: timestamps, mapped status and priority, csat, detected language, a created event, searchable text', async () => {
    const row = await ctx.deps.db.selectFrom('cases').selectAll().where('external_id', '=', 'ZD-1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'closed', priority: 'P1', source: 'import', language: 'en', category_code: 'payments/withdrawal-delayed', csat: 5, requester_id: null,
      created_at: new Date('2024-05-01T08:00:00Z'), first_response_at: new Date('2024-05-01T08:30:00Z'),
      resolved_at: new Date('2024-05-02T10:00:00Z'), closed_at: new Date('2024-05-03T10:00:00Z'),
    });
    expect(row.number).toMatch(/^ESC-\d{6}$/);
    const zh = await ctx.deps.db.selectFrom('cases').selectAll().where('external_id', '=', 'ZD-2').executeTakeFirstOrThrow();
    expect(zh).toMatchObject({ status: 'in_progress', priority: 'P3', language: 'zh', category_code: 'listing/removed', description: '卖家说："提现三天没有到账",\n请帮忙查一下', created_at: new Date('2024-05-04T01:00:00Z') });
    const ms = await ctx.deps.db.selectFrom('cases').select(['language', 'status', 'priority']).where('external_id', '=', 'ZD-3').executeTakeFirstOrThrow();
    expect(ms).toEqual({ language: 'ms', status: 'waiting_requester', priority: 'P4' });

    const events = await ctx.deps.db.selectFrom('case_events').select(['kind', 'at', 'data', 'actor_id']).where('case_id', '=', row.id).execute();
    expect(events).toEqual([{ kind: 'created', at: new Date('2024-05-01T08:00:00Z'), data: { source: 'import' }, actor_id: null }]);

    // One account for the two rows that name seller S-1; the second row's blank name kept the first's.
    const account = await ctx.deps.db.selectFrom('accounts').selectAll().where('external_id', '=', 'S-1').executeTakeFirstOrThrow();
    expect(account).toMatchObject({ type: 'seller', name: 'Kedai Ana', email: 'ana@shop.test', region: 'MY' });

    const found = await ctx.app.inject({ url: `/api/v1/cases?q=${encodeURIComponent('三天没有')}`, headers: bearer(ctx.users.admin) });
    expect(found.json<{ items: { number: string }[] }>().items.map((c) => c.number)).toEqual([zh.number]);
  });

  it('gives imported cases the SLA outcomes their timestamps imply', async () => {
    const clocksOf = async (externalId: string) =>
      Object.fromEntries(
        (
          await ctx.deps.db
            .selectFrom('sla_clocks as k')
            .innerJoin('cases as c', 'c.id', 'k.case_id')
            .select(['k.id', 'k.kind', 'k.state', 'k.policy_name', 'k.elapsed_seconds', 'k.breached_at', 'k.stopped_at'])
            .where('c.external_id', '=', externalId)
            .execute()
        ).map((k) => [k.kind, k]),
      );
    // ZD-1, P1 in MY, filed Wednesday 16:00 local: answered in 30 minutes (the target: met);
    // resolved Thursday 18:00 local after 10 working hours, past its 8 (missed at Thursday 16:00).
    const zd1 = await clocksOf('ZD-1');
    expect(zd1.first_response).toMatchObject({ state: 'stopped', policy_name: 'P1 office hours', elapsed_seconds: 1800, breached_at: null });
    expect(zd1.resolution).toMatchObject({ state: 'stopped', elapsed_seconds: 10 * 3600, breached_at: new Date('2024-05-02T08:00:00Z'), stopped_at: new Date('2024-05-02T10:00:00Z') });
    const breaches = await ctx.deps.db.selectFrom('sla_events').select(['kind', 'due_at']).where('clock_id', '=', zd1.resolution!.id).execute();
    expect(breaches).toEqual([{ kind: 'breach', due_at: new Date('2024-05-02T08:00:00Z') }]);
    // ZD-2, open in CN: its clocks run from creation, in the China calendar.
    const zd2 = await clocksOf('ZD-2');
    expect(zd2.first_response).toMatchObject({ state: 'running', policy_name: 'CN P3/P4 office hours' });
    // ZD-3 waits on the requester: resolution paused with the time counted so far, long past its target.
    const zd3 = await clocksOf('ZD-3');
    expect(zd3.resolution!.state).toBe('paused');
    expect(zd3.resolution!.breached_at).not.toBeNull();
    const ms = await ctx.deps.db.selectFrom('cases').select(['sla_state']).where('external_id', '=', 'ZD-3').executeTakeFirstOrThrow();
    expect(ms.sla_state).toBe('breached');
  });

  it('re-importing the same file creates no duplicates; a changed row updates its case', async () => {
    const file = csv(...ROWS);
    const before = await snapshot();
    const again = await post(file, {});
    expect(again.json<ImportReport>()).toMatchObject({ committed: true, inserted: 0, updated: 0, unchanged: 3 });
    const after = await snapshot();
    expect({ ...after, audit_log: 0 }).toEqual({ ...before, audit_log: 0 });

    const changed = await post(csv(ROWS[0]!.replace(',Closed,Urgent,', ',Reopened,High,'), ROWS[1]!, ROWS[2]!), {});
    expect(changed.json<ImportReport>()).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const row = await ctx.deps.db.selectFrom('cases').select(['id', 'status', 'priority']).where('external_id', '=', 'ZD-1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'reopened', priority: 'P2' });
    const event = await ctx.deps.db.selectFrom('case_events').select('data').where('case_id', '=', row.id).where('kind', '=', 'field_changed').executeTakeFirstOrThrow();
    expect(event.data).toEqual({ source: 'import', changes: { status: { from: 'closed', to: 'reopened' }, priority: { from: 'P1', to: 'P2' } } });
    expect(await count('cases')).toBe(before.cases);

    // The metric units, worked out once per chunk after its cases and clocks (the triggers defer
    // to the import), are what a full recomputation makes, the changed case's included.
    const imported = sql`(SELECT id FROM cases WHERE external_id IN ('ZD-1', 'ZD-2', 'ZD-3'))`;
    const units = async () => (await sql<Record<string, unknown>>`SELECT * FROM metric_units WHERE case_id IN ${imported} ORDER BY case_id, family`.execute(ctx.deps.db)).rows;
    const kept = await units();
    expect(kept.filter((u) => u.case_id === row.id).map((u) => [u.family, u.priority])).toEqual(
      expect.arrayContaining([['created', 'P2'], ['open', 'P2']]),
    );
    expect(new Set(kept.map((u) => u.case_id)).size).toBe(3);
    await sql`SELECT metric_units_refresh(ARRAY${imported})`.execute(ctx.deps.db);
    expect(await units()).toEqual(kept);
    // Outside an import nothing is deferred.
    expect((await sql<{ deferred: boolean }>`SELECT metric_units_deferred() AS deferred`.execute(ctx.deps.db)).rows[0]!.deferred).toBe(false);
  });

  it('creates missing categories, service teams and inactive agents without a password when asked', async () => {
    const file = csv(
      'ZD-20,Ring,,2024-06-01,,,,Open,Low,Fraud ring,,Night shift,Bo Tan,,seller,S-20,,',
      'ZD-21,Ring again,,2024-06-02,,,,Open,Low,fraud RING,,night SHIFT,bo@desk.test,,seller,S-20,,',
    );
    const refused = await post(file, { dryRun: true });
    expect(refused.json<ImportReport>().errors.map((e) => `${e.row} ${e.field}`)).toEqual(['2 category', '2 team', '2 assignee', '3 category', '3 team', '3 assignee']);

    const res = await post(file, { createMissing: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ImportReport>()).toMatchObject({ inserted: 2, created: { categories: ['imported/fraud-ring'], teams: ['Night shift'] } });
    const category = await ctx.deps.db.selectFrom('categories').selectAll().where('code', '=', 'imported/fraud-ring').executeTakeFirstOrThrow();
    expect(category).toMatchObject({ parent_code: 'imported', labels: { en: 'Fraud ring', zh: 'Fraud ring', ms: 'Fraud ring' } });
    const team = await ctx.deps.db.selectFrom('teams').selectAll().where('name', '=', 'Night shift').executeTakeFirstOrThrow();
    expect(team.kind).toBe('service');
    const agents = await ctx.deps.db.selectFrom('users').select(['email', 'display_name', 'role', 'active', 'password_hash']).where('email', 'in', ['bo@desk.test']).execute();
    expect(agents).toEqual([{ email: 'bo@desk.test', display_name: 'bo', role: 'specialist', active: false, password_hash: null }]);
    const cases = await ctx.deps.db.selectFrom('cases').select(['team_id', 'category_code']).where('external_id', 'in', ['ZD-20', 'ZD-21']).execute();
    expect(cases).toEqual([{ team_id: team.id, category_code: 'imported/fraud-ring' }, { team_id: team.id, category_code: 'imported/fraud-ring' }]);

    // Created once: a second run finds them.
    const rerun = await post(file, { createMissing: true });
    expect(rerun.json<ImportReport>()).toMatchObject({ unchanged: 2, created: { categories: [], teams: [], agents: [] } });
  });

  it('admins, leads and managers may import; a specialist gets 403', async () => {
    const file = csv('ZD-30,By a lead,,2024-06-01,,,,Open,Low,order/logistics,,,,,customer,B-1,,');
    expect((await post(file, {}, 'specialist')).statusCode).toBe(403);
    expect((await post(file, {}, 'requester')).statusCode).toBe(403);
    const lead = await post(file, {}, 'lead');
    expect(lead.statusCode, lead.body).toBe(200);
    const audit = await ctx.deps.db.selectFrom('audit_log').select(['actor_label', 'after']).where('action', '=', 'cases.imported').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_label: ctx.users.lead.email, after: { inserted: 1 } });
  });

  it('answers bad input with a 4xx naming the field, never a 5xx', async () => {
    const cases = [
      [await post('Ticket ID\r\nZD-1\r\n', { map: 'title=Subject' }), 400, 'map'],
      [await post('Ticket ID\r\nZD-1\r\n', { map: 'externalId=Key' }), 400, 'map'],
      // Refused at the header with megabytes still to come: the rest is read and dropped, not left hanging.
      [await post(csv(...Array.from({ length: 20_000 }, () => ROWS[0]!)), { map: 'externalId=Key' }), 400, 'map'],
      [await post('', {}), 400, 'file'],
      [await post(`${HEADER}\r\nZD-1,"unclosed\r\n`, {}), 400, 'file'],
      [await post('Ticket\u0000 ID\r\n', { map: 'externalId=Ticket ID' }), 400, 'header'],
      [await post('Ticket ID\r\n', { map: 'externalId=Ticket\u0000 ID' }), 400, 'map'],
      [await post(JSON.stringify({ rows: [] }), {}, 'admin', 'application/json'), 415, 'body'],
    ] as const;
    for (const [res, status, field] of cases) {
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().errors?.[0]?.field, res.body).toBe(field);
    }
    const extra = await post(csv('ZD-40,Shifted,a,b,2024-06-01,,,,Open,Low,order/logistics,,,,,customer,B-1,,'), { dryRun: true });
    expect(extra.json<ImportReport>().errors).toContainEqual({ row: 2, field: 'columns', message: expect.stringContaining('unquoted comma') });
    // A BOM and a header in another case are fine.
    const bom = await post(`\uFEFF${HEADER.toUpperCase()}\nZD-41,BOM,,2024-06-01,,,,Open,Low,order/logistics,,,,,customer,B-1,,\n`, { dryRun: true });
    expect(bom.json<ImportReport>()).toMatchObject({ rows: 1, valid: 1, errors: [] });
  });
});

describe('closeloop import cases', () => {
  it('imports a file on the embedded database, printing progress to stderr and the report to stdout', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'closeloop-import-'));
    tempDirs.push(dir);
    const file = join(dir, 'export.csv');
    writeFileSync(file, csv(...ROWS, 'ZD-4,Bad,,2024-05-01,,,,Limbo,Low,order/logistics,,,,,customer,B-1,,'));
    const env: NodeJS.ProcessEnv = { ...process.env, CLOSELOOP_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', 'import', 'cases', file, '--map', MAP, '--valid-rows-only'], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(stderr).toMatch(/^read 4 rows$/m);
    expect(stderr).toMatch(/^wrote 3 of 3 rows$/m);
    expect(stdout).toContain('4 rows: 3 valid, 1 invalid');
    expect(stdout).toContain('imported: 3 new, 0 updated, 0 unchanged');
    expect(stdout).toMatch(/^row 5 status: "Limbo" is not a known status/m);
  });
});
