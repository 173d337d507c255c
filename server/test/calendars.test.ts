import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestContext, bearer, testApp } from './harness.js';

let ctx: TestContext;
const LUNCH = [['09:00', '12:00'], ['13:00', '18:00']];
const week = (blocks: string[][] = LUNCH) => ({ mon: blocks, tue: blocks, wed: blocks, thu: blocks, fri: blocks, sat: [], sun: [] });

beforeAll(async () => {
  ctx = await testApp();
});
afterAll(() => ctx.close());

const as = (role: keyof TestContext['users']) => bearer(ctx.users[role]);
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, role: keyof TestContext['users'] = 'admin') =>
  ctx.app.inject({ method, url: `/api/v1${url}`, headers: as(role), ...(payload ? { payload } : {}) });
const fields = (res: { json: () => { errors?: Array<{ field: string }> } }) => (res.json().errors ?? []).map((e) => e.field);

interface CalendarView { id: string; name: string; timeZone: string; region: string | null; alwaysOpen: boolean; holidays: Array<{ date: string; name?: string; blocks?: string[][] }> }
async function calendarNamed(name: string): Promise<CalendarView> {
  const res = await call('GET', '/calendars', undefined, 'requester');
  return res.json<{ items: CalendarView[] }>().items.find((c) => c.name === name)!;
}

describe('default calendars', () => {
  it('come with the migration: MY, SG and CN office hours with 2026 and 2027 holidays, and 24×7', async () => {
    const res = await call('GET', '/calendars', undefined, 'partner');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: CalendarView[] }>().items;
    expect(items.map((c) => [c.name, c.timeZone, c.region]).sort()).toEqual([
      ['24×7', 'UTC', null],
      ['China office hours', 'Asia/Shanghai', 'CN'],
      ['Malaysia office hours', 'Asia/Kuala_Lumpur', 'MY'],
      ['Singapore office hours', 'Asia/Singapore', 'SG'],
    ]);
    for (const c of items.filter((i) => i.region)) {
      expect(c.holidays.some((h) => h.date.startsWith('2026'))).toBe(true);
      expect(c.holidays.some((h) => h.date.startsWith('2027'))).toBe(true);
    }
    // The seeds are valid calendars: a PATCH that re-sends them is accepted as is.
    for (const c of items) expect((await call('PATCH', `/calendars/${c.id}`, { holidays: c.holidays })).statusCode).toBe(200);
  });

  it('answer due instants across holidays: MY Friday before Chinese New Year 2026', async () => {
    const my = await calendarNamed('Malaysia office hours');
    // Fri 2026-02-13 17:00 MYT + 2h: Mon 16th works, Tue 17th and Wed 18th are Chinese New Year.
    const res = await call('POST', `/calendars/${my.id}/add`, { start: '2026-02-13T17:00:00+08:00', duration: 'PT2H' }, 'requester');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ due: '2026-02-16T02:00:00.000Z' });
    const later = await call('POST', `/calendars/${my.id}/add`, { start: '2026-02-16T17:00:00+08:00', duration: 'PT2H' });
    expect(later.json()).toEqual({ due: '2026-02-19T02:00:00.000Z' });
  });

  it('CN works its make-up Saturday (2026-02-14) and rests through the Spring Festival', async () => {
    const cn = await calendarNamed('China office hours');
    const res = await call('POST', `/calendars/${cn.id}/add`, { start: '2026-02-13T17:00:00+08:00', duration: 'PT2H' });
    expect(res.json()).toEqual({ due: '2026-02-14T02:00:00.000Z' });
    const after = await call('POST', `/calendars/${cn.id}/add`, { start: '2026-02-14T18:00:00+08:00', duration: 'PT1H' });
    expect(after.json()).toEqual({ due: '2026-02-24T02:00:00.000Z' });
  });

  it('24×7 counts elapsed time', async () => {
    const always = await calendarNamed('24×7');
    const res = await call('POST', `/calendars/${always.id}/between`, { from: '2026-12-24T00:00:00Z', to: '2026-12-26T06:00:00Z' });
    expect(res.json()).toEqual({ seconds: 54 * 3600 });
  });
});

describe('calendar CRUD', () => {
  let id = '';
  it('an admin adds a calendar; others may not', async () => {
    const body = { name: 'Payments desk KL', timeZone: 'Asia/Kuala_Lumpur', week: week(), holidays: [{ date: '2026-12-24', blocks: [['09:00', '12:00']] }, { date: '2026-12-25' }] };
    expect((await call('POST', '/calendars', body, 'manager')).statusCode).toBe(403);
    const res = await call('POST', '/calendars', body);
    expect(res.statusCode).toBe(201);
    const view = res.json<CalendarView>();
    id = view.id;
    expect(view).toMatchObject({ name: 'Payments desk KL', timeZone: 'Asia/Kuala_Lumpur', alwaysOpen: false, region: null });
    expect((await call('GET', `/calendars/${id}`, undefined, 'qa')).json()).toEqual(view);
    const audit = await ctx.database.db.selectFrom('audit_log').select(['action', 'actor_label']).where('entity_id', '=', id).execute();
    expect(audit).toEqual([{ action: 'calendar.created', actor_label: ctx.users.admin.email }]);
    expect((await call('POST', '/calendars', { ...body, name: 'payments DESK kl' })).statusCode).toBe(409);
  });

  it('computes with it: Friday 17:00 + 2h = Monday 10:00, half day then holiday', async () => {
    const add = (start: string, duration: string) => call('POST', `/calendars/${id}/add`, { start, duration }, 'partner');
    expect((await add('2026-03-06T17:00:00+08:00', 'PT2H')).json()).toEqual({ due: '2026-03-09T02:00:00.000Z' });
    expect((await add('2026-03-09T09:00:00+08:00', 'PT3H')).json()).toEqual({ due: '2026-03-09T04:00:00.000Z' });
    expect((await add('2026-03-09T12:30:00+08:00', 'PT30M')).json()).toEqual({ due: '2026-03-09T05:30:00.000Z' });
    expect((await add('2026-03-07T10:00:00+08:00', 'PT0S')).json()).toEqual({ due: '2026-03-07T02:00:00.000Z' });
    expect((await add('2026-12-24T10:00:00+08:00', 'PT3H')).json()).toEqual({ due: '2026-12-28T02:00:00.000Z' });
    expect((await add('2026-03-09T09:00:00+08:00', 'P1W')).json()).toEqual({ due: '2026-04-06T10:00:00.000Z' }); // 168 working hours = 21 days of 8h: Monday 6 April 18:00
    const between = await call('POST', `/calendars/${id}/between`, { from: '2026-03-06T17:00:00+08:00', to: '2026-03-09T10:00:00+08:00' }, 'requester');
    expect(between.json()).toEqual({ seconds: 7200 });
    const backwards = await call('POST', `/calendars/${id}/between`, { from: '2026-03-09T10:00:00+08:00', to: '2026-03-06T17:00:00+08:00' });
    expect(backwards.json()).toEqual({ seconds: 0 });
  });

  it('an admin changes it; the change is audited and takes effect', async () => {
    const res = await call('PATCH', `/calendars/${id}`, { week: week([['08:00', '17:00']]), region: 'MY' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ region: 'MY', name: 'Payments desk KL' });
    const add = await call('POST', `/calendars/${id}/add`, { start: '2026-03-06T16:00:00+08:00', duration: 'PT2H' });
    expect(add.json()).toEqual({ due: '2026-03-09T01:00:00.000Z' });
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['calendar.created', 'calendar.updated']);
    expect((await call('PATCH', `/calendars/${id}`, { name: 'x' }, 'lead')).statusCode).toBe(403);
    expect((await call('PATCH', `/calendars/${id}`, { name: 'Malaysia office hours' })).statusCode).toBe(409);
  });

  it('answers 404 for a calendar that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await call('GET', `/calendars/${missing}`)).statusCode).toBe(404);
    expect((await call('PATCH', `/calendars/${missing}`, { name: 'y' })).statusCode).toBe(404);
    expect((await call('POST', `/calendars/${missing}/add`, { start: '2026-01-01T00:00:00Z', duration: 'PT1H' })).statusCode).toBe(404);
  });
});

describe('bad input is refused by field name', () => {
  const good = { name: 'Bad input', timeZone: 'Asia/Singapore', week: week(), holidays: [] };
  it.each<[string, object, string[]]>([
    ['unknown time zone', { timeZone: 'Asia/Atlantis' }, ['timeZone']],
    ['reversed block', { week: { ...week(), mon: [['09:00', '12:00'], ['18:00', '13:00']] } }, ['week.mon[1]']],
    ['overlapping blocks', { week: { ...week(), tue: [['09:00', '12:00'], ['11:00', '18:00']] } }, ['week.tue[1]']],
    ['bad time in a block', { week: { ...week(), wed: [['09:00', '25:00']] } }, ['week.wed[0][1]']],
    ['a block with three times', { week: { ...week(), thu: [['09:00', '10:00', '11:00']] } }, ['week.thu[0]']],
    ['a missing weekday', { week: { mon: LUNCH } }, ['week.tue', 'week.wed', 'week.thu', 'week.fri', 'week.sat', 'week.sun']],
    ['an unknown weekday', { week: { ...week(), funday: [] } }, ['week.funday']],
    ['no working time at all', { week: week([]) }, ['week']],
    ['a holiday in 1850', { holidays: [{ date: '1850-01-01' }] }, ['holidays[0].date']],
    ['a holiday that is not a date', { holidays: [{ date: '2026-02-30' }] }, ['holidays[0].date']],
    ['a holiday twice', { holidays: [{ date: '2026-05-01' }, { date: '2026-05-01' }] }, ['holidays[1].date']],
    ['an unknown field', { colour: 'blue' }, ['colour']],
    ['an unknown region', { region: 'ZZ' }, ['region']],
  ])('%s', async (_name, change, expected) => {
    const res = await call('POST', '/calendars', { ...good, ...change });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(expected);
  });

  it('a PATCH that would make the calendar invalid names the field', async () => {
    const my = await calendarNamed('Malaysia office hours');
    const res = await call('PATCH', `/calendars/${my.id}`, { week: { ...week(), fri: [['13:00', '18:00'], ['09:00', '12:00']] } });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['week.fri[1]']);
    expect(fields(await call('PATCH', `/calendars/${my.id}`, {}))).toEqual(['body']);
  });

  it.each<[string, object, string]>([
    ['months', { start: '2026-01-05T09:00:00+08:00', duration: 'P1M' }, 'duration'],
    ['negative', { start: '2026-01-05T09:00:00+08:00', duration: '-PT1H' }, 'duration'],
    ['absurd', { start: '2026-01-05T09:00:00+08:00', duration: 'P100000D' }, 'duration'],
    ['not a duration', { start: '2026-01-05T09:00:00+08:00', duration: '2 hours' }, 'duration'],
    ['an instant without offset', { start: '2026-01-05T09:00:00', duration: 'PT1H' }, 'start'],
    ['an instant in year 3000', { start: '3000-01-05T09:00:00Z', duration: 'PT1H' }, 'start'],
  ])('add: %s', async (_name, body, field) => {
    const my = await calendarNamed('Malaysia office hours');
    const res = await call('POST', `/calendars/${my.id}/add`, body);
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual([field]);
  });

  it('between: a span of more than ten years names `to`', async () => {
    const my = await calendarNamed('Malaysia office hours');
    const res = await call('POST', `/calendars/${my.id}/between`, { from: '2001-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['to']);
  });
});
