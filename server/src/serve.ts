import { buildApp } from './app.js';
import type { Config } from './config.js';
import { migrate } from './db/migrate.js';
import { type DbHandle, openDatabase } from './db/pool.js';
import { demoSignIns, loadDemo } from './demo/load-demo.js';
import { cliActor } from './platform/actor.js';
import { systemClock } from './platform/clock.js';
import type { Deps } from './platform/deps.js';
import { startWorker } from './worker.js';
import pino from 'pino';

/** Opens the database and applies pending migrations: every command starts here. */
export async function openAndMigrate(config: Config): Promise<DbHandle> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database.pool);
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Stops cleanly on SIGTERM/SIGINT: finish in-flight requests and jobs, close the database. */
function onShutdown(log: pino.Logger, steps: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    steps()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

/** `closeloop serve`: the API and web UI, and (unless disabled) the background worker. */
export async function serve(config: Config, opts: { demo: boolean }): Promise<void> {
  const started = Date.now();
  const log = pino({ level: config.logLevel });
  const database = await openAndMigrate(config);
  const deps: Deps = { db: database.db, clock: systemClock, config };
  if (opts.demo) {
    const result = await loadDemo(deps, cliActor, (msg) => log.info(msg));
    if (!result.loaded) log.info(`demo data not loaded: ${result.reason}`);
  }
  const app = await buildApp({ config, database, clock: systemClock, logger: log });
  const worker = config.inProcessWorker ? startWorker(deps, { log }) : null;
  onShutdown(log, async () => {
    await app.close();
    await worker?.stop();
    await database.close();
  });
  const address = await app.listen({ port: config.port, host: config.host });
  log.info({ address, backend: database.backend, startupMs: Date.now() - started }, 'Closeloop is listening');
  if (opts.demo) process.stdout.write(`\nCloseloop is ready at ${address}\n${demoSignIns()}\n\n`);
}

/** `closeloop worker`: background work only, for running several next to the API processes. */
export async function work(config: Config): Promise<void> {
  const log = pino({ level: config.logLevel });
  const database = await openAndMigrate(config);
  const worker = startWorker({ db: database.db, clock: systemClock, config }, { log });
  // The handlers go in before the line a supervisor waits for: a SIGTERM that arrives before
  // them kills the process outright (the default action), without closing the database.
  onShutdown(log, async () => {
    await worker.stop();
    await database.close();
  });
  log.info({ workerId: worker.runner.workerId, backend: database.backend }, 'worker started');
}
