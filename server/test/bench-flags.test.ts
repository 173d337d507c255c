import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

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
