import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/access.js';
import { NoContent, withProblems } from '../../platform/http/schemas.js';
import { listMail } from './mail.js';
import { listNotifications, markNotificationRead, markNotificationsRead } from './notify.js';

const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  case: Type.Union([Type.Object({ id: Type.String(), number: Type.String(), title: Type.String() }), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const MailItem = Type.Object({
  id: Type.Integer(),
  to: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), displayName: Type.String(), address: Type.String() }),
  locale: Type.String(),
  kind: Type.String(),
  case: Type.Union([Type.Object({ id: Type.String(), number: Type.String() }), Type.Null()]),
  status: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** The signed-in person's in-app notifications, and the e-mail outbox for admins. */
export async function notificationRoutes(root: FastifyInstance, { deps }: { deps: Deps }) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your latest notifications and how many are unread',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }) }, { additionalProperties: false }),
        response: withProblems({ 200: Type.Object({ items: Type.Array(Notification), unread: Type.Integer() }) }),
      },
      config: { access: 'signed-in' },
    },
    async (request) => listNotifications(deps.db, actorOf(request).user!.id, request.query.limit),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: withProblems({ 204: NoContent }),
      },
      config: { access: 'signed-in' },
    },
    async (request, reply) => {
      const marked = await markNotificationRead(deps.db, actorOf(request).user!.id, request.params.id, deps.clock.now());
      if (!marked) throw AppError.notFound('notification');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark your notifications read: the ones listed, or all',
        body: Type.Object(
          { ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })), all: Type.Optional(Type.Boolean()) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: withProblems({ 200: Type.Object({ marked: Type.Integer() }) }),
      },
      config: { access: 'signed-in' },
    },
    async (request) => ({ marked: await markNotificationsRead(deps.db, actorOf(request).user!.id, request.body, deps.clock.now()) }),
  );

  app.get(
    '/admin/mail',
    {
      schema: {
        tags: ['notifications'],
        summary: 'The e-mail outbox: sent, held (no SMTP_URL), queued or failed, newest first',
        querystring: Type.Object(
          { status: Type.Optional(Type.Enum(['queued', 'sent', 'held', 'failed'])), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) },
          { additionalProperties: false },
        ),
        response: withProblems({ 200: Type.Object({ items: Type.Array(MailItem) }) }),
      },
      config: { access: ['admin'] },
    },
    async (request) => ({ items: await listMail(deps, actorOf(request), request.query as { status?: 'queued'; limit: number }) }),
  );
}
