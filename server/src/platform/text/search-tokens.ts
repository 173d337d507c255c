/**
 * Search keys for text in Chinese, Malay and English, indexed as a text[] with GIN.
 * Chinese has no spaces between words, so runs of Han characters become overlapping
 * bigrams (the CJK bigram scheme of Lucene's CJKAnalyzer): any query of two or more Han
 * characters is then found wherever it stands. Latin-script words become lower-case,
 * accent-free words, so Malay and English match by word, case- and accent-insensitively.
 */
const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;
const HAN_CHAR = /\p{Script=Han}/u;
const MARKS = /\p{M}/gu;

/** Lower-case, full-width folded (NFKC) and free of accents. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase().normalize('NFD').replace(MARKS, '').normalize('NFC');
}

function hanBigrams(run: string, out: Set<string>): void {
  const chars = [...run];
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
}

/** The distinct search keys of a text. */
export function searchTokens(text: string): string[] {
  const folded = foldText(text);
  const out = new Set<string>();
  for (const [run] of folded.matchAll(HAN_RUN)) hanBigrams(run, out);
  for (const [word] of folded.replace(HAN_RUN, ' ').matchAll(WORD)) out.add(word);
  return [...out];
}

export interface SearchQuery {
  /** Every key must be present. */
  tokens: string[];
  /** Han fragments that must also appear contiguously (bigrams alone don't guarantee adjacency). */
  phrases: string[];
}

/** Turns what a person typed into keys that all must match; empty when nothing searchable was typed. */
export function parseSearchQuery(q: string): SearchQuery {
  const folded = foldText(q);
  const phrases = [...folded.matchAll(HAN_RUN)].map(([run]) => run).filter((run) => [...run].length >= 2);
  return { tokens: searchTokens(q), phrases };
}

export const hasHan = (text: string) => HAN_CHAR.test(text);
