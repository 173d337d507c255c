import type { Backend } from '../lib/backend.js';
import { httpClient } from '../lib/http.js';
import { type LoadRun, runBounded } from '../lib/load.js';
import { type Result, percentile, round } from '../lib/report.js';
import type { ReadOptions } from './reads.js';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * `dashboard`: what the overview asks for when a manager opens it — SLA attainment and volume
 * by category over the last 90 days — one request at a time, as one person sees it.
 */
export async function dashboardScenario(backend: Backend, opts: ReadOptions, log: (msg: string) => void): Promise<Result[]> {
  const range = `from=${day(Date.now() - 89 * DAY)}&to=${day(Date.now())}`;
  const paths = [`/api/v1/metrics/sla_attainment?${range}&groupBy=category`, `/api/v1/metrics/volume_created?${range}&groupBy=category`];
  const headers = { authorization: `Bearer ${opts.token}` };
  const counts = new Map<string, number>();
  const client = httpClient(opts.baseUrl, 1);
  const get = async (path: string) => {
    const res = await client.request('GET', path, { headers });
    const body = JSON.parse(res.text) as { total?: { count: number }; detail?: string };
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}: ${body.detail ?? ''}`);
    counts.set(path.split('?')[0]!, body.total?.count ?? 0);
  };
  let run: LoadRun;
  try {
    await runBounded({ count: paths.length, concurrency: 1, maxSeconds: 60 }, (i) => get(paths[i]!));
    run = await runBounded({ count: opts.requests, concurrency: 1, maxSeconds: opts.maxSeconds }, (i) => get(paths[i % paths.length]!));
  } finally {
    client.close();
  }
  if (run.errors) throw new Error(`${run.errors} requests failed, first: ${run.firstError}`);
  log(`dashboard: ${[...counts].map(([p, n]) => `${p.split('/').pop()} over ${n} cases`).join(', ')}; ${run.latencies.length} requests`);
  return [
    { name: 'dashboard', backend: backend.kind, size: opts.size, metric: 'p50', value: round(percentile(run.latencies, 50), 2), unit: 'ms' },
    { name: 'dashboard', backend: backend.kind, size: opts.size, metric: 'p95', value: round(percentile(run.latencies, 95), 2), unit: 'ms' },
  ];
}
