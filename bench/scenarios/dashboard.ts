import type { Backend } from '../lib/backend.js';
import { type Result, percentile, round } from '../lib/report.js';
import { type ReadOptions, timedGets } from './reads.js';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * `dashboard`: what the overview asks for when a manager opens it — SLA attainment and volume
 * by category over the last 90 days — one request at a time, as one person sees it.
 */
export async function dashboardScenario(backend: Backend, opts: ReadOptions, log: (msg: string) => void): Promise<Result[]> {
  const range = `from=${day(Date.now() - 89 * DAY)}&to=${day(Date.now())}`;
  const paths = [`/api/v1/metrics/sla_attainment?${range}&groupBy=category`, `/api/v1/metrics/volume_created?${range}&groupBy=category`];
  const counts = new Map<string, number>();
  const latencies = await timedGets<{ total?: { count: number } }>(opts, paths, opts.requests, (path, body) => counts.set(path.split('?')[0]!, body.total?.count ?? 0));
  log(`dashboard: ${[...counts].map(([p, n]) => `${p.split('/').pop()} over ${n} cases`).join(', ')}; ${latencies.length} requests`);
  return [
    { name: 'dashboard', backend: backend.kind, size: opts.size, metric: 'p50', value: round(percentile(latencies, 50), 2), unit: 'ms' },
    { name: 'dashboard', backend: backend.kind, size: opts.size, metric: 'p95', value: round(percentile(latencies, 95), 2), unit: 'ms' },
  ];
}
