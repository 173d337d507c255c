import { resolve } from 'node:path';
import { isKnownTimeZone } from './domains/sla/zoned-time.js';

/** Everything the process reads from its environment, validated once at boot. */
export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  secret: string;
  smtpUrl: string | undefined;
  /** The From of notification e-mail. */
  mailFrom: string;
  /** Where people reach the web UI; links in e-mail point here. */
  publicUrl: string;
  /** The organisation's time zone: metrics' days, weeks and months, scheduled reports. */
  timeZone: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  secureCookies: boolean;
  sessionTtlHours: number;
  bodyLimitBytes: number;
  /** Trust X-Forwarded-* from a reverse proxy (the client address drives sign-in rate limits). */
  trustProxy: boolean;
  /** Background work runs inside `serve` unless disabled (when separate workers run it). */
  inProcessWorker: boolean;
  /** How long a worker holds a claimed job before another may take it over (a dead worker's job waits this long). */
  jobLeaseSeconds: number;
  /** Minutes after a resolution before its CSAT survey goes out (0: at once). */
  csatDelayMinutes: number;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** Reads and validates the configuration; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const secret = env.CLOSELOOP_SECRET || '';
  if (secret && secret.length < 32) {
    throw new ConfigError('CLOSELOOP_SECRET must be at least 32 characters');
  }
  const timeZone = env.CLOSELOOP_TIME_ZONE || 'Asia/Kuala_Lumpur';
  if (!isKnownTimeZone(timeZone)) throw new ConfigError('CLOSELOOP_TIME_ZONE must be an IANA time zone such as Asia/Kuala_Lumpur');
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  }
  return {
    databaseUrl,
    dataDir: resolve(env.CLOSELOOP_DATA_DIR || './data'),
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    secret,
    smtpUrl,
    mailFrom: env.CLOSELOOP_MAIL_FROM || 'Closeloop <closeloop@localhost>',
    publicUrl: (env.CLOSELOOP_PUBLIC_URL || 'http://localhost:3000').replace(/\/+$/, ''),
    timeZone,
    logLevel,
    secureCookies: bool(env, 'CLOSELOOP_SECURE_COOKIES', false),
    sessionTtlHours: int(env, 'CLOSELOOP_SESSION_TTL_HOURS', 12, 1, 24 * 30),
    bodyLimitBytes: int(env, 'CLOSELOOP_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 50 * 1024 * 1024),
    trustProxy: bool(env, 'CLOSELOOP_TRUST_PROXY', false),
    inProcessWorker: bool(env, 'CLOSELOOP_IN_PROCESS_WORKER', true),
    jobLeaseSeconds: int(env, 'CLOSELOOP_JOB_LEASE_SECONDS', 60, 5, 3600),
    csatDelayMinutes: int(env, 'CLOSELOOP_CSAT_DELAY_MINUTES', 60, 0, 30 * 24 * 60),
  };
}
