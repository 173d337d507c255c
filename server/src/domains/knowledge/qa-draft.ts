import type { Locale } from '../../db/schema.js';
import { type RedactOptions, redactPersonalData } from './redact.js';
import { ARTICLE_LIMITS } from './schemas.js';

/** What a resolved case tells the next person: its question, cause, resolution and the replies that solved it. */
export interface CaseQa {
  language: Locale;
  title: string;
  description: string;
  rootCause: { code: string | null; text: string } | null;
  resolution: { code: string | null; summary: string } | null;
  /** Staff replies the requester or the account saw, oldest first. */
  replies: string[];
}

const HEADINGS: Record<Locale, { question: string; rootCause: string; resolution: string; replies: string }> = {
  en: { question: 'Question', rootCause: 'Root cause', resolution: 'Resolution', replies: 'Replies that solved it' },
  zh: { question: '问题', rootCause: '根本原因', resolution: '解决方法', replies: '解决问题的回复' },
  ms: { question: 'Soalan', rootCause: 'Punca masalah', resolution: 'Penyelesaian', replies: 'Balasan yang menyelesaikannya' },
};

// Limits count characters (code points), as the schema does.
const clip = (text: string, max: number) => {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
};
const coded = (code: string | null, text: string) => (code ? `\`${code.replace(/`/g, '')}\` — ${text}` : text);
const quoted = (text: string) => text.split('\n').map((line) => `> ${line}`.trimEnd()).join('\n');

/**
 * The draft article a case's Q&A becomes: its title, and a Markdown body with headed sections
 * in the case's language. Every text is cleaned of personal data first.
 */
export function qaDraft(qa: CaseQa, redact: RedactOptions): { title: string; body: string } {
  const clean = (text: string) => redactPersonalData(text.trim(), redact);
  const h = HEADINGS[qa.language];
  const sections = [`## ${h.question}\n\n${clean(qa.description)}`];
  if (qa.rootCause) sections.push(`## ${h.rootCause}\n\n${coded(qa.rootCause.code, clean(qa.rootCause.text))}`);
  if (qa.resolution) sections.push(`## ${h.resolution}\n\n${coded(qa.resolution.code, clean(qa.resolution.summary))}`);
  const replies = qa.replies.map(clean).filter((r) => r !== '');
  if (replies.length) sections.push(`## ${h.replies}\n\n${replies.map(quoted).join('\n\n')}`);
  return { title: clip(clean(qa.title), ARTICLE_LIMITS.title), body: clip(sections.join('\n\n') + '\n', ARTICLE_LIMITS.body) };
}
