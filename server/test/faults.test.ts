// Fault tests (issue 8): API processes killed and PostgreSQL restarted under load. Every load
// loop is bounded in count and time, and every address is loopback.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type TestContext, testApp } from './harness.js';
import { killAll, runCli, startServer } from './processes.js';

const dirs: string[] = [];
const cleanups: (() => void)[] = [];
afterAll(() => {
  killAll();
  for (const cleanup of cleanups) cleanup();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

const caseBody = (n: number) => ({
  title: `Fault ${n}`,
  description: 'Payout stuck since Monday',
  category: 'payments/payout-hold',
  account: { type: 'seller', externalId: `FAULT-${n % 50}`, name: 'Kedai Fault' },
  source: 'crm',
});

interface Answer {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  body: { id?: string } | null;
}

/** One POST /cases; a connection refused or reset is `status: 0`. */
async function post(address: string, token: string, n: number, key?: string): Promise<Answer> {
  try {
    const response = await fetch(`${address}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(caseBody(n)),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), retryAfter: response.headers.get('retry-after'), body: text ? (JSON.parse(text) as { id?: string }) : null };
  } catch {
    return { status: 0, contentType: null, retryAfter: null, body: null };
  }
}

const tokenOf = (output: string) => output.trim().split('\n').pop()!.trim();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(Boolean(process.env.DATABASE_URL))('PGlite: the process killed during writes', () => {
  it('opens the data directory again and keeps every acknowledged case', { timeout: 180_000 }, async () => {
    const dir = tempDir('closeloop-fault-pglite-');
    const env: NodeJS.ProcessEnv = { ...process.env, CLOSELOOP_DATA_DIR: dir, LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    await runCli(['user', 'add', '--email', 'fault@example.test', '--name', 'Fault', '--role', 'requester'], env);
    const token = tokenOf(await runCli(['token', 'create', '--email', 'fault@example.test'], env));
    const server = await startServer(env);

    // Eight writers file cases until the process is killed after 60 acknowledgements (at most 400 tries).
    const acknowledged: { id: string; n: number }[] = [];
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (!killed && next < 400) {
        const n = next++;
        const answer = await post(server.address, token, n);
        if (answer.status === 201) acknowledged.push({ id: answer.body!.id!, n });
        if (acknowledged.length >= 60 && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    await server.exited;
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);

    // The killed process left its lock behind; the next one sees its owner is gone and opens the data.
    const again = await startServer(env);
    for (const { id, n } of acknowledged) {
      const response = await fetch(`${again.address}/api/v1/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { title: string }).title).toBe(`Fault ${n}`);
    }
    // And it takes new writes.
    expect((await post(again.address, token, 999)).status).toBe(201);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL: two API processes, one killed and restarted', () => {
  let ctx: TestContext;
  afterAll(async () => ctx?.close());

  it('1,000 creations with idempotency keys: none lost, none duplicated', { timeout: 240_000 }, async () => {
    ctx = await testApp();
    const token = ctx.users.requester.token;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: ctx.database.databaseUrl!,
      CLOSELOOP_DATA_DIR: tempDir('closeloop-fault-api-'),
      CLOSELOOP_IN_PROCESS_WORKER: 'false',
      LOG_LEVEL: 'info',
    };
    const servers = [await startServer(env), await startServer(env)];
    const TOTAL = 1_000;
    const deadline = Date.now() + 180_000;

    // A client retries with the same key on the other process after a refused or dropped
    // connection or a 5xx, as a client behind a load balancer would.
    const acknowledged = new Map<string, string>();
    const answers: number[] = [];
    let next = 0;
    let restarted: Promise<void> | null = null;
    const client = async (slot: number) => {
      while (next < TOTAL && Date.now() < deadline) {
        const n = next++;
        const key = `fault-${n}`;
        for (let attempt = 0; Date.now() < deadline; attempt++) {
          const address = servers[(slot + attempt) % servers.length]!.address;
          const answer = await post(address, token, n, key);
          answers.push(answer.status);
          if (answer.status === 201 || answer.status === 200) {
            acknowledged.set(key, answer.body!.id!);
            break;
          }
          expect([0, 502, 503]).toContain(answer.status);
          await sleep(50 + 50 * Math.min(attempt, 10));
        }
        if (acknowledged.size >= 300 && !restarted) {
          restarted = (async () => {
            servers[0]!.child.kill('SIGKILL');
            await servers[0]!.exited;
            await sleep(1_000);
            servers[0] = await startServer(env);
          })();
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, (_, slot) => client(slot)));
    await restarted;

    expect(acknowledged.size).toBe(TOTAL);
    expect(new Set(acknowledged.values()).size).toBe(TOTAL);
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE title LIKE 'Fault %'`.execute(ctx.deps.db);
    expect(stored.rows[0]!.n).toBe(TOTAL);
    // The killed process dropped requests on the floor: the clients saw it, and retried.
    expect(answers.filter((status) => status === 0).length).toBeGreaterThan(0);
    // A retry of an acknowledged request, on either process, answers with the same case.
    for (const n of [0, 299, 300, 999]) {
      for (const server of servers) {
        const again = await post(server.address, token, n, `fault-${n}`);
        expect(again.body?.id).toBe(acknowledged.get(`fault-${n}`));
      }
    }
  });
});

/** Debian's PostgreSQL server binaries, for a private cluster this test may stop and start. */
function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return version && existsSync(join(root, version, 'bin', 'pg_ctl')) ? join(root, version, 'bin') : null;
}

describe.skipIf(!process.env.DATABASE_URL || !postgresBin())('PostgreSQL restarted under load', () => {
  it('answers 503 problems meanwhile, /readyz says so, and recovers without a restart', { timeout: 180_000 }, async () => {
    // Its own cluster on its own port: the shared server the other tests use is never touched.
    const bin = postgresBin()!;
    const dir = tempDir('closeloop-fault-pg-');
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    const run = (tool: string, args: string[]) =>
      execFileSync(asRoot ? 'runuser' : join(bin, tool), asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { stdio: 'pipe', timeout: 60_000 });
    const port = 40_000 + Math.floor(Math.random() * 10_000);
    const data = join(dir, 'data');
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    const pgCtl = (...args: string[]) =>
      run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', ...args]);
    pgCtl('start');
    cleanups.push(() => {
      try {
        pgCtl('-m', 'immediate', 'stop');
      } catch {
        // already stopped
      }
    });
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE closeloop');
    await admin.end();

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/closeloop`,
      CLOSELOOP_DATA_DIR: tempDir('closeloop-fault-pg-app-'),
      LOG_LEVEL: 'info',
    };
    await runCli(['user', 'add', '--email', 'fault@example.test', '--name', 'Fault', '--role', 'requester'], env);
    const token = tokenOf(await runCli(['token', 'create', '--email', 'fault@example.test'], env));
    const server = await startServer(env);

    type Phase = 'before' | 'down' | 'after';
    let phase: Phase = 'before';
    let stop = false;
    const writes: (Answer & { phase: Phase })[] = [];
    const ready: { status: number; phase: Phase }[] = [];
    let n = 0;
    const writer = async () => {
      for (let i = 0; !stop && i < 2_000; i++) {
        const at = phase;
        writes.push({ ...(await post(server.address, token, n++)), phase: at });
      }
    };
    const prober = async () => {
      for (let i = 0; !stop && i < 2_000; i++) {
        const at = phase;
        const response = await fetch(`${server.address}/readyz`, { signal: AbortSignal.timeout(10_000) });
        ready.push({ status: response.status, phase: at });
        await sleep(50);
      }
    };
    const load = Promise.all([writer(), writer(), writer(), writer(), prober()]);
    await sleep(2_000);
    // A restart with the server away long enough to be seen: stop, two seconds, start.
    pgCtl('-m', 'fast', 'stop');
    phase = 'down';
    await sleep(2_000);
    pgCtl('start');
    phase = 'after';
    // Give the pool its connections back, then three seconds of normal work.
    const until = Date.now() + 20_000;
    while (Date.now() < until && writes.filter((w) => w.phase === 'after' && w.status === 201).length < 20) await sleep(100);
    await sleep(1_000);
    stop = true;
    await load;

    expect(server.child.exitCode).toBeNull();
    expect(writes.filter((w) => w.phase === 'before' && w.status === 201).length).toBeGreaterThan(0);
    // Meanwhile: 503 problem responses with a Retry-After, never a 500.
    const down = writes.filter((w) => w.phase === 'down');
    expect(down.length).toBeGreaterThan(0);
    for (const w of down) expect([201, 503]).toContain(w.status);
    const unavailable = down.find((w) => w.status === 503)!;
    expect(unavailable.contentType).toMatch(/^application\/problem\+json/);
    expect(unavailable.retryAfter).toBe('2');
    expect(writes.every((w) => w.status !== 500 && w.status !== 0)).toBe(true);
    expect(ready.some((r) => r.phase === 'down' && r.status === 503)).toBe(true);
    // Recovered in the same process.
    expect(writes.filter((w) => w.phase === 'after' && w.status === 201).length).toBeGreaterThanOrEqual(20);
    const last = await fetch(`${server.address}/readyz`);
    expect(last.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
