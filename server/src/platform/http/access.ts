import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Access } from '../../domains/identity/policy.js';
import { actorFromSession, actorFromToken } from '../../domains/identity/authenticate.js';
import type { IdentityCache } from '../../domains/identity/identity-cache.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'closeloop_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; every route under /api/v1 must say. */
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The CSRF token of the cookie session, when the request came with one. */
    sessionCsrf: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The actor of a request that passed the access check of a route that is not public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'sign in first');
  return request.actor;
}

/**
 * Authentication and route-level authorisation, before the body is even parsed: a bearer
 * token or the session cookie identifies the actor; the route's `access` decides.
 */
export const accessPlugin = fp(async (app: FastifyInstance, { deps, identities }: { deps: Deps; identities?: IdentityCache }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionCsrf', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} does not declare who may call it (config.access)`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access ?? 'public';
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new AppError('unauthenticated', 'the Authorization header must be "Bearer <token>"');
      request.actor = await actorFromToken(deps, match[1]!, request.id, identities);
    } else {
      const sessionId = request.cookies[SESSION_COOKIE];
      const session = sessionId ? await actorFromSession(deps, sessionId, request.id, identities) : null;
      if (session) {
        request.actor = session.actor;
        request.sessionCsrf = session.csrfToken;
      }
    }
    if (access === 'public') return;
    if (!request.actor?.user) throw new AppError('unauthenticated', 'sign in or send an API token');
    // Cookies ride along on cross-site requests; a header only our own pages can read proves intent.
    if (request.sessionCsrf && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== request.sessionCsrf) {
      throw new AppError('csrf_failed', `cookie-authenticated writes need the ${CSRF_HEADER} header from sign-in or /api/v1/me`);
    }
    if (access !== 'signed-in' && !access.includes(request.actor.user.role)) {
      throw new AppError('forbidden', 'your role may not do this');
    }
  });
});
