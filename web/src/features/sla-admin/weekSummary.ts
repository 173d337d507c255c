import { formatBlocks } from './blocks';
import { WEEKDAYS, type Weekday } from './types';

export interface WeekRun {
  first: Weekday;
  last: Weekday;
  /** "09:00–12:00, 13:00–18:00" */
  hours: string;
}

/** Consecutive days with the same working blocks, closed days left out: Mon–Fri 09:00–18:00, Sat 09:00–13:00. */
export function weekRuns(week: Record<string, readonly (readonly string[])[]>): WeekRun[] {
  const runs: WeekRun[] = [];
  let previous: WeekRun | null = null;
  for (const day of WEEKDAYS) {
    const blocks = week[day] ?? [];
    const hours = formatBlocks(blocks);
    if (blocks.length === 0) {
      previous = null;
      continue;
    }
    if (previous && previous.hours === hours) {
      previous.last = day;
      continue;
    }
    previous = { first: day, last: day, hours };
    runs.push(previous);
  }
  return runs;
}
