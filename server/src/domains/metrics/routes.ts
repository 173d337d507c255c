import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type Static, Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { CONTENT_TYPES } from '../../platform/export/export.js';
import { contentDisposition } from '../cases/attachment-rules.js';
import { actorOf } from '../../platform/http/access.js';
import { withProblems } from '../../platform/http/schemas.js';
import { METRIC_NAMES, specOf } from './catalogue.js';
import { METRIC_READERS, computeMetric, drillDown } from './compute.js';
import { exportMetric } from './export-metric.js';
import { parseMetricQuery } from './query.js';
import * as s from './schemas.js';
import { MAX_TIER1_ROWS, TIER1_IMPORTERS, TIER1_READERS, importTier1Contacts, listTier1Contacts, parseTier1Csv } from './tier1-contacts.js';

/** A CSV upload of Tier 1 contacts: small (a year is ~20,000 rows), so it is read whole. */
class Tier1Csv {
  constructor(readonly text: string) {}
}

/** Metrics with drill-down, and the Tier 1 contact volumes the escalation rate divides by. */
export async function metricRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['metrics'];
  const parse = (metric: string, raw: object, extra?: readonly string[]) =>
    parseMetricQuery(metric, raw as Record<string, string | undefined>, { defaultTimeZone: deps.config.timeZone, now: deps.clock.now().getTime(), extra });

  app.get(
    '/metrics',
    { schema: { tags, summary: 'The metrics: unit, groupings, filters and parameters of each', response: withProblems({ 200: s.MetricCatalogue }) }, config: { access: METRIC_READERS } },
    async () => ({
      timeZone: deps.config.timeZone,
      metrics: METRIC_NAMES.map((metric) => {
        const spec = specOf(metric);
        return { metric, unit: spec.unit, groupBys: [...spec.groupBys], filters: [...spec.filters], params: [...spec.params] };
      }),
    }),
  );
  app.get(
    '/metrics/:metric',
    {
      schema: { tags, summary: 'One metric over a period, grouped by time or a dimension, filtered', params: s.MetricParams, querystring: s.MetricQueryString, response: withProblems({ 200: s.MetricResult }) },
      config: { access: METRIC_READERS },
    },
    async (request) => computeMetric(deps, actorOf(request), parse(request.params.metric, request.query)),
  );
  app.get(
    '/metrics/:metric/cases',
    {
      schema: { tags, summary: 'The cases behind one value of a metric (its total equals the row count)', params: s.MetricParams, querystring: s.DrillQueryString, response: withProblems({ 200: s.DrillPage }) },
      config: { access: METRIC_READERS },
    },
    async (request) => {
      const { group, limit, cursor, ...rest } = request.query;
      return drillDown(deps, actorOf(request), parse(request.params.metric, rest), { group, limit, cursor });
    },
  );

  app.get(
    '/metrics/:metric/export',
    {
      schema: { tags, summary: "One metric's table as CSV or XLSX (typed cells; XLSX adds a sheet of its parameters)", params: s.MetricParams, querystring: s.ExportQueryString, response: withProblems({ 200: Type.String({ description: 'the file' }) }) },
      config: { access: METRIC_READERS },
    },
    async (request, reply) => {
      const { format, ...rest } = request.query;
      const file = await exportMetric(deps, actorOf(request), parse(request.params.metric, rest), format);
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .send(file.stream);
    },
  );

  app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 8 * 1024 * 1024 }, (_request, body, done) => done(null, new Tier1Csv(body as string)));
    const typed = scope.withTypeProvider<TypeBoxTypeProvider>();
    typed.get(
      '/tier1-contacts',
      { schema: { tags, summary: 'Tier 1 contact volumes per day × category × region', querystring: s.Tier1Query, response: withProblems({ 200: Type.Object({ rows: Type.Array(s.Tier1Row) }) }) }, config: { access: TIER1_READERS } },
      async (request) => listTier1Contacts(deps, request.query),
    );
    typed.post(
      '/tier1-contacts',
      {
        schema: {
          tags,
          summary: `Import Tier 1 contact volumes: JSON { rows } or a CSV with columns date, category, region, contacts (up to ${MAX_TIER1_ROWS} rows); a day re-imported replaces its count`,
          body: { content: { 'application/json': { schema: s.Tier1Body }, 'text/csv': { schema: Type.Unknown({ description: 'the CSV file' }) } } },
          response: withProblems({ 200: Type.Object({ imported: Type.Integer() }) }),
        },
        config: { access: TIER1_IMPORTERS },
      },
      async (request) => {
        const actor = actorOf(request);
        if (request.body instanceof Tier1Csv) {
          const { rows, line } = parseTier1Csv(request.body.text);
          if (rows.length === 0) throw AppError.validation('body', 'has no rows below the header', 'empty');
          return importTier1Contacts(deps, actor, rows, (i) => `line ${line(i)}`);
        }
        const body = request.body as Static<typeof s.Tier1Body>;
        return importTier1Contacts(deps, actor, body.rows, (i) => `rows[${i}]`);
      },
    );
  });
}
