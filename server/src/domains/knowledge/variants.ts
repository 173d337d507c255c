import type { ArticleTexts, Locale } from '../../db/schema.js';
import { LOCALES } from '../../db/schema.js';
import { searchTokens } from '../../platform/text/search-tokens.js';

/**
 * The rows of article_variants for an article's texts: each language present, with its
 * search keys (title and body apart, so a title match can rank higher). Every writer of
 * articles (API, log Q&A, demo) goes through this, so search sees the same keys.
 */
export function variantRows(articleId: string, texts: ArticleTexts) {
  return LOCALES.flatMap((language: Locale) => {
    const text = texts[language];
    if (!text) return [];
    return [
      {
        article_id: articleId,
        language,
        title: text.title,
        body: text.body,
        title_tokens: searchTokens(text.title),
        body_tokens: searchTokens(text.body),
      },
    ];
  });
}
