import { AppError } from './errors.js';

/** A uuid as PostgreSQL prints it (either letter case accepted). */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** An opaque keyset cursor: the sort key values of the last row of a page. */
export function encodeCursor(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * Reads a cursor a client sent back. Anything we did not issue (or issued for another sort)
 * is a 400 naming `cursor`, never a malformed value reaching a query.
 */
export function decodeCursor(cursor: string, valid: (values: string[]) => boolean): string[] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string') && valid(value)) return value;
  } catch {
    // fall through to the validation error
  }
  throw AppError.validation('cursor', 'is not a cursor this API returned for this list', 'invalid');
}
