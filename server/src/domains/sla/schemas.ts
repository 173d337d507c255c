import { Type } from 'typebox';

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$', description: 'local wall-clock time HH:MM (24:00 only as an end)' });
const Block = Type.Array(Time, { minItems: 2, maxItems: 2, description: '[start, end] in local time' });
const Blocks = Type.Array(Block, { maxItems: 12 });
const Week = Type.Object(
  { mon: Blocks, tue: Blocks, wed: Blocks, thu: Blocks, fri: Blocks, sat: Blocks, sun: Blocks },
  { additionalProperties: false, description: 'working blocks per weekday, in order and not overlapping' },
);
const Holiday = Type.Object(
  {
    date: Type.String({ format: 'date', description: 'YYYY-MM-DD, local' }),
    name: Type.Optional(Type.String({ maxLength: 120 })),
    blocks: Type.Optional(Type.Array(Block, { maxItems: 12, description: 'absent or empty: closed all day; otherwise work only these blocks' })),
  },
  { additionalProperties: false },
);
const Holidays = Type.Array(Holiday, { maxItems: 1000 });
const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Asia/Kuala_Lumpur' });
const Region = Type.Union([Type.String({ pattern: '^[A-Z]{2}$' }), Type.Null()]);

export const CalendarCreate = Type.Object(
  {
    name: Name,
    timeZone: TimeZone,
    week: Week,
    holidays: Holidays,
    alwaysOpen: Type.Optional(Type.Boolean({ description: '24×7: every instant is working time' })),
    region: Type.Optional(Region),
  },
  { additionalProperties: false },
);
export const CalendarPatch = Type.Object(
  {
    name: Type.Optional(Name),
    timeZone: Type.Optional(TimeZone),
    week: Type.Optional(Week),
    holidays: Type.Optional(Holidays),
    alwaysOpen: Type.Optional(Type.Boolean()),
    region: Type.Optional(Region),
  },
  { additionalProperties: false, minProperties: 1 },
);

const OutBlock = Type.Array(Type.String());
export const Calendar = Type.Object({
  id: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  week: Type.Record(Type.String(), Type.Array(OutBlock)),
  holidays: Type.Array(Type.Object({ date: Type.String(), name: Type.Optional(Type.String()), blocks: Type.Optional(Type.Array(OutBlock)) })),
  alwaysOpen: Type.Boolean(),
  region: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const Instant = Type.String({ format: 'date-time', description: 'ISO 8601 instant with offset, e.g. 2026-03-06T17:00:00+08:00' });
export const AddBody = Type.Object(
  {
    start: Instant,
    duration: Type.String({ maxLength: 64, description: 'ISO 8601 duration of working time: PnDTnHnMnS or PnW (P1D = 24 working hours)' }),
  },
  { additionalProperties: false },
);
export const AddResult = Type.Object({ due: Type.String({ format: 'date-time' }) });
export const BetweenBody = Type.Object({ from: Instant, to: Instant }, { additionalProperties: false });
export const BetweenResult = Type.Object({ seconds: Type.Number({ description: 'working time in [from, to); 0 when to ≤ from' }) });
