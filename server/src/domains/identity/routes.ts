import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { SESSION_COOKIE, actorOf } from '../../platform/http/access.js';
import { IdParams, NoContent, withProblems } from '../../platform/http/schemas.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { ACCESS, abilitiesFor } from './policy.js';
import { listRegions } from './queries.js';
import * as s from './schemas.js';
import { signIn, signOut } from './sign-in.js';
import { createTeam, listTeams, setAvailability, updateTeam } from './teams.js';
import { createUser, listUsers, updateOwnProfile, updateUser, viewUser } from './users.js';

async function me(deps: Deps, userId: string, csrfToken: string | null) {
  const user = await viewUser(deps.db, userId);
  return { user, abilities: abilitiesFor(user.role), csrfToken };
}

/** Sign-in, the caller's profile, the directory of users and teams, and API tokens. */
export async function identityRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        security: [],
        body: s.LoginBody,
        response: withProblems({ 200: s.Me }),
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const signedIn = await signIn(deps, { ...request.body, ip: request.ip, requestId: request.id });
      reply.setCookie(SESSION_COOKIE, signedIn.sessionId, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        path: '/',
        expires: signedIn.expiresAt,
      });
      return me(deps, signedIn.user.id, signedIn.csrfToken);
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'End the current session', response: withProblems({ 204: NoContent }) },
      config: { access: 'signed-in' },
    },
    async (request: FastifyRequest, reply: FastifyReply) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await signOut(deps, sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      schema: { tags: ['me'], summary: 'The signed-in user, their teams and abilities', response: withProblems({ 200: s.Me }) },
      config: { access: 'signed-in' },
    },
    async (request) => me(deps, actorOf(request).user!.id, request.sessionCsrf),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Change your own interface language or display name',
        body: s.MePatch,
        response: withProblems({ 200: s.Me }),
      },
      config: { access: 'signed-in' },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await updateOwnProfile(deps, actor, request.body);
      return me(deps, user.id, request.sessionCsrf);
    },
  );

  app.get(
    '/regions',
    {
      schema: {
        tags: ['directory'],
        summary: 'Regions (markets) and their time zones',
        response: withProblems({ 200: Type.Object({ items: Type.Array(s.Region) }) }),
      },
      config: { access: 'signed-in' },
    },
    async () => ({
      items: (await listRegions(deps.db)).map((r) => ({ code: r.code, name: r.name, timeZone: r.time_zone })),
    }),
  );

  app.get(
    '/users',
    {
      schema: {
        tags: ['directory'],
        summary: 'List users (search, role, team, active), ordered by name',
        querystring: s.UserQuery,
        response: withProblems({ 200: s.UserPage }),
      },
      config: { access: ACCESS.readDirectory },
    },
    async (request) => listUsers(deps, actorOf(request), request.query),
  );

  app.post(
    '/users',
    {
      schema: { tags: ['directory'], summary: 'Create a user', body: s.UserCreate, response: withProblems({ 201: s.User }) },
      config: { access: ACCESS.manageUsers },
    },
    async (request, reply) => reply.code(201).send(await createUser(deps, actorOf(request), request.body)),
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Change a user (deactivating ends their sessions)',
        params: IdParams,
        body: s.UserPatch,
        response: withProblems({ 200: s.User }),
      },
      config: { access: ACCESS.manageUsers },
    },
    async (request) => updateUser(deps, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/teams',
    {
      schema: {
        tags: ['directory'],
        summary: 'Service teams and partner departments',
        response: withProblems({ 200: Type.Object({ items: Type.Array(s.Team) }) }),
      },
      config: { access: ACCESS.readDirectory },
    },
    async (request) => ({ items: await listTeams(deps, actorOf(request)) }),
  );

  app.post(
    '/teams',
    {
      schema: { tags: ['directory'], summary: 'Create a team', body: s.TeamCreate, response: withProblems({ 201: s.Team }) },
      config: { access: ACCESS.manageTeams },
    },
    async (request, reply) => reply.code(201).send(await createTeam(deps, actorOf(request), request.body)),
  );

  app.patch(
    '/teams/:id',
    {
      schema: {
        tags: ['directory'],
        summary: 'Change a team',
        params: IdParams,
        body: s.TeamPatch,
        response: withProblems({ 200: s.Team }),
      },
      config: { access: ACCESS.manageTeams },
    },
    async (request) => updateTeam(deps, actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/users/:id/availability',
    {
      schema: { tags: ['directory'], summary: 'Available for automatic assignment, or not (yourself; leads for their teams; admins)', params: IdParams, body: s.AvailabilityBody, response: withProblems({ 200: s.Availability }) },
      config: { access: 'signed-in' },
    },
    async (request) => setAvailability(deps, actorOf(request), request.params.id, request.body.available),
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Your API tokens (never the secrets)',
        response: withProblems({ 200: Type.Object({ items: Type.Array(s.Token) }) }),
      },
      config: { access: 'signed-in' },
    },
    async (request) => ({ items: await listApiTokens(deps, actorOf(request)) }),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the secret is shown only in this response',
        body: s.TokenCreate,
        response: withProblems({ 201: s.CreatedToken }),
      },
      config: { access: 'signed-in' },
    },
    async (request, reply) => reply.code(201).send(await createApiToken(deps, actorOf(request), request.body)),
  );

  app.delete(
    '/tokens/:id',
    {
      schema: { tags: ['tokens'], summary: 'Revoke one of your API tokens', params: IdParams, response: withProblems({ 204: NoContent }) },
      config: { access: 'signed-in' },
    },
    async (request, reply) => {
      await revokeApiToken(deps, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
