import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { DbHandle } from './db/pool.js';
import { attachmentRoutes } from './domains/cases/attachment-routes.js';
import { caseRoutes } from './domains/cases/routes.js';
import { csatRoutes } from './domains/csat/routes.js';
import { handoffRoutes } from './domains/handoffs/routes.js';
import { identityRoutes } from './domains/identity/routes.js';
import { importRoutes } from './domains/imports/routes.js';
import { notificationRoutes } from './domains/notify/routes.js';
import { calendarRoutes, slaRoutes } from './domains/sla/routes.js';
import { escalationRoutes } from './domains/escalation/routes.js';
import { routingRoutes } from './domains/routing/routes.js';
import { metricRoutes } from './domains/metrics/routes.js';
import { articleRoutes } from './domains/knowledge/routes.js';
import { searchRoutes } from './domains/knowledge/search-routes.js';
import { templateRoutes } from './domains/templates/routes.js';
import type { Clock } from './platform/clock.js';
import type { Deps } from './platform/deps.js';
import { AppError } from './platform/errors.js';
import { accessPlugin } from './platform/http/access.js';
import { IdentityCache } from './domains/identity/identity-cache.js';
import { pageSerializerFactory } from './platform/http/page-serializer.js';
import { platformRoutes } from './platform/http/platform-routes.js';
import { rejectNul } from './platform/http/nul-guard.js';
import { sendProblem, toAppError } from './platform/http/problem.js';
import { Problem } from './platform/http/schemas.js';
import { requestValidator } from './platform/http/validation.js';
import { type BlobStorage, DiskStorage, attachmentsDir } from './platform/storage.js';
import { VERSION } from './version.js';

/** dist/web, seen from both server/src and dist/server. */
export const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface AppOptions {
  config: Config;
  database: DbHandle;
  clock: Clock;
  /** The process logger; unset (tests) → no request logging. */
  logger?: FastifyBaseLogger;
  /** Where attachment files go; unset → the data directory's attachments folder. */
  storage?: BlobStorage;
  /** Where the built web UI lives; unset → dist/web when it exists. */
  webDist?: string | null;
}

export type App = FastifyInstance;

/** Builds the HTTP application without listening, so tests can `inject()` into it. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, database, clock } = options;
  const deps: Deps = { db: database.db, clock, config };
  const storage = options.storage ?? new DiskStorage(attachmentsDir(config.dataDir));
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // A caller's (or proxy's) request id is kept when it is sane, so logs join up across systems.
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.:-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: { buildSerializer: pageSerializerFactory } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The API speaks JSON only; Fastify's built-in text/plain parser would let a plain body through
  // to fail validation as a confusing "must be object" instead of a 415.
  app.removeContentTypeParser('text/plain');
  app.addSchema(Problem);
  app.setValidatorCompiler(requestValidator());
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error as Error);
    if (appError.code === 'unavailable') request.log.warn({ err: error }, 'database unavailable');
    else if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, appError);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const webDist = options.webDist === undefined ? WEB_DIST : options.webDist;
    // The single-page app owns every other GET path (client-side routing).
    if (request.method === 'GET' && !path.startsWith('/api') && webDist && existsSync(`${webDist}/index.html`)) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html', webDist);
    }
    return sendProblem(reply, request, new AppError('route_not_found', `${request.method} ${path} is not an endpoint`));
  });
  app.addHook('preValidation', async (request) => {
    rejectNul(request.body);
    rejectNul(request.query);
    rejectNul(request.params);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith('/api/v1')) reply.header('cache-control', 'no-store');
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Closeloop API',
        version: VERSION,
        description:
          'Escalation desk for marketplace service teams. Authenticate with `Authorization: Bearer <token>` ' +
          '(create tokens under API tokens) or the session cookie from `POST /api/v1/auth/login` plus the ' +
          '`x-csrf-token` header on writes. Errors are RFC 9457 `application/problem+json` with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'closeloop_session' },
        },
      },
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) ?? `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  // Who a token or session is, kept between requests while this process hears every change.
  const identities = new IdentityCache(database, options.logger);
  await identities.start();
  app.addHook('onClose', () => identities.stop());
  await app.register(accessPlugin, { deps, identities });
  await app.register(platformRoutes, { deps, database });
  await app.register(identityRoutes, { deps, prefix: '/api/v1' });
  await app.register(caseRoutes, { deps, prefix: '/api/v1' });
  await app.register(handoffRoutes, { deps, prefix: '/api/v1' });
  await app.register(attachmentRoutes, { deps, storage, prefix: '/api/v1' });
  await app.register(notificationRoutes, { deps, prefix: '/api/v1' });
  await app.register(importRoutes, { deps, prefix: '/api/v1' });
  await app.register(calendarRoutes, { deps, prefix: '/api/v1' });
  await app.register(slaRoutes, { deps, prefix: '/api/v1' });
  await app.register(escalationRoutes, { deps, prefix: '/api/v1' });
  await app.register(routingRoutes, { deps, prefix: '/api/v1' });
  await app.register(metricRoutes, { deps, prefix: '/api/v1' });
  await app.register(csatRoutes, { deps, prefix: '/api/v1' });
  await app.register(articleRoutes, { deps, prefix: '/api/v1' });
  await app.register(searchRoutes, { deps, prefix: '/api/v1' });
  await app.register(templateRoutes, { deps, prefix: '/api/v1' });

  const webDist = options.webDist === undefined ? WEB_DIST : options.webDist;
  if (webDist && existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
  }
  return app;
}
