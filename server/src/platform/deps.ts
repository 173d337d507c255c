import type { Config } from '../config.js';
import type { Db } from '../db/pool.js';
import type { Clock } from './clock.js';

/** What every use case may need, passed explicitly (no container). */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
}

/** True when a PostgreSQL error is a unique violation (two writers raced past a check). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** True when a PostgreSQL error is a foreign key violation: a row names one that does not exist. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23503' && (constraint === undefined || e.constraint === constraint);
}
