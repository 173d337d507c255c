import type { CompiledQuery } from 'kysely';

/**
 * Compiled statements by shape. A statement whose data are all parameters (each table's rows as
 * one JSON text, see recordsetSql) has one text per shape — which parts it has, which columns —
 * so it need not be built and compiled with Kysely for every batch: it is compiled once per shape
 * with a marker in each datum's place, and each run gets a copy of the parameters with its data
 * in the markers' places. Building and compiling intake's write statement (a dozen CTEs) took
 * about a tenth of the API's CPU at 8 intakes in flight.
 *
 * `build` must make the statement's structure from the shape alone and use the data only as
 * values (parameters): what it builds for one shape is compiled once and reused.
 */
export class StatementShapes<S, D extends Record<string, string>> {
  readonly #compiled = new Map<string, { query: CompiledQuery; slots: [number, keyof D][] }>();

  constructor(
    private readonly build: (shape: S, data: D) => { compile(): CompiledQuery },
    /** Shapes kept; past it the cache starts over (a statement has a handful of shapes). */
    private readonly max = 64,
  ) {}

  compile(shape: S, data: D): CompiledQuery {
    const key = JSON.stringify(shape);
    let found = this.#compiled.get(key);
    if (!found) {
      // A NUL cannot be in a JSON text or an SQL parameter PostgreSQL accepts: no datum is mistaken for a marker.
      const markers = new Map(Object.keys(data).map((k) => [`\u0000${k}\u0000`, k as keyof D]));
      const query = this.build(shape, Object.fromEntries([...markers].map(([marker, k]) => [k, marker])) as D).compile();
      const slots: [number, keyof D][] = [];
      query.parameters.forEach((p, i) => {
        const k = typeof p === 'string' ? markers.get(p) : undefined;
        if (k !== undefined) slots.push([i, k]);
      });
      if (this.#compiled.size >= this.max) this.#compiled.clear();
      this.#compiled.set(key, (found = { query, slots }));
    }
    const parameters = found.query.parameters.slice();
    for (const [i, k] of found.slots) parameters[i] = data[k];
    return { ...found.query, parameters };
  }
}
