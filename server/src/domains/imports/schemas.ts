import { Type } from 'typebox';
import { IMPORT_FIELDS } from './column-map.js';

export const ImportQuery = Type.Object(
  {
    map: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: `field=Column pairs, comma-separated (a comma inside a column name is written \\,). Fields: ${IMPORT_FIELDS.join(', ')}; externalId is required.`,
    }),
    dryRun: Type.Boolean({ default: false, description: 'validate everything and report; write nothing' }),
    createMissing: Type.Boolean({ default: false, description: 'create unknown categories, service teams and (inactive) agents instead of reporting them' }),
    validRowsOnly: Type.Boolean({ default: false, description: 'import the valid rows and report the rest (otherwise any invalid row means nothing is imported)' }),
  },
  { additionalProperties: false },
);

const RowError = Type.Object({
  row: Type.Integer({ description: 'row as a spreadsheet shows it: the header is row 1' }),
  field: Type.String(),
  message: Type.String(),
});

export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  committed: Type.Boolean({ description: 'rows were written' }),
  rows: Type.Integer(),
  valid: Type.Integer(),
  invalid: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  created: Type.Object({
    categories: Type.Array(Type.String(), { description: 'codes' }),
    teams: Type.Array(Type.String(), { description: 'names' }),
    agents: Type.Array(Type.String(), { description: 'e-mail addresses' }),
  }),
  errors: Type.Array(RowError),
  errorsOmitted: Type.Integer({ description: 'errors beyond the first 1,000, counted but not listed' }),
});

/** 422 when invalid rows stop an all-or-nothing import: problem details with the report. */
export const ImportRejected = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.String(),
  instance: Type.String(),
  report: ImportReport,
});
