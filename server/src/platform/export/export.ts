import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/**
 * Streaming table exports (CSV and XLSX) shared by the case list, the metrics and the weekly
 * team report. Rows arrive as an AsyncIterable of batches and are written as they come, so an
 * export never holds more than a batch or two in memory; the writer pulls the next batch only
 * when the consumer (an HTTP reply, a buffer) has taken the previous one.
 */

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * How a column's values are typed. `date` is a calendar day ('YYYY-MM-DD'); `datetime` an instant
 * (Date or ISO string) shown as wall time in the export's time zone; `percent` a ratio 0..1;
 * `duration_seconds` a number of seconds (XLSX shows it as [h]:mm:ss).
 */
export type ColumnType = 'text' | 'number' | 'integer' | 'percent' | 'date' | 'datetime' | 'duration_seconds';

export interface ExportColumn {
  key: string;
  /** Already in the reader's language. Datetime headers get the time zone appended. */
  header: string;
  type: ColumnType;
  /** Width in characters (XLSX); a default per type otherwise. */
  width?: number;
}

export type ExportRow = Record<string, unknown>;

export interface ExportTable {
  /** The sheet name (XLSX; at most 31 characters, no []:*?/\). */
  name: string;
  columns: ExportColumn[];
  rows: AsyncIterable<readonly ExportRow[]>;
}

export interface ExportOptions {
  /** IANA zone in which instants are written as local wall time. */
  timeZone: string;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The header as written: datetime columns say which zone their wall times are in. */
export function headerText(column: ExportColumn, options: ExportOptions): string {
  return column.type === 'datetime' ? `${column.header} (${options.timeZone})` : column.header;
}

/** One export stream: CSV takes exactly one table, XLSX one sheet per table. */
export function exportStream(format: ExportFormat, tables: ExportTable[], options: ExportOptions): Readable {
  if (format === 'csv') {
    if (tables.length !== 1) throw new Error('a CSV export holds exactly one table');
    return csvStream(tables[0]!, options);
  }
  return xlsxStream(tables, options);
}

// ---------------------------------------------------------------- CSV (RFC 4180)

const BOM = '\uFEFF';
// A cell Excel or Sheets would run as a formula (OWASP's list, plus tab and CR).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: quoted when it holds a quote, comma or line break; text that looks like a formula is defused with a leading '. */
export function csvField(value: string, guard: boolean): string {
  const text = guard && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(column: ExportColumn, value: unknown, options: ExportOptions): string {
  if (value === null || value === undefined || value === '') return '';
  switch (column.type) {
    case 'number':
    case 'integer':
    case 'percent':
    case 'duration_seconds':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : csvField(String(value), true);
    case 'date':
      return csvField(dayText(value), true);
    case 'datetime': {
      const wall = wallTime(value, options.timeZone);
      return wall ? wall.text : '';
    }
    default:
      return csvField(String(value), true);
  }
}

/** UTF-8 with a byte-order mark (Excel otherwise reads Chinese as mojibake), CRLF line ends. */
export function csvStream(table: ExportTable, options: ExportOptions): Readable {
  async function* lines() {
    yield BOM + table.columns.map((c) => csvField(headerText(c, options), true)).join(',') + '\r\n';
    for await (const batch of table.rows) {
      let chunk = '';
      for (const row of batch) chunk += table.columns.map((c) => csvCell(c, row[c.key], options)).join(',') + '\r\n';
      if (chunk) yield chunk;
    }
  }
  // Readable.from pulls the next batch only when the consumer reads: that is the backpressure.
  return Readable.from(lines(), { objectMode: false });
}

// ---------------------------------------------------------------- XLSX

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  number: '#,##0.##',
  integer: '0',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  duration_seconds: '[h]:mm:ss',
};
const WIDTHS: Record<ColumnType, number> = { text: 24, number: 12, integer: 10, percent: 10, date: 12, datetime: 18, duration_seconds: 12 };

function xlsxCell(column: ExportColumn, value: unknown, options: ExportOptions): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  switch (column.type) {
    case 'number':
    case 'integer':
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value) ? value : String(value);
    case 'duration_seconds':
      // Excel durations are fractions of a day.
      return typeof value === 'number' && Number.isFinite(value) ? value / 86_400 : String(value);
    case 'date': {
      const day = dayText(value);
      return /^\d{4}-\d\d-\d\d$/.test(day) ? new Date(`${day}T00:00:00Z`) : day;
    }
    case 'datetime': {
      // exceljs writes a Date's UTC fields; giving it the wall time as UTC makes Excel show local time in the zone.
      const wall = wallTime(value, options.timeZone);
      return wall ? wall.asUtc : null;
    }
    default:
      return String(value);
  }
}

/** Sheet names: Excel allows 31 characters and none of []:*?/\; duplicates get a number. */
function sheetName(name: string, taken: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, ' ').trim() || 'Sheet').slice(0, 31);
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Bytes of sheet XML written but not yet taken by the zip. */
const MAX_BACKLOG = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * exceljs's sheet stream (a StreamBuf) pushes row XML into the zip's input without heeding
 * backpressure, so unread XML piles up there (70 MB for 100,000 cases when unchecked). This
 * reads how much is waiting: the StreamBuf's own buffers plus what its pipes hold. If a future
 * exceljs renames these it reads 0 and the heap check in exports.test.ts says so.
 */
function sheetBacklog(sheet: ExcelJS.Worksheet): number {
  // The pipes are archiver's readable-stream v2 PassThroughs, which predate writableLength.
  type Buffered = { _writableState?: { length?: number }; _readableState?: { length?: number } };
  const stream = (sheet as unknown as { _stream?: { buffers?: Array<{ length: number }>; pipes?: Buffered[] } })._stream;
  let bytes = 0;
  for (const buffer of stream?.buffers ?? []) bytes += buffer.length;
  for (const pipe of stream?.pipes ?? []) bytes += (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
  return bytes;
}

/**
 * A real XLSX through exceljs's streaming WorkbookWriter: each row is committed (serialised into
 * the zip) as it is added. After each batch the writer waits until the output has been read down
 * below its high-water mark before pulling the next batch from the database.
 */
export function xlsxStream(tables: ExportTable[], options: ExportOptions): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Closeloop';
  const pump = async () => {
    const taken = new Set<string>();
    for (const table of tables) {
      const sheet = workbook.addWorksheet(sheetName(table.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = table.columns.map((c) => ({
        key: c.key,
        width: c.width ?? Math.max(WIDTHS[c.type], Math.min(40, headerText(c, options).length + 2)),
        ...(NUMBER_FORMATS[c.type] ? { style: { numFmt: NUMBER_FORMATS[c.type] } } : {}),
      }));
      const header = sheet.addRow(table.columns.map((c) => headerText(c, options)));
      header.font = { bold: true };
      header.commit();
      for await (const batch of table.rows) {
        if (out.destroyed) return;
        for (const row of batch) sheet.addRow(table.columns.map((c) => xlsxCell(c, row[c.key], options))).commit();
        // Wait until the zip has compressed what it was given and the reader has taken it.
        while (!out.destroyed && (sheetBacklog(sheet) > MAX_BACKLOG || out.writableNeedDrain)) await sleep(5);
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  pump().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

// ---------------------------------------------------------------- time

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** An instant as wall time in `timeZone`: text 'YYYY-MM-DD HH:mm:ss' and the same fields as a UTC Date. */
export function wallTime(value: unknown, timeZone: string): { text: string; asUtc: Date } | null {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  const p = Object.fromEntries(partsIn(timeZone).formatToParts(date).map((x) => [x.type, x.value]));
  const text = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  return { text, asUtc: new Date(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}Z`) };
}

/** The calendar day in `timeZone` (for file names and day columns given as instants). */
export function dayIn(date: Date, timeZone: string): string {
  return wallTime(date, timeZone)!.text.slice(0, 10);
}

function dayText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** Drains an export into one Buffer (mail attachments, tests). */
export async function exportToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
