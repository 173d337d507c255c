import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { againstFloor } from '../../bench/scenarios/reads.js';

// `npm run bench` with flags out of range stops before it opens any database: exit 1, the
// reason and the usage on stderr, and no results file written.
const RESULTS = 'bench/results/latest.json';

function bench(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { env: { ...process.env, ...env }, timeout: 50_000 });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('bench flags', () => {
  it.each([
    [['--cases', '100'], /--cases must be an integer from 5000 to 1000000/],
    [['--cases', '2000000'], /--cases must be an integer from 5000 to 1000000/],
    [['--cases=15000.5'], /--cases must be an integer from 5000 to 1000000/],
    [['--cases'], /--cases needs a value/],
    [['--only', 'intake,bogus'], /unknown scenario bogus; known: intake, memory, queue/],
    [['--backend', 'mysql'], /--backend must be pglite or postgres/],
    [['--fast'], /unknown option --fast/],
  ])('%j → exit 1 naming the flag', { timeout: 60_000 }, async (args, message) => {
    const before = existsSync(RESULTS) ? statSync(RESULTS).mtimeMs : null;
    const run = await bench(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('usage: npm run bench');
    expect(existsSync(RESULTS) ? statSync(RESULTS).mtimeMs : null).toBe(before);
  });

  it('--backend postgres without DATABASE_URL → exit 1', { timeout: 60_000 }, async () => {
    const run = await bench(['--backend', 'postgres'], { DATABASE_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--backend postgres needs DATABASE_URL/);
  });
});

describe('read scenarios against the round-trip floor', () => {
  const floor = { p50: 2, p95: 4 };
  const row = (metric: string, value: number) => ({ name: 'search', backend: 'postgres' as const, size: 100_000, metric, value, unit: 'ms' });
  it.each([
    ['p50', 9.5, 2, 4.75],
    ['p95 zh', 18, 4, 4.5],
    ['p50 en', 3, 2, 1.5],
  ])('%s %d ms → reference %d ms, ratio %d', (metric, value, reference, ratio) => {
    expect(againstFloor(row(metric, value), floor)).toEqual({ ...row(metric, value), reference, ratio });
  });
  it('leaves other metrics, and a floor of nothing, alone', () => {
    expect(againstFloor(row('fired', 100), floor)).toEqual(row('fired', 100));
    expect(againstFloor(row('p50', 5), { p50: 0, p95: 0 })).toEqual(row('p50', 5));
  });
});
