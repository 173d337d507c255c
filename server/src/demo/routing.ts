// The demo's critical escalation set-up and routing rules: what a real marketplace team writes.
import type { Actor } from '../platform/actor.js';
import type { Deps } from '../platform/deps.js';
import { createAuthority, createLadder } from '../domains/escalation/ladders.js';
import { createRule } from '../domains/routing/rulesets.js';

/** Words that announce legal action, in the three languages (Chinese matches inside sentences). */
const LEGAL_WORDS = ['lawyer', 'lawsuit', 'sue', 'legal action', 'court', '律师', '起诉', '法院', '投诉到消协', 'peguam', 'saman', 'mahkamah', 'tindakan undang-undang'];

export async function loadDemoRouting(deps: Deps, actor: Actor, teamIds: Map<string, string>): Promise<void> {
  const team = (key: string) => teamIds.get(key)!;
  const ladder = await createLadder(deps, actor, {
    name: 'Legal threats',
    levels: [
      { notify: { team: team('legal') }, timeout: 'PT15M' },
      { notify: { team: team('oncall'), role: 'lead' }, timeout: 'PT15M' },
    ],
  });
  const legal = await createAuthority(deps, actor, { name: 'Legal', riskType: 'legal', region: null, ladder: ladder.id });
  const rules = [
    {
      name: 'Legal threats in any language',
      order: 10,
      when: { field: 'text', op: 'contains_any', value: LEGAL_WORDS },
      then: [{ action: 'add_flag', value: 'legal_threat' }, { action: 'raise_critical', authority: legal.id }],
    },
    {
      name: 'Chinese payments cases to the CN sellers team',
      order: 20,
      when: { all: [{ field: 'category', op: 'matches', value: 'payments/*' }, { field: 'language', op: 'eq', value: 'zh' }] },
      then: [{ action: 'set_team', team: team('sellers-cn') }],
    },
    {
      name: 'VIP sellers are P2 at least',
      order: 30,
      when: { all: [{ field: 'account.type', op: 'eq', value: 'seller' }, { field: 'account.tier', op: 'eq', value: 'vip' }, { field: 'priority', op: 'lte', value: 'P3' }] },
      then: [{ action: 'set_priority', value: 'P2' }, { action: 'add_flag', value: 'vip' }],
    },
    {
      name: 'Third case in 30 days is a repeat',
      order: 40,
      when: { field: 'repeat_count_30d', op: 'gte', value: 2 },
      then: [{ action: 'add_flag', value: 'repeat' }],
    },
  ];
  for (const rule of rules) await createRule(deps, actor, rule);
}
