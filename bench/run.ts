/**
 * `npm run bench [-- --quick] [-- --only intake,queue,search,dashboard,sla_sweep,import] [-- --cases N] [-- --backend pglite|postgres]`
 *
 * Runs the scenarios against PGlite and, when DATABASE_URL is set, PostgreSQL (in a scratch
 * database `closeloop_bench_<pid>` created and dropped here). Prints one table row per
 * measurement and writes them all to bench/results/latest.json. Loopback only; every load
 * loop is bounded in count and in time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../server/src/app.js';
import { createApiToken } from '../server/src/domains/identity/api-tokens.js';
import { createUser } from '../server/src/domains/identity/users.js';
import { cliActor } from '../server/src/platform/actor.js';
import { vacuumWhereDue } from '../server/src/platform/maintenance.js';
import { systemClock } from '../server/src/platform/clock.js';
import { importTwice, writeCsv } from './import.js';
import { type Backend, openPglite, openPostgres } from './lib/backend.js';
import { startServe, stopProcess } from './lib/processes.js';
import { countCases, growCases, intakeBodies, seedOrganisation } from './lib/dataset.js';
import { type Result, formatHeader, formatRow, formatTable, loadAverages, machine, round, writeReport } from './lib/report.js';
import { intakeScenario } from './scenarios/intake.js';
import { againstFloor, queueScenario, roundTripFloor, searchScenario } from './scenarios/reads.js';
import { slaSweepScenario } from './scenarios/sla-sweep.js';
import { dashboardScenario } from './scenarios/dashboard.js';

// `memory` is measured during the intake run: naming either runs both.
const SCENARIOS = ['intake', 'memory', 'queue', 'search', 'dashboard', 'sla_sweep', 'import'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Options {
  quick: boolean;
  only: Set<Scenario>;
  cases?: number;
  backends: ('pglite' | 'postgres')[];
}

const USAGE = `usage: npm run bench -- [--quick] [--only ${SCENARIOS.join(',')}] [--cases 5000..1000000] [--backend pglite|postgres]`;

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const opts: Options = { quick: false, only: new Set(SCENARIOS), backends: ['pglite', ...(process.env.DATABASE_URL ? (['postgres'] as const) : [])] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--quick') opts.quick = true;
    else if (flag === '--only') {
      const names = value().split(',');
      const bad = names.filter((n) => !SCENARIOS.includes(n as Scenario));
      if (bad.length) throw new UsageError(`unknown scenario ${bad.join(', ')}; known: ${SCENARIOS.join(', ')}`);
      opts.only = new Set(names as Scenario[]);
    } else if (flag === '--cases') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 5_000 || n > 1_000_000) throw new UsageError('--cases must be an integer from 5000 to 1000000');
      opts.cases = n;
    } else if (flag === '--backend') {
      const b = value();
      if (b !== 'pglite' && b !== 'postgres') throw new UsageError('--backend must be pglite or postgres');
      if (b === 'postgres' && !process.env.DATABASE_URL) throw new UsageError('--backend postgres needs DATABASE_URL (an admin URL; a scratch database is created on that server)');
      opts.backends = [b];
    } else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new UsageError(`unknown option ${flag}`);
  }
  return opts;
}

const SIZES = {
  // Under a minute per backend, the compile included; the workers start within 4 s here.
  quick: { intake: 200, cases: 5_000, reads: 30, importRows: 1_000, slaClocks: 2_000, slaWindowSeconds: 4, slaLeadSeconds: 4 },
  // 100,000 breaches in 100 s: 1,000 a second, far above any real desk's rate.
  full: { intake: 3_000, cases: 100_000, reads: 200, importRows: 20_000, slaClocks: 100_000, slaWindowSeconds: 100, slaLeadSeconds: 8 },
};
const CONCURRENCY = 8;
const BUSY_CONCURRENCY = 32;
const MAX_SECONDS = 60;

const started = performance.now();
const log = (msg: string) => process.stderr.write(`  [${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s] ${msg}\n`);

async function runBackend(backend: Backend, opts: Options, emit: (r: Result) => void): Promise<void> {
  const sizes = opts.quick ? SIZES.quick : SIZES.full;
  const target = opts.cases ?? sizes.cases;
  const t0 = performance.now();
  const directory = await seedOrganisation(backend.deps);
  const admin = await createUser(backend.deps, cliActor, { email: 'bench-admin@example.test', displayName: 'Bench admin', role: 'admin' });
  const { token } = await createApiToken(backend.deps, cliActor, { name: 'bench', userId: admin.id });
  log(`${backend.kind}: demo organisation and ${await countCases(backend.deps.db)} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const api = await startApi(backend);
  try {
    const { baseUrl } = api;
    if (opts.only.has('intake') || opts.only.has('memory')) {
      const bodies = intakeBodies(directory, sizes.intake);
      const rows = await intakeScenario(backend, { baseUrl, token, bodies, concurrency: CONCURRENCY, busyConcurrency: BUSY_CONCURRENCY, maxSeconds: MAX_SECONDS, serverPid: api.pid }, log);
      rows.forEach(emit);
    }
    if (opts.only.has('queue') || opts.only.has('search') || opts.only.has('dashboard') || opts.only.has('sla_sweep')) {
      const t = performance.now();
      let last = 0;
      const added = await growCases(backend.deps.db, directory, target, {
        progress: (done, of) => {
          if (performance.now() - last > 2000) {
            last = performance.now();
            log(`loading cases ${done.toLocaleString('en-US')} / ${of.toLocaleString('en-US')}`);
          }
        },
      });
      const size = await countCases(backend.deps.db);
      const seconds = (performance.now() - t) / 1000;
      log(`${backend.kind}: ${added} cases added in ${seconds.toFixed(1)} s (${Math.round(added / seconds)} cases/s), ${size} in all`);
      await settle(backend, log);
      const readOpts = { baseUrl, token, size, requests: sizes.reads, maxSeconds: MAX_SECONDS };
      if (opts.only.has('queue') || opts.only.has('search') || opts.only.has('dashboard')) {
        const floor = await roundTripFloor(readOpts);
        log(`round-trip floor (GET /readyz, one at a time): p50 ${floor.p50.toFixed(2)} ms, p95 ${floor.p95.toFixed(2)} ms`);
        const read = (rows: Result[]) => rows.map((r) => againstFloor(r, floor)).forEach(emit);
        if (opts.only.has('queue')) read(await queueScenario(backend, readOpts, log));
        if (opts.only.has('search')) read(await searchScenario(backend, readOpts, log));
        if (opts.only.has('dashboard')) read(await dashboardScenario(backend, readOpts, log));
      }
      if (opts.only.has('sla_sweep')) {
        (await slaSweepScenario(backend, { clocks: sizes.slaClocks, windowSeconds: sizes.slaWindowSeconds, leadSeconds: sizes.slaLeadSeconds, workerCounts: [1, 4] }, log)).forEach(emit);
      }
    }
    if (opts.only.has('import')) {
      const dir = mkdtempSync(join(tmpdir(), 'closeloop-bench-csv-'));
      try {
        const file = join(dir, 'history.csv');
        await writeCsv(file, sizes.importRows);
        const passes = await importTwice(backend.deps, file, sizes.importRows, log);
        for (const pass of passes) {
          emit({ name: 'import', backend: backend.kind, size: sizes.importRows, metric: pass.run === 'first import' ? 'first' : 're-import', value: round(sizes.importRows / pass.seconds, 0), unit: 'rows/s' });
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await api.close();
  }
  log(`${backend.kind}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * The reads are measured on a settled database, as a deployment has one: on PostgreSQL what
 * autovacuum does after a bulk load (this machine's server runs without it), VACUUM (ANALYZE),
 * which sets the visibility maps index-only scans need (46 s at a million cases; the queue
 * measured the same before and after it there). The embedded database has no autovacuum; it
 * gets what the worker's hourly maintenance gives it: statistics, and a vacuum of the tables due.
 */
async function settle(backend: Backend, log: (msg: string) => void): Promise<void> {
  const t = performance.now();
  let done = 'VACUUM (ANALYZE)';
  if (backend.kind === 'postgres') await sql`VACUUM (ANALYZE)`.execute(backend.deps.db);
  else {
    await sql`ANALYZE`.execute(backend.deps.db);
    done = `ANALYZE and the hourly vacuum (${(await vacuumWhereDue(backend.deps.db)).join(', ')})`;
  }
  log(`${backend.kind}: ${done} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

/**
 * The API under test: on PostgreSQL a `closeloop serve` process of its own, as deployed (so its
 * memory is its own and the load generator does not share its event loop); on PGlite it runs in
 * this process, which owns the embedded database.
 */
async function startApi(backend: Backend): Promise<{ baseUrl: string; pid?: number; close(): Promise<void> }> {
  if (backend.kind === 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'closeloop-bench-serve-'));
    const { child, baseUrl } = await startServe(backend, dir);
    return {
      baseUrl,
      pid: child.pid,
      async close() {
        await stopProcess(child);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const app = await buildApp({ config: backend.config, database: backend.database, clock: systemClock, webDist: null });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 1;
  }
  const startedAt = new Date();
  const loadAvg = loadAverages();
  const t0 = performance.now();
  const results: Result[] = [];
  console.log(`Closeloop bench (${opts.quick ? 'quick' : 'full'}) on ${opts.backends.join(' and ')}: ${machine().cpus} CPUs, ${machine().memGiB} GiB, Node ${process.version}, load average ${loadAvg.join(' ')}\n`);
  console.log(formatHeader());
  const emit = (r: Result) => {
    results.push(r);
    console.log(formatRow(r));
  };
  let open: Backend | undefined;
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('interrupted: cleaning up (again to force)');
    void (open?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let failed = false;
  for (const kind of opts.backends) {
    const backend = kind === 'pglite' ? await openPglite() : await openPostgres(process.env.DATABASE_URL!);
    open = backend;
    try {
      await runBackend(backend, opts, emit);
    } catch (error) {
      failed = true;
      console.error(`${kind}: ${(error as Error).stack ?? String(error)}`);
    } finally {
      await backend.close();
      open = undefined;
    }
  }
  const durationSeconds = round((performance.now() - t0) / 1000, 1);
  const file = fileURLToPath(new URL('./results/latest.json', import.meta.url));
  writeReport(file, { scenarios: results, startedAt: startedAt.toISOString(), durationSeconds, node: process.version, machine: machine(), mode: opts.quick ? 'quick' : 'full', loadAvg });
  console.log(`\n${formatTable(results)}\n\n${results.length} results in ${durationSeconds} s → ${file}`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
