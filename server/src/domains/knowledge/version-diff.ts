import { diffWords, diffWordsWithSpace } from 'diff';
import { type ArticleTexts, LOCALES, type Locale } from '../../db/schema.js';

/** What a version says, as the diff compares it (team by name, so a reader sees who owns it). */
export interface VersionContent {
  variants: ArticleTexts;
  category: string | null;
  tags: readonly string[];
  team: string | null;
}

export interface DiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}
export interface FieldChange {
  field: string;
  parts: DiffPart[];
}

// Word segmentation per language: Chinese has no spaces, so a plain word diff would treat a
// whole sentence as one word; Intl.Segmenter splits it by dictionary words.
const segmenters = new Map<Locale, Intl.Segmenter>();
function segmenter(language: Locale): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) segmenters.set(language, (s = new Intl.Segmenter(language, { granularity: 'word' })));
  return s;
}

const partsOf = (changes: { added: boolean; removed: boolean; value: string }[]): DiffPart[] =>
  changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));

/**
 * Word-level changes from `a` to `b` in a language. Words are compared, whitespace is not
 * (equal parts carry `b`'s spacing) — unless spacing is all that changed, which then shows.
 */
export function diffText(a: string, b: string, language: Locale): DiffPart[] {
  const parts = partsOf(diffWords(a, b, { intlSegmenter: segmenter(language) }));
  if (a !== b && parts.every((p) => p.op === 'equal')) return partsOf(diffWordsWithSpace(a, b));
  return parts;
}

function diffTags(a: readonly string[], b: readonly string[]): DiffPart[] {
  const after = new Set(b);
  const before = new Set(a);
  return [
    ...a.map((tag): DiffPart => ({ op: after.has(tag) ? 'equal' : 'delete', text: tag })),
    ...b.filter((tag) => !before.has(tag)).map((tag): DiffPart => ({ op: 'insert', text: tag })),
  ];
}

function replaced(a: string | null, b: string | null): DiffPart[] {
  return [...(a === null ? [] : [{ op: 'delete' as const, text: a }]), ...(b === null ? [] : [{ op: 'insert' as const, text: b }])];
}

/**
 * The fields that differ between two versions (`en.title`, `zh.body`, …, `category`, `tags`,
 * `team`), each as equal/insert/delete parts; a language added or removed is all insert/delete.
 */
export function diffVersions(from: VersionContent, to: VersionContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const language of LOCALES) {
    const a = from.variants[language];
    const b = to.variants[language];
    for (const key of ['title', 'body'] as const) {
      const before = a?.[key] ?? '';
      const after = b?.[key] ?? '';
      if (before === after && Boolean(a) === Boolean(b)) continue;
      changes.push({ field: `${language}.${key}`, parts: diffText(before, after, language).filter((p) => p.text !== '') });
    }
  }
  if (from.category !== to.category) changes.push({ field: 'category', parts: replaced(from.category, to.category) });
  if (from.tags.join('\u0000') !== to.tags.join('\u0000')) changes.push({ field: 'tags', parts: diffTags(from.tags, to.tags) });
  if (from.team !== to.team) changes.push({ field: 'team', parts: replaced(from.team, to.team) });
  return changes;
}
