import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { DbHandle } from '../../db/pool.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { withProblems } from './schemas.js';

const Health = Type.Object({ status: Type.String(), database: Type.Optional(Type.String()) });

/** Liveness, readiness and the OpenAPI document: public, outside /api/v1. */
export async function platformRoutes(app: FastifyInstance, opts: { deps: Deps; database: DbHandle }) {
  app.get(
    '/healthz',
    { schema: { hide: true, response: { 200: Health } }, config: { access: 'public' }, logLevel: 'warn' },
    async () => ({ status: 'ok' }),
  );

  // Ready means the database answers; load balancers stop sending traffic otherwise.
  app.get(
    '/readyz',
    { schema: { hide: true, response: withProblems({ 200: Health }) }, config: { access: 'public' }, logLevel: 'warn' },
    async () => {
      try {
        await sql`SELECT 1`.execute(opts.deps.db);
      } catch {
        throw new AppError('unavailable', 'the database does not answer');
      }
      return { status: 'ready', database: opts.database.backend };
    },
  );

  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
}
