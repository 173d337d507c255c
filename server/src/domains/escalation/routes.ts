import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/access.js';
import { IdParams, withProblems } from '../../platform/http/schemas.js';
import { CaseParams } from '../cases/schemas.js';
import { acknowledgeEscalation, getEscalation, listEscalations, raiseCritical } from './critical.js';
import { type LadderInput, createAuthority, createLadder, listAuthorities, listLadders } from './ladders.js';
import { ESCALATION_ADMINS, ESCALATION_RAISERS, ESCALATION_READERS } from './policy.js';
import * as s from './schemas.js';

/** Critical escalation: ladders and authorities (admins), raising, the board, acknowledging. */
export async function escalationRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['escalation'];

  app.get(
    '/escalation/ladders',
    { schema: { tags, summary: 'Escalation ladders', response: withProblems({ 200: Type.Object({ items: Type.Array(s.Ladder) }) }) }, config: { access: ESCALATION_READERS } },
    async (request) => ({ items: await listLadders(deps, actorOf(request)) }),
  );
  app.post(
    '/escalation/ladders',
    { schema: { tags, summary: 'Add a ladder: levels, each paging someone, with a timeout', body: s.LadderCreate, response: withProblems({ 201: s.Ladder }) }, config: { access: ESCALATION_ADMINS } },
    async (request, reply) => reply.code(201).send(await createLadder(deps, actorOf(request), request.body as LadderInput)),
  );
  app.get(
    '/escalation/authorities',
    { schema: { tags, summary: 'Escalation authorities per risk type and region', response: withProblems({ 200: Type.Object({ items: Type.Array(s.Authority) }) }) }, config: { access: ESCALATION_READERS } },
    async (request) => ({ items: await listAuthorities(deps, actorOf(request)) }),
  );
  app.post(
    '/escalation/authorities',
    { schema: { tags, summary: 'Add an authority (legal, PR/media, regulator …) with its ladder', body: s.AuthorityCreate, response: withProblems({ 201: s.Authority }) }, config: { access: ESCALATION_ADMINS } },
    async (request, reply) => reply.code(201).send(await createAuthority(deps, actorOf(request), request.body)),
  );
  app.post(
    '/cases/:id/critical-escalations',
    { schema: { tags, summary: 'Raise a critical escalation: the first level is paged at once', params: CaseParams, body: s.RaiseBody, response: withProblems({ 201: s.Escalation }) }, config: { access: ESCALATION_RAISERS } },
    async (request, reply) => reply.code(201).send(await raiseCritical(deps, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/critical-escalations',
    { schema: { tags, summary: 'The escalation board', querystring: s.EscalationQuery, response: withProblems({ 200: Type.Object({ items: Type.Array(s.Escalation) }) }) }, config: { access: ESCALATION_READERS } },
    async (request) => ({ items: await listEscalations(deps, actorOf(request), { status: request.query.status as 'open', caseId: request.query.caseId }) }),
  );
  app.get(
    '/critical-escalations/:id',
    { schema: { tags, summary: 'One critical escalation with every page', params: IdParams, response: withProblems({ 200: s.Escalation }) }, config: { access: ESCALATION_READERS } },
    async (request) => getEscalation(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/critical-escalations/:id/acknowledge',
    // Anyone paged may acknowledge, partner departments (e.g. Legal) included; the use case checks who was paged.
    { schema: { tags, summary: 'Acknowledge: the paging stops (409 if done already)', params: IdParams, response: withProblems({ 200: s.Escalation }) }, config: { access: 'signed-in' } },
    async (request) => acknowledgeEscalation(deps, actorOf(request), request.params.id),
  );
}
