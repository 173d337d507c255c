import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/access.js';
import { NoContent, withProblems } from '../../platform/http/schemas.js';

const Notification = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  case: Type.Union([Type.Object({ id: Type.String(), number: Type.String(), title: Type.String() }), Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** The signed-in person's in-app notifications. */
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
    async (request) => {
      const userId = actorOf(request).user!.id;
      const rows = await deps.db
        .selectFrom('notifications as n')
        .leftJoin('cases as c', 'c.id', 'n.case_id')
        .select(['n.id', 'n.kind', 'n.data', 'n.created_at', 'n.read_at', 'c.id as case_id', 'c.number', 'c.title'])
        .where('n.user_id', '=', userId)
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id', 'desc')
        .limit(request.query.limit)
        .execute();
      const unread = await deps.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          case: r.case_id ? { id: r.case_id, number: r.number!, title: r.title! } : null,
          data: r.data,
          createdAt: r.created_at.toISOString(),
          readAt: r.read_at?.toISOString() ?? null,
        })),
        unread: Number(unread.n),
      };
    },
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
      const result = await deps.db
        .updateTable('notifications')
        .set({ read_at: deps.clock.now() })
        .where('id', '=', request.params.id)
        .where('user_id', '=', actorOf(request).user!.id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw AppError.notFound('notification');
      return reply.code(204).send(null);
    },
  );
}
