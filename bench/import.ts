/**
 * History import at scale: generates a CSV of ROWS cases (default 100,000) in a temp
 * directory, imports it into a fresh on-disk PGlite, then imports it again (the re-run
 * path: every row compared, nothing written). Prints the timings.
 *
 *   npx tsx bench/import.ts [rows]
 *
 * `npm run bench` runs the same two passes as its `import` scenario (bench/run.ts), into the
 * backend under test.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { loadConfig } from '../server/src/config.js';
import { migrate } from '../server/src/db/migrate.js';
import { openDatabase } from '../server/src/db/pool.js';
import { importCases } from '../server/src/domains/imports/import-cases.js';
import { cliActor } from '../server/src/platform/actor.js';
import { systemClock } from '../server/src/platform/clock.js';
import type { Deps } from '../server/src/platform/deps.js';

const MAP =
  'externalId=Ticket ID,title=Subject,description=Description,createdAt=Created,firstResponseMinutes=First response (min),' +
  'resolvedAt=Resolved,closedAt=Closed,status=Status,priority=Priority,category=Category,csat=CSAT,region=Market,' +
  'accountType=Requester type,accountExternalId=Requester ID,accountName=Requester,accountEmail=Requester email';

const SUBJECTS = [
  ['Withdrawal pending for five days', 'My withdrawal has been pending since last week, please help, the money is still not in my bank account.'],
  ['提现三天没有到账', '卖家反映提现已经三天没有到账，银行那边也查不到记录，请帮忙核实一下结算状态。'],
  ['Pengeluaran wang tertangguh', 'Pengeluaran wang saya masih belum diterima sejak minggu lepas, tolong bantu semak status bayaran.'],
  ['Listing removed without reason', 'Our best selling listing was removed yesterday, we did not receive any notice from the policy team.'],
  ['直播违规申诉', '达人直播被判违规，但是直播内容没有问题，希望重新审核并恢复直播权限。'],
  ['Akaun digantung', 'Akaun penjual saya telah digantung tanpa sebab, sila semak semula rayuan saya.'],
];
const CATEGORIES = ['payments/withdrawal-delayed', 'payments/payout-hold', 'listing/removed', 'creator/live-violation', 'account/suspension-appeal', 'order/logistics'];
const STATUSES = ['Open', 'In Progress', 'Pending', 'Solved', 'Closed', 'On Hold'];
const PRIORITIES = ['Urgent', 'High', 'Normal', 'Low'];
const MARKETS = ['MY', 'SG', 'CN'];
const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** Writes a CSV of `ROWS` cases in the shape a help-desk export has. */
export async function writeCsv(file: string, ROWS: number): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('Ticket ID,Subject,Description,Created,First response (min),Resolved,Closed,Status,Priority,Category,CSAT,Market,Requester type,Requester ID,Requester,Requester email\r\n');
  const start = Date.UTC(2023, 0, 1);
  for (let i = 0; i < ROWS; i++) {
    const [subject, body] = SUBJECTS[i % SUBJECTS.length]!;
    const created = new Date(start + i * 5 * 60_000);
    const status = STATUSES[i % STATUSES.length]!;
    const done = status === 'Solved' || status === 'Closed';
    const resolved = done ? new Date(created.getTime() + 26 * 3600_000).toISOString() : '';
    const closed = status === 'Closed' ? new Date(created.getTime() + 50 * 3600_000).toISOString() : '';
    const account = i % 20_000;
    await write(
      [
        `T-${i + 1}`, quote(`${subject} #${i + 1}`), quote(`${body}\nOrder ${100000 + i}`), created.toISOString(), String(i % 240), resolved, closed,
        status, PRIORITIES[i % PRIORITIES.length], CATEGORIES[i % CATEGORIES.length], done ? String((i % 5) + 1) : '', MARKETS[i % 3],
        i % 2 ? 'seller' : 'creator', `A-${account}`, quote(`Account ${account}`), `a${account}@example.test`,
      ].join(',') + '\r\n',
    );
  }
  out.end();
  await once(out, 'finish');
}

export interface ImportPass {
  run: 'first import' | 're-import (unchanged)';
  seconds: number;
  cpuSeconds: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

/** Imports `file` twice through importCases: the first pass writes, the second compares every row and writes nothing. */
export async function importTwice(deps: Deps, file: string, rows: number, log: (line: string) => void = () => {}): Promise<ImportPass[]> {
  const progress = (p: { phase: string; rows: number; of?: number }) => process.stderr.write(`  ${p.phase} ${p.rows}${p.of ? ` / ${p.of}` : ''}\n`);
  const passes: ImportPass[] = [];
  for (const run of ['first import', 're-import (unchanged)'] as const) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const report = await importCases(deps, cliActor, createReadStream(file), { map: MAP }, progress);
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const pass = { run, seconds, cpuSeconds: (used.user + used.system) / 1e6, inserted: report.inserted, updated: report.updated, unchanged: report.unchanged, invalid: report.invalid };
    passes.push(pass);
    // PGlite runs inside this process, so CPU time covers the database too; on a busy machine it is the steadier number.
    log(
      `${run}: ${seconds.toFixed(1)} s wall, ${pass.cpuSeconds.toFixed(1)} s CPU (${Math.round(rows / seconds)} rows/s) — inserted ${report.inserted}, updated ${report.updated}, ` +
        `unchanged ${report.unchanged}, invalid ${report.invalid}`,
    );
    if (report.invalid) log(JSON.stringify(report.errors.slice(0, 5)));
  }
  return passes;
}

async function main(rows: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-bench-import-'));
  try {
    const file = join(dir, 'history.csv');
    const t = performance.now();
    await writeCsv(file, rows);
    console.log(`generated ${rows} rows (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const database = await openDatabase({ dataDir: join(dir, 'data') });
    await migrate(database.pool);
    const deps = { db: database.db, clock: systemClock, config: loadConfig({ CLOSELOOP_DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }) };
    try {
      await importTwice(deps, file, rows, (line) => console.log(line));
    } finally {
      await database.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(Number(process.argv[2] ?? 100_000));
}
