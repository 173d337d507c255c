import { ROLES, type ArticleRow, type ArticleStatus, type Role } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { PUBLISHERS, STAFF } from '../identity/policy.js';
import { type ArticleAction, nextStatus } from './lifecycle.js';

/** Everyone but partner departments reads published knowledge (requesters are Tier 1 agents). */
export const KNOWLEDGE_READERS: readonly Role[] = ROLES.filter((r) => r !== 'partner');
/** Who reads drafts, writes articles, logs Q&A and links articles to cases. */
export const KNOWLEDGE_WRITERS = STAFF;
/** Who publishes, archives and restores (leads: their own teams' articles and unowned ones). */
export const KNOWLEDGE_PUBLISHERS = PUBLISHERS;

const roleOf = (actor: Actor): Role | 'system' => actor.user?.role ?? 'system';

/** Staff (and the CLI/system) see every status; everyone else only published articles. */
export function isStaff(actor: Actor): boolean {
  const r = roleOf(actor);
  return r === 'system' || STAFF.includes(r);
}

export function mayRead(actor: Actor, status: ArticleStatus): boolean {
  return status === 'published' || isStaff(actor);
}

/** Publishing rights over one article: managers and admins any; leads their teams' and unowned ones. */
export function mayPublish(actor: Actor, article: Pick<ArticleRow, 'team_id'>): boolean {
  const r = roleOf(actor);
  if (r === 'system') return true;
  if (!PUBLISHERS.includes(r)) return false;
  if (r !== 'lead') return true;
  return article.team_id === null || actor.user!.teamIds.includes(article.team_id);
}

/** Throws unless the actor may edit the article as it stands (archived: nobody; published: publishers). */
export function requireEditable(actor: Actor, article: Pick<ArticleRow, 'status' | 'team_id'>): void {
  if (!isStaff(actor)) throw new AppError('forbidden', 'your role may not edit articles');
  if (article.status === 'archived') throw new AppError('article_archived', 'an archived article is read-only; restore it first');
  if (article.status === 'published' && !mayPublish(actor, article)) {
    throw new AppError('forbidden', 'only a publisher of this article may edit it once published');
  }
}

/** Throws unless the actor may take the action (who), then unless the status allows it (what). */
export function requireAction(actor: Actor, article: Pick<ArticleRow, 'status' | 'team_id'>, action: ArticleAction): ArticleStatus {
  const allowed = action === 'submit' ? isStaff(actor) : mayPublish(actor, article);
  if (!allowed) throw new AppError('forbidden', `your role may not ${action} this article`);
  const to = nextStatus(article.status, action);
  if (!to) throw new AppError('invalid_transition', `a ${article.status} article cannot be ${action === 'submit' ? 'submitted' : `${action}d`}`);
  return to;
}

/** What the UI may offer on this article; computed here so the client never re-derives it. */
export function articleAbilities(actor: Actor, article: Pick<ArticleRow, 'status' | 'team_id'>) {
  const staff = isStaff(actor);
  const publisher = mayPublish(actor, article);
  const can = (action: ArticleAction) => (action === 'submit' ? staff : publisher) && nextStatus(article.status, action) !== null;
  return {
    edit: staff && article.status !== 'archived' && (article.status !== 'published' || publisher),
    submit: can('submit'),
    publish: can('publish'),
    archive: can('archive'),
    restore: can('restore'),
    history: staff,
  };
}
