// Configuration read on every intake (categories, teams, routing rules, SLA policies, calendars)
// kept in this process's memory, checked against the database's configuration generation
// (migration 0018): one small read per transaction instead of one query per table. What a
// snapshot returns is shared between requests: read it, never change it.
import { sql } from 'kysely';
import type { Db } from '../db/pool.js';

interface Entry {
  generation: bigint;
  value: Promise<unknown>;
}

/** What a statement reads of `configuration_generation g` to make a snapshot: GENERATION_COLUMNS. */
export interface GenerationRow {
  generation: string | number | bigint;
  own: boolean | null;
}
export const GENERATION_COLUMNS = sql`g.generation, g.changed_by = pg_current_xact_id_if_assigned() AS own`;

/** Loaded values by database handle (tests open many in one process), then by name. */
const caches = new WeakMap<Db, Map<string, Entry>>();

export class ConfigurationSnapshot {
  private constructor(
    private readonly db: Db,
    private readonly entries: Map<string, Entry>,
    private readonly generation: bigint,
    /** This transaction changed configuration itself: it loads for itself and shares nothing. */
    private readonly ownChange: boolean,
  ) {}

  /**
   * The generation as the caller's transaction `db` sees it (one statement); `database` is the
   * handle the transaction came from, whose cache the snapshot uses.
   */
  static async read(db: Db, database: Db): Promise<ConfigurationSnapshot> {
    const { rows } = await sql<GenerationRow>`SELECT ${GENERATION_COLUMNS} FROM configuration_generation g`.execute(db);
    return ConfigurationSnapshot.of(db, database, rows[0]!);
  }

  /** The snapshot of a generation a statement of the caller's read with GENERATION_COLUMNS. */
  static of(db: Db, database: Db, row: GenerationRow): ConfigurationSnapshot {
    let entries = caches.get(database);
    if (!entries) caches.set(database, (entries = new Map()));
    return new ConfigurationSnapshot(db, entries, BigInt(row.generation), row.own === true);
  }

  /** `load` as of this generation: from memory when this generation was loaded before. */
  get<T>(name: string, load: (db: Db) => Promise<T>): Promise<T> {
    if (this.ownChange) return load(this.db);
    const cached = this.entries.get(name);
    if (cached && cached.generation === this.generation) return cached.value as Promise<T>;
    const value = load(this.db);
    // An older transaction's load must not replace a newer one's.
    if (!cached || cached.generation < this.generation) {
      const entry = { generation: this.generation, value };
      this.entries.set(name, entry);
      value.catch(() => {
        if (this.entries.get(name) === entry) this.entries.delete(name);
      });
    }
    return value;
  }
}
