import { describe, expect, it } from 'vitest';
import { fileNameOf } from './download';

describe('fileNameOf', () => {
  it('prefers the UTF-8 name, then the plain one, then the fallback', () => {
    expect(fileNameOf(`attachment; filename="cases-2026-11-23.xlsx"; filename*=UTF-8''${encodeURIComponent('工单-2026-11-23.xlsx')}`, 'x')).toBe('工单-2026-11-23.xlsx');
    expect(fileNameOf('attachment; filename="cases-2026-11-23.csv"', 'x')).toBe('cases-2026-11-23.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", 'x')).toBe('x');
    expect(fileNameOf(null, 'export.csv')).toBe('export.csv');
  });
});
