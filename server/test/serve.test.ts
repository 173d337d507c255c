import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, startCli } from './processes.js';

// The real process, as an operator runs it: listen, answer, and stop cleanly on SIGTERM.
const dataDir = mkdtempSync(join(tmpdir(), 'closeloop-serve-'));
afterAll(() => {
  killAll();
  rmSync(dataDir, { recursive: true, force: true });
});

function start(args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, CLOSELOOP_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  return startCli(args, env);
}

describe('closeloop serve', () => {
  it('serves with the embedded database, logs JSON with request ids, and shuts down gracefully on SIGTERM', async () => {
    const server = start(['serve']);
    const [, address] = await server.logged(/"address":"(http:\/\/[^"]+)"/);
    const ready = await fetch(`${address}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
    const me = await fetch(`${address}/api/v1/me`, { headers: { 'x-request-id': 'probe-123' } });
    expect(me.status).toBe(401);
    expect(me.headers.get('x-request-id')).toBe('probe-123');
    await server.logged(/"reqId":"probe-123"/);
    expect(existsSync(join(dataDir, 'closeloop.lock'))).toBe(true);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"shutting down"');
    expect(existsSync(join(dataDir, 'closeloop.lock'))).toBe(false);
  }, 120_000);

  it('a worker process runs on the same data directory afterwards and stops on SIGTERM', async () => {
    const worker = start(['worker']);
    await worker.logged(/"msg":"worker started"/);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 120_000);
});
