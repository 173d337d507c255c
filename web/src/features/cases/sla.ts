import type { MantineColor } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import type { ClockStatus, SlaState } from './types';

/** One colour per clock status, shared by the list badges and the clocks panel. */
const STATUS_COLOR: Record<ClockStatus, MantineColor> = {
  on_track: 'green',
  at_risk: 'orange',
  breached: 'red',
  paused: 'gray',
  met: 'teal',
  missed: 'red',
};

export function slaColor(status: ClockStatus): MantineColor {
  return STATUS_COLOR[status] ?? 'gray';
}

/**
 * The state to show now. The server marks a breach when its sweep passes the due instant;
 * until then a badge that has counted down past due already says so.
 */
export function effectiveSlaState(state: SlaState, dueAt: string | null, now: number): SlaState {
  if ((state === 'on_track' || state === 'at_risk') && dueAt && Date.parse(dueAt) <= now) return 'breached';
  return state;
}

export type DurationKey = 'dh' | 'hm' | 'd' | 'h' | 'm';

/** Whole minutes as at most two units, the larger first: 1d 3h, 2h 15m, 2h, 45m. */
export function durationParts(minutes: number): { key: DurationKey; d: number; h: number; m: number } {
  const total = Math.max(0, Math.floor(minutes));
  const d = Math.floor(total / 1440);
  const h = Math.floor((total % 1440) / 60);
  const m = total % 60;
  if (d > 0) return { key: h > 0 ? 'dh' : 'd', d, h, m: 0 };
  if (h > 0) return { key: m > 0 ? 'hm' : 'h', d: 0, h, m };
  return { key: 'm', d: 0, h: 0, m };
}

/**
 * Seconds until due (negative when overdue) as whole minutes. Time left rounds up, so a
 * running clock never says "0m left"; overdue time rounds down but is at least a minute.
 */
export function minutesLeft(seconds: number): { overdue: boolean; minutes: number } {
  if (seconds > 0) return { overdue: false, minutes: Math.ceil(seconds / 60) };
  return { overdue: true, minutes: Math.max(1, Math.floor(-seconds / 60)) };
}

/** A length of time, compactly in the UI language: "2h 15m", "2小时15分", "2 jam 15 min". */
export function formatDuration(t: TFunction, seconds: number): string {
  const { key, d, h, m } = durationParts(seconds / 60);
  return t(`sla.duration.${key}`, { d, h, m });
}

/** Time to a due instant: "2h 15m left" or "overdue 1d 3h", in the UI language. */
export function formatTimeLeft(t: TFunction, seconds: number): string {
  const { overdue, minutes } = minutesLeft(seconds);
  const time = formatDuration(t, minutes * 60);
  return overdue ? t('sla.overdue', { time }) : t('sla.left', { time });
}

// One timer for every badge on the page, ticking on the minute so they all change together.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | null = null;

function tick(): void {
  now = Date.now();
  for (const listener of listeners) listener();
  timer = setTimeout(tick, 60_000 - (now % 60_000) + 50);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setTimeout(tick, 60_000 - (now % 60_000) + 50);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** The current time in milliseconds, updated at the turn of each minute. */
export function useMinute(): number {
  return useSyncExternalStore(subscribe, () => now);
}
