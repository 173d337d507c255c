import { Type, type TSchema } from 'typebox';
import { FIELD_ERROR_CODES } from '../errors.js';

/** RFC 9457 problem details, with Closeloop's stable `code` and per-field `errors`. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          message: Type.String({ description: 'English explanation' }),
          code: Type.Optional(Type.Enum([...FIELD_ERROR_CODES], { description: 'stable reason, for translated messages' })),
          params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
        }),
      ),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

const problemRef = { $ref: 'Problem#', description: 'Problem details' };

/** Adds the shared problem responses to a route's success responses (for OpenAPI and serialization). */
export function withProblems<R extends Record<number, TSchema>>(responses: R) {
  return { ...responses, '4xx': problemRef, '5xx': problemRef };
}

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const NoContent = Type.Null({ description: 'No content' });
