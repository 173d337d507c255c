import type { Locale, Role, TeamKind } from '../db/schema.js';

/** The demo organisation: a marketplace's Tier 2 service in Malaysia, Singapore and China. */
export const DEMO_PASSWORD = 'closeloop-demo';

export interface DemoTeam {
  key: string;
  name: string;
  kind: TeamKind;
  region: 'MY' | 'SG' | 'CN';
}

export const DEMO_TEAMS: DemoTeam[] = [
  { key: 'sellers-my', name: 'Seller Escalations MY', kind: 'service', region: 'MY' },
  { key: 'sellers-cn', name: 'Seller Escalations CN', kind: 'service', region: 'CN' },
  { key: 'creators-sg', name: 'Creator & Live Escalations', kind: 'service', region: 'SG' },
  { key: 'oncall', name: 'Critical On-call', kind: 'service', region: 'SG' },
  { key: 'policy', name: 'Policy', kind: 'partner', region: 'SG' },
  { key: 'legal', name: 'Legal', kind: 'partner', region: 'SG' },
  { key: 'payments', name: 'Payments', kind: 'partner', region: 'MY' },
  { key: 'logistics', name: 'Logistics', kind: 'partner', region: 'MY' },
  { key: 'product-ops', name: 'Product Ops', kind: 'partner', region: 'CN' },
  { key: 'enforcement', name: 'Enforcement', kind: 'partner', region: 'CN' },
];

export interface DemoPerson {
  email: string;
  name: string;
  role: Role;
  region: 'MY' | 'SG' | 'CN';
  languages: string[];
  locale: Locale;
  teams: string[];
}

const p = (
  email: string,
  name: string,
  role: Role,
  region: DemoPerson['region'],
  languages: string[],
  locale: Locale,
  teams: string[] = [],
): DemoPerson => ({ email: `${email}@closeloop.test`, name, role, region, languages, locale, teams });

export const DEMO_PEOPLE: DemoPerson[] = [
  // Administration and programme management
  p('nurul.huda', 'Nurul Huda binti Ismail', 'admin', 'MY', ['ms', 'en'], 'en'),
  p('daniel.lim', 'Daniel Lim', 'admin', 'SG', ['en', 'zh'], 'en'),
  p('priya.nair', 'Priya Nair', 'manager', 'SG', ['en', 'ms'], 'en'),
  p('yang.liu', '刘洋', 'manager', 'CN', ['zh', 'en'], 'zh'),
  // QA and training
  p('farah.nadia', 'Farah Nadia', 'qa', 'MY', ['ms', 'en'], 'ms'),
  p('min.huang', '黄敏', 'qa', 'CN', ['zh', 'en'], 'zh'),
  p('sarah.lee', 'Sarah Lee', 'qa', 'SG', ['en', 'zh'], 'en'),
  // Team leads
  p('ahmad.faizal', 'Ahmad Faizal bin Yusof', 'lead', 'MY', ['ms', 'en'], 'ms', ['sellers-my']),
  p('na.li', '李娜', 'lead', 'CN', ['zh', 'en'], 'zh', ['sellers-cn']),
  p('jasmine.tan', 'Jasmine Tan', 'lead', 'SG', ['en', 'zh', 'ms'], 'en', ['creators-sg']),
  p('marcus.goh', 'Marcus Goh', 'lead', 'SG', ['en', 'zh'], 'en', ['oncall']),
  // Specialists
  p('siti.aminah', 'Siti Aminah', 'specialist', 'MY', ['ms', 'en'], 'ms', ['sellers-my']),
  p('muhammad.hafiz', 'Muhammad Hafiz', 'specialist', 'MY', ['ms', 'en'], 'ms', ['sellers-my', 'oncall']),
  p('mei.ling.tan', 'Tan Mei Ling', 'specialist', 'MY', ['ms', 'en', 'zh'], 'en', ['sellers-my']),
  p('rajesh.kumar', 'Rajesh Kumar', 'specialist', 'MY', ['en', 'ms'], 'en', ['sellers-my']),
  p('kavitha.s', 'Kavitha Subramaniam', 'specialist', 'MY', ['en', 'ms'], 'en', ['sellers-my']),
  p('wei.chen', '陈伟', 'specialist', 'CN', ['zh', 'en'], 'en', ['sellers-cn', 'oncall']),
  p('fang.wang', '王芳', 'specialist', 'CN', ['zh'], 'zh', ['sellers-cn']),
  p('lei.zhao', '赵磊', 'specialist', 'CN', ['zh', 'en'], 'zh', ['sellers-cn']),
  p('jie.zhou', '周杰', 'specialist', 'CN', ['zh'], 'zh', ['sellers-cn']),
  p('xiaoling.wu', '吴晓玲', 'specialist', 'CN', ['zh', 'en'], 'zh', ['sellers-cn']),
  p('hui.min.ong', 'Ong Hui Min', 'specialist', 'SG', ['en', 'zh'], 'en', ['creators-sg']),
  p('ethan.koh', 'Ethan Koh', 'specialist', 'SG', ['en'], 'en', ['creators-sg', 'oncall']),
  p('nadia.rahman', 'Nadia Rahman', 'specialist', 'SG', ['en', 'ms'], 'en', ['creators-sg']),
  p('arjun.menon', 'Arjun Menon', 'specialist', 'SG', ['en'], 'en', ['creators-sg']),
  p('chloe.ng', 'Chloe Ng', 'specialist', 'SG', ['en', 'zh'], 'en', ['oncall']),
  p('hao.sun', '孙浩', 'specialist', 'CN', ['zh', 'en'], 'zh', ['oncall']),
  // Requesters: Tier 1 agents and internal stakeholders
  p('azlan.ismail', 'Azlan Ismail', 'requester', 'MY', ['ms', 'en'], 'ms'),
  p('wei.jie.lim', 'Lim Wei Jie', 'requester', 'MY', ['en', 'zh', 'ms'], 'en'),
  p('nur.aisyah', 'Nur Aisyah', 'requester', 'MY', ['ms'], 'ms'),
  p('jun.zhang', '张军', 'requester', 'CN', ['zh'], 'zh'),
  p('ting.xu', '徐婷', 'requester', 'CN', ['zh', 'en'], 'zh'),
  p('ryan.teo', 'Ryan Teo', 'requester', 'SG', ['en'], 'en'),
  p('amanda.chua', 'Amanda Chua', 'requester', 'SG', ['en', 'zh'], 'en'),
  // Partner departments
  p('grace.yeo', 'Grace Yeo', 'partner', 'SG', ['en'], 'en', ['policy']),
  p('vikram.pillai', 'Vikram Pillai', 'partner', 'SG', ['en'], 'en', ['legal']),
  p('zulkifli.hassan', 'Zulkifli Hassan', 'partner', 'MY', ['ms', 'en'], 'ms', ['payments']),
  p('kok.leong.chan', 'Chan Kok Leong', 'partner', 'MY', ['en', 'zh', 'ms'], 'en', ['logistics']),
  p('qiang.ma', '马强', 'partner', 'CN', ['zh'], 'zh', ['product-ops']),
  p('yan.he', '何艳', 'partner', 'CN', ['zh', 'en'], 'zh', ['enforcement']),
];
