import type { ArticleStatus } from '../../db/schema.js';

export const ARTICLE_ACTIONS = ['submit', 'publish', 'archive', 'restore'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

// draft → in_review → published → archived; a lead may publish a draft directly, anything may
// be archived, and an archived article comes back as a draft (to be reviewed again).
const MOVES: Record<ArticleAction, { from: readonly ArticleStatus[]; to: ArticleStatus }> = {
  submit: { from: ['draft'], to: 'in_review' },
  publish: { from: ['draft', 'in_review'], to: 'published' },
  archive: { from: ['draft', 'in_review', 'published'], to: 'archived' },
  restore: { from: ['archived'], to: 'draft' },
};

/** The status an action leads to from `from`, or null when the action does not apply there. */
export function nextStatus(from: ArticleStatus, action: ArticleAction): ArticleStatus | null {
  const move = MOVES[action];
  return move.from.includes(from) ? move.to : null;
}
