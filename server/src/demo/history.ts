import type { Insertable } from 'kysely';
import type {
  AccountTable,
  AccountType,
  CaseCommentTable,
  CaseEventTable,
  CaseLinkTable,
  CaseSource,
  CaseTable,
  CsatSurveyTable,
  HandoffTable,
  JobTable,
  Locale,
  NotificationTable,
  Priority,
  Visibility,
} from '../db/schema.js';
import { formatCaseNumber } from '../domains/cases/queries.js';
import type { CaseStatus } from '../domains/cases/status-machine.js';
import { AUTO_CLOSE_AFTER_MS } from '../domains/cases/transition-case.js';
import { CSAT_EXPIRY_DAYS, CSAT_SEND_JOB } from '../domains/csat/send-survey.js';
import { MAX_REMINDERS, REMINDER_INTERVAL_MS } from '../domains/handoffs/handoffs.js';
import { searchTokens } from '../platform/text/search-tokens.js';
import { type DemoAccount, type DemoRegion, buildAccounts } from './accounts.js';
import { DEMO_PEOPLE, type DemoPerson } from './organisation.js';
import { DemoRandom } from './random.js';
import { COMMON, type CategoryText, type DemoCategory, type Outcome, TEXTS, fill, joinSentences } from './texts.js';

/** The seed of the demo history: change it and every install gets another (still fixed) history. */
export const DEMO_SEED = 20_251_111;
export const DEMO_CASE_COUNT = 2_000;
export const DEMO_HISTORY_DAYS = 90;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// MY, SG and CN all keep UTC+8, so one offset gives the local working day of every region.
const LOCAL_OFFSET = 8 * HOUR;

type Ref = { id: string; name: string };

/** Who and what the history refers to, by the keys of organisation.ts. */
export interface DemoDirectory {
  /** By e-mail. */
  users: Map<string, Ref>;
  /** By team key. */
  teams: Map<string, Ref>;
}

/** Rows ready for multi-row inserts, in an order that satisfies the foreign keys. */
export interface DemoHistory {
  accounts: Insertable<AccountTable>[];
  cases: Insertable<CaseTable>[];
  comments: Insertable<CaseCommentTable>[];
  events: Insertable<CaseEventTable>[];
  handoffs: Insertable<HandoffTable>[];
  links: Insertable<CaseLinkTable>[];
  notifications: Insertable<NotificationTable>[];
  jobs: Insertable<JobTable>[];
  surveys: Insertable<CsatSurveyTable>[];
}

export interface HistoryInput {
  now: Date;
  directory: DemoDirectory;
  /** Case numbers from case_number_seq, one per case, ascending. */
  numbers: number[];
  newId: () => string;
  seed?: number;
  days?: number;
  /** CLOSELOOP_CSAT_DELAY_MINUTES: when after a resolution its survey went out. */
  csatDelayMinutes?: number;
}

// ---- Who works what -------------------------------------------------------------------

const REGION_WEIGHTS: Record<DemoRegion, number> = { MY: 45, CN: 35, SG: 20 };

const CATEGORY_WEIGHTS: Record<DemoRegion, Record<DemoCategory, number>> = {
  MY: { 'payments/withdrawal-delayed': 16, 'payments/payout-hold': 10, 'listing/removed': 13, 'listing/counterfeit-claim': 6, 'account/suspension-appeal': 11, 'account/verification': 9, 'order/logistics': 15, 'order/refund-dispute': 11, 'creator/commission': 5, 'creator/live-violation': 4 },
  CN: { 'payments/withdrawal-delayed': 15, 'payments/payout-hold': 12, 'listing/removed': 14, 'listing/counterfeit-claim': 10, 'account/suspension-appeal': 12, 'account/verification': 9, 'order/logistics': 11, 'order/refund-dispute': 8, 'creator/commission': 5, 'creator/live-violation': 4 },
  SG: { 'payments/withdrawal-delayed': 9, 'payments/payout-hold': 6, 'listing/removed': 7, 'listing/counterfeit-claim': 5, 'account/suspension-appeal': 8, 'account/verification': 6, 'order/logistics': 12, 'order/refund-dispute': 12, 'creator/commission': 18, 'creator/live-violation': 17 },
};

const ACCOUNT_TYPES: Record<DemoCategory, Partial<Record<AccountType, number>>> = {
  'payments/withdrawal-delayed': { seller: 85, creator: 15 },
  'payments/payout-hold': { seller: 90, creator: 10 },
  'listing/removed': { seller: 1 },
  'listing/counterfeit-claim': { seller: 1 },
  'account/suspension-appeal': { seller: 75, creator: 25 },
  'account/verification': { seller: 85, creator: 15 },
  'order/logistics': { customer: 75, seller: 25 },
  'order/refund-dispute': { customer: 60, seller: 40 },
  'creator/commission': { creator: 1 },
  'creator/live-violation': { creator: 1 },
};

/** Which partner department answers which category's questions (weights when more than one fits). */
const PARTNERS: Record<DemoCategory, Record<string, number>> = {
  'payments/withdrawal-delayed': { payments: 1 },
  'payments/payout-hold': { payments: 1 },
  'listing/removed': { enforcement: 70, policy: 30 },
  'listing/counterfeit-claim': { legal: 1 },
  'account/suspension-appeal': { enforcement: 60, policy: 40 },
  'account/verification': { 'product-ops': 1 },
  'order/logistics': { logistics: 1 },
  'order/refund-dispute': { payments: 60, logistics: 40 },
  'creator/commission': { payments: 1 },
  'creator/live-violation': { policy: 55, enforcement: 45 },
};

/** How often a category needs another department at all. */
const HANDOFF_RATE: Record<DemoCategory, number> = {
  'payments/withdrawal-delayed': 0.7,
  'payments/payout-hold': 0.75,
  'listing/removed': 0.55,
  'listing/counterfeit-claim': 0.8,
  'account/suspension-appeal': 0.6,
  'account/verification': 0.55,
  'order/logistics': 0.65,
  'order/refund-dispute': 0.45,
  'creator/commission': 0.5,
  'creator/live-violation': 0.6,
};

// The partner department's answer deadline (OLA).
const OLA_HOURS: Record<string, number> = { payments: 24, logistics: 24, enforcement: 48, policy: 48, legal: 72, 'product-ops': 48 };

function serviceTeam(region: DemoRegion, category: DemoCategory, oncall: boolean): string {
  if (oncall) return 'oncall';
  if (region === 'CN') return 'sellers-cn';
  if (region === 'SG' || category.startsWith('creator/')) return 'creators-sg';
  return 'sellers-my';
}

const CURRENCY: Record<DemoRegion, string> = { MY: 'RM', SG: 'S$', CN: '¥' };
// Rough amounts in the local currency, per category: [min, max].
const AMOUNTS: Partial<Record<DemoCategory, [number, number]>> = {
  'payments/withdrawal-delayed': [150, 18_000],
  'payments/payout-hold': [400, 45_000],
  'order/refund-dispute': [25, 2_400],
  'order/logistics': [20, 1_800],
  'creator/commission': [80, 6_500],
};
const TO_MYR: Record<DemoRegion, number> = { MY: 1, SG: 3.4, CN: 0.65 };

const BANKS: Record<DemoRegion, string[]> = {
  MY: ['Maybank', 'CIMB', 'Public Bank', 'RHB', 'Bank Islam'],
  SG: ['DBS', 'OCBC', 'UOB'],
  CN: ['工商银行', '招商银行', '建设银行', '中国银行'],
};
const COURIERS: Record<DemoRegion, string[]> = {
  MY: ['J&T Express', 'Pos Laju', 'Ninja Van', 'City-Link'],
  SG: ['Ninja Van', 'SingPost', 'J&T Express'],
  CN: ['顺丰', '中通', '圆通', '韵达', '极兔'],
};
const PRODUCTS: Record<Locale, string[]> = {
  en: ['Bluetooth earbuds', 'running shoes', 'skincare set', 'phone case', 'power bank', 'air fryer', 'smart watch', 'baby stroller'],
  ms: ['tudung bawal', 'kasut sukan', 'fon kepala Bluetooth', 'set penjagaan kulit', 'botol air', 'baju kurung', 'power bank', 'periuk nasi'],
  zh: ['蓝牙耳机', '保温杯', '连衣裙', '手机壳', '护肤套装', '运动鞋', '充电宝', '儿童玩具'],
};
const BRANDS = ['Nike', 'Adidas', 'Apple', 'Samsung', 'Chanel', 'Dyson', 'Pandora', 'Coach', 'Sony', 'Uniqlo'];
const CAMPAIGNS: Record<Locale, string[]> = {
  en: ['9.9 Super Sale', '10.10 Brands Day', '11.11 Big Sale', 'Payday Sale', 'Mid-Year Mega Sale'],
  ms: ['9.9 Super Sale', '10.10 Hari Jenama', '11.11 Jualan Besar', 'Jualan Hari Gaji', 'Raya Sale'],
  zh: ['双11', '双12', '99大促', '618年中大促', '年货节'],
};

// ---- Building -------------------------------------------------------------------------

interface CaseDraft {
  row: Insertable<CaseTable> & { id: string; created_at: Date; status: CaseStatus };
  account: DemoAccount;
  category: DemoCategory;
  language: Locale;
  region: DemoRegion;
  teamKey: string;
  requester: Ref;
  vars: Record<string, string>;
  merged: boolean;
}

/** Builds the demo case history in memory: deterministic for a seed and `now`. */
export function buildHistory(input: HistoryInput): DemoHistory {
  const rng = new DemoRandom(input.seed ?? DEMO_SEED);
  const nowMs = input.now.getTime();
  const days = input.days ?? DEMO_HISTORY_DAYS;
  const out: DemoHistory = { accounts: [], cases: [], comments: [], events: [], handoffs: [], links: [], notifications: [], jobs: [], surveys: [] };
  // CSAT draws from its own stream, so the rest of the history stays what it was without surveys.
  const csat = { rng: new DemoRandom((input.seed ?? DEMO_SEED) ^ 0x5ca7), delayMs: (input.csatDelayMinutes ?? 60) * MINUTE };
  const { users, teams } = input.directory;
  const people = new Map(DEMO_PEOPLE.flatMap((p) => (users.has(p.email) ? [[users.get(p.email)!.id, p] as const] : [])));
  const user = (email: string) => {
    const ref = users.get(email);
    if (!ref) throw new Error(`demo history refers to unknown person ${email}`);
    return ref;
  };
  const team = (key: string) => {
    const ref = teams.get(key);
    if (!ref) throw new Error(`demo history refers to unknown team ${key}`);
    return ref;
  };
  const members = (key: string, role: DemoPerson['role']) => DEMO_PEOPLE.filter((p) => p.role === role && p.teams.includes(key));
  const speaks = (people: DemoPerson[], language: Locale) => {
    const fluent = people.filter((p) => p.languages.includes(language));
    return fluent.length ? fluent : people;
  };

  const accounts = buildAccounts(rng, input.newId);
  for (const a of accounts) {
    out.accounts.push({
      id: a.id,
      type: a.type,
      external_id: a.externalId,
      name: a.name,
      email: a.email,
      phone: a.phone,
      region: a.region,
      language: a.language,
      tier: a.tier,
      created_at: new Date(nowMs - (days + rng.int(30, 700)) * DAY),
      updated_at: new Date(nowMs - days * DAY),
    });
  }

  const createdTimes = arrivalTimes(rng, nowMs, days, input.numbers.length);
  const drafts: CaseDraft[] = [];
  // For repeat complaints: when each account last escalated each category.
  const lastCase = new Map<string, number>();
  const pools = new Map<string, DemoAccount[]>();
  for (const a of accounts) pools.set(`${a.region}|${a.type}`, [...(pools.get(`${a.region}|${a.type}`) ?? []), a]);
  let windowStart = 0;

  for (const [i, createdMs] of createdTimes.entries()) {
    const number = formatCaseNumber(input.numbers[i]!);
    while (windowStart < drafts.length && drafts[windowStart]!.row.created_at.getTime() <= createdMs - 3 * DAY) windowStart++;
    // A duplicate: someone files again what was filed in the last three days.
    const earlier = rng.chance(0.03) ? drafts.slice(windowStart).filter((d) => !d.merged) : [];
    const duplicateOf = earlier.length ? rng.pick(earlier) : undefined;

    let region: DemoRegion;
    let category: DemoCategory;
    let account: DemoAccount;
    let repeat = false;
    if (duplicateOf) {
      ({ region, category, account } = duplicateOf);
    } else {
      region = rng.weighted(REGION_WEIGHTS);
      category = rng.weighted(CATEGORY_WEIGHTS[region]);
      const type = rng.weighted(ACCOUNT_TYPES[category] as Record<AccountType, number>);
      const pool = pools.get(`${region}|${type}`)!;
      // A repeat complaint: an account of the pool that escalated this category in the last 30 days.
      const recent = rng.chance(0.12) ? pool.filter((a) => (lastCase.get(`${a.externalId}|${category}`) ?? -Infinity) > createdMs - 30 * DAY) : [];
      repeat = recent.length > 0;
      account = repeat ? rng.pick(recent) : rng.pick(pool);
    }
    const language = duplicateOf?.language ?? caseLanguage(rng, account);

    const source: CaseSource = duplicateOf ? 'crm' : rng.weighted({ crm: 70, email: 13, api: 10, oncall: 7 });
    const oncall = source === 'oncall';
    const teamKey = serviceTeam(region, category, oncall);
    const requester: Ref = oncall
      ? user(rng.pick(speaks(members('oncall', 'specialist'), language)).email)
      : user(rng.pick(speaks(DEMO_PEOPLE.filter((p) => p.role === 'requester' && p.region === region), language)).email);

    const vars = duplicateOf ? { ...duplicateOf.vars, requester: requester.name } : caseVars(rng, region, language, category, account, requester, createdMs);
    const texts = TEXTS[language][category];
    const common = COMMON[language];

    const flags = new Set<string>();
    if (account.tier === 'vip') flags.add('vip');
    if (repeat) flags.add('repeat');
    if (vars.amountValue && Number(vars.amountValue) * TO_MYR[region] >= 15_000) flags.add('high_value');
    const extra: string[] = [];
    const threat = (flag: string, p: number, sentences: string[]) => {
      if (!duplicateOf && rng.chance(p)) {
        flags.add(flag);
        extra.push(fill(rng.pick(sentences), vars));
      }
    };
    threat('legal_threat', category === 'listing/counterfeit-claim' ? 0.25 : category === 'order/refund-dispute' || category === 'account/suspension-appeal' ? 0.05 : 0.01, common.legalThreat);
    threat('media', category === 'creator/live-violation' ? 0.12 : 0.015, common.mediaThreat);
    threat('regulator', category.startsWith('payments/') || category === 'order/refund-dispute' ? 0.03 : 0.005, common.regulatorThreat);
    if (category === 'payments/payout-hold' && rng.chance(0.2)) flags.add('fraud');

    const title = fill(rng.pick(texts.titles), vars);
    const sentences = [fill(rng.pick(texts.openings), vars), fill(rng.pick(texts.details), vars)];
    if (rng.chance(0.4)) sentences.push(fill(rng.pick(texts.details.filter((d) => !sentences.includes(fill(d, vars)))), vars));
    sentences.push(...extra);
    // Malaysian agents writing in English often paste what the account said in Malay.
    if (language === 'en' && region === 'MY' && rng.chance(0.25)) sentences.push(rng.pick(COMMON.ms.quotes));
    if (repeat) sentences.push(fill(rng.pick(common.repeatNotes), vars));
    sentences.push(fill(rng.pick(texts.asks), vars));
    const description = joinSentences(language, sentences);

    let priority: Priority = oncall ? (rng.chance(0.3) ? 'P1' : 'P2') : rng.weighted({ P1: 1, P2: 10, P3: 70, P4: 19 });
    const serious = ['legal_threat', 'media', 'regulator', 'vip', 'high_value'].some((f) => flags.has(f));
    if (serious && priority !== 'P1' && rng.chance(0.35)) priority = (`P${Number(priority[1]) - 1}`) as Priority;
    const routedTeam = priority === 'P1' ? 'oncall' : teamKey;

    const draft: CaseDraft = {
      row: {
        id: input.newId(),
        number,
        title,
        description,
        category_code: category,
        account_id: account.id,
        requester_id: requester.id,
        source,
        language,
        priority,
        flags: [...flags],
        status: 'new',
        reopen_count: 0,
        team_id: team(routedTeam).id,
        assignee_id: null,
        fields: JSON.stringify(intakeFields(category, vars)),
        search_tokens: searchTokens(`${title}\n${description}`),
        created_at: new Date(createdMs),
        updated_at: new Date(createdMs),
      },
      account,
      category,
      language,
      region,
      teamKey: routedTeam,
      requester,
      vars,
      merged: false,
    };
    drafts.push(draft);
    lastCase.set(`${account.externalId}|${category}`, createdMs);

    const life = new CaseLife(draft, out, nowMs, rng, { user, team, members, speaks, newId: input.newId, csat, person: (id) => people.get(id) });
    if (duplicateOf) life.runDuplicate(duplicateOf, common.mergeReasons);
    else life.run(texts, common);
    out.cases.push(draft.row);
  }
  return out;
}

/** Arrival times over the last `days`: busier in working hours and on campaign days (9.9, 11.11 …), quieter at weekends. */
function arrivalTimes(rng: DemoRandom, nowMs: number, days: number, count: number): number[] {
  const start = nowMs - days * DAY;
  const times: number[] = [];
  while (times.length < count) {
    const t = start + rng.next() * (nowMs - start);
    const local = new Date(t + LOCAL_OFFSET);
    const hour = local.getUTCHours();
    let weight = hour < 8 ? 0.12 : hour < 10 ? 0.6 : hour < 19 ? 1 : hour < 23 ? 0.65 : 0.25;
    const weekday = local.getUTCDay();
    if (weekday === 0 || weekday === 6) weight *= 0.7;
    const month = local.getUTCMonth() + 1;
    const date = local.getUTCDate();
    if (month === date) weight *= 2.2;
    else if (month === date - 1 || month === date - 2) weight *= 1.5;
    if (rng.next() * 2.2 < weight) times.push(Math.round(t / 1000) * 1000);
  }
  return times.sort((a, b) => a - b);
}

function caseLanguage(rng: DemoRandom, account: DemoAccount): Locale {
  const own = account.language ?? 'en';
  if (rng.chance(0.85)) return own;
  if (account.region === 'MY') return own === 'ms' ? 'en' : 'ms';
  if (account.region === 'SG') return own === 'en' ? 'zh' : 'en';
  return rng.chance(0.3) ? 'en' : 'zh';
}

function formatAmount(value: number, currency: string): string {
  const [whole, cents] = value.toFixed(2).split('.');
  return `${currency}${currency === '¥' ? '' : ' '}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

function caseVars(
  rng: DemoRandom,
  region: DemoRegion,
  language: Locale,
  category: DemoCategory,
  account: DemoAccount,
  requester: Ref,
  createdMs: number,
): Record<string, string> {
  const [min, max] = AMOUNTS[category] ?? [30, 3_000];
  const scale = region === 'CN' ? 4.5 : region === 'SG' ? 0.3 : 1;
  const amountValue = Math.round(rng.between(min, max) * scale * (rng.chance(0.08) ? 4 : 1) * 100) / 100;
  const when = new Date(createdMs - rng.int(1, 6) * DAY + LOCAL_OFFSET);
  const date =
    language === 'zh'
      ? `${when.getUTCMonth() + 1}月${when.getUTCDate()}日`
      : `${String(when.getUTCDate()).padStart(2, '0')}/${String(when.getUTCMonth() + 1).padStart(2, '0')}/${when.getUTCFullYear()}`;
  return {
    account: account.name,
    id: account.externalId,
    type: COMMON[language].typeNames[account.type],
    requester: requester.name,
    amount: formatAmount(amountValue, CURRENCY[region]),
    amountValue: String(amountValue),
    days: String(rng.int(3, 14)),
    count: String(rng.int(3, 60)),
    wid: `WD${rng.digits(10)}`,
    order: `${rng.digits(2)}${rng.digits(8)}${region}`,
    listing: `${rng.digits(11)}`,
    tracking: `${region === 'CN' ? 'SF' : rng.pick(['JT', 'NV', 'EP'])}${rng.digits(12)}`,
    live: `LIVE-${rng.digits(8)}`,
    product: rng.pick(PRODUCTS[language]),
    brand: rng.pick(BRANDS),
    courier: rng.pick(COURIERS[region]),
    bank: rng.pick(BANKS[region]),
    campaign: rng.pick(CAMPAIGNS[language]),
    rate: String(rng.pick([5, 8, 10, 12, 15])),
    digits: rng.digits(4),
    date,
  };
}

function intakeFields(category: DemoCategory, vars: Record<string, string>): Record<string, string | number> {
  if (category === 'payments/withdrawal-delayed') return { withdrawalId: vars.wid!, amount: Number(vars.amountValue) };
  if (category.startsWith('listing/')) return { listingId: vars.listing! };
  if (category.startsWith('order/')) return { orderId: vars.order! };
  return {};
}

// A job row as enqueueJob leaves it (every column spelled out: the loader inserts rows as they are).
const QUEUED = { status: 'queued', attempts: 0, max_attempts: 5, locked_by: null, locked_until: null, last_error: null, finished_at: null } as const;

/** What customers write with their score, by language and mood. */
const CSAT_COMMENTS: Record<Locale, Record<'low' | 'mid' | 'high', string[]>> = {
  en: {
    low: ['It took far too long and I had to chase you twice.', 'The problem came back the next day.', 'Nobody explained why my account was blocked in the first place.', 'I got three different answers from three different agents.'],
    mid: ['Solved in the end, but it took a while.', 'OK, but please keep me updated without me having to ask.', 'Fine, though the first reply did not answer my question.'],
    high: ['Quick and clear, thank you!', 'Thanks for following up with the payments team for me.', 'Very helpful, problem solved.', 'Great service, the agent kept me informed all the way.'],
  },
  zh: {
    low: ['处理太慢了，我催了两次才有人回复。', '第二天问题又出现了。', '一直没有人解释为什么我的账号被封。', '三个客服给了我三个不同的答复。'],
    mid: ['最后解决了，但是花了不少时间。', '还可以，希望能主动告诉我进展。', '还行，不过第一次回复没有回答我的问题。'],
    high: ['处理很快，说明也很清楚，谢谢！', '感谢帮我跟财务部门沟通。', '非常有帮助，问题已经解决了。', '服务很好，客服一直及时告诉我进展。'],
  },
  ms: {
    low: ['Terlalu lama, saya terpaksa bertanya dua kali.', 'Masalah yang sama berlaku semula keesokan harinya.', 'Tiada sesiapa yang menerangkan kenapa akaun saya disekat.', 'Tiga ejen memberi tiga jawapan yang berbeza.'],
    mid: ['Akhirnya selesai, tetapi agak lama.', 'Boleh tahan, tetapi tolong maklumkan perkembangan tanpa saya perlu bertanya.', 'Okey, walaupun balasan pertama tidak menjawab soalan saya.'],
    high: ['Cepat dan jelas, terima kasih!', 'Terima kasih kerana menghubungi pasukan pembayaran bagi pihak saya.', 'Sangat membantu, masalah selesai.', 'Perkhidmatan yang baik, ejen sentiasa memaklumkan perkembangan.'],
  },
};

// ---- One case's life ------------------------------------------------------------------

interface Lookups {
  user: (email: string) => Ref;
  team: (key: string) => Ref;
  members: (key: string, role: DemoPerson['role']) => DemoPerson[];
  speaks: (people: DemoPerson[], language: Locale) => DemoPerson[];
  newId: () => string;
  csat: { rng: DemoRandom; delayMs: number };
  /** The demo person behind a user id. */
  person: (id: string) => DemoPerson | undefined;
}

/**
 * Plays one case forward from its creation the way a service team works it, writing the
 * rows each step leaves behind; it stops at `now`, so recent cases stay open wherever
 * their life has got to (new, waiting on a partner, resolved …).
 */
class CaseLife {
  readonly #c: CaseDraft;
  readonly #out: DemoHistory;
  readonly #now: number;
  readonly #rng: DemoRandom;
  readonly #look: Lookups;
  #t: number;
  /** The case's latest CSAT survey: no second one goes out while it is open. */
  #lastSurvey: { answeredAt: number | null; expiresAt: number } | null = null;

  constructor(c: CaseDraft, out: DemoHistory, now: number, rng: DemoRandom, look: Lookups) {
    this.#c = c;
    this.#out = out;
    this.#now = now;
    this.#rng = rng;
    this.#look = look;
    this.#t = c.row.created_at.getTime();
  }

  /** Moves the clock on; false when that is past now (the case's story ends here for the demo). */
  #wait(ms: number): boolean {
    this.#t += Math.round(ms / 1000) * 1000;
    return this.#t <= this.#now;
  }

  #event(actor: Ref | null, kind: string, data: Record<string, unknown>, at = this.#t): void {
    this.#out.events.push({ case_id: this.#c.row.id, at: new Date(at), actor_id: actor?.id ?? null, kind, data: JSON.stringify(data) });
    this.#touch(at);
  }

  #touch(at: number): void {
    if (at > (this.#c.row.updated_at as Date).getTime()) this.#c.row.updated_at = new Date(at);
  }

  #comment(author: Ref, visibility: Visibility, body: string, staff: boolean): void {
    this.#out.comments.push({ case_id: this.#c.row.id, author_id: author.id, visibility, body, created_at: new Date(this.#t) });
    // The first reply a worker sends to the requester or the account is the first response.
    if (staff && visibility !== 'internal' && !this.#c.row.first_response_at) this.#c.row.first_response_at = new Date(this.#t);
    this.#touch(this.#t);
  }

  #move(actor: Ref | null, to: CaseStatus, extra: Record<string, unknown> = {}): void {
    this.#event(actor, 'status_changed', { from: this.#c.row.status, to, ...extra });
    this.#c.row.status = to;
  }

  #notify(userIds: string[], kind: string, data: Record<string, unknown>, at: number, readAt: number | null): void {
    for (const userId of new Set(userIds)) {
      this.#out.notifications.push({
        user_id: userId,
        kind,
        case_id: this.#c.row.id,
        data: JSON.stringify(data),
        created_at: new Date(at),
        read_at: readAt !== null && readAt <= this.#now ? new Date(readAt) : null,
      });
    }
  }

  #fill(template: string, more: Record<string, string> = {}): string {
    return fill(template, { ...this.#c.vars, ...more });
  }

  /** Delay until someone picks the case up: quick in office hours, slower at night and at weekends. */
  #pickupDelay(): number {
    const local = new Date(this.#t + LOCAL_OFFSET);
    const hour = local.getUTCHours();
    const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
    if (this.#c.row.priority === 'P1') return this.#rng.between(3, 25) * MINUTE;
    // On busy days some cases sit unassigned in the queue for a while.
    if (this.#rng.chance(0.1)) return this.#rng.between(4, 30) * HOUR;
    if (weekend || hour < 9 || hour >= 20) return this.#rng.between(1, 12) * HOUR;
    return this.#rng.between(8, 150) * MINUTE;
  }

  run(texts: CategoryText, common: (typeof COMMON)[Locale]): void {
    const rng = this.#rng;
    const c = this.#c;
    const lead = this.#look.user(this.#look.members(c.teamKey, 'lead')[0]!.email);
    const teamRef = this.#look.team(c.teamKey);
    const candidates = this.#look.speaks(
      this.#look.members(c.teamKey, 'specialist').filter((p) => this.#look.user(p.email).id !== c.requester.id),
      c.language,
    );
    const assignee = this.#look.user(rng.pick(candidates).email);
    const outcome = rng.pick(texts.outcomes);

    this.#event(c.requester, 'created', { source: c.row.source });

    // Triage: the lead assigns it.
    if (!this.#wait(this.#pickupDelay())) return;
    c.row.assignee_id = assignee.id;
    this.#event(lead, 'assigned', {
      team: { id: teamRef.id, name: teamRef.name },
      assignee: { id: assignee.id, displayName: assignee.name },
      previousTeam: { id: teamRef.id, name: teamRef.name },
      previousAssignee: null,
    });
    this.#move(lead, 'triaged');

    // The specialist starts and answers the requester.
    if (!this.#wait(rng.chance(0.7) ? rng.between(5, 180) * MINUTE : rng.between(4, 48) * HOUR)) return;
    this.#move(assignee, 'in_progress');
    this.#comment(assignee, 'requester', this.#fill(rng.pick(common.firstReplies)), true);
    if (rng.chance(0.35) && this.#wait(rng.between(5, 90) * MINUTE)) this.#comment(assignee, 'internal', rng.pick(common.internalNotes), true);
    if (this.#t > this.#now) return;

    // Sometimes more information is needed from the requester.
    if (rng.chance(0.28)) {
      if (!this.#wait(rng.between(20, 240) * MINUTE)) return;
      this.#comment(assignee, 'requester', this.#fill(rng.pick(texts.infoRequests)), true);
      this.#move(assignee, 'waiting_requester');
      if (!this.#wait(rng.chance(0.75) ? rng.between(1, 30) * HOUR : rng.between(2, 8) * DAY)) return;
      this.#comment(c.requester, 'requester', this.#fill(rng.pick(texts.infoReplies)), false);
      if (!this.#wait(rng.between(10, 120) * MINUTE)) return;
      this.#move(assignee, 'in_progress');
    }

    // Another department is asked.
    if (rng.chance(HANDOFF_RATE[c.category])) {
      if (!this.#wait(rng.between(15, 360) * MINUTE)) return;
      if (!this.#handoff(texts, common, assignee)) return;
    }

    // Resolve, tell the requester, and close (confirmed or after the quiet period).
    // Most take hours to a few days; a few need a long investigation and age in the queue.
    if (!this.#wait(rng.chance(0.94) ? rng.between(1, 72) * HOUR : rng.between(5, 20) * DAY)) return;
    this.#resolve(assignee, outcome, common);
    const reopenAt = rng.chance(0.1) ? this.#t + Math.round(rng.between(2, 96) * 60) * MINUTE : Infinity;
    if (!this.#close(reopenAt, common)) return;
    if (reopenAt === Infinity) return;

    // Reopened: the problem came back; worked and resolved again.
    this.#t = Math.max(this.#t, reopenAt);
    if (this.#t > this.#now) return;
    this.#comment(c.requester, 'requester', this.#fill(rng.pick(common.reopenReasons)), false);
    this.#move(c.requester, 'reopened');
    c.row.reopen_count = 1;
    c.row.resolved_at = null;
    c.row.closed_at = null;
    c.row.requester_notified_at = null;
    c.row.requester_confirmed_at = null;
    if (!this.#wait(rng.between(6, 144) * HOUR)) return;
    this.#move(assignee, 'in_progress');
    this.#comment(assignee, 'internal', rng.pick(common.internalNotes), true);
    if (!this.#wait(rng.between(2, 48) * HOUR)) return;
    this.#resolve(assignee, rng.pick(texts.outcomes), common);
    this.#close(Infinity, common);
  }

  /** Asks the partner team; false when the story ends (at now) while waiting for the answer. */
  #handoff(texts: CategoryText, common: (typeof COMMON)[Locale], assignee: Ref): boolean {
    const rng = this.#rng;
    const c = this.#c;
    const partnerKey = rng.weighted(PARTNERS[c.category]);
    const partnerTeam = this.#look.team(partnerKey);
    const partners = this.#look.members(partnerKey, 'partner');
    // Ask in the case's language when the department speaks it, otherwise in English.
    const language: Locale = partners.some((p) => p.languages.includes(c.language)) ? c.language : 'en';
    const [question, answer] = rng.pick(TEXTS[language][c.category].handoffs).map((s) => this.#fill(s));
    const partnerUserIds = partners.map((p) => this.#look.user(p.email).id);
    const id = this.#look.newId();
    const createdAt = this.#t;
    const dueAt = createdAt + OLA_HOURS[partnerKey]! * HOUR;
    const teamData = { id: partnerTeam.id, name: partnerTeam.name };
    const handoff: Insertable<HandoffTable> = {
      id,
      case_id: c.row.id,
      team_id: partnerTeam.id,
      question: question!,
      due_at: new Date(dueAt),
      status: 'open',
      reminders_sent: 0,
      created_by: assignee.id,
      created_at: new Date(createdAt),
    };
    this.#out.handoffs.push(handoff);
    this.#event(assignee, 'handoff_created', { handoffId: id, team: teamData, question, dueAt: new Date(dueAt).toISOString() });
    this.#move(assignee, 'waiting_partner');
    this.#comment(assignee, 'internal', this.#fill(rng.pick(common.handoffNotes), { team: partnerTeam.name }), true);

    // Most departments answer within their OLA; some are late, a few very late.
    const roll = rng.next();
    const answerDelay = roll < 0.72 ? rng.between(0.1, 0.9) : roll < 0.9 ? rng.between(1, 2.5) : rng.between(2.5, 7);
    const answeredAt = Math.round((createdAt + answerDelay * OLA_HOURS[partnerKey]! * HOUR) / 1000) * 1000;
    this.#notify(partnerUserIds, 'handoff_assigned', { handoffId: id, question }, createdAt, Math.min(answeredAt, createdAt + 2 * HOUR));

    // Reminders the job runner sent while the answer was overdue.
    const until = Math.min(answeredAt, this.#now);
    let reminders = 0;
    for (let at = dueAt; at <= until && reminders < MAX_REMINDERS; at += REMINDER_INTERVAL_MS) {
      reminders++;
      this.#notify(partnerUserIds, 'handoff_overdue', { handoffId: id, question, dueAt: new Date(dueAt).toISOString(), reminder: reminders }, at, Math.min(answeredAt, at + 4 * HOUR));
      this.#event(null, 'handoff_reminded', { handoffId: id, team: teamData, reminder: reminders }, at);
    }
    handoff.reminders_sent = reminders;

    if (answeredAt > this.#now) {
      // Still open: the next reminder is queued as the real handoff flow would have left it.
      if (reminders < MAX_REMINDERS) {
        this.#out.jobs.push({
          ...QUEUED,
          kind: 'handoffs.remind',
          payload: JSON.stringify({ handoffId: id }),
          run_at: new Date(dueAt + reminders * REMINDER_INTERVAL_MS),
          dedupe_key: `handoff-remind:${id}:${reminders + 1}`,
          created_at: new Date(reminders === 0 ? createdAt : dueAt + (reminders - 1) * REMINDER_INTERVAL_MS),
        });
      }
      this.#t = this.#now + 1;
      return false;
    }
    const partner = this.#look.user(rng.pick(partners).email);
    this.#t = answeredAt;
    handoff.status = 'answered';
    handoff.answer = answer!;
    handoff.answered_by = partner.id;
    handoff.answered_at = new Date(answeredAt);
    this.#event(partner, 'handoff_answered', { handoffId: id, team: teamData, answer });
    this.#notify([assignee.id], 'handoff_answered', { handoffId: id, team: partnerTeam.name }, answeredAt, answeredAt + rng.between(0.2, 6) * HOUR);

    if (!this.#wait(rng.between(10, 180) * MINUTE)) return false;
    this.#move(assignee, 'in_progress');
    this.#comment(assignee, 'internal', this.#fill(rng.pick(common.partnerAnsweredNotes), { team: partnerTeam.name }), true);
    return true;
  }

  #resolve(assignee: Ref, outcome: Outcome, common: (typeof COMMON)[Locale]): void {
    const c = this.#c;
    const rng = this.#rng;
    c.row.root_cause_code = outcome.rootCauseCode;
    c.row.root_cause_text = outcome.rootCause;
    c.row.resolution_code = outcome.resolutionCode;
    c.row.resolution_summary = outcome.resolution;
    if (rng.chance(0.35)) this.#comment(assignee, 'account', this.#fill(rng.pick(common.accountMessages), { resolution: outcome.resolution }), true);
    this.#comment(assignee, 'requester', outcome.reply, true);
    this.#move(assignee, 'resolved');
    c.row.resolved_at = new Date(this.#t);
    c.row.requester_notified_at = new Date(this.#t);
    this.#notify([c.requester.id], 'case_resolved', { resolution: outcome.resolution }, this.#t, this.#t + rng.between(0.5, 20) * HOUR);
    this.#event(null, 'notification_sent', { to: { id: c.requester.id, displayName: c.requester.name }, reason: 'case_resolved', channel: 'in_app' });
  }

  /**
   * The requester confirms (closing the loop) or the quiet period closes the case. Returns
   * false if it is still resolved at now (its auto-close job is then queued), or if a
   * reopen comes first.
   */
  #close(reopenAt: number, common: (typeof COMMON)[Locale]): boolean {
    const c = this.#c;
    const rng = this.#rng;
    const resolvedAt = this.#t;
    const autoCloseAt = resolvedAt + AUTO_CLOSE_AFTER_MS;
    const confirms = rng.chance(0.7);
    const closeAt = confirms ? resolvedAt + rng.between(0.5, 72) * HOUR : autoCloseAt;
    this.#survey(resolvedAt, reopenAt);
    const next = Math.min(reopenAt, closeAt);
    if (next > this.#now) {
      this.#out.jobs.push({
        ...QUEUED,
        kind: 'cases.auto_close',
        dedupe_key: null,
        payload: JSON.stringify({ caseId: c.row.id, resolvedAt: new Date(resolvedAt).toISOString() }),
        run_at: new Date(autoCloseAt),
        created_at: new Date(resolvedAt),
      });
      this.#t = this.#now + 1;
      return false;
    }
    if (reopenAt < closeAt) return true;
    this.#t = Math.round(closeAt / 1000) * 1000;
    if (confirms) {
      this.#comment(c.requester, 'requester', this.#fill(rng.pick(common.confirmations)), false);
      this.#move(c.requester, 'closed', { confirmedByRequester: true });
      c.row.requester_confirmed_at = new Date(this.#t);
    } else {
      this.#move(null, 'closed', { reason: 'no reply from the requester within the quiet period' });
    }
    c.row.closed_at = new Date(this.#t);
    return true;
  }

  /**
   * The CSAT survey of a resolution, as the csat.send job would have sent it after the delay
   * (not when the case was reopened first, nor while an earlier survey is still open), and the
   * answer some customers gave: mostly 4–5, lower after a reopen; a low score notifies the lead.
   */
  #survey(resolvedAt: number, reopenAt: number): void {
    const c = this.#c;
    const { rng, delayMs } = this.#look.csat;
    const sendAt = resolvedAt + delayMs;
    if (reopenAt <= sendAt) return;
    if (sendAt > this.#now) {
      const resolvedIso = new Date(resolvedAt).toISOString();
      this.#out.jobs.push({
        ...QUEUED,
        kind: CSAT_SEND_JOB,
        payload: JSON.stringify({ caseId: c.row.id, resolvedAt: resolvedIso }),
        dedupe_key: `csat:${c.row.id}:${resolvedIso}`,
        run_at: new Date(sendAt),
        created_at: new Date(resolvedAt),
      });
      return;
    }
    const last = this.#lastSurvey;
    if (last && (last.answeredAt === null || last.answeredAt > sendAt) && last.expiresAt > sendAt) return;
    const person = this.#look.person(c.requester.id);
    const recipient =
      person?.role === 'requester'
        ? { userId: c.requester.id, address: person.email, language: person.locale }
        : c.account.email
          ? { userId: null, address: c.account.email, language: c.account.language }
          : null;
    if (!recipient) return;
    const expiresAt = sendAt + CSAT_EXPIRY_DAYS * DAY;
    const reopened = (c.row.reopen_count ?? 0) > 0;
    const respondsAt = rng.chance(reopened ? 0.55 : 0.45) ? sendAt + Math.round(rng.between(0.1, 96) * 60) * MINUTE : Infinity;
    const answered = respondsAt <= this.#now && respondsAt < expiresAt;
    const score = Number(rng.weighted(reopened ? { 1: 16, 2: 18, 3: 22, 4: 26, 5: 18 } : { 1: 4, 2: 5, 3: 9, 4: 30, 5: 52 }));
    const mood = score <= 2 ? 'low' : score === 3 ? 'mid' : 'high';
    const comment = answered && rng.chance(score <= 2 ? 0.8 : 0.35) ? rng.pick(CSAT_COMMENTS[recipient.language][mood]) : null;
    const id = this.#look.newId();
    this.#out.surveys.push({
      id,
      case_id: c.row.id,
      resolved_at: new Date(resolvedAt),
      language: recipient.language,
      recipient_user_id: recipient.userId,
      recipient_address: recipient.address,
      nonce: this.#look.newId().replace(/-/g, ''),
      sent_at: new Date(sendAt),
      expires_at: new Date(expiresAt),
      answered_at: answered ? new Date(respondsAt) : null,
      score: answered ? score : null,
      comment,
      created_at: new Date(sendAt),
    });
    this.#lastSurvey = { answeredAt: answered ? respondsAt : null, expiresAt };
    const event = (at: number, kind: string, data: Record<string, unknown>) =>
      this.#out.events.push({ case_id: c.row.id, at: new Date(at), actor_id: null, kind, data: JSON.stringify(data) });
    event(sendAt, 'csat_sent', { surveyId: id, recipient: recipient.userId ? 'requester' : 'account_contact', language: recipient.language, expiresAt: new Date(expiresAt).toISOString() });
    if (!answered) return;
    c.row.csat = score;
    const leads = score <= 2 ? this.#look.members(c.teamKey, 'lead').map((p) => this.#look.user(p.email).id) : [];
    event(respondsAt, 'csat_answered', { surveyId: id, score, comment, ...(score <= 2 ? { followUp: { leads: leads.length } } : {}) });
    if (leads.length) this.#notify(leads, 'csat_low', { score, comment, surveyId: id }, respondsAt, respondsAt + rng.between(0.5, 30) * HOUR);
  }

  /** A duplicate filed shortly after the first case: triaged, then merged into it. */
  runDuplicate(target: CaseDraft, reasons: string[]): void {
    const c = this.#c;
    const rng = this.#rng;
    const lead = this.#look.user(this.#look.members(c.teamKey, 'lead')[0]!.email);
    this.#event(c.requester, 'created', { source: c.row.source });
    if (!this.#wait(this.#pickupDelay())) return;
    c.merged = true;
    c.row.status = 'closed';
    c.row.closed_at = new Date(this.#t);
    c.row.merged_into_id = target.row.id;
    this.#comment(lead, 'internal', `${rng.pick(reasons)} → ${target.row.number}`, true);
    this.#event(lead, 'merged', { into: { id: target.row.id, number: target.row.number }, fromStatus: 'new' });
    this.#out.events.push({
      case_id: target.row.id,
      at: new Date(this.#t),
      actor_id: lead.id,
      kind: 'merged',
      data: JSON.stringify({ from: { id: c.row.id, number: c.row.number } }),
    });
    if (this.#t > (target.row.updated_at as Date).getTime()) target.row.updated_at = new Date(this.#t);
    this.#out.links.push({ case_id: c.row.id, other_id: target.row.id, kind: 'duplicate_of', created_at: new Date(this.#t) });
  }
}
