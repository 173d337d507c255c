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

  it('starts a batch at once when nothing runs, and takes what waited as the next one', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const group = new GroupCommit<number, number>({
      max: 10,
      inFlight: 1,
      keys: () => [],
      run: async (jobs) => {
        batches.push(jobs.map((j) => j.item));
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        for (const job of jobs) job.settle(job.item);
      },
    });
    const first = group.submit(1);
    expect(batches).toEqual([[1]]); // no waiting for company
    const rest = [2, 3, 4].map((n) => group.submit(n));
    expect(batches).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    // Requests submitted together start one batch together.
    expect(await Promise.all(group.submitAll([5, 6, 7]))).toEqual([5, 6, 7]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6, 7]]);
  });

  it('fails a request its batch left unanswered rather than leaving it waiting', async () => {
    const group = new GroupCommit<number, number>({ max: 10, inFlight: 1, keys: () => [], run: async () => {} });
    await expect(group.submit(1)).rejects.toThrow(/unanswered/);
  });
});
