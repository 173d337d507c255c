import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/access.js';
import { IdParams, NoContent, withProblems } from '../../platform/http/schemas.js';
import type { Block, Holiday, Weekday } from './calendar.js';
import { createCalendar, getCalendar, listCalendars, updateCalendar } from './calendars.js';
import { CALENDAR_EDITORS } from './policy.js';
import * as s from './schemas.js';
import { dueInCalendar, workingTimeInCalendar } from './working-time.js';
import { getCaseSla } from './case-sla.js';
import { type PolicyInput, type PreviewInput, createPolicy, deletePolicy, getPolicy, listPolicies, previewPolicies, updatePolicy } from './policies.js';

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

/** SLA policies (admins), their live preview, and a case's clocks. */
export async function slaRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['sla'];

  app.get(
    '/sla/policies',
    { schema: { tags, summary: 'SLA policies, in the order they are tried', response: withProblems({ 200: Type.Object({ items: Type.Array(s.Policy) }) }) }, config: { access: 'signed-in' } },
    async (request) => ({ items: await listPolicies(deps, actorOf(request)) }),
  );
  app.get(
    '/sla/policies/:id',
    { schema: { tags, summary: 'One SLA policy', params: IdParams, response: withProblems({ 200: s.Policy }) }, config: { access: 'signed-in' } },
    async (request) => getPolicy(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/sla/policies',
    { schema: { tags, summary: 'Add an SLA policy', body: s.PolicyCreate, response: withProblems({ 201: s.Policy }) }, config: { access: CALENDAR_EDITORS } },
    async (request, reply) => reply.code(201).send(await createPolicy(deps, actorOf(request), request.body as PolicyInput)),
  );
  app.patch(
    '/sla/policies/:id',
    { schema: { tags, summary: 'Change an SLA policy', params: IdParams, body: s.PolicyPatch, response: withProblems({ 200: s.Policy }) }, config: { access: CALENDAR_EDITORS } },
    async (request) => updatePolicy(deps, actorOf(request), request.params.id, request.body as Partial<PolicyInput>),
  );
  app.delete(
    '/sla/policies/:id',
    { schema: { tags, summary: 'Remove an SLA policy (its clocks keep their targets)', params: IdParams, response: withProblems({ 204: NoContent }) }, config: { access: CALENDAR_EDITORS } },
    async (request, reply) => {
      await deletePolicy(deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/sla/preview',
    {
      schema: { tags, summary: 'The clocks and due instants a case like this would get (live policies, or an unsaved draft)', body: s.PreviewBody, response: withProblems({ 200: s.PreviewResult }) },
      config: { access: 'signed-in' },
    },
    async (request) => previewPolicies(deps, actorOf(request), request.body as PreviewInput),
  );
  app.get(
    '/cases/:id/sla',
    { schema: { tags, summary: "A case's SLA clocks: state, working time, due, history", params: IdParams, response: withProblems({ 200: s.CaseSla }) }, config: { access: 'signed-in' } },
    async (request) => getCaseSla(deps, actorOf(request), request.params.id),
  );
}
