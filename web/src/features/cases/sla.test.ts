import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import ms from '../../i18n/ms.json';
import zh from '../../i18n/zh.json';
import { durationParts, effectiveSlaState, formatDuration, formatTimeLeft, minutesLeft, slaColor } from './sla';
import {
  CLOCK_KINDS,
  CLOCK_REASONS,
  CLOCK_STATES,
  CLOCK_STATUSES,
  SLA_MATCH_FIELDS,
  type ClockStatus,
  type SlaState,
} from './types';

/** The real catalogues, so the test reads what people read. */
function translator(language: 'en' | 'zh' | 'ms'): TFunction {
  const i18n = createInstance();
  void i18n.init({
    resources: { en: { translation: en }, zh: { translation: zh }, ms: { translation: ms } },
    lng: language,
    initAsync: false,
    showSupportNotice: false,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}
const t = { en: translator('en'), zh: translator('zh'), ms: translator('ms') };

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('SLA durations', () => {
  it.each([
    [0, { key: 'm', d: 0, h: 0, m: 0 }],
    [45, { key: 'm', d: 0, h: 0, m: 45 }],
    [60, { key: 'h', d: 0, h: 1, m: 0 }],
    [135, { key: 'hm', d: 0, h: 2, m: 15 }],
    [1440, { key: 'd', d: 1, h: 0, m: 0 }],
    [1440 + 3 * 60 + 59, { key: 'dh', d: 1, h: 3, m: 0 }],
    [10 * 1440 + 59, { key: 'd', d: 10, h: 0, m: 0 }],
    [-5, { key: 'm', d: 0, h: 0, m: 0 }],
  ])('%d minutes → %o', (minutes, parts) => {
    expect(durationParts(minutes)).toEqual(parts);
  });

  it.each([
    [2 * HOUR + 15 * MINUTE + 30, { overdue: false, minutes: 136 }],
    [1, { overdue: false, minutes: 1 }],
    [0, { overdue: true, minutes: 1 }],
    [-30, { overdue: true, minutes: 1 }],
    [-(DAY + 3 * HOUR + 59), { overdue: true, minutes: 1620 }],
  ])('%d seconds to due → %o', (seconds, expected) => {
    expect(minutesLeft(seconds)).toEqual(expected);
  });

  it.each([
    ['en', 2 * HOUR + 15 * MINUTE, '2h 15m left'],
    ['zh', 2 * HOUR + 15 * MINUTE, '剩余2小时15分'],
    ['ms', 2 * HOUR + 15 * MINUTE, '2 jam 15 min lagi'],
    ['en', -(DAY + 3 * HOUR), 'overdue 1d 3h'],
    ['zh', -(DAY + 3 * HOUR), '超时1天3小时'],
    ['ms', -(DAY + 3 * HOUR), 'lewat 1 hari 3 jam'],
    ['en', 20, '1m left'],
    ['zh', 3 * DAY, '剩余3天'],
    ['ms', 5 * HOUR, '5 jam lagi'],
    ['en', -90, 'overdue 1m'],
  ] as const)('%s: %d seconds → "%s"', (language, seconds, text) => {
    expect(formatTimeLeft(t[language], seconds)).toBe(text);
  });

  it.each([
    ['en', 0, '0m'],
    ['en', 90 * MINUTE, '1h 30m'],
    ['zh', 90 * MINUTE, '1小时30分'],
    ['ms', 90 * MINUTE, '1 jam 30 min'],
    ['zh', 45 * MINUTE, '45分钟'],
    ['ms', 2 * DAY + HOUR, '2 hari 1 jam'],
  ] as const)('%s: working time %d seconds → "%s"', (language, seconds, text) => {
    expect(formatDuration(t[language], seconds)).toBe(text);
  });
});

describe('SLA colours', () => {
  it.each([
    ['on_track', 'green'],
    ['at_risk', 'orange'],
    ['breached', 'red'],
    ['paused', 'gray'],
    ['met', 'teal'],
    ['missed', 'red'],
  ] as const)('%s is %s', (status, colour) => {
    expect(slaColor(status)).toBe(colour);
  });

  it.each(['en', 'zh', 'ms'] as const)('%s names every status, clock, segment, reason and policy criterion', (language) => {
    const keys = [
      ...CLOCK_STATUSES.map((status) => `sla.state.${status}`),
      ...CLOCK_KINDS.map((kind) => `sla.kind.${kind}`),
      ...CLOCK_STATES.map((state) => `sla.clockState.${state}`),
      ...CLOCK_REASONS.map((reason) => `sla.reason.${reason}`),
      ...SLA_MATCH_FIELDS.map((field) => `sla.field.${field}`),
    ];
    expect(keys.filter((key) => t[language](key) === key)).toEqual([]);
  });

  it('falls back to grey for a status the UI does not know yet', () => {
    expect(slaColor('snoozed' as ClockStatus)).toBe('gray');
  });
});

describe('the state a badge shows', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');
  it.each([
    ['on_track', '2025-03-01T12:00:00Z', 'on_track'],
    ['at_risk', '2025-03-01T10:00:30Z', 'at_risk'],
    ['at_risk', '2025-03-01T10:00:00Z', 'breached'],
    ['on_track', '2025-03-01T09:00:00Z', 'breached'],
    ['paused', null, 'paused'],
    ['breached', '2025-03-01T09:00:00Z', 'breached'],
    ['on_track', null, 'on_track'],
  ] as [SlaState, string | null, SlaState][])('%s due %s → %s', (state, dueAt, shown) => {
    expect(effectiveSlaState(state, dueAt, now)).toBe(shown);
  });
});
