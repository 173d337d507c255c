import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNulField } from './nul-guard.js';

describe('findNulField', () => {
  it.each([
    [{ a: 'ok' }, null],
    [{ displayName: 'a\u0000b' }, 'displayName'],
    [{ teamIds: ['x', 'y\u0000'] }, 'teamIds[1]'],
    [{ account: { name: '\u0000' } }, 'account.name'],
    ['\u0000', 'body'],
    [{ 'k\u0000': 1 }, 'k\\0'],
  ])('%j → %s', (value, field) => {
    expect(findNulField(value)).toBe(field);
  });

  it('finds a NUL wherever it hides in JSON, and reports none otherwise', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary-ascii' }), (value) => {
        const hasNul = JSON.stringify(value).includes('\\u0000');
        expect(findNulField(value) !== null).toBe(hasNul);
      }),
      { numRuns: 300 },
    );
  });
});
