// The weekly team report: every Monday 08:00 in the organisation's time zone, one XLSX per
// service team (the last seven days, day by day) mailed to the team's leads in their language.
import type { Locale } from '../../db/schema.js';
import { systemActor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { CONTENT_TYPES, type ColumnType, type ExportTable, exportStream, exportToBuffer } from '../../platform/export/export.js';
import { type JobHandler, enqueueJob } from '../../platform/jobs.js';
import type { MetricName, Unit } from '../metrics/catalogue.js';
import { computeMetric } from '../metrics/compute.js';
import { parseMetricQuery } from '../metrics/query.js';
import { type MailAttachment, queueMailTo } from '../notify/mail.js';
import { DAY_MS, localDayOf, wallTimeToInstant, weekdayOf } from '../sla/zoned-time.js';

export const WEEKLY_REPORT_JOB = 'reports.weekly';
/** Monday (weekday 0), 08:00 local time. */
const SEND_MINUTE = 8 * 60;

const SHEETS: Array<{ metric: MetricName; params?: Record<string, string> }> = [
  { metric: 'volume_created' },
  { metric: 'sla_attainment', params: { clock: 'resolution' } },
  { metric: 'resolution_median' },
  { metric: 'csat_avg' },
  { metric: 'backlog' },
];

const WORDS: Record<Locale, { sheet: Record<string, string>; day: string; value: Record<string, string>; cases: string; total: string; file: string }> = {
  en: {
    sheet: { volume_created: 'Cases created', sla_attainment: 'SLA attainment', resolution_median: 'Resolution median', csat_avg: 'CSAT average', backlog: 'Backlog' },
    day: 'Day',
    value: { volume_created: 'Cases created', sla_attainment: 'Resolution SLA met', resolution_median: 'Median time to resolve (business hours)', csat_avg: 'Average CSAT (1–5)', backlog: 'Open cases at end of day' },
    cases: 'Cases counted',
    total: 'Week',
    file: 'weekly-report',
  },
  zh: {
    sheet: { volume_created: '新建工单', sla_attainment: 'SLA 达成率', resolution_median: '解决时长中位数', csat_avg: '平均满意度', backlog: '积压' },
    day: '日期',
    value: { volume_created: '新建工单数', sla_attainment: '解决 SLA 达成率', resolution_median: '解决时长中位数（工作时间）', csat_avg: '平均满意度（1–5）', backlog: '当日结束时未结工单' },
    cases: '计入工单数',
    total: '本周',
    file: 'weekly-report',
  },
  ms: {
    sheet: { volume_created: 'Kes dicipta', sla_attainment: 'Pencapaian SLA', resolution_median: 'Median penyelesaian', csat_avg: 'Purata CSAT', backlog: 'Kes tertunggak' },
    day: 'Hari',
    value: { volume_created: 'Kes dicipta', sla_attainment: 'SLA penyelesaian dipenuhi', resolution_median: 'Median masa penyelesaian (waktu bekerja)', csat_avg: 'Purata CSAT (1–5)', backlog: 'Kes terbuka pada akhir hari' },
    cases: 'Kes dikira',
    total: 'Minggu',
    file: 'laporan-mingguan',
  },
};

const VALUE_TYPE: Record<Unit, ColumnType> = { count: 'integer', seconds: 'duration_seconds', ratio: 'percent', score: 'number' };

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The Monday 08:00 (local) on or after `now`, as the instant and the Monday's date. */
export function nextReportTime(timeZone: string, now: Date): { runAt: Date; monday: string } {
  const today = localDayOf(timeZone, now.getTime());
  let monday = today - weekdayOf(today);
  if (wallTimeToInstant(timeZone, monday, SEND_MINUTE) < now.getTime()) monday += 7;
  return { runAt: new Date(wallTimeToInstant(timeZone, monday, SEND_MINUTE)), monday: isoDay(monday) };
}

/**
 * Queues the coming Monday's report. Every worker calls it on its schedule; the dedupe key makes
 * it one job per week, and the job waits (run_at) until Monday 08:00.
 */
export async function scheduleWeeklyReport(deps: Deps): Promise<void> {
  const { runAt, monday } = nextReportTime(deps.config.timeZone, deps.clock.now());
  await enqueueJob(deps.db, deps.clock.now(), { kind: WEEKLY_REPORT_JOB, payload: { monday }, runAt, dedupeKey: `${WEEKLY_REPORT_JOB}:${monday}` });
}

/** One team's workbook for the seven days before `monday`, in `locale`. */
export async function buildTeamReport(deps: Deps, team: { id: string; name: string }, monday: string, locale: Locale): Promise<{ file: MailAttachment; from: string; to: string }> {
  const timeZone = deps.config.timeZone;
  const start = Date.parse(`${monday}T00:00:00Z`) / DAY_MS;
  const from = isoDay(start - 7);
  const to = isoDay(start - 1);
  const words = WORDS[locale];
  const tables: ExportTable[] = [];
  for (const { metric, params } of SHEETS) {
    const query = parseMetricQuery(metric, { from, to, groupBy: 'day', team: team.id, ...params }, { defaultTimeZone: timeZone, now: deps.clock.now().getTime() });
    const result = await computeMetric(deps, systemActor, query);
    const rows = [
      ...result.rows.map((r) => ({ day: r.group, value: r.value, count: r.count })),
      // Backlog is a level, not a flow: its week has no total.
      ...(metric === 'backlog' ? [] : [{ day: words.total, value: result.total.value, count: result.total.count }]),
    ];
    tables.push({
      name: words.sheet[metric]!,
      columns: [
        { key: 'day', header: words.day, type: 'date', width: 12 },
        { key: 'value', header: words.value[metric]!, type: VALUE_TYPE[result.unit] },
        { key: 'count', header: words.cases, type: 'integer' },
      ],
      rows: (async function* () {
        yield rows;
      })(),
    });
  }
  const content = await exportToBuffer(exportStream('xlsx', tables, { timeZone }));
  const slug = team.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'team';
  return { file: { fileName: `${words.file}-${slug}-${from}.xlsx`, contentType: CONTENT_TYPES.xlsx, content }, from, to };
}

/**
 * Builds every service team's report, per language its leads read, and queues one e-mail per
 * lead with it attached, all in one transaction (a retry after a failure sends nothing twice).
 * Teams without an active lead are skipped.
 */
export const sendWeeklyReports: JobHandler = async (deps, job) => {
  const { monday } = job.payload as { monday: string };
  const leads = await deps.db
    .selectFrom('teams as t')
    .innerJoin('team_members as tm', 'tm.team_id', 't.id')
    .innerJoin('users as u', 'u.id', 'tm.user_id')
    .select(['t.id as team_id', 't.name as team_name', 'u.id', 'u.email', 'u.display_name', 'u.locale'])
    .where('t.kind', '=', 'service')
    .where('u.role', '=', 'lead')
    .where('u.active', '=', true)
    .orderBy('t.name')
    .orderBy('u.email')
    .execute();
  const reports = new Map<string, Awaited<ReturnType<typeof buildTeamReport>>>();
  for (const lead of leads) {
    const key = `${lead.team_id}|${lead.locale}`;
    if (!reports.has(key)) reports.set(key, await buildTeamReport(deps, { id: lead.team_id, name: lead.team_name }, monday, lead.locale));
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    for (const lead of leads) {
      const report = reports.get(`${lead.team_id}|${lead.locale}`)!;
      await queueMailTo(trx, now, {
        userId: lead.id,
        address: lead.email,
        name: lead.display_name,
        locale: lead.locale,
        kind: 'weekly_report',
        caseId: null,
        data: { team: { id: lead.team_id, name: lead.team_name }, from: report.from, to: report.to, timeZone: deps.config.timeZone, link: `${deps.config.publicUrl}/dashboards/team?team=${lead.team_id}` },
        attachments: [report.file],
      });
    }
  });
};
