import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/db/schema.js';

// The CLI as an operator runs it, straight from source (no build), on the embedded database.
// Each spawn costs seconds (tsx, and PGlite when a command opens the database): keep them few.
const tempDirs: string[] = [];
const sleepers: ChildProcess[] = [];
afterAll(() => {
  for (const child of sleepers) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'closeloop-cli-'));
  tempDirs.push(dir);
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function closeloop(args: string[], dataDir = freshDataDir()): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, CLOSELOOP_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })));
}

// Every spawn starts tsx, most start PGlite: slow on a loaded two-core machine.
const SLOW = { timeout: 90_000 };

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** Exit 1 with exactly one line on stderr, matching `pattern`, and no stack trace. */
function expectOneLineFailure(run: Run, pattern: RegExp) {
  expect(run.code, `stdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(1);
  expect(lines(run.stderr), run.stderr).toHaveLength(1);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('closeloop CLI', () => {
  it('prints help; rejects bad arguments, a data directory in use and an unknown e-mail in one line', SLOW, async () => {
    // A data directory "held" by a live process: a sleeping child's pid in the lock file.
    const busyDir = freshDataDir();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    sleepers.push(sleeper);
    writeFileSync(join(busyDir, 'closeloop.lock'), String(sleeper.pid));

    const [help, userAddHelp, badRole, missingName, busy, unknown, tooMany] = await Promise.all([
      closeloop(['--help']),
      closeloop(['user', 'add', '--help']),
      closeloop(['user', 'add', '--email', 'a@example.test', '--name', 'A', '--role', 'boss']),
      closeloop(['user', 'add', '--email', 'a@example.test', '--role', 'admin']),
      closeloop(['migrate'], busyDir),
      closeloop(['token', 'create', '--email', 'nobody@example.test']),
      closeloop(['demo', '--cases', '2000000']),
    ]);

    expect(help.code, help.stderr).toBe(0);
    for (const command of ['serve', 'worker', 'migrate', 'demo', 'user', 'token']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));

    expect(userAddHelp.code, userAddHelp.stderr).toBe(0);
    for (const option of ['--email <email>', '--name <name>', '--role <role>', '--team <team>', '--password <password>', '--region <code>', '--locale <locale>']) {
      expect(userAddHelp.stdout).toContain(option);
    }
    // Help text wraps at the terminal width; compare with whitespace collapsed.
    expect(userAddHelp.stdout.replace(/\s+/g, ' ')).toContain(`(choices: ${ROLES.map((r) => `"${r}"`).join(', ')})`);

    expectOneLineFailure(badRole, /boss/);
    for (const role of ROLES) expect(badRole.stderr).toContain(role);

    expectOneLineFailure(missingName, /--name/);

    expectOneLineFailure(busy, new RegExp(`the data directory ${busyDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by process ${sleeper.pid}`));
    // It stops at once rather than waiting for the lock (or starting the database).
    expect(busy.ms).toBeLessThan(help.ms + 10_000);

    expectOneLineFailure(unknown, /email no user with e-mail nobody@example\.test/);
    expect(unknown.stdout).toBe('');

    expectOneLineFailure(tooMany, /--cases must be a whole number from 2000 to 1000000/);
  });

  it('adds a user, then prints an API token for them as the last line', SLOW, async () => {
    const dataDir = freshDataDir();
    const added = await closeloop(
      ['user', 'add', '--email', 'first.admin@example.test', '--name', 'First Admin', '--role', 'admin', '--password', 'a long enough password'],
      dataDir,
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^created admin first\.admin@example\.test \([0-9a-f-]{36}\)$/m);

    const token = await closeloop(['token', 'create', '--email', 'First.Admin@example.test', '--name', 'ci'], dataDir);
    expect(token.code, token.stderr).toBe(0);
    const out = lines(token.stdout);
    expect(out[out.length - 1]).toMatch(/^clt_\S{20,}$/);
    expect(out.slice(0, -1).join('\n')).not.toContain(out[out.length - 1]!);

    // A database with real people is never grown with invented cases.
    const grow = await closeloop(['demo', '--cases', '4000'], dataDir);
    expectOneLineFailure(grow, /--cases this database holds data that is not the demo/);
  });
});
