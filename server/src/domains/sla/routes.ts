import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/access.js';
import { IdParams, withProblems } from '../../platform/http/schemas.js';
import type { Block, Holiday, Weekday } from './calendar.js';
import { createCalendar, getCalendar, listCalendars, updateCalendar } from './calendars.js';
import { CALENDAR_EDITORS } from './policy.js';
import * as s from './schemas.js';
import { dueInCalendar, workingTimeInCalendar } from './working-time.js';

type WeekBody = Record<Weekday, Block[]>;

/** Business calendars: CRUD for admins, working-time arithmetic for everyone signed in. */
export async function calendarRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/calendars',
    {
      schema: { tags: ['calendars'], summary: 'Business calendars (time zone, working blocks, holidays)', response: withProblems({ 200: Type.Object({ items: Type.Array(s.Calendar) }) }) },
      config: { access: 'signed-in' },
    },
    async (request) => ({ items: await listCalendars(deps, actorOf(request)) }),
  );
  app.get(
    '/calendars/:id',
    {
      schema: { tags: ['calendars'], summary: 'One business calendar', params: IdParams, response: withProblems({ 200: s.Calendar }) },
      config: { access: 'signed-in' },
    },
    async (request) => getCalendar(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/calendars',
    {
      schema: { tags: ['calendars'], summary: 'Add a business calendar', body: s.CalendarCreate, response: withProblems({ 201: s.Calendar }) },
      config: { access: CALENDAR_EDITORS },
    },
    async (request, reply) => {
      const body = request.body;
      const view = await createCalendar(deps, actorOf(request), { ...body, week: body.week as WeekBody, holidays: body.holidays as Holiday[] });
      return reply.code(201).send(view);
    },
  );
  app.patch(
    '/calendars/:id',
    {
      schema: { tags: ['calendars'], summary: 'Change a business calendar', params: IdParams, body: s.CalendarPatch, response: withProblems({ 200: s.Calendar }) },
      config: { access: CALENDAR_EDITORS },
    },
    async (request) => {
      const { week, holidays, ...rest } = request.body;
      return updateCalendar(deps, actorOf(request), request.params.id, {
        ...rest,
        ...(week ? { week: week as WeekBody } : {}),
        ...(holidays ? { holidays: holidays as Holiday[] } : {}),
      });
    },
  );
  app.post(
    '/calendars/:id/add',
    {
      schema: { tags: ['calendars'], summary: 'The instant when a duration of working time has passed after start', params: IdParams, body: s.AddBody, response: withProblems({ 200: s.AddResult }) },
      config: { access: 'signed-in' },
    },
    async (request) => dueInCalendar(deps, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/calendars/:id/between',
    {
      schema: { tags: ['calendars'], summary: 'Seconds of working time between two instants', params: IdParams, body: s.BetweenBody, response: withProblems({ 200: s.BetweenResult }) },
      config: { access: 'signed-in' },
    },
    async (request) => workingTimeInCalendar(deps, actorOf(request), request.params.id, request.body),
  );
}
