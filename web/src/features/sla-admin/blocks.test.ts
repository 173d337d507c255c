import { describe, expect, it } from 'vitest';
import { checkBlocks, formatBlocks, parseBlock, parseTime, splitBlocks, suggestBlock } from './blocks';

describe('parseTime', () => {
  it.each([
    ['09:00', false, '09:00'],
    ['9:00', false, '09:00'],
    ['9', false, '09:00'],
    ['0930', false, '09:30'],
    [' 18:05 ', false, '18:05'],
    ['00:00', false, '00:00'],
    ['24:00', true, '24:00'],
    ['24:00', false, null],
    ['24:30', true, null],
    ['25:00', true, null],
    ['09:60', false, null],
    ['9.30', false, null],
    ['', false, null],
    ['noon', false, null],
  ])('%j (end: %s) → %j', (text, asEnd, expected) => {
    expect(parseTime(text, asEnd)).toBe(expected);
  });
});

describe('parseBlock', () => {
  it.each([
    ['09:00–12:00', ['09:00', '12:00']],
    ['09:00-12:00', ['09:00', '12:00']],
    ['9 - 12', ['09:00', '12:00']],
    ['13:00 to 18:00', ['13:00', '18:00']],
    ['13:00 至 18:00', ['13:00', '18:00']],
    ['13:00 hingga 18:00', ['13:00', '18:00']],
    ['00:00—24:00', ['00:00', '24:00']],
    ['24:00–09:00', null],
    ['09:00', null],
    ['09:00–12:00–13:00', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(parseBlock(text)).toEqual(expected);
  });
});

describe('splitBlocks and formatBlocks', () => {
  it.each([
    ['09:00–12:00, 13:00–18:00', ['09:00–12:00', '13:00–18:00']],
    ['09:00–12:00；13:00–18:00', ['09:00–12:00', '13:00–18:00']],
    [' , ', []],
    ['', []],
  ])('%j splits into %j', (text, expected) => {
    expect(splitBlocks(text)).toEqual(expected);
  });

  it('writes blocks the way splitBlocks reads them', () => {
    const text = formatBlocks([
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ]);
    expect(text).toBe('09:00–12:00, 13:00–18:00');
    expect(splitBlocks(text).map(parseBlock)).toEqual([
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ]);
  });
});

describe('checkBlocks', () => {
  it.each([
    [[], []],
    [['09:00–12:00', '13:00–18:00'], [null, null]],
    [['09:00–12:00', '12:00–18:00'], [null, null]],
    [['12:00–09:00'], ['endBeforeStart']],
    [['09:00–09:00'], ['endBeforeStart']],
    [['09:00–13:00', '12:00–18:00'], [null, 'overlap']],
    [['13:00–18:00', '09:00–12:00'], [null, 'overlap']],
    [['nine to noon', '13:00–18:00'], ['format', null]],
  ])('%j → %j', (texts, problems) => {
    expect(checkBlocks(texts).problems).toEqual(problems);
  });

  it('returns the blocks it could read', () => {
    expect(checkBlocks(['9-12', 'x', '13-18']).blocks).toEqual([
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ]);
  });
});

describe('suggestBlock', () => {
  it.each([
    [[], '09:00–18:00'],
    [['09:00–12:00'], '13:00–14:00'],
    [['09:00–12:30'], '13:30–14:30'],
    [['18:00–22:30'], '23:30–24:00'],
    [['18:00–23:00'], ''],
    [['20:00–24:00'], ''],
    [['not yet typed'], ''],
  ])('after %j → %j', (texts, expected) => {
    expect(suggestBlock(texts)).toBe(expected);
  });
});
