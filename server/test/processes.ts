import { type ChildProcess, spawn } from 'node:child_process';

/** A `closeloop` process started from the sources, as an operator runs it, with its output kept. */
export interface CliProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Resolves with the first match of the pattern in the output so far or to come. */
  logged(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  output(): string;
}

const running: ChildProcess[] = [];

export function startCli(args: string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/main.ts', ...args], { env });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logged = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = output.match(pattern);
        if (match) {
          clearInterval(timer);
          clearTimeout(deadline);
          resolve(match);
        }
      }, 50);
      const deadline = setTimeout(() => {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`));
      }, timeoutMs);
    });
  return { child, exited, logged, output: () => output };
}

/** Runs a CLI command to its end; throws with its output unless it exits 0. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const cli = startCli(args, env);
  const code = await cli.exited;
  if (code !== 0) throw new Error(`closeloop ${args.join(' ')} exited ${code}:\n${cli.output()}`);
  return cli.output();
}

/** `closeloop serve` on a free port; resolves once it listens. */
export async function startServer(env: NodeJS.ProcessEnv): Promise<CliProcess & { address: string }> {
  const server = startCli(['serve'], { ...env, PORT: '0' });
  const [, address] = await server.logged(/"address":"(http:\/\/[^"]+)"/);
  return { ...server, address: address! };
}

/** Kills whatever a test file started and left running. */
export function killAll(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
