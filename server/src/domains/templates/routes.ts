import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/access.js';
import { IdParams, withProblems } from '../../platform/http/schemas.js';
import { deactivateTemplate } from './deactivate-template.js';
import { listTemplates } from './list-templates.js';
import { listVariables } from './list-variables.js';
import { TEMPLATE_MANAGERS, TEMPLATE_USERS } from './policy.js';
import { previewTemplate } from './preview-template.js';
import { renderForCase } from './render-template.js';
import { createTemplate, updateTemplate } from './save-template.js';
import * as s from './schemas.js';

/** Response templates: CRUD with checked variables, rendering for a case. */
export async function templateRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['templates'];

  app.get(
    '/templates',
    { schema: { tags, summary: 'Response templates; with category, those for it, its parent and any category (most specific first)', querystring: s.TemplateQuery, response: withProblems({ 200: Type.Object({ items: Type.Array(s.Template) }) }) }, config: { access: TEMPLATE_USERS } },
    async (request) => ({ items: await listTemplates(deps, actorOf(request), request.query) }),
  );
  app.get(
    '/templates/variables',
    { schema: { tags, summary: 'The variables a template may use, with examples', querystring: s.VariablesQuery, response: withProblems({ 200: Type.Array(s.Variable) }) }, config: { access: TEMPLATE_USERS } },
    async (request) => listVariables(deps, actorOf(request), request.query.language),
  );
  app.post(
    '/templates',
    { schema: { tags, summary: 'Add a template (unknown variables and unbalanced braces → 400 naming body)', body: s.TemplateCreate, response: withProblems({ 201: s.Template }) }, config: { access: TEMPLATE_MANAGERS } },
    async (request, reply) => reply.code(201).send(await createTemplate(deps, actorOf(request), request.body)),
  );
  app.post(
    '/templates/preview',
    { schema: { tags, summary: 'Check a draft body as saving would (400 naming body) and fill it in with examples', body: s.PreviewBody, response: withProblems({ 200: s.Preview }) }, config: { access: TEMPLATE_MANAGERS } },
    async (request) => previewTemplate(deps, actorOf(request), request.body),
  );
  app.patch(
    '/templates/:id',
    { schema: { tags, summary: 'Change a template (checked as a whole); active: true switches it back on', params: IdParams, body: s.TemplatePatch, response: withProblems({ 200: s.Template }) }, config: { access: TEMPLATE_MANAGERS } },
    async (request) => updateTemplate(deps, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/templates/:id',
    { schema: { tags, summary: 'Deactivate a template (kept, out of the picker)', params: IdParams, response: withProblems({ 200: s.Template }) }, config: { access: TEMPLATE_MANAGERS } },
    async (request) => deactivateTemplate(deps, actorOf(request), request.params.id),
  );
  app.post(
    '/cases/:id/templates/:templateId/render',
    { schema: { tags, summary: 'A template filled in for a case: dates in its language and the reader’s zone; missing variables listed', params: s.RenderParams, response: withProblems({ 200: s.Rendered }) }, config: { access: TEMPLATE_USERS } },
    async (request) => renderForCase(deps, actorOf(request), request.params.id, request.params.templateId),
  );
}
