import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { withProblems } from '../../platform/http/schemas.js';
import { answerSurvey, getSurvey } from './answer-survey.js';
import * as s from './schemas.js';

/** The survey link's API: public, the signed token is the only credential. */
export async function csatRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/csat/:token',
    {
      schema: { tags: ['csat'], summary: 'A satisfaction survey by its link (no sign-in): the case and whether it can still be answered', params: s.SurveyParams, response: withProblems({ 200: s.Survey }) },
      config: { access: 'public' },
    },
    async (request) => getSurvey(deps, request.params.token),
  );

  app.post(
    '/csat/:token',
    {
      schema: { tags: ['csat'], summary: 'Answer a satisfaction survey, once (409 answered, 410 expired, 404 unknown or tampered link)', params: s.SurveyParams, body: s.SurveyAnswer, response: withProblems({ 201: s.Survey }) },
      config: { access: 'public' },
    },
    async (request, reply) => {
      // Whoever holds the link answers for the customer; a session in the same browser is not them.
      const actor: Actor = { user: null, label: 'csat survey link', via: 'system', requestId: request.id };
      await answerSurvey(deps, actor, request.params.token, request.body);
      return reply.code(201).send(await getSurvey(deps, request.params.token));
    },
  );
}
