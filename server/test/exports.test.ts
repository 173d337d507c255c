import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../src/db/bulk.js';
import { CASE_EXPORT_LIMIT, exportCases } from '../src/domains/cases/export-cases.js';
import { createApiToken } from '../src/domains/identity/api-tokens.js';
import { WEEKLY_REPORT_JOB, nextReportTime, scheduleWeeklyReport } from '../src/domains/reports/weekly-report.js';
import { createTeam } from '../src/domains/identity/teams.js';
import { createUser } from '../src/domains/identity/users.js';
import { sendMail } from '../src/domains/notify/mail.js';
import { cliActor } from '../src/platform/actor.js';
import { type Job, JobRunner } from '../src/platform/jobs.js';
import { jobHandlers } from '../src/worker.js';
import { type ExportRow, type ExportTable, csvField, exportStream, exportToBuffer } from '../src/platform/export/export.js';
import { type TestContext, type TestUser, bearer, testApp } from './harness.js';

const KL = 'Asia/Kuala_Lumpur';
// exceljs types its input as the older Buffer<ArrayBuffer>; a Node Buffer is what it reads.
const asExcelBuffer = (bytes: Buffer) => bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0];
const batches = (...pages: ExportRow[][]) =>
  (async function* () {
    for (const page of pages) yield page;
  })();

describe('CSV writer', () => {
  it('writes RFC 4180 with a BOM, CRLF, quoting and a formula guard on text only', async () => {
    const table: ExportTable = {
      name: 'x',
      columns: [
        { key: 'text', header: 'Text', type: 'text' },
        { key: 'n', header: 'N', type: 'number' },
        { key: 'at', header: 'At', type: 'datetime' },
        { key: 'day', header: 'Day', type: 'date' },
      ],
      rows: batches(
        [
          { text: 'plain', n: -5, at: '2026-11-01T16:30:00Z', day: '2026-11-02' },
          { text: 'say "hi", then\nleave', n: 1.25, at: null, day: null },
        ],
        [],
        [
          { text: '=HYPERLINK("http://x","y")', n: null },
          { text: '+1', n: 0 },
          { text: '-2+3', n: 3 },
          { text: '@SUM(A1)', n: 4 },
          { text: '提现延迟 — 中文', n: 5 },
        ],
      ),
    };
    const bytes = await exportToBuffer(exportStream('csv', [table], { timeZone: KL }));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')).toEqual([
      `Text,N,At (${KL}),Day`,
      // 16:30 UTC is half past midnight the next day in Kuala Lumpur (UTC+8).
      'plain,-5,2026-11-02 00:30:00,2026-11-02',
      '"say ""hi"", then\nleave",1.25,,',
      `"'=HYPERLINK(""http://x"",""y"")",,,`,
      "'+1,0,,",
      "'-2+3,3,,",
      "'@SUM(A1),4,,",
      '提现延迟 — 中文,5,,',
      '',
    ]);
    expect(csvField('a,b', false)).toBe('"a,b"');
    expect(csvField('=1', false)).toBe('=1');
  });

  it('takes exactly one table', () => {
    expect(() => exportStream('csv', [], { timeZone: KL })).toThrow(/one table/);
  });
});

describe('XLSX writer', () => {
  it('writes typed cells, a bold frozen header and one sheet per table', async () => {
    const tables: ExportTable[] = [
      {
        name: 'Volume',
        columns: [
          { key: 'day', header: 'Day', type: 'date' },
          { key: 'n', header: 'Cases', type: 'integer' },
          { key: 'share', header: 'SLA met', type: 'percent' },
          { key: 'took', header: 'Median', type: 'duration_seconds' },
          { key: 'at', header: 'Created', type: 'datetime' },
          { key: 'note', header: '备注', type: 'text' },
        ],
        rows: batches([
          { day: '2026-11-02', n: 12, share: 0.75, took: 5400, at: '2026-11-01T16:30:00Z', note: '=cmd' },
          { day: '2026-11-03', n: 0, share: null, took: null, at: new Date('2026-11-03T01:02:03Z'), note: '中文' },
        ]),
      },
      { name: 'Backlog: open/all', columns: [{ key: 'v', header: 'Value', type: 'number' }], rows: batches([{ v: 2.5 }]) },
    ];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(asExcelBuffer(await exportToBuffer(exportStream('xlsx', tables, { timeZone: KL }))));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Volume', 'Backlog  open all']);

    const sheet = workbook.getWorksheet('Volume')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1);
    expect(header.values).toEqual([undefined, 'Day', 'Cases', 'SLA met', 'Median', `Created (${KL})`, '备注']);
    for (let col = 1; col <= 6; col++) expect(header.getCell(col).font?.bold).toBe(true);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(10);

    const row = sheet.getRow(2);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(1).value).toEqual(new Date('2026-11-02T00:00:00Z'));
    expect(row.getCell(1).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(2).value).toBe(12);
    expect(row.getCell(3).value).toBe(0.75);
    expect(row.getCell(3).numFmt).toBe('0.0%');
    // A fraction of a day; exceljs reads a number with a time format back as a date since 1899-12-30.
    const serial = (value: unknown) => (value instanceof Date ? (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : value);
    expect(serial(row.getCell(4).value)).toBeCloseTo(5400 / 86_400, 9);
    expect(row.getCell(4).numFmt).toBe('[h]:mm:ss');
    // The wall time in Kuala Lumpur, as Excel shows it: 2026-11-02 00:30.
    expect(row.getCell(5).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(5).value).toEqual(new Date('2026-11-02T00:30:00Z'));
    expect(row.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm');
    // XLSX cells are typed, so text is never run as a formula; it stays as written.
    expect(row.getCell(6).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(6).value).toBe('=cmd');

    const second = sheet.getRow(3);
    expect(second.getCell(2).value).toBe(0);
    expect(second.getCell(3).value).toBeNull();
    expect(second.getCell(5).value).toEqual(new Date('2026-11-03T09:02:03Z'));
    expect(second.getCell(6).value).toBe('中文');
    expect(sheet.rowCount).toBe(3);

    const backlog = workbook.worksheets[1]!;
    expect(backlog.getRow(2).getCell(1).value).toBe(2.5);
    expect(backlog.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('a reader that goes away', () => {
  it.each(['csv', 'xlsx'] as const)('stops pulling rows when the %s stream is destroyed', async (format) => {
    let pulled = 0;
    let finished = false;
    const endless = (async function* () {
      try {
        for (;;) {
          pulled++;
          yield Array.from({ length: 1000 }, (_, i) => ({ n: i, text: `row ${pulled}-${i} ${randomUUID()}${randomUUID()}` }));
        }
      } finally {
        finished = true;
      }
    })();
    const stream = exportStream(format, [{ name: 'x', columns: [{ key: 'n', header: 'N', type: 'integer' }, { key: 'text', header: 'T', type: 'text' }], rows: endless }], { timeZone: KL });
    let received = 0;
    for await (const chunk of stream) {
      received += (chunk as Buffer).length;
      if (received > 1_000_000) break; // for await's break destroys the stream, as a closed socket does
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = pulled;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(pulled).toBe(after);
    expect(finished).toBe(true);
    // Backpressure: it read ahead by a few batches (~100 kB each; XLSX compresses them ~3:1), not the endless rest.
    expect(pulled).toBeLessThan(40);
  });
});

describe('GET /api/v1/cases/export', () => {
  let ctx: TestContext;
  let partner: TestUser;
  let zhManager: TestUser;
  let payments: { id: string };
  const ids: Record<string, string> = {};

  async function person(email: string, role: 'partner' | 'manager', extra: { teamIds?: string[]; locale?: 'zh' } = {}): Promise<TestUser> {
    const user = await createUser(ctx.deps, cliActor, { email, displayName: email.split('@')[0]!, role, ...extra });
    const { token } = await createApiToken(ctx.deps, cliActor, { name: 't', userId: user.id });
    return { id: user.id, email, role, token };
  }
  const draft = (title: string, priority: string, externalId: string) => ({
    title,
    description: 'Seller says the withdrawal has been pending since Monday.',
    category: 'payments/withdrawal-delayed',
    account: { type: 'seller', externalId, name: `Kedai ${externalId}`, email: 'ali@kedai.example', region: 'MY' },
    source: 'crm',
    priority,
    fields: { withdrawalId: 'W-1', amount: 10 },
  });
  const get = (user: TestUser, url: string) => ctx.app.inject({ method: 'GET', url, headers: bearer(user) });
  const csvLines = (body: string) => body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

  beforeAll(async () => {
    ctx = await testApp();
    payments = await createTeam(ctx.deps, cliActor, { name: 'Payments', kind: 'partner' });
    partner = await person('pay.partner@example.test', 'partner', { teamIds: [payments.id] });
    zhManager = await person('zh.manager@example.test', 'manager', { locale: 'zh' });
    for (const [title, priority] of [['=1+1 urgent', 'P1'], ['Second, with comma', 'P2'], ['Third "quoted"', 'P1']] as const) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/cases', headers: bearer(ctx.users.specialist), payload: draft(title, priority, `S-${priority}-${title.length}`) });
      expect(res.statusCode, res.body).toBe(201);
      ids[title] = res.json().id;
      ctx.clock.advance(60_000);
    }
    const handoff = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${ids['Third "quoted"']}/handoffs`,
      headers: bearer(ctx.users.specialist),
      payload: { team: payments.id, question: 'Stuck in the bank batch?', dueAt: new Date(ctx.clock.now().getTime() + 4 * 3600_000).toISOString() },
    });
    expect(handoff.statusCode, handoff.body).toBe(201);
  });
  afterAll(() => ctx.close());

  it('exports the list with its filters and order as CSV, with the total, a file name and the SLA in the reader’s zone', async () => {
    const res = await get(ctx.users.lead, '/api/v1/cases/export?format=csv&priority=P1&sort=createdAt');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['x-total-count']).toBe('2');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cases-\d{4}-\d\d-\d\d\.csv"/);
    const lines = csvLines(res.body);
    expect(lines[0]).toMatch(/^Case,Title,Status,Priority,Category,Team,Assignee,Account,/);
    expect(lines[0]).toContain(`Created (${KL})`);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^ESC-\d{6},'=1\+1 urgent,New,P1,/);
    expect(lines[2]).toMatch(/^ESC-\d{6},"Third ""quoted""",New,P1,/);

    const all = await get(ctx.users.lead, '/api/v1/cases/export?format=csv&tz=UTC');
    expect(all.headers['x-total-count']).toBe('3');
    expect(csvLines(all.body)[0]).toContain('Created (UTC)');
    // Newest first, as the list's default order.
    expect(csvLines(all.body).slice(1).map((l) => l.split(',')[1])).toEqual(['"Third ""quoted"""', '"Second', "'=1+1 urgent"]);
  });

  it('exports only what the caller may see: a partner gets the cases of their handoffs, without SLA', async () => {
    const res = await get(partner, '/api/v1/cases/export?format=csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-total-count']).toBe('1');
    const lines = csvLines(res.body);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Third ""quoted"""');
    const header = lines[0]!.split(',');
    const row = lines[1]!.split(',');
    expect(row[header.indexOf('SLA state')]).toBe('');
    // Filtering cannot widen the scope.
    const p2 = await get(partner, '/api/v1/cases/export?format=csv&priority=P2');
    expect(p2.headers['x-total-count']).toBe('0');
    expect(csvLines(p2.body)).toHaveLength(1);
    const requester = await get(ctx.users.requester, '/api/v1/cases/export?format=csv');
    expect(requester.headers['x-total-count']).toBe('0');
  });

  it('writes XLSX in the caller’s language, cell by cell', async () => {
    const res = await get(zhManager, '/api/v1/cases/export?format=xlsx&sort=createdAt');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/filename="cases-\d{4}-\d\d-\d\d\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(asExcelBuffer(res.rawPayload));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('工单');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['工单号', '标题', '状态', '优先级', '分类']);
    expect(header).toContain(`创建时间 (${KL})`);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(4);
    const first = sheet.getRow(2);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(first.getCell(col('标题')).value).toBe('=1+1 urgent');
    expect(first.getCell(col('状态')).value).toBe('新建');
    expect(first.getCell(col('分类')).value).toBe('提现延迟');
    expect(first.getCell(col('重开次数')).type).toBe(ExcelJS.ValueType.Number);
    const created = first.getCell(col(`创建时间 (${KL})`));
    expect(created.type).toBe(ExcelJS.ValueType.Date);
    const detail = (await get(ctx.users.lead, `/api/v1/cases/${ids['=1+1 urgent']}`)).json();
    // The wall time in Kuala Lumpur (UTC+8, no daylight saving), to the minute.
    expect((created.value as Date).getTime()).toBe(new Date(detail.createdAt).getTime() + 8 * 3600_000);
  });

  it('refuses a bad format, a bad zone and an unknown filter by name', async () => {
    const bad = await get(ctx.users.lead, '/api/v1/cases/export?format=pdf');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['format']);
    const missing = await get(ctx.users.lead, '/api/v1/cases/export');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(['format']);
    const zone = await get(ctx.users.lead, '/api/v1/cases/export?format=csv&tz=Mars/Olympus');
    expect(zone.statusCode).toBe(400);
    expect(zone.json().errors[0].field).toBe('tz');
    const unknown = await get(ctx.users.lead, '/api/v1/cases/export?format=csv&colour=red');
    expect(unknown.statusCode).toBe(400);
    const priority = await get(ctx.users.lead, '/api/v1/cases/export?format=csv&priority=P9');
    expect(priority.json().errors[0].field).toBe('priority');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/cases/export?format=csv' })).statusCode).toBe(401);
  });
});

// The live heap with garbage collected: what the process really holds at that moment.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
// Buffers (a buffered response body, say) live outside the JS heap, in arrayBuffers: both count.
const liveHeap = () => {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

describe('a 100,000-case export', () => {
  let ctx: TestContext;
  const COUNT = 100_000;

  beforeAll(async () => {
    ctx = await testApp();
    const team = await createTeam(ctx.deps, cliActor, { name: 'Bulk', kind: 'service' });
    const accountId = randomUUID();
    await insertRows(ctx.deps.db, 'accounts', [{ id: accountId, type: 'seller', external_id: 'BULK-1', name: 'Bulk seller', tier: 'standard', created_at: new Date(), updated_at: new Date() }]);
    const start = Date.parse('2026-01-01T00:00:00Z');
    const rows = Array.from({ length: COUNT }, (_, i) => ({
      id: randomUUID(),
      number: `BULK-${String(i).padStart(6, '0')}`,
      title: `Bulk case ${i}, "quoted"`,
      description: '',
      category_code: 'payments/withdrawal-delayed',
      account_id: accountId,
      source: 'import',
      language: 'en',
      priority: (['P1', 'P2', 'P3', 'P4'] as const)[i % 4],
      flags: [],
      status: 'resolved',
      team_id: team.id,
      fields: '{}',
      routing: '{}',
      reopen_count: i % 3,
      search_tokens: [],
      csat: (i % 5) + 1,
      created_at: new Date(start + i * 60_000),
      updated_at: new Date(start + i * 60_000),
      resolved_at: new Date(start + i * 60_000 + 3_600_000),
    }));
    await insertRows(ctx.deps.db, 'cases', rows);
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  }, 240_000);
  afterAll(() => ctx?.close());

  /** Streams an export over real HTTP, sampling the live heap about every MB received; keeps no bytes unless told to. */
  async function download(url: string, sink?: (chunk: Uint8Array) => Promise<void>) {
    const { port } = ctx.app.server.address() as AddressInfo;
    const baseline = liveHeap();
    let peak = baseline;
    let bytes = 0;
    let lines = 0;
    let lastSample = 0;
    const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers: bearer(ctx.users.manager) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe(String(COUNT));
    const reader = res.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 0x0a) lines++;
      await sink?.(value);
      // A full GC costs tens of ms; one every ~1 MB received is enough to see what is held.
      if (bytes - lastSample > 1_000_000) {
        lastSample = bytes;
        peak = Math.max(peak, liveHeap());
      }
    }
    return { bytes, lines, growth: peak - baseline };
  }

  it('streams every row as CSV with the live heap growing by a small fraction of the bytes produced', async () => {
    const { bytes, lines, growth } = await download('/api/v1/cases/export?format=csv&sort=createdAt');
    // The header and every case, each row on its own line (no line breaks inside these titles).
    expect(lines).toBe(COUNT + 1);
    expect(bytes).toBeGreaterThan(15_000_000);
    console.info(`100k-case CSV export: ${(bytes / 1e6).toFixed(1)} MB streamed, live heap peak +${(growth / 1e6).toFixed(1)} MB`);
    // Holding the file would grow it by the bytes produced, holding the rows by several times that.
    // (On PGlite the database's own WASM memory, an ArrayBuffer, may grow by a few MB on the first big read.)
    expect(growth).toBeLessThan(bytes / 2);
  }, 240_000);

  it('streams every row as XLSX the same way', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'closeloop-export-')), 'cases.xlsx');
    const out = createWriteStream(file);
    // The file stream's own backpressure is heeded too, or a slow disk would show up as heap.
    const { bytes, growth } = await download('/api/v1/cases/export?format=xlsx&sort=createdAt', async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain');
    });
    await new Promise((resolve) => out.end(resolve));
    console.info(`100k-case XLSX export: ${(bytes / 1e6).toFixed(1)} MB streamed, live heap peak +${(growth / 1e6).toFixed(1)} MB`);
    // What is in flight is about one page of 1,000 cases (its rows, their XML, the zip's window): up to ~13 MB
    // measured on a busy machine, whatever the export's size. Holding the rows would take hundreds of MB, and the
    // sheet's XML that exceljs piles up when its backpressure is not watched ~70 MB.
    expect(growth).toBeLessThan(25_000_000);
    // Read back row by row (after the measurement): the header, then every case in order.
    let rows = 0;
    let last: unknown;
    for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' })) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        rows++;
        last = row.getCell(1).value;
      }
    }
    expect(rows).toBe(COUNT + 1);
    expect(last).toBe(`BULK-${String(COUNT - 1).padStart(6, '0')}`);
  }, 300_000);

  it('lists with an exact total up to 1,000 matches and the planner’s estimate beyond', async () => {
    const list = async (query: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/cases?${query}&limit=50`, headers: bearer(ctx.users.manager) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: unknown[]; total: number; totalIsEstimate: boolean }>();
    };
    // One a minute from 1 January: 1,000 cases in the first 1,000 minutes, 1,001 with one more.
    const exact = await list('createdFrom=2026-01-01T00:00:00Z&createdTo=2026-01-01T16:39:59Z');
    expect(exact).toMatchObject({ total: 1000, totalIsEstimate: false });
    expect(exact.items).toHaveLength(50);
    const beyond = await list('createdFrom=2026-01-01T00:00:00Z&createdTo=2026-01-01T16:40:59Z');
    expect(beyond.totalIsEstimate).toBe(true);
    expect(beyond.total).toBeGreaterThanOrEqual(1000);
    // With statistics (as autovacuum keeps them) the estimate is near the true count.
    await sql`ANALYZE cases`.execute(ctx.database.db);
    const resolved = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM cases WHERE status = 'resolved'`.execute(ctx.database.db)).rows[0]!.n);
    const all = await list('status=resolved');
    expect(all.totalIsEstimate).toBe(true);
    expect(all.total).toBeGreaterThan(resolved * 0.8);
    expect(all.total).toBeLessThan(resolved * 1.2);
  });

  it('refuses an export over the limit before writing a byte, naming the limit', async () => {
    expect(CASE_EXPORT_LIMIT).toBeGreaterThanOrEqual(COUNT);
    const manager = { user: { id: ctx.users.manager.id, email: 'm', displayName: 'm', role: 'manager' as const, locale: 'en' as const, teamIds: [] }, label: 'm', via: 'token' as const };
    const over = exportCases(ctx.deps, manager, { format: 'csv', sort: '-createdAt', priority: ['P1'] }, COUNT / 4 - 1);
    await expect(over).rejects.toMatchObject({ code: 'validation_failed', errors: [{ field: 'limit', code: 'out_of_range', params: { limit: COUNT / 4 - 1 } }] });
    const fits = await exportCases(ctx.deps, manager, { format: 'csv', sort: '-createdAt', priority: ['P1'] }, COUNT / 4);
    expect(fits.total).toBe(COUNT / 4);
    fits.stream.destroy();
  });
});

describe('the weekly team report', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await testApp();
  });
  afterAll(() => ctx.close());

  const monday = '2026-11-23';
  const readXlsx = async (content: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(asExcelBuffer(content));
    return workbook;
  };

  it('runs Monday 08:00 in the organisation’s zone and mails each service team’s leads an XLSX in their language', async () => {
    // Tuesday 10:00 in Kuala Lumpur.
    ctx.clock.set('2026-11-17T02:00:00Z');
    const payouts = await createTeam(ctx.deps, cliActor, { name: 'Payouts', kind: 'service' });
    const quiet = await createTeam(ctx.deps, cliActor, { name: 'Quiet', kind: 'service' });
    const legal = await createTeam(ctx.deps, cliActor, { name: 'Legal', kind: 'partner' });
    const enLead = await createUser(ctx.deps, cliActor, { email: 'lead.en@example.test', displayName: 'Lena', role: 'lead', teamIds: [payouts.id], locale: 'en' });
    const zhLead = await createUser(ctx.deps, cliActor, { email: 'lead.zh@example.test', displayName: '王丽', role: 'lead', teamIds: [payouts.id, legal.id], locale: 'zh' });
    await createUser(ctx.deps, cliActor, { email: 'agent@example.test', displayName: 'Agent', role: 'specialist', teamIds: [payouts.id] });
    for (let i = 0; i < 3; i++) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: bearer(ctx.users.specialist),
        payload: {
          title: `Payout stuck ${i}`,
          description: 'The payout has not arrived.',
          category: 'payments/withdrawal-delayed',
          account: { type: 'seller', externalId: `S-W${i}`, name: `Seller ${i}` },
          source: 'crm',
          team: payouts.id,
          fields: { withdrawalId: `W-${i}`, amount: 10 },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }

    // Monday 07:00 in Kuala Lumpur: the job is queued for 08:00, once however often workers schedule.
    ctx.clock.set('2026-11-22T23:00:00Z');
    await scheduleWeeklyReport(ctx.deps);
    await scheduleWeeklyReport(ctx.deps);
    const jobs = await ctx.deps.db.selectFrom('jobs').select(['run_at', 'payload']).where('kind', '=', WEEKLY_REPORT_JOB).execute();
    expect(jobs).toEqual([{ run_at: new Date('2026-11-23T00:00:00Z'), payload: { monday } }]);
    const runner = new JobRunner(ctx.deps, jobHandlers);
    while ((await runner.runOnce()) > 0);
    const mails = () => ctx.deps.db.selectFrom('mail_outbox').selectAll().where('kind', '=', 'weekly_report').orderBy('to_address').execute();
    expect(await mails()).toEqual([]);

    ctx.clock.set('2026-11-23T00:00:00Z');
    while ((await runner.runOnce()) > 0);
    const sent = await mails();
    // Only the leads of the service team; the Quiet team has none, the partner department gets no report.
    expect(sent.map((m) => [m.to_address, m.locale, m.status])).toEqual([
      ['lead.en@example.test', 'en', 'held'],
      ['lead.zh@example.test', 'zh', 'held'],
    ]);
    expect(sent.map((m) => m.user_id)).toEqual([enLead.id, zhLead.id]);
    expect(sent[0]!.subject).toBe('Weekly report: Payouts, 2026-11-16 – 2026-11-22');
    expect(sent[1]!.subject).toBe('周报：Payouts，2026-11-16 至 2026-11-22');
    expect(quiet.id).toBeTruthy();

    const files = await ctx.deps.db.selectFrom('mail_attachments').selectAll().orderBy('mail_id').execute();
    expect(files.map((f) => [f.mail_id, f.file_name, f.content_type])).toEqual([
      [sent[0]!.id, 'weekly-report-payouts-2026-11-16.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [sent[1]!.id, 'weekly-report-payouts-2026-11-16.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);

    const en = await readXlsx(files[0]!.content);
    expect(en.worksheets.map((w) => w.name)).toEqual(['Cases created', 'SLA attainment', 'Resolution median', 'CSAT average', 'Backlog']);
    const created = en.getWorksheet('Cases created')!;
    expect(created.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((created.getRow(1).values as unknown[]).slice(1)).toEqual(['Day', 'Cases created', 'Cases counted']);
    expect(created.getRow(1).getCell(1).font?.bold).toBe(true);
    // Seven days, Monday to Sunday, then the week.
    const days = Array.from({ length: 7 }, (_, i) => created.getRow(i + 2));
    expect(days.map((r) => r.getCell(1).value)).toEqual(Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2026, 10, 16 + i))));
    expect(days.map((r) => r.getCell(2).value)).toEqual([0, 3, 0, 0, 0, 0, 0]);
    expect(days[1]!.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect((created.getRow(9).values as unknown[]).slice(1)).toEqual(['Week', 3, 3]);
    const backlog = en.getWorksheet('Backlog')!;
    expect(backlog.getRow(8).getCell(2).value).toBe(3);
    expect(backlog.rowCount).toBe(8);

    const zh = await readXlsx(files[1]!.content);
    expect(zh.worksheets.map((w) => w.name)).toEqual(['新建工单', 'SLA 达成率', '解决时长中位数', '平均满意度', '积压']);
    expect((zh.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(['日期', '新建工单数', '计入工单数']);

    // Delivered through SMTP, the workbook goes as a base64 attachment, byte for byte.
    const raws: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, _session, done) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('latin1')));
        stream.on('end', () => (raws.push(raw), done()));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    try {
      const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
      await sendMail({ ...ctx.deps, config: { ...ctx.deps.config, smtpUrl } }, { id: 0, kind: 'mail.send', payload: { mailId: sent[0]!.id }, attempts: 1 } as Job);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
    expect(raws).toHaveLength(1);
    const part = /Content-Type:\s+application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet;?[^]*?Content-Disposition: attachment;\s+filename=(\S+)\r\n\r\n([A-Za-z0-9+/=\r\n]+)/.exec(raws[0]!);
    expect(part?.[1]).toBe('weekly-report-payouts-2026-11-16.xlsx');
    expect(Buffer.from(part![2]!.replace(/\r\n/g, ''), 'base64').equals(files[0]!.content)).toBe(true);

    // From then on, the schedule queues next week's.
    ctx.clock.advance(60_000);
    await scheduleWeeklyReport(ctx.deps);
    const later = await ctx.deps.db.selectFrom('jobs').select(['run_at', 'status']).where('kind', '=', WEEKLY_REPORT_JOB).orderBy('run_at').execute();
    expect(later).toEqual([
      { run_at: new Date('2026-11-23T00:00:00Z'), status: 'done' },
      { run_at: new Date('2026-11-30T00:00:00Z'), status: 'queued' },
    ]);
  });

  it('finds the next Monday 08:00 in the zone, across the day line', () => {
    // Monday 08:00 in Kuala Lumpur is still Sunday in UTC.
    expect(nextReportTime(KL, new Date('2026-11-22T23:59:59Z'))).toEqual({ runAt: new Date('2026-11-23T00:00:00Z'), monday: '2026-11-23' });
    expect(nextReportTime(KL, new Date('2026-11-23T00:00:01Z'))).toEqual({ runAt: new Date('2026-11-30T00:00:00Z'), monday: '2026-11-30' });
    expect(nextReportTime('UTC', new Date('2026-11-23T00:00:01Z'))).toEqual({ runAt: new Date('2026-11-23T08:00:00Z'), monday: '2026-11-23' });
  });
});
