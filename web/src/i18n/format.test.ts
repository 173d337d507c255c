import { describe, expect, it } from 'vitest';
import { fileSizeParts } from './format';

describe('file sizes', () => {
  it('keeps small files in bytes', () => {
    expect(fileSizeParts(0)).toEqual([0, 0]);
    expect(fileSizeParts(77)).toEqual([77, 0]);
    expect(fileSizeParts(1023)).toEqual([1023, 0]);
  });

  it('steps by 1024 and keeps one decimal', () => {
    expect(fileSizeParts(1024)).toEqual([1, 1]);
    expect(fileSizeParts(1536)).toEqual([1.5, 1]);
    expect(fileSizeParts(3.25 * 1024 * 1024)).toEqual([3.3, 2]);
  });

  it('shows the attachment limit as 20 MB', () => {
    expect(fileSizeParts(20 * 1024 * 1024)).toEqual([20, 2]);
  });
});
