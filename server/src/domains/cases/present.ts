import { sql } from 'kysely';
import type { CaseAccess } from './policy.js';
import { caseAbilities, maskEmail, maskPhone } from './policy.js';
import type { CaseWithRefs } from './queries.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A case as the API returns it, bare; personal data masked for partner departments. */
export function presentCase(row: CaseWithRefs, access: CaseAccess) {
  const masked = access === 'partner';
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    description: row.description,
    category: { code: row.category_code, labels: row.category_labels },
    account: presentAccount(row, masked),
    requester: row.requester_id ? { id: row.requester_id, displayName: row.requester_name ?? '' } : null,
    source: row.source,
    language: row.language,
    priority: row.priority,
    flags: row.flags,
    status: row.status,
    team: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
    assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name ?? '' } : null,
    fields: row.fields,
    rootCause: row.root_cause_text ? { code: row.root_cause_code, text: row.root_cause_text } : null,
    resolution: row.resolution_summary ? { code: row.resolution_code, summary: row.resolution_summary } : null,
    externalId: row.external_id,
    mergedInto: row.merged_into_id ? { id: row.merged_into_id, number: row.merged_into_number ?? '' } : null,
    reopenCount: row.reopen_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    firstResponseAt: iso(row.first_response_at),
    resolvedAt: iso(row.resolved_at),
    closedAt: iso(row.closed_at),
    requesterNotifiedAt: iso(row.requester_notified_at),
    requesterConfirmedAt: iso(row.requester_confirmed_at),
    // Service levels are the service team's business, not the partner department's.
    sla: masked ? { state: null, dueAt: null } : { state: row.sla_state, dueAt: iso(row.sla_due_at) },
    abilities: caseAbilities(access, row.status),
  };
}
export type CaseView = ReturnType<typeof presentCase>;

/** The case's account columns, as a case row joined with its account has them. */
export type AccountRefs = Pick<
  CaseWithRefs,
  'account_id' | 'account_type' | 'account_external_id' | 'account_name' | 'account_email' | 'account_phone' | 'account_region' | 'account_language' | 'account_tier'
>;

/** A case's account as presentCase shows it; contact details masked for partner departments. */
export function presentAccount(row: AccountRefs, masked: boolean) {
  return {
    id: row.account_id,
    type: row.account_type,
    externalId: row.account_external_id,
    name: row.account_name,
    email: masked ? maskEmail(row.account_email) : row.account_email,
    phone: masked ? maskPhone(row.account_phone) : row.account_phone,
    region: row.account_region,
    language: row.account_language,
    tier: row.account_tier,
  };
}

/**
 * presentCase's `account`, unmasked, as SQL of the accounts row `alias`: intake's audit records
 * the account its own statement wrote, which the filer's view only learns from that statement.
 */
export const accountViewSql = (alias: string) => {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql`jsonb_build_object('id', ${column('id')}, 'type', ${column('type')}, 'externalId', ${column('external_id')}, 'name', ${column('name')},
    'email', ${column('email')}, 'phone', ${column('phone')}, 'region', ${column('region')}, 'language', ${column('language')}, 'tier', ${column('tier')})`;
};
