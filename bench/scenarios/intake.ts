import type pg from 'pg';
import type { Backend } from '../lib/backend.js';
import type { IntakeBody } from '../lib/dataset.js';
import { type HttpClient, httpClient } from '../lib/http.js';
import { type LoadRun, runBounded } from '../lib/load.js';
import { cpuMsOf, postgresCpuMs, postgresCpuSince, rssOf } from '../lib/processes.js';
import { type Result, percentile, round } from '../lib/report.js';

export interface IntakeOptions {
  baseUrl: string;
  token: string;
  bodies: IntakeBody[];
  concurrency: number;
  /** A second run at more requests in flight: intake writes concurrent requests together, so load changes its cost. */
  busyConcurrency: number;
  maxSeconds: number;
  /** The API's process when it runs apart from the bench (PostgreSQL); else the bench's own. */
  serverPid?: number;
}

/**
 * `intake`: POST /api/v1/cases over HTTP with a bearer token at a fixed concurrency, then the
 * reference — a single-row INSERT (autocommit) of the same title and description through
 * `pg` into a plain table — at the same concurrency, in the same run.
 */
export async function intakeScenario(backend: Backend, opts: IntakeOptions, log: (msg: string) => void): Promise<Result[]> {
  const client = httpClient(opts.baseUrl, opts.concurrency);
  try {
    return await measureIntake(backend, opts, client, log);
  } finally {
    client.close();
  }
}

async function measureIntake(backend: Backend, opts: IntakeOptions, client: HttpClient, log: (msg: string) => void): Promise<Result[]> {
  const headers = { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' };
  const post = (via: HttpClient) => async (body: IntakeBody) => {
    const res = await via.request('POST', '/api/v1/cases', { headers, body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`POST /api/v1/cases → ${res.status}: ${res.text.slice(0, 300)}`);
  };
  const count = opts.bodies.length;
  const warm = Math.min(20, Math.ceil(count / 10));
  // Warm-up (not measured): JIT, prepared plans, connections; cases from the end of the list.
  await runBounded({ count: warm, concurrency: opts.concurrency, maxSeconds: 10 }, (i) => post(client)(opts.bodies[count - 1 - i]!));

  // memory: the API process's resident set, sampled every 100 ms while it takes the intake.
  const rss = () => (opts.serverPid ? rssOf(opts.serverPid) : process.memoryUsage.rss());
  const rssSamples = [rss()];
  const sampler = setInterval(() => rssSamples.push(rss()), 100);
  let project: LoadRun;
  const cpu = cpuMeter(backend, opts.serverPid);
  let projectCpu: CpuUsed;
  try {
    project = await runBounded({ count: count - warm, concurrency: opts.concurrency, maxSeconds: opts.maxSeconds }, (i) => post(client)(opts.bodies[i]!));
  } finally {
    projectCpu = cpu.since();
    clearInterval(sampler);
  }
  if (project.errors) log(`intake: ${project.errors} failed requests, first: ${project.firstError}`);
  if (project.timedOut) log(`intake: stopped at the ${opts.maxSeconds} s cap after ${project.latencies.length} cases`);

  const { run: reference, cpu: referenceCpu } = await referenceInserts(backend, opts, count - warm);
  if (reference.errors) log(`reference: ${reference.errors} failed inserts, first: ${reference.firstError}`);
  // The ceilings of this machine and load generator for any API call, same concurrency, same run:
  // the bare HTTP floor (GET /readyz: routing, one `SELECT 1`, no authentication) and the cheapest
  // signed-in read (GET /api/v1/regions: the token's lookup, one small query). No intake can
  // outrun them; the gap between them is what authentication alone costs.
  const floorCount = Math.max(200, 2 * (count - warm));
  const httpFloor = await timedGetsUnderLoad(client, '/readyz', {}, floorCount, opts);
  const signedInRead = await timedGetsUnderLoad(client, '/api/v1/regions', { authorization: headers.authorization }, floorCount, opts);

  // The same intake with more requests in flight (the same bodies again: new cases, as retries are not sent).
  const busyClient = httpClient(opts.baseUrl, opts.busyConcurrency);
  let busy: LoadRun;
  let busyCpu: CpuUsed;
  try {
    const meter = cpuMeter(backend, opts.serverPid);
    busy = await runBounded({ count: count - warm, concurrency: opts.busyConcurrency, maxSeconds: opts.maxSeconds }, (i) => post(busyClient)(opts.bodies[i]!));
    busyCpu = meter.since();
  } finally {
    busyClient.close();
  }
  if (busy.errors) log(`intake, ${opts.busyConcurrency} in flight: ${busy.errors} failed requests, first: ${busy.firstError}`);
  const { run: busyReference, cpu: busyReferenceCpu } = await referenceInserts(backend, { ...opts, concurrency: opts.busyConcurrency }, count - warm);

  // The same intake again with every service team assigning automatically (least loaded): such a
  // case takes a transaction of its own, its team row locked for the pick. Compared with the raw
  // INSERT at 8 in flight.
  const assigning = await assigningTeams(backend, async () => {
    const meter = cpuMeter(backend, opts.serverPid);
    const run = await runBounded({ count: count - warm, concurrency: opts.concurrency, maxSeconds: opts.maxSeconds }, (i) => post(client)(opts.bodies[i]!));
    return { run, cpu: meter.since() };
  });
  if (assigning.run.errors) log(`intake, teams assigning: ${assigning.run.errors} failed requests, first: ${assigning.run.firstError}`);

  const busyCpuAll = cpuRows(busyCpu, busy.latencies.length, busyReferenceCpu, busyReference.latencies.length)[0]!;
  const assigningCpuAll = cpuRows(assigning.cpu, assigning.run.latencies.length, referenceCpu, reference.latencies.length)[0]!;
  const rate = (run: LoadRun) => run.latencies.length / run.seconds;
  const size = project.latencies.length;
  const row = (metric: string, unit: string, value: number, ref: number, digits = 1): Result => ({
    name: 'intake',
    backend: backend.kind,
    size,
    metric,
    value: round(value, digits),
    unit,
    reference: round(ref, digits),
    // A reference below the measure's resolution (CPU is counted in 10 ms ticks) has no ratio.
    ratio: ref > 0 ? round(value / ref, 3) : undefined,
  });
  return [
    row('throughput', 'cases/s', rate(project), rate(reference), 0),
    row('p50', 'ms', percentile(project.latencies, 50), percentile(reference.latencies, 50), 2),
    row('p99', 'ms', percentile(project.latencies, 99), percentile(reference.latencies, 99), 2),
    row('vs HTTP floor', 'cases/s', rate(project), rate(httpFloor), 0),
    row('vs signed-in read', 'cases/s', rate(project), rate(signedInRead), 0),
    ...cpuRows(projectCpu, size, referenceCpu, reference.latencies.length).map((r) =>
      r.reference === undefined ? { name: 'intake', backend: backend.kind, size, metric: r.metric, value: round(r.value, 2), unit: 'ms' } : row(r.metric, 'ms', r.value, r.reference, 2),
    ),
    { name: 'intake', backend: backend.kind, size, metric: 'errors', value: project.errors, unit: 'requests' },
    ...[
      row('throughput', 'cases/s', rate(busy), rate(busyReference), 0),
      row('p50', 'ms', percentile(busy.latencies, 50), percentile(busyReference.latencies, 50), 2),
      row('p99', 'ms', percentile(busy.latencies, 99), percentile(busyReference.latencies, 99), 2),
      row('cpu/case all', 'ms', busyCpuAll.value, busyCpuAll.reference!, 2),
    ].map((r) => ({ ...r, size: busy.latencies.length, metric: `${r.metric}, ${opts.busyConcurrency} in flight` })),
    { name: 'intake', backend: backend.kind, size: busy.latencies.length, metric: `errors, ${opts.busyConcurrency} in flight`, value: busy.errors, unit: 'requests' },
    ...[
      row('throughput', 'cases/s', rate(assigning.run), rate(reference), 0),
      row('p50', 'ms', percentile(assigning.run.latencies, 50), percentile(reference.latencies, 50), 2),
      row('p99', 'ms', percentile(assigning.run.latencies, 99), percentile(reference.latencies, 99), 2),
      row('cpu/case all', 'ms', assigningCpuAll.value, assigningCpuAll.reference!, 2),
    ].map((r) => ({ ...r, size: assigning.run.latencies.length, metric: `${r.metric}, teams assigning` })),
    { name: 'intake', backend: backend.kind, size: assigning.run.latencies.length, metric: 'errors, teams assigning', value: assigning.run.errors, unit: 'requests' },
    { name: 'memory', backend: backend.kind, size, metric: 'rss p50', value: round(percentile(rssSamples, 50) / 1024 ** 2, 0), unit: 'MB' },
    { name: 'memory', backend: backend.kind, size, metric: 'rss peak', value: round(Math.max(...rssSamples) / 1024 ** 2, 0), unit: 'MB' },
  ];
}

/** Runs `measure` with every service team assigning automatically (least loaded), then puts each team's strategy back. */
async function assigningTeams<T>(backend: Backend, measure: () => Promise<T>): Promise<T> {
  const db = backend.deps.db;
  const teams = await db.selectFrom('teams').select(['id', 'assignment_strategy']).where('kind', '=', 'service').execute();
  await db.updateTable('teams').set({ assignment_strategy: 'least_loaded' }).where('kind', '=', 'service').execute();
  try {
    return await measure();
  } finally {
    for (const t of teams) await db.updateTable('teams').set({ assignment_strategy: t.assignment_strategy }).where('id', '=', t.id).execute();
  }
}

async function referenceInserts(backend: Backend, opts: IntakeOptions, count: number): Promise<{ run: LoadRun; cpu: CpuUsed }> {
  const pool: pg.Pool = backend.referencePool(opts.concurrency);
  await pool.query(`DROP TABLE IF EXISTS bench_reference`);
  await pool.query(`CREATE TABLE bench_reference (
    id bigserial PRIMARY KEY, title text NOT NULL, description text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  try {
    const insert = (body: IntakeBody) => pool.query('INSERT INTO bench_reference (title, description) VALUES ($1, $2)', [body.title, body.description]);
    const warm = Math.min(20, Math.ceil(count / 10));
    await runBounded({ count: warm, concurrency: opts.concurrency, maxSeconds: 10 }, async (i) => void (await insert(opts.bodies[i]!)));
    const cpu = cpuMeter(backend);
    const run = await runBounded({ count, concurrency: opts.concurrency, maxSeconds: opts.maxSeconds }, async (i) => void (await insert(opts.bodies[i]!)));
    return { run, cpu: cpu.since() };
  } finally {
    await pool.query(`DROP TABLE IF EXISTS bench_reference`);
  }
}

/** GETs of one path at the intake's concurrency: the throughput any call through the API can reach. */
async function timedGetsUnderLoad(client: HttpClient, path: string, headers: Record<string, string>, count: number, opts: IntakeOptions): Promise<LoadRun> {
  const get = async () => {
    const res = await client.request('GET', path, { headers });
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
  };
  await runBounded({ count: 20, concurrency: opts.concurrency, maxSeconds: 10 }, get);
  const run = await runBounded({ count, concurrency: opts.concurrency, maxSeconds: opts.maxSeconds }, get);
  if (run.errors) throw new Error(`${run.errors} of GET ${path} failed, first: ${run.firstError}`);
  return run;
}

/**
 * CPU time used while a load ran, ms, by where it was spent: the API process, the PostgreSQL
 * server's processes (when the server is on this machine, as the bench's loopback rule has it) and
 * the bench process that generates the load. On PGlite all three are the bench process.
 */
interface CpuUsed {
  api?: number;
  database?: number;
  loadGenerator: number;
}

function cpuMeter(backend: Backend, apiPid?: number): { since(): CpuUsed } {
  const self = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  const localServer = backend.kind === 'postgres' && isLoopback(backend.config.databaseUrl!);
  const api = apiPid ? cpuMsOf(apiPid) : undefined;
  const database = localServer ? postgresCpuMs() : undefined;
  const loadGenerator = self();
  return {
    since: () => ({
      api: api === undefined ? undefined : cpuMsOf(apiPid!) - api,
      database: database ? postgresCpuSince(database) : undefined,
      loadGenerator: self() - loadGenerator,
    }),
  };
}

function isLoopback(databaseUrl: string): boolean {
  const host = new URL(databaseUrl).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * CPU per case, beside CPU per raw INSERT of the reference. Two cores give 2,000 ms of CPU a
 * second: whatever a case costs in all, across the three, bounds the cases a second this machine
 * can take however the work is scheduled.
 */
function cpuRows(used: CpuUsed, cases: number, reference: CpuUsed, inserts: number): { metric: string; value: number; reference?: number }[] {
  const per = (ms: number | undefined, n: number) => (ms ?? 0) / Math.max(1, n);
  const all = (u: CpuUsed) => (u.api ?? 0) + (u.database ?? 0) + u.loadGenerator;
  const rows: { metric: string; value: number; reference?: number }[] = [{ metric: 'cpu/case all', value: per(all(used), cases), reference: per(all(reference), inserts) }];
  if (used.api === undefined) return rows; // PGlite: one process
  // The reference has no API: its INSERTs go from the load generator to the database.
  rows.push({ metric: 'cpu/case API', value: per(used.api, cases) });
  if (used.database !== undefined) rows.push({ metric: 'cpu/case database', value: per(used.database, cases), reference: per(reference.database, inserts) });
  rows.push({ metric: 'cpu/case load gen', value: per(used.loadGenerator, cases), reference: per(reference.loadGenerator, inserts) });
  return rows;
}
