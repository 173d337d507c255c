import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupCommit, type Job } from './group-commit.js';

interface Item {
  n: number;
  keys: string[];
  /** How the batch treats it: answers, fails it alone, or fails the whole batch. */
  outcome: 'ok' | 'fail' | 'throw';
}

const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('group commit', () => {
  it('answers every request once, in batches of at most max, with no key twice in a batch and at most inFlight running', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            keys: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 2 }),
            outcome: fc.constantFrom<Item['outcome']>('ok', 'ok', 'ok', 'fail', 'throw'),
            gap: fc.nat(2),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.nat(3),
        async (requests, max, inFlight, runTicks) => {
          const batches: Item[][] = [];
          // When each batch began and ended, on one counter of events.
          let events = 0;
          const began: number[] = [];
          const ended: number[] = [];
          let running = 0;
          let mostRunning = 0;
          const group = new GroupCommit<Item, number>({
            max,
            inFlight,
            keys: (item) => item.keys,
            run: async (jobs: Job<Item, number>[]) => {
              const index = batches.push(jobs.map((j) => j.item)) - 1;
              began[index] = events++;
              mostRunning = Math.max(mostRunning, ++running);
              try {
                await ticks(runTicks);
                if (jobs.some((j) => j.item.outcome === 'throw')) {
                  jobs[0]!.settle(jobs[0]!.item.n * 10); // answered before the batch failed: keeps its answer
                  throw new Error('batch failed');
                }
                for (const job of jobs) {
                  if (job.item.outcome === 'fail') job.fail(new Error(`request ${job.item.n} failed`));
                  else job.settle(Promise.resolve(job.item.n * 10));
                }
              } finally {
                running--;
                ended[index] = events++;
              }
            },
          });
          const answers: Promise<PromiseSettledResult<number>>[] = [];
          for (const [n, { keys, outcome, gap }] of requests.entries()) {
            answers.push(
              group.submit({ n, keys, outcome }).then(
                (value) => ({ status: 'fulfilled', value }),
                (reason: unknown) => ({ status: 'rejected', reason }),
              ),
            );
            await ticks(gap);
          }
          const settled = await Promise.all(answers);

          expect(batches.flat().map((i) => i.n).sort((x, y) => x - y)).toEqual(requests.map((_, n) => n));
          expect(mostRunning).toBeLessThanOrEqual(inFlight);
          for (const batch of batches) {
            expect(batch.length).toBeLessThanOrEqual(max);
            const keys = batch.flatMap((i) => i.keys);
            expect(new Set(keys).size).toBe(keys.length);
          }
          // Requests that share a key are written one at a time, in the order they came: the
          // earlier one's batch ended before the later one's began.
          const batchOf = new Map(batches.flatMap((b, i) => b.map((item) => [item.n, i] as const)));
          for (const [n, r] of requests.entries()) {
            for (let m = n + 1; m < requests.length; m++) {
              if (!r.keys.some((k) => requests[m]!.keys.includes(k))) continue;
              expect(ended[batchOf.get(n)!]!).toBeLessThan(began[batchOf.get(m)!]!);
            }
          }
          for (const batch of batches) {
            const failed = batch.some((i) => i.outcome === 'throw');
            for (const [i, item] of batch.entries()) {
              const answer = settled[item.n]!;
              if (failed && i > 0) expect(answer).toMatchObject({ status: 'rejected', reason: { message: 'batch failed' } });
              else if (!failed && item.outcome === 'fail') expect(answer).toMatchObject({ status: 'rejected', reason: { message: `request ${item.n} failed` } });
              else expect(answer).toEqual({ status: 'fulfilled', value: item.n * 10 });
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  /** A group commit that records its batches; each batch answers its requests with themselves after `work(its number)`. */
  const recorded = (work: (batch: number) => Promise<void>) => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>({
      max: 10,
      inFlight: 1,
      keys: () => [],
      run: async (jobs) => {
        batches.push(jobs.map((j) => j.item));
        await work(batches.length);
        for (const job of jobs) job.settle(job.item);
      },
    });
    return { batches, group };
  };

  it('starts a batch as soon as the event loop has taken in what arrived with it, and takes what waited as the next one', async () => {
    let release!: () => void;
    const { batches, group } = recorded(async (batch) => {
      if (batch === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = group.submit(1);
    const second = new Promise<number>((resolve) => queueMicrotask(() => void group.submit(2).then(resolve)));
    expect(batches).toEqual([]);
    await ticks(1);
    expect(batches).toEqual([[1, 2]]); // no waiting for company beyond what came with it
    const rest = [3, 4, 5].map((n) => group.submit(n));
    await ticks(3);
    expect(batches).toEqual([[1, 2]]);
    release();
    expect(await Promise.all([first, second, ...rest])).toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([[1, 2], [3, 4, 5]]);
    // Requests submitted together start one batch together.
    expect(await Promise.all(group.submitAll([6, 7, 8]))).toEqual([6, 7, 8]);
    expect(batches).toEqual([[1, 2], [3, 4, 5], [6, 7, 8]]);
  });

  it('batches requests that arrive while a batch runs, also when its work never waits for I/O (an in-process database)', async () => {
    const { batches, group } = recorded(async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
    });
    // Five requests read in one turn of the event loop, each in a callback of its own (as sockets' are).
    const answers = await new Promise<Promise<number>[]>((resolve) => {
      const submitted: Promise<number>[] = [];
      for (let n = 1; n <= 5; n++) setImmediate(() => submitted.push(group.submit(n)) === 5 && resolve(submitted));
    });
    expect(await Promise.all(answers)).toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('fails a request its batch left unanswered rather than leaving it waiting', async () => {
    const group = new GroupCommit<number, number>({ max: 10, inFlight: 1, keys: () => [], run: async () => {} });
    await expect(group.submit(1)).rejects.toThrow(/unanswered/);
  });
});
