import { AppError } from '../errors.js';

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in the input would fail deep in a
 * query as a 500. Find it up front and name the field instead.
 */
export function findNulField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNulField(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) {
        const shown = key.split('\u0000').join('\\0');
        return path ? `${path}.${shown}` : shown;
      }
      const found = findNulField(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

export function rejectNul(value: unknown): void {
  const field = findNulField(value);
  if (field) throw AppError.validation(field, 'must not contain NUL characters', 'nul');
}
