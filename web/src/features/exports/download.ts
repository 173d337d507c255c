import { ApiError, queryString } from '../../app/api';
import type { Problem } from '../../app/types';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportProgress {
  /** Rows received so far (CSV, where lines can be counted), or null (XLSX is compressed). */
  rows: number | null;
  bytes: number;
  /** The server's X-Total-Count. */
  total: number | null;
}

/** The file name from Content-Disposition: the UTF-8 `filename*` when there is one. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Downloads an export with fetch, reading the body as a stream so progress can be shown
 * (rows for CSV, bytes for XLSX, against X-Total-Count) and the download cancelled with
 * `signal`, then hands the browser the file to save.
 */
export async function downloadExport(
  path: string,
  query: Record<string, string | number | boolean | null | undefined>,
  format: ExportFormat,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<string> {
  const response = await fetch(`/api/v1${path}${queryString({ ...query, format })}`, { credentials: 'same-origin', signal });
  if (!response.ok) {
    let problem: Problem;
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = { type: 'about:blank', title: response.statusText, status: response.status, code: 'unavailable' };
    }
    throw new ApiError(response.status, problem, null);
  }
  const header = response.headers.get('x-total-count');
  const total = header === null ? null : Number(header);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  let lines = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.byteLength;
    if (format === 'csv') for (const byte of value) if (byte === 0x0a) lines++;
    // The first line of a CSV is the header.
    onProgress({ rows: format === 'csv' ? Math.max(0, lines - 1) : null, bytes, total });
  }
  const name = fileNameOf(response.headers.get('content-disposition'), `export.${format}`);
  const url = URL.createObjectURL(new Blob(parts, { type: response.headers.get('content-type') ?? 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start saving before the blob goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
