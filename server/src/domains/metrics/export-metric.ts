/**
 * A metric's table as CSV or XLSX: the rows the API returns, typed cells (counts as integers,
 * ratios as percentages, times as durations), the total last; in XLSX a second sheet records
 * the parameters, so a file forwarded by e-mail still says what it measured.
 */
import type { Readable } from 'node:stream';
import type { Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { type ColumnType, type ExportFormat, type ExportRow, type ExportTable, dayIn, exportStream } from '../../platform/export/export.js';
import type { Unit } from './catalogue.js';
import { type MetricResult, computeMetric } from './compute.js';
import type { MetricQuery } from './query.js';

const WORDS: Record<Locale, Record<'group' | 'label' | 'value' | 'count' | 'total' | 'parameter' | 'setting' | 'sheet' | 'about', string>> = {
  en: { group: 'Group', label: 'Name', value: 'Value', count: 'Cases', total: 'Total', parameter: 'Parameter', setting: 'Value', sheet: 'Metric', about: 'Parameters' },
  zh: { group: '分组', label: '名称', value: '数值', count: '工单数', total: '合计', parameter: '参数', setting: '取值', sheet: '指标', about: '参数' },
  ms: { group: 'Kumpulan', label: 'Nama', value: 'Nilai', count: 'Kes', total: 'Jumlah', parameter: 'Parameter', setting: 'Nilai', sheet: 'Metrik', about: 'Parameter' },
};
const VALUE_TYPE: Record<Unit, ColumnType> = { count: 'integer', ratio: 'percent', seconds: 'duration_seconds', score: 'number' };

async function* once(rows: ExportRow[]): AsyncIterable<readonly ExportRow[]> {
  yield rows;
}

/** The table of one computed metric, in the reader's language. */
export function metricTables(result: MetricResult, query: MetricQuery, locale: Locale): ExportTable[] {
  const w = WORDS[locale];
  const rows: ExportRow[] = [
    ...result.rows.map((r) => ({ group: r.group ?? '', label: r.label ?? '', value: r.value, count: r.count })),
    { group: w.total, label: '', value: result.total.value, count: result.total.count },
  ];
  const parameters: ExportRow[] = [
    ['metric', result.metric],
    ['from', dayIn(new Date(result.from), result.timeZone)],
    ['to', dayIn(new Date(new Date(result.to).getTime() - 1), result.timeZone)],
    ['timeZone', result.timeZone],
    ['groupBy', result.groupBy ?? ''],
    ...(query.metric === 'sla_attainment' ? [['clock', query.clock]] : []),
    ...(['first_response_median', 'first_response_p90', 'resolution_median', 'resolution_p90', 'handoff_answer_median'].includes(query.metric) ? [['basis', query.basis]] : []),
    ...Object.entries(query.filters).map(([k, v]) => [k, v]),
  ].map(([parameter, setting]) => ({ parameter, setting }));
  return [
    {
      name: `${w.sheet} ${result.metric}`.slice(0, 31),
      columns: [
        { key: 'group', header: w.group, type: result.groupBy === 'day' || result.groupBy === 'week' ? 'date' : 'text', width: 38 },
        { key: 'label', header: w.label, type: 'text', width: 30 },
        { key: 'value', header: w.value, type: VALUE_TYPE[result.unit as Unit], width: 14 },
        { key: 'count', header: w.count, type: 'integer', width: 10 },
      ],
      rows: once(rows),
    },
    {
      name: w.about,
      columns: [
        { key: 'parameter', header: w.parameter, type: 'text', width: 16 },
        { key: 'setting', header: w.setting, type: 'text', width: 40 },
      ],
      rows: once(parameters),
    },
  ];
}

export async function exportMetric(deps: Deps, actor: Actor, query: MetricQuery, format: ExportFormat): Promise<{ fileName: string; stream: Readable }> {
  const result = await computeMetric(deps, actor, query);
  const locale = actor.user?.locale ?? 'en';
  const tables = metricTables(result, query, locale);
  const from = dayIn(new Date(result.from), result.timeZone);
  const to = dayIn(new Date(new Date(result.to).getTime() - 1), result.timeZone);
  return {
    fileName: `${result.metric}_${from}_${to}.${format}`,
    // CSV holds one table: the metric's rows (the parameters are in the file name and the API call).
    stream: exportStream(format, format === 'csv' ? tables.slice(0, 1) : tables, { timeZone: result.timeZone }),
  };
}
