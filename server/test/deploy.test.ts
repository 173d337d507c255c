// The deployment examples in deploy/ (README "Deploy") run as written: each process line of the
// Procfile and the systemd unit's ExecStart, against one PostgreSQL, stop cleanly on the signal
// their supervisor sends.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type TestContext, testApp } from './harness.js';

const root = process.cwd();
const dirs: string[] = [];
let ctx: TestContext | undefined;
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await ctx?.close();
});

/** `NAME=value … program args…` as a shell would split this simple form (no quotes in our files). */
function parseCommand(line: string): { env: Record<string, string>; argv: string[] } {
  const words = line.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [name, value] = words.shift()!.split(/=(.*)/s, 2) as [string, string];
    env[name] = value;
  }
  return { env, argv: words };
}

/** Runs a process line from the repository root until it is ready, then stops it with `signal`. */
async function runUntilReady(argv: string[], env: NodeJS.ProcessEnv, ready: RegExp, signal: NodeJS.Signals) {
  // The examples name `node` (or /usr/bin/node): run the same script with this Node.
  expect(argv[0]).toMatch(/(^|\/)node$/);
  const child = spawn(process.execPath, argv.slice(1), { cwd: root, env });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    while (!ready.test(output) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(ready);
    const port = /"address":"http:\/\/[^"]*:(\d+)"/.exec(output)?.[1];
    if (port) {
      // Only ever the loopback address, whatever interface the process binds.
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(response.status).toBe(200);
    }
  } finally {
    child.kill(signal);
  }
  expect(await exited).toBe(0);
  return output;
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-deploy-'));
  dirs.push(dataDir);
  return { ...process.env, DATABASE_URL: ctx!.database.databaseUrl!, CLOSELOOP_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };
};

const READY = { serve: /"msg":"Server listening at/, worker: /"msg":"worker started"/ } as const;

describe.skipIf(!process.env.DATABASE_URL || !existsSync(join(root, 'dist/server/cli/main.js')))('deployment examples (PostgreSQL)', () => {
  it('deploy/Procfile: the web and worker process types start and stop on SIGTERM', { timeout: 120_000 }, async () => {
    ctx ??= await testApp();
    const lines = readFileSync(join(root, 'deploy/Procfile'), 'utf8').split('\n').filter((line) => /^\w+:/.test(line));
    const types = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]));
    expect(Object.keys(types).sort()).toEqual(['web', 'worker']);
    const web = parseCommand(types.web!);
    expect(web.argv.slice(1)).toEqual(['bin/closeloop.js', 'serve']);
    expect(web.env.CLOSELOOP_IN_PROCESS_WORKER).toBe('false');
    await runUntilReady(web.argv, { ...baseEnv(), ...web.env }, READY.serve, 'SIGTERM');
    const worker = parseCommand(types.worker!);
    expect(worker.argv.slice(1)).toEqual(['bin/closeloop.js', 'worker']);
    await runUntilReady(worker.argv, { ...baseEnv(), ...worker.env }, READY.worker, 'SIGTERM');
  });

  it('deploy/closeloop@.service: ExecStart of each instance runs, and KillSignal stops it with exit 0', { timeout: 120_000 }, async () => {
    ctx ??= await testApp();
    const file = join(root, 'deploy/closeloop@.service');
    const unit = readFileSync(file, 'utf8');
    const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1]?.trim();
    const signal = value('KillSignal') as NodeJS.Signals;
    expect(signal).toBe('SIGTERM');
    const environment = Object.fromEntries([...unit.matchAll(/^Environment=(\w+)=(.*)$/gm)].map(([, k, v]) => [k!, v!]));
    for (const instance of ['serve', 'worker'] as const) {
      const { argv } = parseCommand(value('ExecStart')!.replaceAll('%i', instance));
      expect(argv.slice(1)).toEqual(['bin/closeloop.js', instance]);
      const env = { ...baseEnv(), ...environment, ...(instance === 'serve' ? { CLOSELOOP_IN_PROCESS_WORKER: 'false' } : {}) };
      await runUntilReady(argv, env, READY[instance], signal);
    }
    // systemd's own check of the unit, where systemd is installed: no unknown keys, no bad values.
    const analyze = spawnSync('systemd-analyze', ['--version']);
    if (analyze.status === 0) {
      const dir = mkdtempSync(join(tmpdir(), 'closeloop-unit-'));
      dirs.push(dir);
      const instanceFile = join(dir, 'closeloop@serve.service');
      copyFileSync(file, instanceFile);
      const verify = spawnSync('systemd-analyze', ['verify', instanceFile], { encoding: 'utf8' });
      expect(verify.stderr.split('\n').filter((line) => line.includes(instanceFile))).toEqual([]);
    }
  });
});
