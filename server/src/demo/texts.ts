import type { AccountType, Locale } from '../db/schema.js';
import { COMMON_EN, TEXT_EN } from './texts-en.js';
import { COMMON_MS, TEXT_MS } from './texts-ms.js';
import { COMMON_ZH, TEXT_ZH } from './texts-zh.js';

/** The categories the demo history uses (the default taxonomy's second level). */
export const DEMO_CATEGORIES = [
  'payments/withdrawal-delayed',
  'payments/payout-hold',
  'listing/removed',
  'listing/counterfeit-claim',
  'account/suspension-appeal',
  'account/verification',
  'order/logistics',
  'order/refund-dispute',
  'creator/commission',
  'creator/live-violation',
] as const;
export type DemoCategory = (typeof DEMO_CATEGORIES)[number];

export interface Outcome {
  rootCauseCode: string;
  rootCause: string;
  resolutionCode: string;
  resolution: string;
  /** What the specialist tells the requester when resolving. */
  reply: string;
}

/** Pieces a case of one category is composed from, in one language. */
export interface CategoryText {
  titles: string[];
  openings: string[];
  details: string[];
  asks: string[];
  infoRequests: string[];
  infoReplies: string[];
  /** [question to the partner department, its answer] */
  handoffs: [string, string][];
  outcomes: Outcome[];
}

/** Pieces shared by every category, in one language. */
export interface CommonText {
  firstReplies: string[];
  confirmations: string[];
  reopenReasons: string[];
  handoffNotes: string[];
  partnerAnsweredNotes: string[];
  accountMessages: string[];
  legalThreat: string[];
  mediaThreat: string[];
  regulatorThreat: string[];
  repeatNotes: string[];
  internalNotes: string[];
  mergeReasons: string[];
  /** What a Malaysian or Singaporean account said in their own words, quoted in a text of another language. */
  quotes: string[];
  typeNames: Record<AccountType, string>;
}

export const TEXTS: Record<Locale, Record<DemoCategory, CategoryText>> = { en: TEXT_EN, ms: TEXT_MS, zh: TEXT_ZH };
export const COMMON: Record<Locale, CommonText> = { en: COMMON_EN, ms: COMMON_MS, zh: COMMON_ZH };

/** Fills `{name}` placeholders; an unknown name is a bug in the pieces, so it throws. */
export function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`demo text uses {${name}} which has no value`);
    return value;
  });
}

/** Joins sentences the way the language writes them: Chinese needs no spaces between sentences. */
export function joinSentences(language: Locale, sentences: string[]): string {
  return sentences.filter(Boolean).join(language === 'zh' ? '' : ' ');
}
