import { type Static, Type } from 'typebox';
import { BASES, CLOCKS, GROUP_BYS, METRIC_NAMES } from './catalogue.js';

const Text = (description: string, maxLength = 64) => Type.Optional(Type.String({ maxLength, description }));

const QUERY_PROPERTIES = {
  from: Text('first day (YYYY-MM-DD, in tz) or an ISO instant; default: 30 days before to'),
  to: Text('last day, included (YYYY-MM-DD, in tz) or an ISO instant (excluded); default: today'),
  groupBy: Text(`one of ${GROUP_BYS.join(', ')}`),
  tz: Text('IANA time zone for days, weeks and months; default: the organisation time zone'),
  clock: Text(`sla_attainment: ${CLOCKS.join(', ')} (default resolution)`),
  basis: Text(`time metrics: ${BASES.join(', ')} (default business)`),
  team: Text('team id'),
  agent: Text('user id of the assignee'),
  category: Text('category code or a root category (prefix)', 80),
  region: Text('region code'),
  priority: Text('P1–P4'),
  source: Text('crm, oncall, email, api, import'),
  language: Text('en, zh, ms'),
};

export const MetricParams = Type.Object({ metric: Type.String({ maxLength: 64, description: METRIC_NAMES.join(', ') }) });
export const MetricQueryString = Type.Object(QUERY_PROPERTIES, { additionalProperties: false });
export const DrillQueryString = Type.Object(
  {
    ...QUERY_PROPERTIES,
    group: Text('the group of one row (its `group`; `none` for the row without one); omitted: the total', 80),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Text('nextCursor of the previous page', 400),
  },
  { additionalProperties: false },
);
export const ExportQueryString = Type.Object(
  { ...QUERY_PROPERTIES, format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { description: 'csv or xlsx' }) },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.Number> | ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const MetricRow = Type.Object({
  group: Nullable(Type.String()),
  label: Nullable(Type.String()),
  value: Nullable(Type.Number()),
  count: Type.Integer({ description: 'cases behind the value (what the drill-down lists)' }),
});

export const MetricResult = Type.Object({
  metric: Type.String(),
  unit: Type.String({ description: 'count, seconds, ratio (0–1) or score (1–5)' }),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  timeZone: Type.String(),
  groupBy: Nullable(Type.String()),
  rows: Type.Array(MetricRow),
  total: Type.Object({ value: Nullable(Type.Number()), count: Type.Integer() }),
});

export const MetricCatalogue = Type.Object({
  timeZone: Type.String(),
  metrics: Type.Array(
    Type.Object({
      metric: Type.String(),
      unit: Type.String(),
      groupBys: Type.Array(Type.String()),
      filters: Type.Array(Type.String()),
      params: Type.Array(Type.String()),
    }),
  ),
});

export const DrillPage = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      number: Type.String(),
      title: Type.String(),
      status: Type.String(),
      priority: Type.String(),
      categoryCode: Type.String(),
      teamName: Nullable(Type.String()),
      assigneeName: Nullable(Type.String()),
      createdAt: Type.String({ format: 'date-time' }),
      resolvedAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});

export const Tier1Row = Type.Object(
  {
    date: Type.String({ maxLength: 10, description: 'local day, YYYY-MM-DD' }),
    category: Type.String({ maxLength: 80 }),
    region: Type.String({ maxLength: 2 }),
    contacts: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
  },
  { additionalProperties: false },
);
export type Tier1RowInput = Static<typeof Tier1Row>;
export const Tier1Body = Type.Object({ rows: Type.Array(Tier1Row, { minItems: 1, maxItems: 100_000 }) }, { additionalProperties: false });
export const Tier1Query = Type.Object(
  { from: Text('first day, YYYY-MM-DD'), to: Text('last day, YYYY-MM-DD'), limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }) },
  { additionalProperties: false },
);
