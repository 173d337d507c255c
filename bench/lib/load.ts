/** What a bounded load loop did. */
export interface LoadRun {
  /** Latency of each completed call, ms. */
  latencies: number[];
  errors: number;
  firstError?: string;
  seconds: number;
  /** Stopped by the time cap before the count was done. */
  timedOut: boolean;
}

/**
 * Calls `call(i)` for i = 0 … count-1 with `concurrency` calls in flight, stopping early
 * when `maxSeconds` have passed (no new call starts after the deadline). Always bounded.
 */
export async function runBounded(
  opts: { count: number; concurrency: number; maxSeconds: number },
  call: (i: number) => Promise<void>,
): Promise<LoadRun> {
  const started = performance.now();
  const deadline = started + opts.maxSeconds * 1000;
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  let timedOut = false;
  const lane = async () => {
    for (;;) {
      if (next >= opts.count) return;
      if (performance.now() > deadline) {
        timedOut = true;
        return;
      }
      const i = next++;
      const t = performance.now();
      try {
        await call(i);
        latencies.push(performance.now() - t);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, lane));
  return { latencies, errors, firstError, seconds: (performance.now() - started) / 1000, timedOut };
}
