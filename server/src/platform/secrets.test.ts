import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, randomSecret, secretDigest, verifyPassword } from './secrets.js';

describe('passwords', () => {
  it('verifies the password it hashed and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }), async (a, b) => {
        const hash = await hashPassword(a);
        expect(await verifyPassword(a, hash)).toBe(true);
        if (a.normalize('NFKC') !== b.normalize('NFKC')) expect(await verifyPassword(b, hash)).toBe(false);
      }),
      { numRuns: 8 },
    );
  });

  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('rejects when there is no stored hash (unknown user) or a malformed one', async () => {
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text')).toBe(false);
  });
});

describe('secret digests', () => {
  it('are stable, depend on the pepper, and never equal the secret', () => {
    const secret = randomSecret();
    expect(secretDigest(secret, '')).toBe(secretDigest(secret, ''));
    expect(secretDigest(secret, 'p'.repeat(32))).not.toBe(secretDigest(secret, ''));
    expect(secretDigest(secret, '')).not.toContain(secret);
    expect(randomSecret()).not.toBe(randomSecret());
    expect(Buffer.from(randomSecret(), 'base64url')).toHaveLength(32);
  });
});
