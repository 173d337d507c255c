import { foldText } from '../../platform/text/search-tokens.js';

/**
 * Similarity of a case to articles and other cases, from their search keys (pure). Keys
 * that say nothing (stop words in English and Malay, frequent Chinese bigrams, single
 * characters) are dropped; the rest weigh by rarity, measured as how many candidates hold
 * the key up to a cap: a key found everywhere weighs ln 2, a key only one other case has
 * weighs ln(1 + cap). A shared category (or parent) adds to the score.
 */

const EN = `a about after again all also am an and any are as at be been before being but by can could did do does done
  for from get got had has have he her hi his how i if in into is it its just me more my no not now of on or our out
  please same she so some still than thank thanks that the their them then there these they this those to too up us
  help was we were what when where which who why will with would yet you your dear hello regards since already`;
const MS = `ada adakah adalah agar akan anda apa apabila atau awak bagi bahawa baru belum beliau bila boleh dah dalam
  dan dari daripada dengan di dia ini itu ialah iaitu juga jika kalau kami kan kena kepada kerana kita ke lagi lah
  macam mana masih mereka mohon oleh pada pun saya sahaja sebab sejak selepas sebelum semua sila sudah supaya tak
  telah tapi tetapi terima kasih tidak tolong untuk yang bantu encik puan tuan`;
// Bigrams of function words and politeness that most Chinese texts share.
const ZH = `我的 你的 他的 我们 你们 他们 已经 没有 请帮 帮忙 帮我 一下 查一 可以 什么 怎么 为什 这个 那个 一个 还没 是否
  但是 因为 所以 如果 谢谢 您好 你好 请问 麻烦 现在 今天 时候 的话 不是 就是 还是 自己 以及 关于 需要 我们 了吗
  一直 也是 这样 有没 请尽 尽快 处理 问题 情况 客户`;
// Particles: a bigram holding one (的提, 账了) spans two words and says nothing.
const PARTICLES = /[的了吗呢吧啊呀哦嘛]/u;

export const STOP_KEYS: ReadonlySet<string> = new Set([EN, MS, ZH].flatMap((list) => list.split(/\s+/).filter(Boolean)));

const HAN = /\p{Script=Han}/u;

/** The keys worth comparing: no stop words, no single Han characters or single letters, at most `max` (first seen first). */
export function informativeKeys(keys: readonly string[], max = 30): string[] {
  const out: string[] = [];
  for (const key of keys) {
    if (out.length >= max) break;
    if (STOP_KEYS.has(key) || [...key].length < 2 || PARTICLES.test(key) || out.includes(key)) continue;
    if (!HAN.test(key) && /^\d{1,2}$/.test(key)) continue;
    out.push(key);
  }
  return out;
}

/** How much a shared key says: `found` = candidates holding it, counted up to `cap`. */
export function keyWeight(found: number, cap: number): number {
  return Math.log1p(cap / Math.max(1, Math.min(found, cap)));
}

export const SIMILARITY = {
  /** A key shared by the titles counts this much more (articles: title over body). */
  titleFactor: 1.5,
  /** Same category, or one is the other's parent. */
  sameCategory: 2,
  /** Same root category only (siblings). */
  sameRoot: 0.5,
  /** Articles: times ln(1 + cases it helped). */
  helped: 0.5,
  /** Below this, nothing is suggested. */
  minScore: 3,
} as const;

/** Worth suggesting: enough score from at least two shared keys, or one in the same category. */
export function isSuggestion(s: Similarity): boolean {
  return s.score >= SIMILARITY.minScore && (s.shared.length >= 2 || (s.shared.length === 1 && s.sameCategory));
}

/** Whether two category codes are the same or one is the other's parent ("payments" and "payments/withdrawal-delayed"). */
export function categoryRelation(a: string | null, b: string | null): 'same' | 'root' | 'none' {
  if (!a || !b) return 'none';
  if (a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`)) return 'same';
  return a.split('/')[0] === b.split('/')[0] ? 'root' : 'none';
}

export interface Similarity {
  score: number;
  shared: string[];
  sameCategory: boolean;
}

/**
 * The score of one candidate: the weights of the keys it shares with the source (`titleKeys`
 * count more), plus the category bonus. `weights` holds every informative source key.
 */
export function similarity(
  weights: ReadonlyMap<string, number>,
  candidate: { keys: Iterable<string>; titleKeys?: Iterable<string>; category: string | null },
  sourceCategory: string | null,
): Similarity {
  const title = new Set(candidate.titleKeys ?? []);
  const shared: string[] = [];
  let score = 0;
  const seen = new Set<string>();
  for (const key of [...title, ...candidate.keys]) {
    const w = weights.get(key);
    if (w === undefined || seen.has(key)) continue;
    seen.add(key);
    shared.push(key);
    score += title.has(key) ? w * SIMILARITY.titleFactor : w;
  }
  const relation = categoryRelation(sourceCategory, candidate.category);
  if (shared.length > 0) score += relation === 'same' ? SIMILARITY.sameCategory : relation === 'root' ? SIMILARITY.sameRoot : 0;
  return { score, shared, sameCategory: relation === 'same' };
}

const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;

/**
 * The shared keys as the source text typed them: Latin words in their original spelling,
 * and Chinese as the longest stretches of the source whose every bigram is shared
 * ("提现" + "现延" + "延迟" → "提现延迟"), without a character a stop word beside it holds. In order of first appearance, without repeats.
 */
export function sharedTerms(sourceText: string, shared: Iterable<string>): string[] {
  const keys = new Set(shared);
  const found: { at: number; term: string }[] = [];
  const seen = new Set<string>();
  const add = (at: number, term: string, key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ at, term });
  };
  for (const m of sourceText.matchAll(WORD)) {
    const key = foldText(m[0]);
    if (keys.has(key)) add(m.index, m[0], key);
  }
  for (const m of sourceText.matchAll(HAN_RUN)) {
    const chars = [...m[0]];
    let start = -1;
    let offset = m.index;
    const offsets: number[] = [];
    for (const ch of chars) {
      offsets.push(offset);
      offset += ch.length;
    }
    const stopAt = (i: number) => i >= 0 && i + 1 < chars.length && STOP_KEYS.has(chars[i]! + chars[i + 1]!);
    const flush = (end: number) => {
      if (start >= 0) {
        // A character that belongs to a stop word beside the stretch is not part of it ("没有到账" → "到账").
        let from = start;
        let to = end;
        if (stopAt(from - 1)) from++;
        if (stopAt(to)) to--;
        if (to > from) {
          const term = chars.slice(from, to + 1).join('');
          add(offsets[from]!, term, foldText(term));
        }
      }
      start = -1;
    };
    for (let i = 0; i + 1 < chars.length; i++) {
      if (keys.has(foldText(chars[i]! + chars[i + 1]!))) {
        if (start < 0) start = i;
      } else flush(i);
    }
    flush(chars.length - 1);
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.term);
}
