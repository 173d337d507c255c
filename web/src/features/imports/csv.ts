/** The file is not CSV as the server reads it (an unclosed quote, a stray quote). */
export class CsvSyntaxError extends Error {
  constructor(
    /** The line where the trouble starts, counting from 1 as an editor does. */
    readonly line: number,
    readonly reason: 'unclosedQuote' | 'strayQuote',
  ) {
    super(`${reason} at line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Records of a comma-separated file as RFC 4180 writes them (and as the server's csv-parse
 * reads them): quoted fields may hold commas, line breaks and doubled quotes (""); lines end
 * in CRLF, LF or CR; a leading byte-order mark and blank lines are skipped. Lazy, so a
 * preview of a large export reads only its first records.
 */
export function* csvRecords(text: string): Generator<string[]> {
  const length = text.length;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (at < length) {
    const record: string[] = [];
    const recordLine = line;
    let quoted = false;
    // One field per pass; the loop ends at a line break or the end of the text.
    for (;;) {
      let field = '';
      if (text[at] === '"') {
        quoted = true;
        at++;
        for (;;) {
          if (at >= length) throw new CsvSyntaxError(recordLine, 'unclosedQuote');
          const quote = text.indexOf('"', at);
          if (quote < 0) throw new CsvSyntaxError(recordLine, 'unclosedQuote');
          const chunk = text.slice(at, quote);
          line += countLineBreaks(chunk);
          field += chunk;
          at = quote + 1;
          if (text[at] === '"') {
            field += '"';
            at++;
            continue;
          }
          break;
        }
        const next = text[at];
        if (at < length && next !== ',' && next !== '\n' && next !== '\r') throw new CsvSyntaxError(line, 'strayQuote');
      } else {
        let end = at;
        while (end < length) {
          const c = text[end];
          if (c === ',' || c === '\n' || c === '\r') break;
          if (c === '"') throw new CsvSyntaxError(line, 'strayQuote');
          end++;
        }
        field = text.slice(at, end);
        at = end;
      }
      record.push(field);
      if (text[at] === ',') {
        at++;
        continue;
      }
      break;
    }
    // The line break (CRLF, LF or CR) that ends the record.
    if (text[at] === '\r') at++;
    if (text[at] === '\n') at++;
    line++;
    if (record.length === 1 && record[0] === '' && !quoted) continue; // a blank line
    yield record;
  }
}

function countLineBreaks(text: string): number {
  // CRLF counts once: count LFs, plus CRs not followed by an LF.
  let breaks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) breaks++;
  }
  return breaks;
}

export interface CsvPreview {
  /** The first record: the names of the columns. */
  header: string[];
  /** Up to `rows` records after the header. */
  rows: string[][];
  /** True when the file has more records than the preview shows. */
  more: boolean;
  /** Where the preview stopped because the text is not valid CSV. */
  error: CsvSyntaxError | null;
}

/** The header and the first few records, reading no further than needed. */
export function previewCsv(text: string, rows = 5): CsvPreview {
  const preview: CsvPreview = { header: [], rows: [], more: false, error: null };
  try {
    const records = csvRecords(text);
    const first = records.next();
    if (first.done) return preview;
    preview.header = first.value;
    for (const record of records) {
      if (preview.rows.length === rows) {
        preview.more = true;
        break;
      }
      preview.rows.push(record);
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    preview.error = error;
  }
  return preview;
}

/** A separator other than the comma, when the header looks like it uses one (Excel in some locales). */
export function otherSeparator(header: string[]): ';' | '\t' | null {
  if (header.length !== 1) return null;
  const only = header[0] ?? '';
  if (only.includes(';')) return ';';
  if (only.includes('\t')) return '\t';
  return null;
}
