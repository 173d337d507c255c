import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ArticleStatus } from '../../db/schema.js';
import type { Deps } from '../../platform/deps.js';
import { actorOf } from '../../platform/http/access.js';
import { withProblems } from '../../platform/http/schemas.js';
import { CaseParams } from '../cases/schemas.js';
import { type SearchType, search } from './search.js';
import { SEARCHERS } from './search-policy.js';
import * as s from './search-schemas.js';
import { suggestForCase } from './suggest.js';

/** One search over articles and cases; suggestions on a case. */
export async function searchRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['knowledge'];

  app.get(
    '/search',
    {
      schema: { tags, summary: 'Search knowledge articles and cases (zh/ms/en), ranked, with highlighted snippets', querystring: s.SearchQuery, response: withProblems({ 200: s.SearchResults }) },
      config: { access: SEARCHERS },
    },
    async (request) => {
      const { q, types, lang, status, limit } = request.query;
      return search(deps, actorOf(request), {
        q,
        types: [...new Set(types.split(','))] as SearchType[],
        lang,
        status: status ? (status.split(',') as ArticleStatus[]) : undefined,
        limit,
      });
    },
  );
  app.get(
    '/cases/:id/suggestions',
    {
      schema: { tags, summary: 'Published articles and resolved cases like this one, each with why', params: CaseParams, response: withProblems({ 200: s.Suggestions }) },
      config: { access: SEARCHERS },
    },
    async (request) => suggestForCase(deps, actorOf(request), request.params.id),
  );
}
