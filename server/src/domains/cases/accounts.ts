import type { QueryCreator } from 'kysely';
import type { AccountTier, AccountType, Database, Locale } from '../../db/schema.js';
import { isForeignKeyViolation } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';

export interface AccountInput {
  type: AccountType;
  externalId: string;
  name: string;
  email?: string | null;
  phone?: string | null;
  region?: string | null;
  language?: Locale | null;
  tier?: AccountTier;
}

/**
 * Finds the account a case names by (type, externalId), creating it or refreshing what the
 * case says about it. Fields the case leaves out keep their stored values. A statement to run
 * inside the intake's (a WITH query); it returns the account as the case shows it.
 */
export function upsertAccountQuery(db: QueryCreator<Database>, input: AccountInput, now: Date) {
  // The region's foreign key checks it (no lookup first): see accountWriteError.
  return db
    .insertInto('accounts')
    .values({
      type: input.type,
      external_id: input.externalId.trim(),
      name: input.name.trim(),
      email: input.email ?? null,
      phone: input.phone ?? null,
      region: input.region ?? null,
      language: input.language ?? null,
      tier: input.tier ?? 'standard',
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['type', 'external_id']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        email: input.email !== undefined ? eb.ref('excluded.email') : eb.ref('accounts.email'),
        phone: input.phone !== undefined ? eb.ref('excluded.phone') : eb.ref('accounts.phone'),
        region: input.region !== undefined ? eb.ref('excluded.region') : eb.ref('accounts.region'),
        language: input.language !== undefined ? eb.ref('excluded.language') : eb.ref('accounts.language'),
        tier: input.tier !== undefined ? eb.ref('excluded.tier') : eb.ref('accounts.tier'),
        updated_at: now,
      })),
    )
    .returning(['id', 'type', 'external_id', 'name', 'email', 'phone', 'region', 'language', 'tier']);
}

/**
 * What routing and SLA policies will see of the account once upsertAccountQuery has written
 * `input` over what is stored (nothing stored: a new account), as the upsert does it.
 */
export function upsertedFacts(input: AccountInput, stored: { tier: AccountTier; region: string | null } | null): { type: AccountType; tier: AccountTier; region: string | null } {
  return {
    type: input.type,
    tier: input.tier ?? stored?.tier ?? 'standard',
    region: input.region !== undefined ? input.region : (stored?.region ?? null),
  };
}

/** What a failed statement with the upsert in it means: an unknown region is the filer's 400. */
export function accountWriteError(error: unknown, input: AccountInput): unknown {
  if (isForeignKeyViolation(error, 'accounts_region_fkey')) return AppError.validation('account.region', `unknown region ${input.region}`, 'unknown_reference');
  return error;
}
