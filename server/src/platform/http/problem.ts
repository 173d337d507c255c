import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode, type FieldError, type FieldErrorCode } from '../errors.js';

const TITLES: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'The request is not valid',
  malformed_json: 'The request body is not valid JSON',
  unauthenticated: 'Sign-in required',
  invalid_credentials: 'Sign-in failed',
  forbidden: 'Not allowed',
  csrf_failed: 'Missing or wrong CSRF token',
  not_found: 'Not found',
  route_not_found: 'No such endpoint',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported content type',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
};

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  if (error.retryAfter) reply.header('retry-after', String(error.retryAfter));
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send({
      type: `urn:closeloop:problem:${error.code}`,
      title: TITLES[error.code] ?? error.code.replace(/_/g, ' '),
      status: error.status,
      code: error.code,
      detail: error.message,
      instance: request.url,
      ...(error.errors.length ? { errors: error.errors } : {}),
    });
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/teamIds/0` → `teamIds[0]`, as clients name fields. */
function fieldPath(instancePath: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  const path = parts.reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
  return path;
}

/** Turns schema validation failures into field errors that name exactly what was wrong. */
export function validationFieldErrors(validation: AjvError[], context: string | undefined): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const e of validation) {
    let field = fieldPath(e.instancePath);
    let message = e.message ?? 'is not valid';
    let code: FieldErrorCode = 'invalid';
    let params: FieldError['params'];
    switch (e.keyword) {
      case 'additionalProperties':
        field = fieldPath(`${e.instancePath}/${String(e.params.additionalProperty)}`);
        message = 'is not a known field';
        code = 'unknown_field';
        break;
      case 'required':
        field = fieldPath(`${e.instancePath}/${String(e.params.missingProperty)}`);
        message = 'is required';
        code = 'required';
        break;
      case 'enum':
        message = `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
        code = 'one_of';
        params = { allowed: (e.params.allowedValues as unknown[]).join(', ') };
        break;
      case 'type':
        code = 'wrong_type';
        params = { type: String(e.params.type) };
        break;
      case 'format':
        code = 'format';
        params = { format: String(e.params.format) };
        break;
      case 'maxLength':
      case 'maxItems':
      case 'maxProperties':
        code = 'too_long';
        params = { limit: Number(e.params.limit) };
        break;
      case 'minLength':
      case 'minItems':
      case 'minProperties':
        code = Number(e.params.limit) <= 1 ? 'empty' : 'too_short';
        params = { limit: Number(e.params.limit) };
        break;
      case 'pattern':
        // `\S` is our "needs a visible character" rule.
        code = e.params.pattern === '\\S' ? 'empty' : 'format';
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        code = 'out_of_range';
        params = { limit: Number(e.params.limit) };
        break;
    }
    if (!field) field = context ?? 'body';
    const key = `${field}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push({ field, message, code, ...(params ? { params } : {}) });
    }
  }
  return errors;
}

/** Maps anything thrown while handling a request to a problem; only true bugs become 500. */
export function toAppError(error: FastifyError | AppError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe.validation) {
    const errors = validationFieldErrors(fe.validation, fe.validationContext);
    return new AppError(
      'validation_failed',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
    );
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_json', fe.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', fe.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', fe.message);
  }
  if (error instanceof SyntaxError && fe.statusCode === 400) return new AppError('malformed_json', error.message);
  if (fe.statusCode === 413) return new AppError('payload_too_large', fe.message);
  if (fe.statusCode === 415) return new AppError('unsupported_media_type', fe.message);
  if (fe.statusCode === 429) return new AppError('rate_limited', fe.message);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('validation_failed', fe.message);
  }
  if (databaseUnavailable(error)) {
    return new AppError('unavailable', 'the database is not reachable at the moment; retry shortly', [], DATABASE_RETRY_SECONDS);
  }
  return new AppError('internal', 'something went wrong on our side; the request id is in the logs');
}

const DATABASE_RETRY_SECONDS = 2;
// SQLSTATE classes and codes that mean "the server is going away or not there yet", not a bug:
// 08 connection exception, 57P01-57P03 admin/crash shutdown and "cannot connect now", 53300 too
// many connections.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_SYSCALL = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);

/**
 * True when a request failed because PostgreSQL is down or restarting (a restart, a failover):
 * the client gets 503 with Retry-After instead of a 500, and the pool reconnects by itself.
 * node-postgres reports a dropped connection without a code, by its message.
 */
export function databaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_SYSCALL.has(e.code))) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /^Connection terminated|Client has encountered a connection error/.test(message);
}
