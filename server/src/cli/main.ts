import { createReadStream, existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.js';
import { readMigrations } from '../db/migrate.js';
import { DataDirLockedError } from '../db/pool.js';
import { MAX_DEMO_CASES, growCases, readDirectory } from '../demo/grow.js';
import { countCases } from '../domains/cases/queries.js';
import { DEMO_CASE_COUNT } from '../demo/history.js';
import { demoSignIns, loadDemo } from '../demo/load-demo.js';
import { createApiToken } from '../domains/identity/api-tokens.js';
import { findUserByEmail } from '../domains/identity/queries.js';
import { importCases } from '../domains/imports/import-cases.js';
import { progressLine, reportText } from '../domains/imports/report-text.js';
import { createUser } from '../domains/identity/users.js';
import { LOCALES, ROLES } from '../db/schema.js';
import { cliActor } from '../platform/actor.js';
import { isUuid } from '../platform/cursor.js';
import { systemClock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { openAndMigrate, serve, work } from '../serve.js';
import { VERSION } from '../version.js';

/** Runs `fn` against a migrated database, then closes it. */
async function withDatabase<T>(fn: (deps: Parameters<typeof createUser>[0]) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openAndMigrate(config);
  try {
    return await fn({ db: database.db, clock: systemClock, config });
  } finally {
    await database.close();
  }
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function buildCli(): Command {
  const program = new Command('closeloop')
    .description('Closeloop — the escalation desk for marketplace service teams')
    .version(VERSION)
    .exitOverride();

  program
    .command('serve')
    .description('run the API and web UI (and the background worker unless CLOSELOOP_IN_PROCESS_WORKER=false)')
    .option('--demo', 'load the demo organisation into an empty database and print its sign-ins')
    .action(async (opts: { demo?: boolean }) => serve(loadConfig(), { demo: Boolean(opts.demo) }));

  program
    .command('worker')
    .description('run background work only (run as many as needed against one PostgreSQL)')
    .action(async () => work(loadConfig()));

  program
    .command('migrate')
    .description('apply pending database migrations (safe to run from several processes at once)')
    .action(async () => {
      await withDatabase(async () => undefined);
      console.log(`database is at migration ${readMigrations().length}`);
    });

  program
    .command('demo')
    .description('load the demo organisation into an empty database; --cases grows its history to that many cases')
    .option('--cases <n>', `total cases wanted, ${DEMO_CASE_COUNT} to ${MAX_DEMO_CASES} (batches of the demo history, further back in time)`)
    .action(async (opts: { cases?: string }) => {
      const target = opts.cases === undefined ? undefined : Number(opts.cases);
      if (target !== undefined && (!Number.isInteger(target) || target < DEMO_CASE_COUNT || target > MAX_DEMO_CASES)) {
        throw AppError.validation('--cases', `must be a whole number from ${DEMO_CASE_COUNT} to ${MAX_DEMO_CASES}`);
      }
      await withDatabase(async (deps) => {
        const result = await loadDemo(deps, cliActor, (msg) => console.log(msg));
        if (result.loaded) console.log(demoSignIns());
        else if (target === undefined) console.log(`demo data not loaded: ${result.reason}`);
        if (target === undefined) return;
        // Growing is for the demo's own database: never add invented cases to real data.
        const demo = await deps.db.selectFrom('audit_log').select('id').where('action', '=', 'demo.loaded').executeTakeFirst();
        if (!demo) throw AppError.validation('--cases', 'this database holds data that is not the demo; grow only a database the demo was loaded into');
        const started = performance.now();
        let shown = 0;
        const added = await growCases(deps.db, await readDirectory(deps.db), target, {
          csatDelayMinutes: deps.config.csatDelayMinutes,
          progress: (done, of) => {
            if (performance.now() - shown < 2000 && done < of) return;
            shown = performance.now();
            const seconds = (shown - started) / 1000;
            console.log(`demo: ${done.toLocaleString('en-US')} / ${of.toLocaleString('en-US')} cases (${seconds.toFixed(0)} s)`);
          },
        });
        console.log(`demo: ${added.toLocaleString('en-US')} cases added in ${((performance.now() - started) / 1000).toFixed(1)} s; ${(await countCases(deps.db)).toLocaleString('en-US')} in all`);
      });
    });

  const user = program.command('user').description('manage people');
  user
    .command('add')
    .description('create a user (use it to create the first admin)')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--team <team>', 'team name or id (repeatable)', collect)
    .option('--password <password>', 'password (at least 10 characters); without it the user cannot sign in yet')
    .option('--region <code>', 'region code such as MY, SG or CN')
    .addOption(new Option('--locale <locale>', 'interface language').choices([...LOCALES]).default('en'))
    .action(async (opts: { email: string; name: string; role: (typeof ROLES)[number]; team?: string[]; password?: string; region?: string; locale: (typeof LOCALES)[number] }) => {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(opts.email)) throw AppError.validation('email', 'is not an e-mail address');
      if (opts.password !== undefined && opts.password.length < 10) {
        throw AppError.validation('password', 'must be at least 10 characters');
      }
      const created = await withDatabase(async (deps) => {
        const teamIds: string[] = [];
        for (const team of opts.team ?? []) {
          const row = await deps.db
            .selectFrom('teams')
            .select('id')
            .where((eb) =>
              isUuid(team) ? eb('id', '=', team) : eb(eb.fn('lower', ['name']), '=', team.toLowerCase()),
            )
            .executeTakeFirst();
          if (!row) throw AppError.validation('team', `no team named ${team}`);
          teamIds.push(row.id);
        }
        return createUser(deps, cliActor, {
          email: opts.email,
          displayName: opts.name,
          role: opts.role,
          teamIds,
          region: opts.region ?? null,
          locale: opts.locale,
          password: opts.password,
        });
      });
      console.log(`created ${created.role} ${created.email} (${created.id})`);
    });

  const token = program.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create an API token for a user; the token alone is the last line of output')
    .requiredOption('--email <email>', 'the user the token acts as')
    .option('--name <name>', 'a name to recognise the token by', 'cli')
    .action(async (opts: { email: string; name: string }) => {
      const created = await withDatabase(async (deps) => {
        const owner = await findUserByEmail(deps.db, opts.email);
        if (!owner) throw AppError.validation('email', `no user with e-mail ${opts.email}`);
        if (!owner.active) throw AppError.validation('email', `${opts.email} is deactivated`);
        return createApiToken(deps, cliActor, { name: opts.name, userId: owner.id });
      });
      console.log(`token "${created.name}" for ${opts.email} (id ${created.id}); it is shown only once:`);
      console.log(created.token);
    });

  program
    .command('import')
    .description('import data from other systems')
    .command('cases')
    .description("import case history from another helpdesk's CSV export (re-imports update by externalId)")
    .argument('<file>', 'the CSV file; its first row names the columns')
    .requiredOption('--map <pairs>', 'field=Column pairs, comma-separated, e.g. "externalId=Ticket ID,title=Subject,createdAt=Created"')
    .option('--dry-run', 'validate every row and report; write nothing')
    .option('--create-missing', 'create unknown categories, teams and (inactive) agents instead of reporting them')
    .option('--valid-rows-only', 'import the valid rows and report the rest (otherwise one invalid row stops the import)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { map: string; dryRun?: boolean; createMissing?: boolean; validRowsOnly?: boolean; json?: boolean }) => {
      if (!existsSync(file)) throw AppError.validation('file', `${file} does not exist`);
      const report = await withDatabase((deps) =>
        importCases(deps, cliActor, createReadStream(file), { map: opts.map, dryRun: opts.dryRun, createMissing: opts.createMissing, validRowsOnly: opts.validRowsOnly }, (progress) => process.stderr.write(`${progressLine(progress)}\n`)),
      );
      console.log(opts.json ? JSON.stringify(report, null, 2) : reportText(report));
      if (report.invalid > 0 && !opts.validRowsOnly) process.exitCode = 1;
    });

  return program;
}

/** One line for the person at the terminal; exit code 1. */
function fail(message: string): never {
  process.stderr.write(`closeloop: ${message}\n`);
  process.exit(1);
}

async function main(argv: string[]): Promise<void> {
  const program = buildCli();
  program.configureOutput({ writeErr: (text) => process.stderr.write(text.split('\n')[0] + '\n') });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they already printed what they should.
      process.exit(error.exitCode === 0 ? 0 : 1);
    }
    if (error instanceof ConfigError || error instanceof DataDirLockedError) fail(error.message);
    if (error instanceof AppError) fail(error.errors.length ? error.errors.map((e) => `${e.field} ${e.message}`).join('; ') : error.message);
    fail((error as Error).stack ?? String(error));
  }
}

await main(process.argv);
