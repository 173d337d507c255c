import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt with N=2^15, r=8: ~30 ms and 32 MiB per hash on this class of machine (OWASP's floor is N=2^17 with r=8 p=1
// for new systems; 2^15 keeps sign-in bursts of a 2-core server responsive). The cost lives in the stored
// string, so it can be raised later without invalidating existing hashes.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Hashes a password as `scrypt$N$r$p$salt$key` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

// Checked when the e-mail is unknown, so an unknown account costs the same time as a wrong password.
const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;

/** Constant-time check of a password against a stored hash; null hash → always false, same cost. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY_HASH).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return timingSafeEqual(actual, expected) && stored !== null;
}

/** A random bearer secret: session ids, API tokens, CSRF tokens. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * The stored form of a session id or API token. With CLOSELOOP_SECRET set it is an HMAC
 * (a stolen database alone cannot verify guesses); otherwise SHA-256, which is already
 * safe for 256-bit random values.
 */
export function secretDigest(value: string, pepper: string): string {
  return pepper
    ? createHmac('sha256', pepper).update(value).digest('base64url')
    : createHash('sha256').update(value).digest('base64url');
}
