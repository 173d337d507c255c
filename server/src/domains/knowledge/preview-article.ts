import type { Actor } from '../../platform/actor.js';
import { authorize } from '../identity/policy.js';
import { renderMarkdown } from './markdown.js';
import { KNOWLEDGE_WRITERS } from './policy.js';

/** The editor's preview: the same renderer and sanitising as reads. */
export function previewArticle(actor: Actor, body: string): { html: string } {
  authorize(actor, KNOWLEDGE_WRITERS);
  return { html: renderMarkdown(body) };
}
