import { foldText } from '../../platform/text/search-tokens.js';

/**
 * Snippets and highlights for search results (pure). Matching follows the search keys of
 * `platform/text/search-tokens.ts`: Latin words whole after folding (case, accents, full
 * width), Han fragments as typed, anywhere. Offsets are UTF-16 positions in the original
 * text, so the UI can slice the string it was sent.
 */

/** [start, end) in UTF-16 code units. */
export type Range = [number, number];

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
// A Latin (non-Han) word: the same characters searchTokens takes as a word.
const WORD = /(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** What a query highlights: folded words, and Han fragments as typed (folded). */
export interface HighlightTerms {
  words: Set<string>;
  han: string[];
}

export function highlightTerms(query: string): HighlightTerms {
  const folded = foldText(query);
  const han = [...new Set([...folded.matchAll(HAN_RUN)].map(([run]) => run))];
  const words = new Set([...folded.replace(HAN_RUN, ' ').matchAll(WORD)].map(([w]) => w));
  return { words, han };
}

interface FoldedText {
  text: string;
  /** For each UTF-16 unit of `text`, the original range it came from. */
  starts: number[];
  ends: number[];
}

/** foldText code point by code point, remembering where each folded unit came from. */
export function foldWithOffsets(original: string): FoldedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  let previousUnits = 0;
  for (const cp of original) {
    const folded = foldText(cp);
    if (folded.length === 0) {
      // A combining mark folds away; it belongs to the letter before it.
      for (let k = ends.length - previousUnits; k < ends.length; k++) ends[k] = at + cp.length;
    } else {
      for (let k = 0; k < folded.length; k++) {
        starts.push(at);
        ends.push(at + cp.length);
      }
      previousUnits = folded.length;
    }
    text += folded;
    at += cp.length;
  }
  return { text, starts, ends };
}

/** Sorted, non-overlapping ranges. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Where the query's words and Han fragments occur in a text (UTF-16 ranges, merged). */
export function findMatches(text: string, terms: HighlightTerms): Range[] {
  if (terms.words.size === 0 && terms.han.length === 0) return [];
  const folded = foldWithOffsets(text);
  const found: Range[] = [];
  const toOriginal = (s: number, e: number): Range => [folded.starts[s]!, folded.ends[e - 1]!];
  if (terms.words.size > 0) {
    for (const m of folded.text.matchAll(WORD)) {
      if (terms.words.has(m[0])) found.push(toOriginal(m.index, m.index + m[0].length));
    }
  }
  for (const fragment of terms.han) {
    for (let i = folded.text.indexOf(fragment); i >= 0; i = folded.text.indexOf(fragment, i + 1)) {
      found.push(toOriginal(i, i + fragment.length));
    }
  }
  return mergeRanges(found);
}

/** Markdown to the plain text a snippet shows: no heading marks, emphasis, link targets or code fences. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/^```.*$/gm, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|\*|`)/g, '');
}

export interface Snippet {
  snippet: string;
  highlights: Range[];
}

const ELLIPSIS = '…';

const isWordChar = (ch: string | undefined) => ch !== undefined && WORD_CHAR.test(ch) && !HAN.test(ch);
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * A window of at most `max` characters (plus ellipses) around the first match, cut between
 * words, with the highlights inside it. Whitespace runs become one space.
 */
export function makeSnippet(text: string, terms: HighlightTerms, max = 200): Snippet {
  const plain = text.replace(/\s+/g, ' ').trim();
  if (plain.length <= max) return { snippet: plain, highlights: findMatches(plain, terms) };
  const first = findMatches(plain, terms)[0];
  // Some context before the first match, so the reader sees what it is about.
  let start = first ? Math.max(0, Math.min(first[0] - Math.floor(max / 4), plain.length - max)) : 0;
  let end = Math.min(plain.length, start + max);
  // Never cut a Latin word in two (a cut word could be highlighted as if it were whole).
  while (start > 0 && start < (first?.[0] ?? end) && isWordChar(plain[start - 1]) && isWordChar(plain[start])) start++;
  while (end < plain.length && end > start && isWordChar(plain[end - 1]) && isWordChar(plain[end])) end--;
  // One word longer than the window: cut it after all.
  if (end <= start) end = Math.min(plain.length, start + max);
  if (start > 0 && isLowSurrogate(plain.charCodeAt(start))) start++;
  if (end < plain.length && isLowSurrogate(plain.charCodeAt(end))) end--;
  const body = plain.slice(start, end).trim();
  const snippet = (start > 0 ? ELLIPSIS : '') + body + (end < plain.length ? ELLIPSIS : '');
  return { snippet, highlights: findMatches(snippet, terms) };
}
