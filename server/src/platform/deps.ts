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
export const isUniqueViolation = (error: unknown, constraint?: string) => isViolation(error, '23505', constraint);

/** True when a PostgreSQL error is a foreign key violation: a row names one that does not exist. */
export const isForeignKeyViolation = (error: unknown, constraint?: string) => isViolation(error, '23503', constraint);

function isViolation(error: unknown, code: string, constraint: string | undefined): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === code && (constraint === undefined || e.constraint === constraint);
}
