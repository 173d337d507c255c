import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { Deps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { loadCaseFor } from '../cases/get-case.js';
import { insertEvent } from '../cases/queries.js';
import { STAFF, authorize } from '../identity/policy.js';
import { auditView, insertArticle } from './create-article.js';
import { articleView } from './get-article.js';
import { KNOWLEDGE_WRITERS } from './policy.js';
import type { ArticleView } from './present.js';
import { qaDraft } from './qa-draft.js';
import * as q from './queries.js';

/**
 * "Log Q&A": a resolved or closed case becomes a draft article in the case's language —
 * question, root cause, resolution and the replies that solved it, cleaned of personal data —
 * linked to the case, for a specialist to edit and send for review.
 */
export async function logQa(deps: Deps, actor: Actor, caseId: string): Promise<ArticleView> {
  authorize(actor, KNOWLEDGE_WRITERS);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const { row } = await loadCaseFor(trx, actor, caseId);
    if (row.status !== 'resolved' && row.status !== 'closed') {
      throw new AppError('case_not_resolved', `${row.number} is ${row.status}; log its Q&A once it is resolved`);
    }
    const replies = await trx
      .selectFrom('case_comments as cc')
      .innerJoin('users as u', 'u.id', 'cc.author_id')
      .select('cc.body')
      .where('cc.case_id', '=', row.id)
      .where('cc.visibility', 'in', ['requester', 'account'])
      .where('u.role', 'in', STAFF)
      .orderBy('cc.created_at')
      .orderBy('cc.id')
      .execute();
    const draft = qaDraft(
      {
        language: row.language,
        title: row.title,
        description: row.description,
        rootCause: row.root_cause_text ? { code: row.root_cause_code, text: row.root_cause_text } : null,
        resolution: row.resolution_summary ? { code: row.resolution_code, summary: row.resolution_summary } : null,
        replies: replies.map((r) => r.body),
      },
      { names: [row.account_name], people: [row.requester_name] },
    );
    const teamId = row.team_id && (await q.serviceTeamExists(trx, row.team_id)) ? row.team_id : null;
    const id = await insertArticle(trx, actor, now, {
      category: row.category_code,
      tags: [],
      team: teamId,
      texts: { [row.language]: draft },
      sourceCaseId: row.id,
    });
    await trx.insertInto('article_case_links').values({ article_id: id, case_id: row.id, linked_by: actor.user?.id ?? null, linked_at: now, helped: null }).execute();
    await q.recountUsage(trx, id);
    const view = await articleView(trx, actor, id);
    await insertEvent(trx, { caseId: row.id, at: now, actorId: actor.user?.id ?? null, kind: 'qa_logged', data: { article: { id, number: view.number } } });
    await recordAudit(trx, actor, now, { action: 'article.qa_logged', entityType: 'article', entityId: id, after: { ...auditView(view), sourceCase: row.number } });
    return view;
  });
}
