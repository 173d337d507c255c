import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { CONTENT_TYPES } from '../../platform/export/export.js';
import { actorOf } from '../../platform/http/access.js';
import { withProblems } from '../../platform/http/schemas.js';
import { ADMINS } from '../identity/policy.js';
import { addComment } from './add-comment.js';
import { contentDisposition } from './attachment-rules.js';
import { createCategory, listCategories, updateCategory } from './categories.js';
import { CASE_EXPORT_LIMIT, exportCases } from './export-cases.js';
import { fileCase } from './file-case.js';
import { getCase } from './get-case.js';
import { listCases } from './list-cases.js';
import { linkCases, listLinks } from './links.js';
import { mergeCase } from './merge-case.js';
import { CASE_FILERS, CASE_ROUTE_ACCESS, CASE_WORKERS } from './policy.js';
import type { CaseSort } from './queries.js';
import * as s from './schemas.js';
import { caseTimeline } from './timeline.js';
import { transitionCase } from './transition-case.js';
import { updateCase } from './update-case.js';

const meOr = (actor: Actor, value: string | undefined) => (value === 'me' ? actor.user!.id : value);
const list = <T extends string>(value: string | undefined) => (value ? (value.split(',') as T[]) : undefined);

/** The list's query parameters as the list (and its export) take them. */
function listFilters(actor: Actor, query: Static<typeof s.CaseExportQuery> | Static<typeof s.CaseQuery>) {
  return {
    ...query,
    status: list(query.status),
    priority: list(query.priority),
    slaState: list(query.slaState),
    assigneeId: meOr(actor, query.assigneeId),
    requesterId: meOr(actor, query.requesterId),
    createdFrom: query.createdFrom ? new Date(query.createdFrom) : undefined,
    createdTo: query.createdTo ? new Date(query.createdTo) : undefined,
    sort: query.sort as CaseSort,
  };
}

/** The category taxonomy and cases: intake, list and search, case work. */
export async function caseRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/categories',
    {
      schema: { tags: ['categories'], summary: 'The category taxonomy with labels and required intake fields', response: withProblems({ 200: Type.Object({ items: Type.Array(s.Category) }) }) },
      config: { access: 'signed-in' },
    },
    async () => ({ items: await listCategories(deps) }),
  );
  app.post(
    '/categories',
    {
      schema: { tags: ['categories'], summary: 'Add a category', body: s.CategoryCreate, response: withProblems({ 201: s.Category }) },
      config: { access: ADMINS },
    },
    async (request, reply) => reply.code(201).send(await createCategory(deps, actorOf(request), request.body)),
  );
  app.patch(
    '/categories/:code',
    {
      schema: { tags: ['categories'], summary: 'Change labels, intake fields, order or retire a category', params: s.CategoryParams, body: s.CategoryPatch, response: withProblems({ 200: s.Category }) },
      config: { access: ADMINS },
    },
    async (request) => updateCategory(deps, actorOf(request), decodeURIComponent(request.params.code), request.body),
  );

  app.post(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'File an escalation (send Idempotency-Key to make retries safe)',
        headers: s.IdempotencyHeaders,
        body: s.CaseCreate,
        response: withProblems({ 201: s.Case, 200: s.Case }),
      },
      config: { access: CASE_FILERS },
    },
    async (request, reply) => {
      const { view, created } = await fileCase(deps, actorOf(request), request.body, request.headers['idempotency-key']);
      return reply.code(created ? 201 : 200).send(view);
    },
  );

  app.get(
    '/cases',
    {
      schema: { tags: ['cases'], summary: 'Cases you may see: filters, text search (zh/ms/en), sort, cursor pages', querystring: s.CaseQuery, response: withProblems({ 200: s.CasePage }) },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request) => {
      const actor = actorOf(request);
      return listCases(deps, actor, { ...listFilters(actor, request.query), limit: request.query.limit, cursor: request.query.cursor });
    },
  );

  app.get(
    '/cases/export',
    {
      schema: {
        tags: ['cases'],
        summary: `The case list with its filters as CSV or XLSX, streamed (at most ${CASE_EXPORT_LIMIT} cases; X-Total-Count says how many)`,
        querystring: s.CaseExportQuery,
        response: withProblems({ 200: Type.String({ description: 'the file' }) }),
      },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { format, tz } = request.query;
      const file = await exportCases(deps, actor, { ...listFilters(actor, request.query), format, tz });
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-total-count', String(file.total))
        .header('access-control-expose-headers', 'X-Total-Count, Content-Disposition')
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: { tags: ['cases'], summary: 'One case, by id or number', params: s.CaseParams, response: withProblems({ 200: s.Case }) },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request) => getCase(deps, actorOf(request), request.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      schema: { tags: ['cases'], summary: 'Change a case (fields your role may not change are refused by name)', params: s.CaseParams, body: s.CasePatch, response: withProblems({ 200: s.Case }) },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request) => updateCase(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/cases/:id/transitions',
    {
      schema: { tags: ['cases'], summary: 'Move a case through its lifecycle', params: s.CaseParams, body: s.TransitionBody, response: withProblems({ 200: s.Case }) },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request) => transitionCase(deps, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/cases/:id/comments',
    {
      schema: { tags: ['cases'], summary: 'Add a comment (internal, to the requester, or to the account)', params: s.CaseParams, body: s.CommentBody, response: withProblems({ 201: s.Comment }) },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request, reply) => reply.code(201).send(await addComment(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/cases/:id/timeline',
    {
      schema: { tags: ['cases'], summary: 'Comments and events of a case, oldest first', params: s.CaseParams, response: withProblems({ 200: Type.Object({ items: Type.Array(s.TimelineItem) }) }) },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request) => ({ items: await caseTimeline(deps, actorOf(request), request.params.id) }),
  );

  const Links = Type.Object({ items: Type.Array(s.Link) });
  app.get(
    '/cases/:id/links',
    {
      schema: { tags: ['cases'], summary: 'Cases linked to this one (related, parent, child, duplicate)', params: s.CaseParams, response: withProblems({ 200: Links }) },
      config: { access: CASE_ROUTE_ACCESS },
    },
    async (request) => ({ items: await listLinks(deps, actorOf(request), request.params.id) }),
  );
  app.post(
    '/cases/:id/links',
    {
      schema: { tags: ['cases'], summary: 'Link another case as related, parent or child', params: s.CaseParams, body: s.LinkBody, response: withProblems({ 201: Links }) },
      config: { access: CASE_WORKERS },
    },
    async (request, reply) => reply.code(201).send({ items: await linkCases(deps, actorOf(request), request.params.id, request.body) }),
  );

  app.post(
    '/cases/:id/merge',
    {
      schema: { tags: ['cases'], summary: 'Merge this duplicate into another case (it closes)', params: s.CaseParams, body: s.MergeBody, response: withProblems({ 200: s.Case }) },
      config: { access: CASE_WORKERS },
    },
    async (request) => mergeCase(deps, actorOf(request), request.params.id, request.body.into),
  );
}
