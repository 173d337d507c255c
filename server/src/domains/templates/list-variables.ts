import type { Locale } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { authorize } from '../identity/policy.js';
import { TEMPLATE_USERS } from './policy.js';
import { VARIABLES, type VariableName, formatInstant } from './variables.js';

const HOUR = 3600_000;

/** Sample values per language, so the editor shows what a variable turns into. */
const SAMPLES: Record<Locale, Partial<Record<VariableName, string>>> = {
  en: { 'account.name': "Siti's Corner Shop", 'account.contactName': 'Siti Aminah', 'case.title': 'Withdrawal not received after 3 days', 'case.category': 'Withdrawal delayed', 'requester.name': 'Azlan Ismail', 'team.name': 'Seller Escalations MY' },
  zh: { 'account.name': '陈记小店', 'account.contactName': '陈伟', 'case.title': '提现三天仍未到账', 'case.category': '提现延迟', 'requester.name': '阿兹兰', 'team.name': '卖家升级处理（中国）' },
  ms: { 'account.name': 'Kedai Runcit Siti', 'account.contactName': 'Siti Aminah', 'case.title': 'Pengeluaran belum diterima selepas 3 hari', 'case.category': 'Pengeluaran tertangguh', 'requester.name': 'Azlan Ismail', 'team.name': 'Seller Escalations MY' },
};

/** Every variable a template may use, with an example in `language` (dates in the organisation's zone). */
export function listVariables(deps: Deps, actor: Actor, language?: Locale) {
  authorize(actor, TEMPLATE_USERS);
  const examples = exampleValues(deps, actor, language ?? actor.user?.locale ?? 'en');
  return VARIABLES.map((v) => ({ name: v.name, kind: v.kind, example: examples[v.name] }));
}

/** A sample value of every variable in `lang`, as a case of the organisation would give it. */
export function exampleValues(deps: Deps, actor: Actor, lang: Locale): Record<VariableName, string> {
  const now = deps.clock.now().getTime();
  const fixed: Partial<Record<VariableName, string>> = {
    'case.number': 'ESC-000123',
    'case.priority': 'P2',
    'case.dueAt': formatInstant(new Date(now + 48 * HOUR), lang, deps.config.timeZone),
    'case.firstResponseDueAt': formatInstant(new Date(now + 4 * HOUR), lang, deps.config.timeZone),
    'agent.name': actor.user?.displayName ?? 'Wei Chen',
  };
  return Object.fromEntries(VARIABLES.map((v) => [v.name, fixed[v.name] ?? SAMPLES[lang][v.name] ?? ''])) as Record<VariableName, string>;
}
