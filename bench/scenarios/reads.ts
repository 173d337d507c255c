import { sql } from 'kysely';
import type { Backend } from '../lib/backend.js';
import { httpClient } from '../lib/http.js';
import { runBounded } from '../lib/load.js';
import { type Result, percentile, round } from '../lib/report.js';

export interface ReadOptions {
  baseUrl: string;
  token: string;
  /** Cases in the database. */
  size: number;
  requests: number;
  maxSeconds: number;
}

const OPEN = ['new', 'triaged', 'in_progress'];

/**
 * GETs `paths` in turn, one request at a time (latency as one user sees it, not under load),
 * after one unmeasured round over them; `seen` gets each answer's body. Any failure throws.
 */
export async function timedGets<T>(opts: ReadOptions, paths: string[], count: number, seen: (path: string, body: T) => void = () => {}): Promise<number[]> {
  const headers = { authorization: `Bearer ${opts.token}` };
  const client = httpClient(opts.baseUrl, 1);
  const get = async (path: string) => {
    const res = await client.request('GET', path, { headers });
    const body = JSON.parse(res.text) as T & { detail?: string };
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${body.detail ?? ''}`);
    seen(path, body);
  };
  try {
    await runBounded({ count: paths.length, concurrency: 1, maxSeconds: 60 }, (i) => get(paths[i]!));
    const run = await runBounded({ count, concurrency: 1, maxSeconds: opts.maxSeconds }, (i) => get(paths[i % paths.length]!));
    if (run.errors) throw new Error(`${run.errors} requests failed, first: ${run.firstError}`);
    return run.latencies;
  } finally {
    client.close();
  }
}

export interface Floor {
  p50: number;
  p95: number;
}

/**
 * The reads' reference, measured in the same run the same way (one at a time): `GET /readyz`,
 * one `SELECT 1` behind HTTP and no sign-in — what any request costs on the machine at that
 * hour. The reads' figures move with the machine's speed; their ratio to this much less.
 */
export async function roundTripFloor(opts: ReadOptions): Promise<Floor> {
  const latencies = await timedGets(opts, ['/readyz'], opts.requests);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

/** A read's p50 or p95 row with the floor's same percentile as its reference. */
export function againstFloor(row: Result, floor: Floor): Result {
  const reference = row.metric.startsWith('p50') ? floor.p50 : row.metric.startsWith('p95') ? floor.p95 : undefined;
  if (reference === undefined || !(reference > 0)) return row;
  return { ...row, reference: round(reference, 2), ratio: round(row.value / reference, 2) };
}

/** `queue`: the first page (50) of the busiest service team's open queue, soonest SLA due first. */
export async function queueScenario(backend: Backend, opts: ReadOptions, log: (msg: string) => void): Promise<Result[]> {
  const busiest = await backend.deps.db
    .selectFrom('cases as c')
    .innerJoin('teams as t', 't.id', 'c.team_id')
    .select(['c.team_id', 't.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.status', 'in', OPEN as never)
    .where('t.kind', '=', 'service')
    .groupBy(['c.team_id', 't.name'])
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow();
  const path = `/api/v1/cases?teamId=${busiest.team_id}&status=${OPEN.join(',')}&sort=due&limit=50`;
  const latencies = await timedGets(opts, [path], opts.requests);
  log(`queue: team "${busiest.name}" with ${Number(busiest.n)} open cases, ${latencies.length} requests`);
  return [
    { name: 'queue', backend: backend.kind, size: opts.size, metric: 'p50', value: round(percentile(latencies, 50), 2), unit: 'ms' },
    { name: 'queue', backend: backend.kind, size: opts.size, metric: 'p95', value: round(percentile(latencies, 95), 2), unit: 'ms' },
  ];
}

/** Queries per language, each found in the demo texts; zh has 2-character words and a longer phrase. */
export const SEARCHES: Record<string, string[]> = {
  en: ['withdrawal', 'refund', 'listing removed', 'payout'],
  ms: ['pengeluaran', 'bayaran balik', 'penjual', 'akaun'],
  zh: ['提现', '退款', '冻结', '未到账'],
};

/** `search`: `q` in English, Malay and Chinese, first page (50) newest first. */
export async function searchScenario(backend: Backend, opts: ReadOptions, log: (msg: string) => void): Promise<Result[]> {
  const results: Result[] = [];
  for (const [language, queries] of Object.entries(SEARCHES)) {
    const paths = queries.map((q) => `/api/v1/cases?q=${encodeURIComponent(q)}&limit=50`);
    const totals = new Map<string, number>();
    const latencies = await timedGets<{ total?: number }>(opts, paths, opts.requests, (path, body) => totals.set(path, body.total ?? 0));
    log(`search ${language}: ${queries.map((q, i) => `"${q}" ${totals.get(paths[i]!)}`).join(', ')} matches; ${latencies.length} requests`);
    results.push(
      { name: 'search', backend: backend.kind, size: opts.size, metric: `p50 ${language}`, value: round(percentile(latencies, 50), 2), unit: 'ms' },
      { name: 'search', backend: backend.kind, size: opts.size, metric: `p95 ${language}`, value: round(percentile(latencies, 95), 2), unit: 'ms' },
    );
  }
  return results;
}

/** EXPLAIN ANALYZE of a statement, as text (for the notes when a number looks bad). */
export async function explain(backend: Backend, statement: string): Promise<string> {
  const { rows } = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement}`).execute(backend.deps.db);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
