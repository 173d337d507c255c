import { autoCloseCase } from './domains/cases/auto-close.js';
import { remindHandoff } from './domains/handoffs/remind-handoff.js';
import { sweepUntilDone } from './domains/sla/sweep.js';
import { PAGE_JOB, pageNextLevel } from './domains/escalation/critical.js';
import { MAIL_JOB, sendMail } from './domains/notify/mail.js';
import { CSAT_SEND_JOB, sendSurvey } from './domains/csat/send-survey.js';
import { WEEKLY_REPORT_JOB, scheduleWeeklyReport, sendWeeklyReports } from './domains/reports/weekly-report.js';
import type { Deps } from './platform/deps.js';
import { type JobHandler, JobRunner, type RunnerOptions } from './platform/jobs.js';
import { platformJobHandlers, scheduleMaintenance } from './platform/maintenance.js';

/** Every kind of background work the product knows; domains add theirs here. */
export const jobHandlers: Record<string, JobHandler> = {
  ...platformJobHandlers,
  'cases.auto_close': autoCloseCase,
  'handoffs.remind': remindHandoff,
  [PAGE_JOB]: pageNextLevel,
  [MAIL_JOB]: sendMail,
  [CSAT_SEND_JOB]: sendSurvey,
  [WEEKLY_REPORT_JOB]: sendWeeklyReports,
};

const SCHEDULE_EVERY_MS = 5 * 60_000;
/** How often the SLA sweep looks for warnings and breaches come due (lateness is at most this plus the sweep). */
export const SLA_SWEEP_EVERY_MS = 1000;

/** Starts claiming jobs and scheduling recurring work; resolves stop() after the job in hand. */
export function startWorker(deps: Deps, opts: RunnerOptions = {}): { runner: JobRunner; stop(): Promise<void> } {
  const runner = new JobRunner(deps, jobHandlers, { leaseMs: deps.config.jobLeaseSeconds * 1000, ...opts });
  // Kept so stop() waits for it: closing the database under a write in flight is not a clean stop.
  let scheduling: Promise<unknown> = Promise.resolve();
  const schedule = () => {
    scheduling = Promise.all([
      scheduleMaintenance(deps).catch((err: unknown) => opts.log?.error({ err }, 'scheduling maintenance failed')),
      scheduleWeeklyReport(deps).catch((err: unknown) => opts.log?.error({ err }, 'scheduling the weekly report failed')),
    ]);
  };
  schedule();
  const timer = setInterval(schedule, SCHEDULE_EVERY_MS);
  // The sweep is not a job: it runs on every worker, each round a transaction that skips what
  // another worker holds, so a worker that dies mid-round loses nothing (the round rolls back).
  let sweeping: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const sweep = async () => {
    sweeping = sweepUntilDone(deps).catch((err: unknown) => opts.log?.error({ err }, 'SLA sweep failed'));
    await sweeping;
    if (!stopped) sweepTimer = setTimeout(sweep, opts.slaSweepMs ?? SLA_SWEEP_EVERY_MS);
  };
  let sweepTimer = setTimeout(sweep, 0);
  runner.start();
  return {
    runner,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(sweepTimer);
      await Promise.all([runner.stop(), sweeping, scheduling]);
    },
  };
}
