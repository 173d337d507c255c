import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** One row of the results: what was measured, on which backend, at what size. */
export interface Result {
  name: string;
  backend: 'pglite' | 'postgres';
  /** Cases in the database (or requests made, for intake) when measured. */
  size: number;
  metric: string;
  value: number;
  unit: string;
  /** The same metric for the reference (e.g. raw INSERTs through `pg`), measured in the same run. */
  reference?: number;
  /** value / reference. */
  ratio?: number;
}

/** The p-th percentile (0–100) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

const COLUMNS: [keyof Result, string][] = [
  ['name', 'scenario'],
  ['backend', 'backend'],
  ['size', 'size'],
  ['metric', 'metric'],
  ['value', 'value'],
  ['unit', 'unit'],
  ['reference', 'reference'],
  ['ratio', 'ratio'],
];
const NUMERIC = new Set<keyof Result>(['size', 'value', 'reference', 'ratio']);

const cell = (r: Result, key: keyof Result) => {
  const v = r[key];
  if (v === undefined) return '';
  return typeof v === 'number' && key === 'size' ? v.toLocaleString('en-US') : String(v);
};

/** A row as it is printed, padded to the table's widths (header widths when the row is alone). */
export function formatRow(r: Result, widths = headerWidths()): string {
  return COLUMNS.map(([key], i) => (NUMERIC.has(key) ? cell(r, key).padStart(widths[i]!) : cell(r, key).padEnd(widths[i]!))).join('  ');
}

function headerWidths(): number[] {
  return [8, 8, 9, 18, 9, 6, 9, 6];
}

export function formatHeader(widths = headerWidths()): string {
  const head = COLUMNS.map(([key, label], i) => (NUMERIC.has(key) ? label.padStart(widths[i]!) : label.padEnd(widths[i]!))).join('  ');
  return `${head}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`;
}

export function formatTable(results: readonly Result[]): string {
  const widths = COLUMNS.map(([key, label]) => Math.max(label.length, ...results.map((r) => cell(r, key).length)));
  return [formatHeader(widths), ...results.map((r) => formatRow(r, widths))].join('\n');
}

export interface Report {
  scenarios: Result[];
  startedAt: string;
  durationSeconds: number;
  node: string;
  machine: { cpus: number; memGiB: number };
  mode: 'quick' | 'full';
  /** 1/5/15-minute load averages when the run started: other work on the machine skews every number. */
  loadAvg: number[];
}

export function writeReport(file: string, report: Report): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

export const loadAverages = () => loadavg().map((v) => round(v, 2));

export const machine = () => ({ cpus: cpus().length, memGiB: round(totalmem() / 1024 ** 3, 1) });
