/**
 * Tier 1 contact volumes for the demo's history, so the escalation rate has a denominator:
 * per local day × category × region, a steady flow of contacts (most never escalated) plus
 * about 30 contacts for every case that was escalated that day — an escalation rate of a few
 * per cent, higher where the demo's cases cluster.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../db/pool.js';
import type { Tier1ContactTable } from '../db/schema.js';
import { dayKey } from '../domains/metrics/period.js';
import { localDayOf } from '../domains/sla/zoned-time.js';
import { DemoRandom } from './random.js';

const REGIONS = ['MY', 'SG', 'CN'] as const;

export async function demoTier1Contacts(
  trx: Db,
  cases: readonly { created_at: Date | string; category_code: string; account_id: string }[],
  opts: { now: Date; days: number; timeZone: string; seed: number },
): Promise<Insertable<Tier1ContactTable>[]> {
  const categories = (await trx.selectFrom('categories').select('code').where('parent_code', 'is not', null).orderBy('code').execute()).map((c) => c.code);
  const accountIds = [...new Set(cases.map((c) => c.account_id))];
  const regions = new Map(
    accountIds.length ? (await trx.selectFrom('accounts').select(['id', 'region']).where('id', 'in', accountIds).execute()).map((a) => [a.id, a.region]) : [],
  );
  const escalated = new Map<string, number>();
  for (const c of cases) {
    const key = `${dayKey(localDayOf(opts.timeZone, new Date(c.created_at).getTime()))}|${c.category_code}|${regions.get(c.account_id)}`;
    escalated.set(key, (escalated.get(key) ?? 0) + 1);
  }
  const random = new DemoRandom(opts.seed);
  const today = localDayOf(opts.timeZone, opts.now.getTime());
  const rows: Insertable<Tier1ContactTable>[] = [];
  for (let d = today - opts.days; d <= today; d++) {
    for (const category of categories) {
      for (const region of REGIONS) {
        const day = dayKey(d);
        const cases = escalated.get(`${day}|${category}|${region}`) ?? 0;
        rows.push({ day, category_code: category, region, contacts: random.int(15, 60) + cases * random.int(25, 35), updated_at: opts.now });
      }
    }
  }
  return rows;
}
