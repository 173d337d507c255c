import type { AccountTier, AccountType, CaseSource, Locale, Priority } from '../../db/schema.js';
import type { CaseStatus } from '../cases/status-machine.js';

// How other helpdesks name things, folded to lower case with single spaces (see nameKey).
// Data, not code: add a helpdesk's vocabulary here and the mapping tests cover it.

export const PRIORITY_NAMES: Record<string, Priority> = {
  p1: 'P1', critical: 'P1', urgent: 'P1', blocker: 'P1', emergency: 'P1', '1': 'P1',
  p2: 'P2', high: 'P2', major: 'P2', '2': 'P2',
  p3: 'P3', medium: 'P3', normal: 'P3', moderate: 'P3', '3': 'P3',
  p4: 'P4', low: 'P4', minor: 'P4', trivial: 'P4', '4': 'P4',
};

export const STATUS_NAMES: Record<string, CaseStatus> = {
  new: 'new', open: 'new', unassigned: 'new', submitted: 'new',
  triaged: 'triaged', assigned: 'triaged', acknowledged: 'triaged',
  'in progress': 'in_progress', in_progress: 'in_progress', working: 'in_progress', escalated: 'in_progress', active: 'in_progress',
  pending: 'waiting_requester', waiting: 'waiting_requester', 'waiting on customer': 'waiting_requester',
  'waiting on requester': 'waiting_requester', waiting_requester: 'waiting_requester', 'awaiting reply': 'waiting_requester',
  'on hold': 'waiting_partner', hold: 'waiting_partner', 'waiting on third party': 'waiting_partner', waiting_partner: 'waiting_partner',
  solved: 'resolved', resolved: 'resolved', done: 'resolved', fixed: 'resolved',
  closed: 'closed', archived: 'closed', cancelled: 'closed', canceled: 'closed',
  reopened: 'reopened', 're-opened': 'reopened',
};

export const SOURCE_NAMES: Record<string, CaseSource> = {
  crm: 'crm', oncall: 'oncall', 'on-call': 'oncall', 'on call': 'oncall', email: 'email', 'e-mail': 'email', mail: 'email',
  api: 'api', import: 'import',
};

export const LANGUAGE_NAMES: Record<string, Locale> = {
  en: 'en', english: 'en', eng: 'en',
  zh: 'zh', 'zh-cn': 'zh', 'zh-hans': 'zh', chinese: 'zh', mandarin: 'zh', 中文: 'zh', 简体中文: 'zh',
  ms: 'ms', malay: 'ms', 'bahasa melayu': 'ms', 'bahasa malaysia': 'ms', bm: 'ms', melayu: 'ms',
};

export const ACCOUNT_TYPE_NAMES: Record<string, AccountType> = {
  seller: 'seller', merchant: 'seller', shop: 'seller', vendor: 'seller',
  creator: 'creator', affiliate: 'creator', influencer: 'creator', kol: 'creator',
  customer: 'customer', buyer: 'customer', user: 'customer', consumer: 'customer',
};

export const ACCOUNT_TIER_NAMES: Record<string, AccountTier> = {
  standard: 'standard', normal: 'standard', regular: 'standard', basic: 'standard',
  key: 'key', 'key account': 'key', premium: 'key',
  vip: 'vip', 'v.i.p.': 'vip',
};

/** Lower case, trimmed, runs of whitespace folded to one space: how the tables above are keyed. */
export function nameKey(value: string): string {
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Looks a value up in one of the tables above, case-insensitively; undefined when unknown. */
export function lookupName<T>(table: Record<string, T>, value: string): T | undefined {
  return Object.hasOwn(table, nameKey(value)) ? table[nameKey(value)] : undefined;
}
