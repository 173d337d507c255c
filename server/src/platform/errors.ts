/**
 * Why a field was refused, as a stable code the UI translates (with `params`), next to an
 * English `message` for API users and logs.
 */
export const FIELD_ERROR_CODES = [
  'required', 'unknown_field', 'one_of', 'wrong_type', 'format', 'empty', 'too_long', 'too_short',
  'out_of_range', 'taken', 'unknown_reference', 'nul', 'invalid',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** A field-level complaint about the input, named the way the client sent it. */
export interface FieldError {
  field: string;
  message: string;
  code?: FieldErrorCode;
  params?: Record<string, string | number>;
}

/**
 * Domain errors carry a stable code; the HTTP status for each code is decided here, once.
 * Domain code throws these and never thinks about HTTP.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  team_name_taken: 409,
  conflict: 409,
  last_admin: 409,
  illegal_transition: 409,
  open_handoffs: 409,
  requester_not_notified: 409,
  stale_version: 409,
  invalid_transition: 409,
  article_archived: 409,
  case_not_resolved: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  import_rejected: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** Seconds the client should wait (rate limits, backoff). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static validation(field: string, message: string, code: FieldErrorCode = 'invalid', params?: FieldError['params']): AppError {
    return new AppError('validation_failed', `${field}: ${message}`, [{ field, message, code, ...(params ? { params } : {}) }]);
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} not found`);
  }
}
