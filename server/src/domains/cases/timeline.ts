import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { loadCaseFor } from './get-case.js';

export interface TimelineItem {
  id: string;
  at: string;
  kind: string;
  actor: { id: string; displayName: string } | null;
  comment?: { body: string; visibility: string };
  data: Record<string, unknown>;
}

const HANDOFF_KINDS = ['handoff_created', 'handoff_answered', 'handoff_reminded'];
// What a requester sees of the work on their case: the conversation and the outcome.
const REQUESTER_KINDS = ['created', 'status_changed', 'notification_sent', 'merged'];

/** Comments and events of a case as one stream, oldest first, trimmed to what the actor may see. */
export async function caseTimeline(deps: Deps, actor: Actor, caseId: string): Promise<TimelineItem[]> {
  const { row, access } = await loadCaseFor(deps.db, actor, caseId);
  const db = deps.db;
  const comments =
    access === 'partner'
      ? []
      : await db
          .selectFrom('case_comments as cc')
          .leftJoin('users as u', 'u.id', 'cc.author_id')
          .select(['cc.id', 'cc.created_at', 'cc.visibility', 'cc.body', 'u.id as author_id', 'u.display_name'])
          .where('cc.case_id', '=', row.id)
          .$if(access === 'requester', (qb) => qb.where('cc.visibility', '<>', 'internal'))
          .execute();
  const events = await db
    .selectFrom('case_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.data', 'u.id as actor_id', 'u.display_name'])
    .where('e.case_id', '=', row.id)
    .$if(access === 'requester', (qb) => qb.where('e.kind', 'in', REQUESTER_KINDS))
    .$if(access === 'partner', (qb) => qb.where('e.kind', 'in', HANDOFF_KINDS))
    .execute();
  const partnerTeams = new Set(actor.user?.teamIds ?? []);
  const items: TimelineItem[] = [
    ...comments.map((c) => ({
      id: `c${c.id}`,
      at: c.created_at.toISOString(),
      kind: 'comment',
      actor: c.author_id ? { id: c.author_id, displayName: c.display_name ?? '' } : null,
      comment: { body: c.body, visibility: c.visibility },
      data: {},
    })),
    ...events
      // Partners see the handoffs of their own teams only.
      .filter((e) => access !== 'partner' || partnerTeams.has((e.data.team as { id?: string } | undefined)?.id ?? ''))
      .map((e) => ({
        id: `e${e.id}`,
        at: e.at.toISOString(),
        kind: e.kind,
        actor: e.actor_id ? { id: e.actor_id, displayName: e.display_name ?? '' } : null,
        data: e.data,
      })),
  ];
  // Same instant: events of a change come before the comment written with it; then by insertion.
  const rank = (item: TimelineItem) => [item.at, item.id[0] === 'e' ? 0 : 1, Number(item.id.slice(1))] as const;
  return items.sort((a, b) => {
    const [atA, kindA, idA] = rank(a);
    const [atB, kindB, idB] = rank(b);
    return atA.localeCompare(atB) || kindA - kindB || idA - idB;
  });
}
