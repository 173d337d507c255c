import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvRecords, otherSeparator, previewCsv } from './csv';

const all = (text: string) => [...csvRecords(text)];

describe('csvRecords', () => {
  it('splits plain records on commas and line breaks of every kind', () => {
    expect(all('a,b,c\n1,2,3\r\n4,5,6\r7,8,9')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    const text = 'id,notes,title\n1,"hello, ""world""\nsecond line",退款未到账\n2,"a\r\nb",""\n';
    expect(all(text)).toEqual([
      ['id', 'notes', 'title'],
      ['1', 'hello, "world"\nsecond line', '退款未到账'],
      ['2', 'a\r\nb', ''],
    ]);
  });

  it('skips a byte-order mark and blank lines, keeps empty cells', () => {
    expect(all('\uFEFFa,b\n\n1,\n,2\n\n')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
    ]);
  });

  it('reads an empty text as no records', () => {
    expect(all('')).toEqual([]);
  });

  it('reports an unclosed quote with the line it opened on', () => {
    expect(() => all('a,b\n1,2\n3,"open\nstill open')).toThrow(CsvSyntaxError);
    try {
      all('a,b\n1,2\n3,"open\nstill open');
    } catch (error) {
      expect(error).toMatchObject({ line: 3, reason: 'unclosedQuote' });
    }
  });

  it('reports a quote in the middle of a field, counting lines inside quoted fields', () => {
    try {
      all('a,b\n"x\ny",2\n3,4"5');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ line: 4, reason: 'strayQuote' });
    }
    expect(() => all('a\n"closed"junk')).toThrow(CsvSyntaxError);
  });
});

describe('previewCsv', () => {
  it('returns the header and the first rows, saying whether there are more', () => {
    const text = ['id,title', ...Array.from({ length: 8 }, (_, i) => `${i},t${i}`)].join('\n');
    const preview = previewCsv(text);
    expect(preview.header).toEqual(['id', 'title']);
    expect(preview.rows).toHaveLength(5);
    expect(preview.more).toBe(true);
    expect(previewCsv('id\n1\n2').more).toBe(false);
  });

  it('reads no further than the preview: a broken row later on does not matter', () => {
    const text = `id\n1\n2\n3\n4\n5\n6\n"broken`;
    expect(previewCsv(text).error).toBeNull();
  });

  it('keeps what it read before a syntax error', () => {
    const preview = previewCsv('id,title\n1,"ok"\n2,"open');
    expect(preview.header).toEqual(['id', 'title']);
    expect(preview.rows).toEqual([['1', 'ok']]);
    expect(preview.error?.reason).toBe('unclosedQuote');
  });
});

describe('otherSeparator', () => {
  it('notices semicolon- and tab-separated headers', () => {
    expect(otherSeparator(['id;title;status'])).toBe(';');
    expect(otherSeparator(['id\ttitle'])).toBe('\t');
    expect(otherSeparator(['id', 'title'])).toBeNull();
  });
});

describe('reading like the server', () => {
  // The server parses uploads with csv-parse; the preview must show the same records (or fail too).
  const serverRecords = (text: string) =>
    parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const outcome = (read: () => string[][]) => {
    try {
      return read();
    } catch {
      return 'invalid';
    }
  };

  it('agrees with csv-parse on quotes, commas, blank lines and line endings', () => {
    const pieces = fc.array(fc.constantFrom('a', '中', ' ', ',', '"', 'EOL', '\uFEFF'), { maxLength: 30 });
    // A file uses one kind of line ending (csv-parse takes the first one it sees as the rule).
    const eol = fc.constantFrom('\n', '\r\n', '\r');
    fc.assert(
      fc.property(pieces, eol, (parts, ending) => {
        const text = parts.map((part) => (part === 'EOL' ? ending : part)).join('');
        expect(outcome(() => [...csvRecords(text)])).toEqual(outcome(() => serverRecords(text)));
      }),
      { numRuns: 1500 },
    );
  });
});
