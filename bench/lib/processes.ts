// `closeloop serve` and `closeloop worker` as separate processes, the compiled server started the
// way an operator runs it (`npm run bench` compiles it first), so the bench measures a
// deployment rather than a library call.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Backend } from './backend.js';

const CLI = fileURLToPath(new URL('../../bin/closeloop.js', import.meta.url));

export function spawnCli(backend: Backend, command: 'serve' | 'worker', dataDir: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each process, written when it stops (flame graphs).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  return spawn(process.execPath, [...profile, CLI, command], {
    env: {
      ...process.env,
      DATABASE_URL: backend.config.databaseUrl!,
      CLOSELOOP_DATA_DIR: dataDir,
      // Tokens are digested with the secret: the child must use the bench's.
      CLOSELOOP_SECRET: backend.config.secret,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** SIGTERM (a graceful stop), SIGKILL after ten seconds. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `closeloop serve` (no in-process worker) on a free loopback port, once `/readyz` answers 200. */
export async function startServe(backend: Backend, dataDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawnCli(backend, 'serve', dataDir, { HOST: '127.0.0.1', PORT: String(port), CLOSELOOP_IN_PROCESS_WORKER: 'false' });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`closeloop serve exited with ${child.exitCode}`);
    const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.status === 200, () => false);
    if (ready) return { child, baseUrl };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopProcess(child);
  throw new Error('closeloop serve did not become ready within 60 s');
}

/** Resident set size of a process, bytes (Linux /proc; the bench runs on Linux). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}

/** CPU time (user + system) a process has used so far, ms. /proc counts in USER_HZ, 100 a second on Linux. */
export function cpuMsOf(pid: number | string): number {
  // The command name (in parentheses) may hold spaces: fields are counted after its closing one.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time so far of every PostgreSQL server process on this machine (postmaster, backends, writers), by pid. */
export function postgresCpuMs(): Map<number, number> {
  const used = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') used.set(Number(entry), cpuMsOf(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return used;
}

/**
 * CPU used between two postgresCpuMs() readings: a process started in between counts from zero;
 * one that ended in between is lost (an undercount, never a negative).
 */
export function postgresCpuSince(before: Map<number, number>, after = postgresCpuMs()): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - Math.min(ms, before.get(pid) ?? 0);
  return total;
}
