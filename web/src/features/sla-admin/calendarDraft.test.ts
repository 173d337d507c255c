import { describe, expect, it } from 'vitest';
import { calendarDraftOf, calendarInputOf, emptyHoliday, type CalendarDraft } from './calendarDraft';
import type { Calendar } from './types';

const saved: Calendar = {
  id: 'c1',
  name: 'Malaysia office hours',
  timeZone: 'Asia/Kuala_Lumpur',
  week: {
    mon: [
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ],
    tue: [['09:00', '18:00']],
    wed: [],
    thu: [],
    fri: [],
    sat: [],
    sun: [],
  },
  holidays: [
    { date: '2026-12-25', name: 'Christmas Day' },
    { date: '2026-02-17', name: 'Chinese New Year eve', blocks: [['09:00', '13:00']] },
  ],
  alwaysOpen: false,
  region: 'MY',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function draft(change: (draft: CalendarDraft) => void): CalendarDraft {
  const value = calendarDraftOf(saved, 'UTC');
  change(value);
  return value;
}

describe('calendarDraftOf', () => {
  it('starts a new calendar as Mon–Fri office hours in the given zone', () => {
    const fresh = calendarDraftOf(undefined, 'Asia/Singapore');
    expect(fresh.timeZone).toBe('Asia/Singapore');
    expect(fresh.week.fri).toEqual(['09:00–12:00', '13:00–18:00']);
    expect(fresh.week.sat).toEqual([]);
    expect(fresh.holidays).toEqual([]);
  });

  it('shows a saved calendar with its holidays by date', () => {
    const value = calendarDraftOf(saved, 'UTC');
    expect(value.week.mon).toEqual(['09:00–12:00', '13:00–18:00']);
    expect(value.holidays.map((h) => [h.date, h.closed, h.blocks])).toEqual([
      ['2026-02-17', false, '09:00–13:00'],
      ['2026-12-25', true, ''],
    ]);
  });
});

describe('calendarInputOf', () => {
  it('turns an untouched calendar back into what the server sent', () => {
    const result = calendarInputOf(calendarDraftOf(saved, 'UTC'));
    expect(result).toEqual({
      input: {
        name: saved.name,
        timeZone: saved.timeZone,
        region: 'MY',
        alwaysOpen: false,
        week: saved.week,
        holidays: [
          { date: '2026-02-17', name: 'Chinese New Year eve', blocks: [['09:00', '13:00']] },
          { date: '2026-12-25', name: 'Christmas Day' },
        ],
      },
    });
  });

  it('leaves out an empty holiday name', () => {
    const result = calendarInputOf(draft((d) => d.holidays.push({ ...emptyHoliday(), date: '2026-08-31' })));
    expect('input' in result && result.input.holidays[2]).toEqual({ date: '2026-08-31' });
  });

  it.each<[string, (d: CalendarDraft) => void, Record<string, string>]>([
    ['a blank name', (d) => (d.name = '  '), { name: 'required' }],
    ['an unknown zone', (d) => (d.timeZone = 'Asia/Atlantis'), { timeZone: 'unknownZone' }],
    ['an unreadable block', (d) => (d.week.mon[1] = 'afternoon'), { 'week.mon.1': 'format' }],
    ['a block ending before it starts', (d) => (d.week.tue[0] = '18:00–09:00'), { 'week.tue.0': 'endBeforeStart' }],
    ['overlapping blocks', (d) => (d.week.mon[1] = '11:00–18:00'), { 'week.mon.1': 'overlap' }],
    ['a week without working time', (d) => (d.week.mon = d.week.tue = []), { week: 'noWorkingTime' }],
    ['a holiday without a date', (d) => d.holidays.push(emptyHoliday()), { 'holidays.2.date': 'required' }],
    ['a date listed twice', (d) => d.holidays.push({ ...emptyHoliday(), date: '2026-12-25' }), { 'holidays.2.date': 'duplicateDate' }],
    ['a half day without blocks', (d) => Object.assign(d.holidays[1]!, { closed: false, blocks: '' }), { 'holidays.1.blocks': 'noBlocks' }],
    ['a half day with a bad block', (d) => Object.assign(d.holidays[0]!, { blocks: '09:00–13:00, 12:00–14:00' }), { 'holidays.0.blocks': 'overlap' }],
  ])('reports %s', (_, change, problems) => {
    expect(calendarInputOf(draft(change))).toEqual({ problems });
  });

  it('accepts a 24×7 calendar without weekly blocks', () => {
    const result = calendarInputOf(
      draft((d) => {
        d.alwaysOpen = true;
        d.week.mon = d.week.tue = [];
      }),
    );
    expect('input' in result && result.input.alwaysOpen).toBe(true);
  });
});
