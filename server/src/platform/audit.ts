import type { Db } from '../db/pool.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** The audit log's row for an entry, for a caller that inserts it within a statement of its own. */
export function auditValues(actor: Actor, at: Date, entry: AuditEntry) {
  return {
    at,
    actor_id: actor.user?.id ?? null,
    actor_label: actor.label,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
    request_id: actor.requestId ?? null,
  };
}

/**
 * Appends to the audit log. Always called with the transaction that makes the change, so
 * the change and its record commit or roll back together.
 */
export async function recordAudit(trx: Db, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await trx.insertInto('audit_log').values(auditValues(actor, at, entry)).execute();
}
