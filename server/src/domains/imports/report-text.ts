import type { ImportProgress, ImportReport } from './import-cases.js';

/** A progress line for the terminal. */
export function progressLine(p: ImportProgress): string {
  return p.phase === 'reading' ? `read ${p.rows} rows` : `wrote ${p.rows} of ${p.of} rows`;
}

/** The report as the CLI prints it: a summary, what was (or would be) created, then every listed error. */
export function reportText(report: ImportReport): string {
  const lines = [
    `${report.rows} rows: ${report.valid} valid, ${report.invalid} invalid`,
    report.dryRun
      ? 'dry run: nothing was written'
      : report.committed
        ? `imported: ${report.inserted} new, ${report.updated} updated, ${report.unchanged} unchanged`
        : 'nothing was imported' + (report.invalid ? ' (fix the rows below, or use --valid-rows-only)' : ''),
  ];
  const { categories, teams, agents } = report.created;
  const verb = report.committed ? 'created' : 'would create';
  if (categories.length) lines.push(`${verb} categories: ${categories.join(', ')}`);
  if (teams.length) lines.push(`${verb} teams: ${teams.join(', ')}`);
  if (agents.length) lines.push(`${verb} agents (inactive): ${agents.join(', ')}`);
  for (const e of report.errors) lines.push(`row ${e.row} ${e.field}: ${e.message}`);
  if (report.errorsOmitted) lines.push(`… and ${report.errorsOmitted} more errors`);
  return lines.join('\n');
}
