// The survey link's token: `<survey id>.<expiry, unix seconds base36>.<MAC>`, the MAC an
// HMAC-SHA256 over id, expiry and the survey's stored nonce. Pure.
//
// Key: derived from CLOSELOOP_SECRET (HMAC of a fixed label), so rotating the secret voids old
// links. Without a secret (dev, tests, an install that never set one) the derived key is public,
// and what keeps a link unguessable is the 128-bit random nonce that never leaves the database:
// forging still needs a database read. With a secret, a database read alone is not enough either.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_LABEL = 'closeloop csat survey link v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface SignedSurvey {
  id: string;
  expiresAt: Date;
  nonce: string;
}

export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

function mac(secret: string, id: string, expSeconds: number, nonce: string): Buffer {
  const key = createHmac('sha256', secret).update(KEY_LABEL).digest();
  return createHmac('sha256', key).update(`${id}.${expSeconds}.${nonce}`).digest();
}

export function signSurveyToken(secret: string, s: SignedSurvey): string {
  const exp = Math.floor(s.expiresAt.getTime() / 1000);
  return `${s.id}.${exp.toString(36)}.${mac(secret, s.id, exp, s.nonce).toString('base64url')}`;
}

/** The survey a token names, if it is well formed (not yet verified). */
export function parseSurveyToken(token: string): { id: string; expSeconds: number; mac: string } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [id, exp, sig] = parts as [string, string, string];
  if (!UUID.test(id) || !/^[0-9a-z]{1,10}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return null;
  return { id, expSeconds: parseInt(exp, 36), mac: sig };
}

/** True when the token was signed for exactly this survey (its id, expiry and nonce). */
export function verifySurveyToken(secret: string, token: string, s: SignedSurvey): boolean {
  const parsed = parseSurveyToken(token);
  if (!parsed || parsed.id !== s.id || parsed.expSeconds !== Math.floor(s.expiresAt.getTime() / 1000)) return false;
  const expected = mac(secret, s.id, parsed.expSeconds, s.nonce);
  const given = Buffer.from(parsed.mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
