import { describe, expect, it } from 'vitest';
import { weekRuns } from './weekSummary';

const office = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
const morning = [['09:00', '13:00']];

describe('weekRuns', () => {
  it.each([
    [
      'office hours',
      { mon: office, tue: office, wed: office, thu: office, fri: office, sat: [], sun: [] },
      [{ first: 'mon', last: 'fri', hours: '09:00–12:00, 13:00–18:00' }],
    ],
    [
      'a Saturday morning',
      { mon: office, tue: office, wed: office, thu: office, fri: office, sat: morning, sun: [] },
      [
        { first: 'mon', last: 'fri', hours: '09:00–12:00, 13:00–18:00' },
        { first: 'sat', last: 'sat', hours: '09:00–13:00' },
      ],
    ],
    [
      'a closed day in the middle',
      { mon: morning, tue: morning, wed: [], thu: morning, fri: morning, sat: [], sun: [] },
      [
        { first: 'mon', last: 'tue', hours: '09:00–13:00' },
        { first: 'thu', last: 'fri', hours: '09:00–13:00' },
      ],
    ],
    ['no working days', { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, []],
    ['missing days count as closed', { sun: morning }, [{ first: 'sun', last: 'sun', hours: '09:00–13:00' }]],
  ])('%s', (_, week, runs) => {
    expect(weekRuns(week)).toEqual(runs);
  });
});
