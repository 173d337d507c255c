// Personal data out of text that becomes shared knowledge: a logged Q&A is read by every agent,
// so the customer's e-mail, phone, card or bank numbers and name must not travel with it.

export interface RedactOptions {
  /** The account's name and its contact's name: replaced by `[account]`. */
  names?: readonly (string | null | undefined)[];
  /** People's names (the requester who filed it): replaced by `[name]`. */
  people?: readonly (string | null | undefined)[];
}

// A local part stops at spaces, brackets, double quotes and Chinese text (no space separates
// `邮箱` from the address that follows it); an apostrophe belongs to it (o'brien@…). It is
// tried only where one can start (the lookbehind), so a long run of text without `@` costs
// one pass, not one per character.
const NOT_LOCAL = `\\s@<>()[\\]\\\\,;:"\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20`;
const EMAIL = new RegExp(`(?<![^${NOT_LOCAL}])[^${NOT_LOCAL}]+@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+\\p{L}{2,}(?![\\p{L}\\p{N}])`, 'gu');

// A run of digit groups with single separators, optionally after `+`; Chinese may touch it,
// Latin letters and digits may not (that is another word: an order code, a case number).
const DIGIT_RUN = /(?<![\p{Script=Latin}\p{N}+])(?:\+ ?)?\(?\d+\)?(?:[ .-]\(?\d+\)?)*(?![\p{Script=Latin}\p{N}])/gu;
const DATE = /^(?:\d{4}[-.]\d{1,2}[-.]\d{1,2}|\d{1,2}[-.]\d{1,2}[-.]\d{4})$/;

/** `[phone]`, `[number]` or the run itself, by its shape. */
function digitRunPlaceholder(run: string): string {
  const digits = run.replace(/\D/g, '');
  if (run.startsWith('+')) return digits.length >= 7 ? '[phone]' : run;
  if (DATE.test(run)) return run;
  // Malaysian 01x-/03- numbers and Singapore 8-digit numbers written 4+4; Chinese mobiles 1[3-9]x, 11 digits.
  if (/^\(?0/.test(run) && digits.length >= 9 && digits.length <= 11) return '[phone]';
  if (/^1[3-9]/.test(digits) && digits.length === 11) return '[phone]';
  if (/^[689]\d{3}[ -]\d{4}$/.test(run)) return '[phone]';
  // Card, bank account and other long numbers identify a person or their money.
  if (digits.length >= 8) return '[number]';
  return run;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORDISH = /[\p{Script=Latin}\p{N}]/u;

/** A pattern for a name as a whole word in Latin script, anywhere in Chinese. */
function namePattern(name: string): string {
  const chars = [...name];
  const before = WORDISH.test(chars[0]!) ? '(?<![\\p{Script=Latin}\\p{N}])' : '';
  const after = WORDISH.test(chars[chars.length - 1]!) ? '(?![\\p{Script=Latin}\\p{N}])' : '';
  return `${before}${escapeRegExp(name).replace(/\s+/g, '\\s+')}${after}`;
}

function replaceNames(text: string, names: readonly (string | null | undefined)[] | undefined, placeholder: string): string {
  const usable = [...new Set((names ?? []).map((n) => n?.trim() ?? '').filter((n) => [...n].length >= 2))];
  if (usable.length === 0) return text;
  // Longest first, so "Chen Store Sdn Bhd" goes whole rather than leaving "Sdn Bhd".
  usable.sort((a, b) => b.length - a.length);
  return text.replace(new RegExp(usable.map(namePattern).join('|'), 'giu'), placeholder);
}

/**
 * The text with e-mail addresses, phone numbers (+60/+86/+65 and local forms), long digit
 * runs (cards, bank accounts) and the given names replaced by placeholders such as `[email]`,
 * `[phone]`, `[number]`, `[account]`, `[name]`. Dates, amounts and short numbers stay.
 */
export function redactPersonalData(text: string, options: RedactOptions = {}): string {
  // An opening quote before the address ('a@b.com') is the text's, not the address's.
  let out = text.replace(EMAIL, (address) => `${/^'+(?!@)/.exec(address)?.[0] ?? ''}[email]`);
  out = replaceNames(out, options.names, '[account]');
  out = replaceNames(out, options.people, '[name]');
  return out.replace(DIGIT_RUN, digitRunPlaceholder);
}
