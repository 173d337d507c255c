import type { AccountTier, AccountType, Locale } from '../db/schema.js';
import type { DemoRandom } from './random.js';

export type DemoRegion = 'MY' | 'SG' | 'CN';

/** A marketplace account of the demo: a seller, creator or customer with a name that fits its region. */
export interface DemoAccount {
  id: string;
  type: AccountType;
  externalId: string;
  name: string;
  email: string;
  phone: string;
  region: DemoRegion;
  language: Locale;
  tier: AccountTier;
}

// Name parts per region and account type; combined, they give a few hundred plausible names.
const NAMES: Record<DemoRegion, Record<AccountType, [string[], string[]]>> = {
  MY: {
    seller: [
      ['Kedai Runcit', 'Butik', 'Gedung', 'Syarikat', 'Pusat Gajet', 'Dapur', 'Kosmetik', 'Perabot'],
      ['Ali', 'Nurul Hijab', 'Maju Jaya', 'Sri Murni', 'Cahaya Timur', 'Seri Indah', 'Harmoni', 'Mak Long', 'Tan Brothers', 'Wira Elektronik', 'Bunga Raya', 'Kak Yah'],
    ],
    creator: [
      ['Aina', 'Haziq', 'Mira', 'Syafiq', 'Elly', 'Jason', 'Farah', 'Kumar', 'Qistina', 'Amir'],
      ['Beauty', 'Live', 'Cooks', 'Review', 'Gaming', 'Unboxing', 'Fashion', 'Vlog'],
    ],
    customer: [
      ['Nur Izzati', 'Muhammad Danial', 'Siti Khadijah', 'Tan Kok Wai', 'Lee Mei Yee', 'Suresh', 'Priya', 'Ahmad Zaki', 'Wong Siew Lan', 'Nor Azura', 'Lim Chee Keong', 'Kavya'],
      ['binti Rahman', 'bin Abdullah', 'binti Hassan', '', 'a/l Raman', 'a/p Muthu', 'bin Ismail', ''],
    ],
  },
  SG: {
    seller: [
      ['Lion City', 'Orchard', 'Tiong Bahru', 'Marina', 'Kallang', 'Jurong', 'Bugis', 'Changi'],
      ['Gadgets', 'Beauty Pte Ltd', 'Home Living', 'Kids Corner', 'Sneaker Lab', 'Pet Supplies', 'Bakes', 'Audio'],
    ],
    creator: [
      ['Chloe', 'Daryl', 'Sherlyn', 'Marcus', 'Nabilah', 'Ryan', 'Vanessa', 'Joel', 'Aisha', 'Kai'],
      ['Eats SG', 'Tech Talk', 'Styles', 'Fitness', 'Deals', 'Live', 'Home Cafe', 'Plays'],
    ],
    customer: [
      ['Jasmine', 'Muhammad Irfan', 'Priya', 'Benjamin', 'Siti Nur', 'Gabriel', 'Rachel', 'Darren', 'Hui Ling', 'Aravind'],
      ['Lim', 'Tan', 'Ramasamy', 'Ong', 'Rahim', 'Koh', 'Goh', 'Teo'],
    ],
  },
  CN: {
    seller: [
      ['深圳华强', '义乌', '杭州', '广州', '东莞', '泉州', '苏州', '佛山', '宁波', '厦门'],
      ['数码旗舰店', '小商品批发', '丝绸坊', '女装专营店', '电子贸易有限公司', '运动鞋城', '家居生活馆', '母婴用品店', '茶叶商行', '美妆专营店'],
    ],
    creator: [
      ['小鹿', '阿杰', '美食达人', '甜甜', '大鹏', '星星', '老王', '小雨', '可乐', '糖糖'],
      ['穿搭', '数码测评', '小丽', '好物分享', '带货直播间', '美妆日记', '探店', '家居改造'],
    ],
    customer: [
      ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙'],
      ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '杰', '娟', '晓东', '雪梅'],
    ],
  },
};

const PHONE: Record<DemoRegion, (rng: DemoRandom) => string> = {
  MY: (rng) => `+60 1${rng.int(0, 9)}-${rng.digits(3)} ${rng.digits(4)}`,
  SG: (rng) => `+65 ${rng.pick(['8', '9'])}${rng.digits(3)} ${rng.digits(4)}`,
  CN: (rng) => `+86 1${rng.pick(['3', '5', '8'])}${rng.int(0, 9)} ${rng.digits(4)} ${rng.digits(4)}`,
};

const TYPE_PREFIX: Record<AccountType, string> = { seller: 'S', creator: 'C', customer: 'U' };

function languageOf(rng: DemoRandom, region: DemoRegion): Locale {
  if (region === 'CN') return 'zh';
  if (region === 'SG') return rng.chance(0.85) ? 'en' : 'zh';
  return rng.chance(0.6) ? 'ms' : 'en';
}

/** How many accounts of each kind the demo keeps per region. */
const POOL: Record<DemoRegion, Record<AccountType, number>> = {
  MY: { seller: 70, creator: 25, customer: 45 },
  SG: { seller: 25, creator: 30, customer: 25 },
  CN: { seller: 60, creator: 25, customer: 35 },
};

/** A few hundred accounts with region-fitting names, contacts and tiers. */
export function buildAccounts(rng: DemoRandom, newId: () => string): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  const seen = new Set<string>();
  for (const region of ['MY', 'SG', 'CN'] as const) {
    for (const type of ['seller', 'creator', 'customer'] as const) {
      const [first, second] = NAMES[region][type];
      for (let i = 0; i < POOL[region][type]; i++) {
        let name = '';
        for (let attempt = 0; attempt < 20 && (name === '' || seen.has(name)); attempt++) {
          const a = rng.pick(first);
          const b = rng.pick(second);
          name = region === 'CN' ? `${a}${b}` : `${a} ${b}`.trim();
        }
        if (seen.has(name)) name = region === 'CN' ? `${name}${i}号店` : `${name} ${i}`;
        seen.add(name);
        const externalId = `${region}-${TYPE_PREFIX[type]}-${rng.digits(6)}`;
        const slug = region === 'CN' ? `${type}${externalId.slice(-6)}` : name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
        const tierRoll = rng.next();
        const tier: AccountTier =
          type === 'customer' ? (tierRoll < 0.03 ? 'vip' : 'standard') : tierRoll < 0.05 ? 'vip' : tierRoll < 0.18 ? 'key' : 'standard';
        accounts.push({
          id: newId(),
          type,
          externalId,
          name,
          email: `${slug}@${rng.pick(['example.com', 'example.net', 'example.org'])}`,
          phone: PHONE[region](rng),
          region,
          language: languageOf(rng, region),
          tier,
        });
      }
    }
  }
  return accounts;
}
