import { type QueryCreator, sql } from 'kysely';
import { type Recordset, recordset, recordsetSelect } from '../../db/bulk.js';
import type { AccountRow, AccountTier, AccountType, Database, Locale } from '../../db/schema.js';
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

/** The account fields a case may leave out, keeping what is stored. */
type KeptIfOmitted = 'email' | 'phone' | 'region' | 'language' | 'tier';

/** An upsert of accounts as data: the rows, and for each field a case may leave out, the accounts whose case gives it. */
export interface AccountUpserts {
  rows: Recordset<'accounts'>;
  /** JSON texts, each a list of (type, external_id). */
  giving: Record<KeptIfOmitted, string>;
}

/** The data of upsertAccountsQuery for cases naming these accounts (distinct), each with the time it is filed at. */
export function accountUpserts(inputs: { account: AccountInput; at: Date }[]): AccountUpserts {
  const givers = (name: KeptIfOmitted) =>
    JSON.stringify(inputs.filter(({ account }) => account[name] !== undefined).map(({ account }) => ({ type: account.type, external_id: account.externalId.trim() })));
  return {
    rows: recordset(
      inputs.map(({ account, at }) => ({
        type: account.type,
        external_id: account.externalId.trim(),
        name: account.name.trim(),
        email: account.email ?? null,
        phone: account.phone ?? null,
        region: account.region ?? null,
        language: account.language ?? null,
        tier: account.tier ?? 'standard',
        created_at: at,
        updated_at: at,
      })),
    ),
    giving: { email: givers('email'), phone: givers('phone'), region: givers('region'), language: givers('language'), tier: givers('tier') },
  };
}

/**
 * Finds the accounts cases name by (type, externalId), creating each or refreshing what its case
 * says about it. Fields a case leaves out keep their stored values. A statement to run inside
 * intake's (a WITH query); it returns the accounts as cases show them. The inputs name distinct
 * accounts (one row may not be upserted twice by a statement).
 */
export function upsertAccountsQuery(db: QueryCreator<Database>, { rows, giving }: AccountUpserts) {
  // The region's foreign key checks it (no lookup first): see accountWriteError. The rows and each
  // field's givers are parameters of their own, so the statement's text does not vary (recordsetSql).
  return db
    .insertInto('accounts')
    .columns(rows.columns)
    .expression(recordsetSelect('accounts', rows))
    .onConflict((oc) =>
      oc.columns(['type', 'external_id']).doUpdateSet((eb) => {
        // Taken from the case where it gives the field; kept as stored where it leaves it out.
        const field = <N extends KeptIfOmitted>(name: N) =>
          sql<AccountRow[N]>`CASE WHEN (excluded.type, excluded.external_id) IN (SELECT type, external_id FROM jsonb_to_recordset(${giving[name]}::jsonb) AS g (type text, external_id text))
            THEN ${sql.ref(`excluded.${name}`)} ELSE ${sql.ref(`accounts.${name}`)} END`;
        return {
          name: eb.ref('excluded.name'),
          email: field('email'),
          phone: field('phone'),
          region: field('region'),
          language: field('language'),
          tier: field('tier'),
          updated_at: eb.ref('excluded.updated_at'),
        };
      }),
    )
    .returning(['id', 'type', 'external_id', 'name', 'email', 'phone', 'region', 'language', 'tier']);
}

/**
 * What routing and SLA policies will see of the account once upsertAccountsQuery has written
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
