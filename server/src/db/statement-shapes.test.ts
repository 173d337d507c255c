import fc from 'fast-check';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { StatementShapes } from './statement-shapes.js';

// Compiles only: no connection.
const db = new Kysely<Record<string, Record<string, unknown>>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new PostgresIntrospector(k),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

interface Shape {
  notes: boolean;
  columns: string[];
}
type Data = { rows: string; notes: string; tag: string };

/** A statement in the manner of intake's: parts by the shape, rows as JSON parameters, constants among them, a datum used twice. */
function build(shape: Shape, data: Data) {
  let q = db.with('r', () => sql`(SELECT ${sql.join(shape.columns.map((c) => sql.ref(c)))} FROM jsonb_to_recordset(${data.rows}::jsonb) AS r (a int, b text))`);
  if (shape.notes) q = q.with('n', () => sql`(SELECT * FROM jsonb_to_recordset(${data.notes}::jsonb) AS n (x text) WHERE n.x <> ${'constant'} OR n.x = ${data.tag})`) as unknown as typeof q;
  return q.selectFrom('r').select((eb) => [eb.val(data.tag).as('tag'), eb.val(7).as('seven')]);
}

const shapeArb = fc.record({ notes: fc.boolean(), columns: fc.subarray(['a', 'b'], { minLength: 1 }) });
const dataArb = fc.record({
  rows: fc.array(fc.record({ a: fc.integer(), b: fc.string({ unit: 'binary', maxLength: 40 }) })).map((r) => JSON.stringify(r)),
  notes: fc.array(fc.record({ x: fc.string({ unit: 'binary', maxLength: 40 }) })).map((r) => JSON.stringify(r)),
  tag: fc.string({ unit: 'binary', maxLength: 40 }).map((t) => JSON.stringify(t)),
});

describe('StatementShapes', () => {
  it('gives what building and compiling afresh gives, whatever the shapes and data in whatever order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(shapeArb, dataArb), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (runs, max) => {
        const shapes = new StatementShapes<Shape, Data>(build, max);
        for (const [shape, data] of runs) {
          const fresh = build(shape, data).compile();
          const cached = shapes.compile(shape, data);
          expect(cached.sql).toBe(fresh.sql);
          expect(cached.parameters).toEqual(fresh.parameters);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('builds each shape once', () => {
    let built = 0;
    const shapes = new StatementShapes<Shape, Data>((shape, data) => {
      built++;
      return build(shape, data);
    });
    const data = (i: number): Data => ({ rows: JSON.stringify([{ a: i, b: `${i}` }]), notes: '[]', tag: JSON.stringify(`t${i}`) });
    for (let i = 0; i < 10; i++) shapes.compile({ notes: i % 2 === 0, columns: ['a', 'b'] }, data(i));
    expect(built).toBe(2);
    // The runs do not share their parameters: each has its own data.
    const [first, second] = [shapes.compile({ notes: true, columns: ['a'] }, data(1)), shapes.compile({ notes: true, columns: ['a'] }, data(2))];
    expect(first.parameters).toContain(data(1).rows);
    expect(first.parameters).not.toContain(data(2).rows);
    expect(second.parameters).toContain(data(2).rows);
  });
});
