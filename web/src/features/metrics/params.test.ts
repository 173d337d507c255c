import { describe, expect, it } from 'vitest';
import { addDays, metricQuery, presetOf, presetRange, readFilters, todayIn, writeFilters } from './params';
import type { MetricInfo } from './types';

const today = '2026-11-23';

describe('dashboard filters in the address', () => {
  it('defaults to the last 30 days by day and keeps the defaults out of the address', () => {
    const filters = readFilters(new URLSearchParams(), today);
    expect(filters).toMatchObject({ from: '2026-10-25', to: today, groupBy: 'day', region: null });
    expect(writeFilters(filters, today).toString()).toBe('');
  });

  it('restores what it wrote', () => {
    const params = new URLSearchParams('from=2026-09-01&to=2026-09-30&groupBy=week&region=MY&priority=P1&team=t1&clock=first_response');
    const filters = readFilters(params, today);
    expect(filters).toMatchObject({ from: '2026-09-01', to: '2026-09-30', groupBy: 'week', region: 'MY', priority: 'P1', team: 't1', clock: 'first_response' });
    expect(readFilters(writeFilters(filters, today), today)).toEqual(filters);
  });

  it('ignores malformed dates and groupings', () => {
    const filters = readFilters(new URLSearchParams('from=yesterday&groupBy=year'), today);
    expect(filters.from).toBe('2026-10-25');
    expect(filters.groupBy).toBe('day');
  });

  it('knows its presets', () => {
    expect(presetRange(7, today)).toEqual({ from: '2026-11-17', to: today });
    expect(presetOf({ from: '2026-08-26', to: today }, today)).toBe(90);
    expect(presetOf({ from: '2026-11-01', to: today }, today)).toBeNull();
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('takes today in the organisation time zone', () => {
    // 20:00 UTC on the 23rd is already the 24th in Kuala Lumpur (UTC+8).
    expect(todayIn('Asia/Kuala_Lumpur', new Date('2026-11-23T20:00:00Z'))).toBe('2026-11-24');
    expect(todayIn('UTC', new Date('2026-11-23T20:00:00Z'))).toBe('2026-11-23');
  });
});

describe('a metric query', () => {
  const escalation: MetricInfo = { metric: 'escalation_rate', unit: 'ratio', groupBys: ['day'], filters: ['category', 'region'], params: [] };
  const filters = { ...readFilters(new URLSearchParams('region=MY&team=t1&priority=P2'), today) };

  it('sends only the filters the metric takes and names the rest', () => {
    const query = metricQuery(filters, escalation, { groupBy: 'day' });
    expect(query.params).toEqual({ from: '2026-10-25', to: today, region: 'MY', groupBy: 'day' });
    expect(query.ignored).toEqual(['team', 'priority']);
  });

  it('sends clock and basis only to the metrics that take them, and only when not the default', () => {
    const chosen = readFilters(new URLSearchParams('clock=first_response&basis=calendar'), today);
    const sla: MetricInfo = { metric: 'sla_attainment', unit: 'ratio', groupBys: [], filters: [], params: ['clock'] };
    const resolution: MetricInfo = { metric: 'resolution_median', unit: 'seconds', groupBys: [], filters: [], params: ['basis'] };
    expect(metricQuery(chosen, sla).params).toEqual({ from: '2026-10-25', to: today, clock: 'first_response' });
    expect(metricQuery(chosen, resolution).params).toEqual({ from: '2026-10-25', to: today, basis: 'calendar' });
    expect(metricQuery(readFilters(new URLSearchParams(), today), sla).params).toEqual({ from: '2026-10-25', to: today });
    expect(writeFilters(chosen, today).toString()).toBe('clock=first_response&basis=calendar');
  });

  it('sends every filter before the catalogue is known, except those left out on purpose', () => {
    const query = metricQuery(filters, undefined, { clock: null }, ['team']);
    expect(query.params).toEqual({ from: '2026-10-25', to: today, region: 'MY', priority: 'P2' });
    expect(query.ignored).toEqual([]);
  });
});
