import { autoCloseCase } from './domains/cases/auto-close.js';
import { remindHandoff } from './domains/handoffs/remind-handoff.js';
import type { Deps } from './platform/deps.js';
import { type JobHandler, JobRunner, type RunnerOptions } from './platform/jobs.js';
import { platformJobHandlers, scheduleMaintenance } from './platform/maintenance.js';

/** Every kind of background work the product knows; domains add theirs here. */
export const jobHandlers: Record<string, JobHandler> = {
  ...platformJobHandlers,
  'cases.auto_close': autoCloseCase,
  'handoffs.remind': remindHandoff,
};

const SCHEDULE_EVERY_MS = 5 * 60_000;

/** Starts claiming jobs and scheduling recurring work; resolves stop() after the job in hand. */
export function startWorker(deps: Deps, opts: RunnerOptions = {}): { runner: JobRunner; stop(): Promise<void> } {
  const runner = new JobRunner(deps, jobHandlers, opts);
  const schedule = () =>
    scheduleMaintenance(deps).catch((err: unknown) => opts.log?.error({ err }, 'scheduling maintenance failed'));
  void schedule();
  const timer = setInterval(schedule, SCHEDULE_EVERY_MS);
  runner.start();
  return {
    runner,
    async stop() {
      clearInterval(timer);
      await runner.stop();
    },
  };
}
