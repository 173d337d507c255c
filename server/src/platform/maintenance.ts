import type { Deps } from './deps.js';
import { type JobHandler, enqueueJob } from './jobs.js';

const DAY = 86_400_000;

/** Housekeeping: expired sessions, old sign-in attempts and finished jobs. */
export const purgeExpired: JobHandler = async ({ db, clock }) => {
  const now = clock.now();
  await db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  await db.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - DAY)).execute();
  await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', new Date(now.getTime() - 7 * DAY))
    .execute();
};

/**
 * Schedules this hour's housekeeping. Every worker calls it; the dedupe key makes it one job
 * per hour however many workers run.
 */
export async function scheduleMaintenance(deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const hour = now.toISOString().slice(0, 13);
  await enqueueJob(deps.db, now, { kind: 'maintenance.purge', dedupeKey: `maintenance.purge:${hour}` });
}

export const platformJobHandlers: Record<string, JobHandler> = {
  'maintenance.purge': purgeExpired,
};
