import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ArticleTexts } from '../../db/schema.js';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/access.js';
import { withProblems } from '../../platform/http/schemas.js';
import { createArticle } from './create-article.js';
import { diffArticleVersions } from './diff-versions.js';
import { getArticle } from './get-article.js';
import { ARTICLE_ACTIONS } from './lifecycle.js';
import { linkArticle, markHelped } from './link-article.js';
import { listArticleCases } from './list-article-cases.js';
import { listArticles } from './list-articles.js';
import { listCaseArticles } from './list-case-articles.js';
import { listVersions } from './list-versions.js';
import { logQa } from './log-qa.js';
import { KNOWLEDGE_PUBLISHERS, KNOWLEDGE_READERS, KNOWLEDGE_WRITERS } from './policy.js';
import { previewArticle } from './preview-article.js';
import * as s from './schemas.js';
import { transitionArticle } from './transition-article.js';
import { type ArticlePatch, updateArticle } from './update-article.js';

const SUMMARIES = {
  submit: 'Send a draft for review (draft → in_review)',
  publish: 'Publish (draft or in_review → published)',
  archive: 'Archive (→ archived, read-only)',
  restore: 'Restore an archived article as a draft',
} as const;

/** Knowledge articles: CRUD, review and publishing, versions, log Q&A, links to cases. */
export async function articleRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['knowledge'];

  app.get(
    '/articles',
    { schema: { tags, summary: 'Articles newest change first (status=in_review: the review queue); titles in lang or a fallback', querystring: s.ArticleQuery, response: withProblems({ 200: s.ArticlePage }) }, config: { access: KNOWLEDGE_READERS } },
    async (request) => listArticles(deps, actorOf(request), request.query),
  );
  app.post(
    '/articles',
    { schema: { tags, summary: 'Write a draft article (version 1)', body: s.ArticleCreate, response: withProblems({ 201: s.Article }) }, config: { access: KNOWLEDGE_WRITERS } },
    async (request, reply) => reply.code(201).send(await createArticle(deps, actorOf(request), request.body as { variants: ArticleTexts })),
  );
  app.post(
    '/articles/preview',
    { schema: { tags, summary: "Render Markdown as an article's HTML (the editor's preview)", body: s.PreviewBody, response: withProblems({ 200: s.Preview }) }, config: { access: KNOWLEDGE_WRITERS } },
    async (request) => previewArticle(actorOf(request), request.body.body),
  );
  app.get(
    '/articles/:id',
    { schema: { tags, summary: 'One article with every language, rendered and sanitised', params: s.ArticleParams, response: withProblems({ 200: s.Article }) }, config: { access: KNOWLEDGE_READERS } },
    async (request) => getArticle(deps, actorOf(request), request.params.id),
  );
  app.patch(
    '/articles/:id',
    { schema: { tags, summary: 'Edit: the next version (send the version edited)', params: s.ArticleParams, body: s.ArticlePatch, response: withProblems({ 200: s.Article }) }, config: { access: KNOWLEDGE_WRITERS } },
    async (request) => updateArticle(deps, actorOf(request), request.params.id, request.body as ArticlePatch),
  );
  for (const action of ARTICLE_ACTIONS) {
    app.post(
      `/articles/:id/${action}`,
      { schema: { tags, summary: SUMMARIES[action], params: s.ArticleParams, response: withProblems({ 200: s.Article }) }, config: { access: action === 'submit' ? KNOWLEDGE_WRITERS : KNOWLEDGE_PUBLISHERS } },
      async (request) => transitionArticle(deps, actorOf(request), request.params.id, action),
    );
  }
  app.get(
    '/articles/:id/versions',
    { schema: { tags, summary: 'Every saved version, newest first', params: s.ArticleParams, response: withProblems({ 200: s.VersionList }) }, config: { access: KNOWLEDGE_WRITERS } },
    async (request) => ({ items: await listVersions(deps, actorOf(request), request.params.id) }),
  );
  app.get(
    '/articles/:id/diff',
    { schema: { tags, summary: 'What changed between two versions, word by word (Chinese by word)', params: s.ArticleParams, querystring: s.DiffQuery, response: withProblems({ 200: s.Diff }) }, config: { access: KNOWLEDGE_WRITERS } },
    async (request) => diffArticleVersions(deps, actorOf(request), request.params.id, request.query.from, request.query.to),
  );
  app.get(
    '/articles/:id/cases',
    { schema: { tags, summary: 'The cases that used the article (those you may see)', params: s.ArticleParams, response: withProblems({ 200: s.ArticleCaseList }) }, config: { access: KNOWLEDGE_READERS } },
    async (request) => ({ items: await listArticleCases(deps, actorOf(request), request.params.id) }),
  );

  app.post(
    '/cases/:id/log-qa',
    { schema: { tags, summary: "A draft article from a resolved case's Q&A (personal data removed), linked to the case", params: s.CaseParams, response: withProblems({ 201: s.Article }) }, config: { access: KNOWLEDGE_WRITERS } },
    async (request, reply) => reply.code(201).send(await logQa(deps, actorOf(request), request.params.id)),
  );
  app.get(
    '/cases/:id/articles',
    { schema: { tags, summary: 'The articles used on a case, and whether they helped', params: s.CaseParams, response: withProblems({ 200: s.CaseArticleList }) }, config: { access: KNOWLEDGE_READERS } },
    async (request) => ({ items: await listCaseArticles(deps, actorOf(request), request.params.id) }),
  );
  app.post(
    '/cases/:id/articles',
    { schema: { tags, summary: 'Record that an article was used on the case (again: the same link, 200)', params: s.CaseParams, body: s.LinkBody, response: withProblems({ 201: s.CaseArticle, 200: s.CaseArticle }) }, config: { access: KNOWLEDGE_WRITERS } },
    async (request, reply) => {
      const { link, created } = await linkArticle(deps, actorOf(request), request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(link);
    },
  );
  app.patch(
    '/cases/:id/articles/:articleId',
    { schema: { tags, summary: 'Say whether a linked article helped', params: s.CaseArticleParams, body: s.LinkPatch, response: withProblems({ 200: s.CaseArticle }) }, config: { access: KNOWLEDGE_WRITERS } },
    async (request) => markHelped(deps, actorOf(request), request.params.id, request.params.articleId, request.body.helped),
  );
}
