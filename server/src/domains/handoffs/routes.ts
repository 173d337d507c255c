import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/access.js';
import { withProblems } from '../../platform/http/schemas.js';
import { CASE_READERS, CASE_ROUTE_ACCESS, CASE_WORKERS } from '../cases/policy.js';
import * as s from '../cases/schemas.js';
import { answerHandoff, createHandoff, listHandoffs } from './handoffs.js';

const Handoffs = Type.Object({ items: Type.Array(s.Handoff) });

/** Handoffs: questions to other departments, their inbox and their answers. */
export async function handoffRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/cases/:id/handoffs',
    {
      schema: { tags: ['handoffs'], summary: 'Hand a question about the case to another team, with a due time', params: s.CaseParams, body: s.HandoffCreate, response: withProblems({ 201: s.Handoff }) },
      config: { access: CASE_WORKERS },
    },
    async (request, reply) => reply.code(201).send(await createHandoff(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/handoffs',
    {
      schema: { tags: ['handoffs'], summary: 'The handoffs of a case', params: s.CaseParams, response: withProblems({ 200: Handoffs }) },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request) => ({ items: await listHandoffs(deps, actorOf(request), { status: 'all', caseId: request.params.id }) }),
  );

  app.get(
    '/handoffs',
    {
      schema: { tags: ['handoffs'], summary: "A partner's inbox (their teams' handoffs); staff see all", querystring: s.HandoffQuery, response: withProblems({ 200: Handoffs }) },
      config: { access: ['partner', ...CASE_READERS] },
    },
    async (request) => ({ items: await listHandoffs(deps, actorOf(request), { status: request.query.status as 'open' | 'answered' | 'all' }) }),
  );

  app.post(
    '/handoffs/:id/answer',
    {
      schema: { tags: ['handoffs'], summary: 'Answer a handoff addressed to your team', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), body: s.HandoffAnswer, response: withProblems({ 200: s.Handoff }) },
      config: { access: ['partner', 'lead', 'admin'] },
    },
    async (request) => answerHandoff(deps, actorOf(request), request.params.id, request.body.answer),
  );
}
