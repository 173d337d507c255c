import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api';
import { sessionKey } from '../../app/queryClient';
import { useSession } from '../../app/session';
import type { Problem } from '../../app/types';
import i18n from '../../i18n';
import { mapParam, type ColumnMapping } from './fields';

/** One complaint about one cell; `row` counts the header as row 1, as a spreadsheet does. */
export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

/** What an import did, or in a dry run would do. */
export interface ImportReport {
  dryRun: boolean;
  /** Rows were written. */
  committed: boolean;
  rows: number;
  valid: number;
  invalid: number;
  inserted: number;
  updated: number;
  unchanged: number;
  created: { categories: string[]; teams: string[]; agents: string[] };
  errors: ImportRowError[];
  /** Errors beyond the listed ones, counted only. */
  errorsOmitted: number;
}

export interface ImportRequest {
  csv: string;
  mapping: ColumnMapping;
  dryRun: boolean;
  createMissing: boolean;
  validRowsOnly: boolean;
}

/** The report a refused all-or-nothing import (422 `import_rejected`) carries, if the error is one. */
export function rejectedReport(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError) || error.code !== 'import_rejected') return null;
  return (error.problem as Problem & { report?: ImportReport }).report ?? null;
}

// The shared api wrapper speaks JSON; this one request sends the file as text/csv.
async function postImport(request: ImportRequest, csrfToken: string): Promise<ImportReport> {
  const params = new URLSearchParams({
    map: mapParam(request.mapping),
    dryRun: String(request.dryRun),
    createMissing: String(request.createMissing),
    validRowsOnly: String(request.validRowsOnly),
  });
  const response = await fetch(`/api/v1/imports?${params.toString()}`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'accept-language': i18n.language,
      'content-type': 'text/csv',
      'x-csrf-token': csrfToken,
    },
    credentials: 'same-origin',
    body: request.csv,
  });
  if (response.ok) return (await response.json()) as ImportReport;
  let problem: Problem;
  try {
    problem = (await response.json()) as Problem;
  } catch {
    problem = { type: 'about:blank', title: response.statusText, status: response.status, code: 'unavailable' };
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ApiError(response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
}

/** POST /imports: a dry run checks the file, a real run writes it (all or nothing, or valid rows only). */
export function useImportCases() {
  const { csrfToken } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ImportRequest) => postImport(request, csrfToken),
    onSuccess: (report) => {
      if (!report.committed) return;
      // New and changed cases, and perhaps new categories, teams and agents.
      void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
    },
  });
}
