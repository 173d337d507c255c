import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/access.js';
import { IdParams, NoContent, withProblems } from '../../platform/http/schemas.js';
import { type FactsDraft, dryRun, replay } from './route-case.js';
import { ROUTING_EDITORS, ROUTING_READERS, type RuleInput, createRule, deleteRule, getRule, listRules, listVersions, updateRule } from './rulesets.js';
import * as s from './schemas.js';

/** Routing rules: CRUD with versions, dry run and replay. */
export async function routingRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['routing'];

  app.get(
    '/routing/rules',
    { schema: { tags, summary: 'The live routing rules, in the order they are tried', response: withProblems({ 200: Type.Object({ items: Type.Array(s.Rule) }) }) }, config: { access: ROUTING_READERS } },
    async (request) => ({ items: await listRules(deps, actorOf(request)) }),
  );
  app.post(
    '/routing/rules',
    { schema: { tags, summary: 'Add a routing rule (version 1)', body: s.RuleCreate, response: withProblems({ 201: s.Rule }) }, config: { access: ROUTING_EDITORS } },
    async (request, reply) => reply.code(201).send(await createRule(deps, actorOf(request), request.body as RuleInput)),
  );
  app.get(
    '/routing/rules/:id',
    { schema: { tags, summary: 'One routing rule', params: IdParams, response: withProblems({ 200: s.Rule }) }, config: { access: ROUTING_READERS } },
    async (request) => getRule(deps, actorOf(request), request.params.id),
  );
  app.patch(
    '/routing/rules/:id',
    { schema: { tags, summary: 'Change a routing rule: a new version', params: IdParams, body: s.RulePatch, response: withProblems({ 200: s.Rule }) }, config: { access: ROUTING_EDITORS } },
    async (request) => updateRule(deps, actorOf(request), request.params.id, request.body as Partial<RuleInput>),
  );
  app.delete(
    '/routing/rules/:id',
    { schema: { tags, summary: 'Retire a routing rule (its versions stay)', params: IdParams, response: withProblems({ 204: NoContent }) }, config: { access: ROUTING_EDITORS } },
    async (request, reply) => {
      await deleteRule(deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/routing/rules/:id/versions',
    { schema: { tags, summary: 'Every saved version of a rule, newest first', params: IdParams, response: withProblems({ 200: Type.Object({ items: Type.Array(s.RuleVersion) }) }) }, config: { access: ROUTING_READERS } },
    async (request) => ({ items: await listVersions(deps, actorOf(request), request.params.id) }),
  );
  app.post(
    '/routing/dry-run',
    { schema: { tags, summary: 'Each rule matched or not and why, and the outcome, for a case or a draft of one', body: s.DryRunBody, response: withProblems({ 200: s.DryRunResult }) }, config: { access: ROUTING_READERS } },
    async (request) => {
      const body = request.body as { caseId?: string; case?: FactsDraft; rules?: RuleInput[] };
      return dryRun(deps, actorOf(request), body);
    },
  );
  app.post(
    '/routing/replay',
    { schema: { tags, summary: "How a period's cases would have been routed by a draft ruleset against the live one", body: s.ReplayBody, response: withProblems({ 200: s.ReplayResult }) }, config: { access: ROUTING_READERS } },
    async (request) => replay(deps, actorOf(request), request.body as { rules: RuleInput[]; from: string; to: string }),
  );
}
