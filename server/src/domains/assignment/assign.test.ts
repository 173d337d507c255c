import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Candidate, eligible, pick } from './assign.js';

const agent = (id: string, open = 0, load = open * 2, languages = ['en'], skillCategories: string[] = []): Candidate => ({ id, open, load, languages, skillCategories });
const EN_CASE = { language: 'en', category: 'payments/payout-hold' };

describe('eligible', () => {
  it.each<[string, Candidate[], Parameters<typeof eligible>[1], number | null, { language: string; category: string }, string[]]>([
    ['no capacity: everyone', [agent('a', 9), agent('b')], 'least_loaded', null, EN_CASE, ['a', 'b']],
    ['at capacity: out', [agent('a', 3), agent('b', 2)], 'least_loaded', 3, EN_CASE, ['b']],
    ['skills: the language', [agent('a', 0, 0, ['zh']), agent('b', 0, 0, ['en', 'ms'])], 'skills', null, { language: 'zh', category: 'order/logistics' }, ['a']],
    ['skills: a category prefix', [agent('a', 0, 0, ['en'], ['order']), agent('b', 0, 0, ['en'], ['payments'])], 'skills', null, EN_CASE, ['b']],
    ['skills: no categories means any', [agent('a', 0, 0, ['en'], [])], 'skills', null, EN_CASE, ['a']],
    ['skills: a prefix is a whole segment', [agent('a', 0, 0, ['en'], ['pay'])], 'skills', null, EN_CASE, []],
    ['round robin ignores skills', [agent('a', 0, 0, ['zh'])], 'round_robin', null, EN_CASE, ['a']],
  ])('%s', (_name, candidates, strategy, capacity, c, expected) => {
    expect(eligible(candidates, strategy, capacity, c).map((a) => a.id)).toEqual(expected);
  });
});

describe('pick', () => {
  it('manual and nobody pick no one', () => {
    expect(pick([agent('a')], 'manual', null)).toBeNull();
    expect(pick([], 'round_robin', null)).toBeNull();
  });
  it('round robin takes the next id after the last one, wrapping', () => {
    const all = [agent('c'), agent('a'), agent('b')];
    expect(pick(all, 'round_robin', null)!.id).toBe('a');
    expect(pick(all, 'round_robin', 'a')!.id).toBe('b');
    expect(pick(all, 'round_robin', 'c')!.id).toBe('a');
    // The last one left the team: carry on after where it would sort.
    expect(pick(all, 'round_robin', 'bb')!.id).toBe('c');
  });
  it('least loaded takes the lightest weighted load, then the fewest open, then by id', () => {
    expect(pick([agent('a', 1, 4), agent('b', 2, 2)], 'least_loaded', null)!.id).toBe('b');
    expect(pick([agent('a', 2, 2), agent('b', 1, 2)], 'least_loaded', null)!.id).toBe('b');
    expect(pick([agent('b', 1, 2), agent('a', 1, 2)], 'skills', null)!.id).toBe('a');
  });
  it('round robin over any number of cases gives counts that differ by at most one', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 12 }), fc.nat(300), (ids, cases) => {
        const agents = ids.map((id) => agent(id));
        const counts = new Map(ids.map((id) => [id, 0]));
        let last: string | null = null;
        for (let i = 0; i < cases; i++) {
          last = pick(agents, 'round_robin', last)!.id;
          counts.set(last, counts.get(last)! + 1);
        }
        expect(Math.max(...counts.values()) - Math.min(...counts.values())).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('least loaded with loads kept up to date never puts anyone over capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 60 }), (n, capacity, weights) => {
        const agents = Array.from({ length: n }, (_, i) => agent(`a${i}`));
        for (const w of weights) {
          const chosen = pick(eligible(agents, 'least_loaded', capacity, EN_CASE), 'least_loaded', null);
          if (!chosen) {
            expect(agents.every((a) => a.open >= capacity)).toBe(true);
            continue;
          }
          chosen.open += 1;
          chosen.load += w;
        }
        expect(agents.every((a) => a.open <= capacity)).toBe(true);
      }),
    );
  });
});
