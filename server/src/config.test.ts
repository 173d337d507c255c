import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, ConfigError, loadConfig } from './config.js';

const SECRET = 'x'.repeat(32);

describe('loadConfig', () => {
  it('has a working default for everything', () => {
    expect(loadConfig({})).toEqual<Config>({
      databaseUrl: undefined,
      dataDir: resolve('./data'),
      port: 3000,
      host: '127.0.0.1',
      secret: '',
      smtpUrl: undefined,
      mailFrom: 'Closeloop <closeloop@localhost>',
      publicUrl: 'http://localhost:3000',
      timeZone: 'Asia/Kuala_Lumpur',
      logLevel: 'info',
      secureCookies: false,
      sessionTtlHours: 12,
      bodyLimitBytes: 1024 * 1024,
      trustProxy: false,
      inProcessWorker: true,
      jobLeaseSeconds: 60,
      csatDelayMinutes: 60,
    });
  });

  it('treats empty variables as unset', () => {
    const empty = Object.fromEntries(
      [
        'DATABASE_URL',
        'CLOSELOOP_DATA_DIR',
        'PORT',
        'HOST',
        'CLOSELOOP_SECRET',
        'SMTP_URL',
        'CLOSELOOP_MAIL_FROM',
        'CLOSELOOP_PUBLIC_URL',
        'LOG_LEVEL',
        'CLOSELOOP_SECURE_COOKIES',
        'CLOSELOOP_SESSION_TTL_HOURS',
        'CLOSELOOP_BODY_LIMIT_BYTES',
        'CLOSELOOP_TRUST_PROXY',
        'CLOSELOOP_IN_PROCESS_WORKER',
        'CLOSELOOP_JOB_LEASE_SECONDS',
        'CLOSELOOP_CSAT_DELAY_MINUTES',
      ].map((name) => [name, '']),
    );
    expect(loadConfig(empty)).toEqual(loadConfig({}));
  });

  it('reads every variable', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgresql://app@db:5432/closeloop',
        CLOSELOOP_DATA_DIR: '/var/lib/closeloop',
        PORT: '8080',
        HOST: '0.0.0.0',
        CLOSELOOP_SECRET: SECRET,
        SMTP_URL: 'smtps://mail.example.test:465',
        CLOSELOOP_MAIL_FROM: 'Escalations <desk@shop.example>',
        CLOSELOOP_PUBLIC_URL: 'https://desk.shop.example/',
        CLOSELOOP_TIME_ZONE: 'Asia/Shanghai',
        LOG_LEVEL: 'debug',
        CLOSELOOP_SECURE_COOKIES: 'true',
        CLOSELOOP_SESSION_TTL_HOURS: '720',
        CLOSELOOP_BODY_LIMIT_BYTES: '2048',
        CLOSELOOP_TRUST_PROXY: '1',
        CLOSELOOP_IN_PROCESS_WORKER: 'no',
        CLOSELOOP_JOB_LEASE_SECONDS: '15',
        CLOSELOOP_CSAT_DELAY_MINUTES: '0',
      }),
    ).toEqual<Config>({
      databaseUrl: 'postgresql://app@db:5432/closeloop',
      dataDir: '/var/lib/closeloop',
      port: 8080,
      host: '0.0.0.0',
      secret: SECRET,
      smtpUrl: 'smtps://mail.example.test:465',
      mailFrom: 'Escalations <desk@shop.example>',
      publicUrl: 'https://desk.shop.example',
      timeZone: 'Asia/Shanghai',
      logLevel: 'debug',
      secureCookies: true,
      sessionTtlHours: 720,
      bodyLimitBytes: 2048,
      trustProxy: true,
      inProcessWorker: false,
      jobLeaseSeconds: 15,
      csatDelayMinutes: 0,
    });
  });

  const accepted: (readonly [name: string, value: string, expected: Partial<Config>])[] = [
    ['PORT', '0', { port: 0 }],
    ['PORT', '65535', { port: 65535 }],
    ['DATABASE_URL', 'postgres://localhost/x', { databaseUrl: 'postgres://localhost/x' }],
    ['CLOSELOOP_DATA_DIR', 'rel/dir', { dataDir: resolve('rel/dir') }],
    ['CLOSELOOP_SESSION_TTL_HOURS', '1', { sessionTtlHours: 1 }],
    ['CLOSELOOP_BODY_LIMIT_BYTES', '1024', { bodyLimitBytes: 1024 }],
    ['CLOSELOOP_BODY_LIMIT_BYTES', String(50 * 1024 * 1024), { bodyLimitBytes: 50 * 1024 * 1024 }],
    ['SMTP_URL', 'smtp://localhost:25', { smtpUrl: 'smtp://localhost:25' }],
    ...(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const).map((level) => ['LOG_LEVEL', level, { logLevel: level }] as const),
    ...['1', 'true', 'TRUE', 'yes', 'Yes'].map((v) => ['CLOSELOOP_SECURE_COOKIES', v, { secureCookies: true }] as const),
    ...['0', 'false', 'False', 'no', 'NO'].map((v) => ['CLOSELOOP_IN_PROCESS_WORKER', v, { inProcessWorker: false }] as const),
  ];
  it.each(accepted)('accepts %s=%s', (name, value, expected) => {
    expect(loadConfig({ [name]: value })).toMatchObject(expected);
  });

  it.each([
    ['PORT', 'abc', /^PORT must be an integer between 0 and 65535, got "abc"$/],
    ['PORT', '65536', /^PORT must be an integer/],
    ['PORT', '-1', /^PORT must be an integer/],
    ['CLOSELOOP_TIME_ZONE', 'Mars/Olympus', /^CLOSELOOP_TIME_ZONE must be an IANA time zone/],
    ['PORT', '80.5', /^PORT must be an integer/],
    ['PORT', '1e3x', /^PORT must be an integer/],
    ['LOG_LEVEL', 'verbose', /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent$/],
    ['LOG_LEVEL', 'INFO', /^LOG_LEVEL must be one of/],
    ['DATABASE_URL', 'mysql://db/closeloop', /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/$/],
    ['DATABASE_URL', 'localhost:5432', /^DATABASE_URL must start with/],
    ['CLOSELOOP_SECRET', 'x'.repeat(31), /^CLOSELOOP_SECRET must be at least 32 characters$/],
    ['SMTP_URL', 'http://mail.example.test', /^SMTP_URL must start with smtp:\/\/ or smtps:\/\/$/],
    ['CLOSELOOP_SECURE_COOKIES', 'on', /^CLOSELOOP_SECURE_COOKIES must be true or false, got "on"$/],
    ['CLOSELOOP_TRUST_PROXY', 'sometimes', /^CLOSELOOP_TRUST_PROXY must be true or false, got "sometimes"$/],
    ['CLOSELOOP_IN_PROCESS_WORKER', 'maybe', /^CLOSELOOP_IN_PROCESS_WORKER must be true or false/],
    ['CLOSELOOP_SESSION_TTL_HOURS', '0', /^CLOSELOOP_SESSION_TTL_HOURS must be an integer between 1 and 720/],
    ['CLOSELOOP_SESSION_TTL_HOURS', '721', /^CLOSELOOP_SESSION_TTL_HOURS must be an integer/],
    ['CLOSELOOP_BODY_LIMIT_BYTES', '1023', /^CLOSELOOP_BODY_LIMIT_BYTES must be an integer between 1024 and 52428800/],
  ])('rejects %s=%s with a ConfigError naming it', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts a secret of exactly 32 characters', () => {
    expect(loadConfig({ CLOSELOOP_SECRET: SECRET }).secret).toBe(SECRET);
  });
});
