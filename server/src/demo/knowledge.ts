/**
 * The demo knowledge base: about 60 articles in Chinese, Malay and English (some in one or two
 * of them) written the way the desk's Tier 2 teams document their escalations, with their
 * version history and the demo cases they were used on, plus the desk's response templates.
 * Built in memory from the topics (knowledge-topics-*.ts) and written with multi-row INSERTs
 * inside the demo's transaction, after its cases exist. Deterministic for a seed and now.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { insertRows } from '../db/bulk.js';
import type { Db } from '../db/pool.js';
import type { ArticleStatus, ArticleTexts, Locale } from '../db/schema.js';
import { LOCALES } from '../db/schema.js';
import { variantRows } from '../domains/knowledge/variants.js';
import type { DemoDirectory } from './history.js';
import { DEMO_TEMPLATES } from './knowledge-templates.js';
import { TOPICS_A } from './knowledge-topics-a.js';
import { TOPICS_B } from './knowledge-topics-b.js';
import { DEMO_PEOPLE, type DemoPerson } from './organisation.js';
import { DemoRandom } from './random.js';

/** One language's text of a topic, composed into a Markdown article with headed sections. */
export interface TopicText {
  title: string;
  /** What the desk sees (for a how-to: when to use it). */
  symptom: string;
  /** Why it happens (for a how-to: the background). */
  cause: string;
  steps: string[];
  /** What to tell the account or requester. */
  tell: string;
  escalate: string;
}

export type Audience = 'seller' | 'customer' | 'creator' | 'requester';

export interface KnowledgeTopic {
  key: string;
  /** A category code (second level, or a first level for a whole area); null: the desk's own process. */
  category: string | null;
  /** The owner team (organisation.ts key); null: no team (any publisher). */
  team: string | null;
  audience: Audience;
  kind?: 'howto';
  tags: string[];
  /** Root cause codes of the demo history this article explains: it is linked to those cases. */
  causes?: string[];
  /** Case flags whose cases this article is used on (for process articles). */
  flags?: string[];
  status?: ArticleStatus;
  /** Saved versions; version 1 is the creation. */
  version?: number;
  /** The first language is the one it was written in; the others are translations. */
  texts: Partial<Record<Locale, TopicText>>;
}

export const DEMO_TOPICS: KnowledgeTopic[] = [...TOPICS_A, ...TOPICS_B];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const AUDIENCE: Record<Locale, Record<Audience, string>> = {
  en: { seller: 'the seller', customer: 'the buyer', creator: 'the creator', requester: 'the requester' },
  zh: { seller: '卖家', customer: '买家', creator: '达人', requester: '提交人' },
  ms: { seller: 'penjual', customer: 'pembeli', creator: 'pencipta kandungan', requester: 'peminta' },
};

const HEADINGS: Record<Locale, { symptom: [string, string]; cause: [string, string]; steps: [string, string]; tell: (who: string) => string; escalate: string }> = {
  en: { symptom: ['Symptom', 'When to use this'], cause: ['Cause', 'Background'], steps: ['Steps to resolve', 'Steps'], tell: (who) => `What to tell ${who}`, escalate: 'Escalation' },
  zh: { symptom: ['现象', '适用场景'], cause: ['原因', '背景'], steps: ['处理步骤', '操作步骤'], tell: (who) => `如何答复${who}`, escalate: '升级路径' },
  ms: { symptom: ['Gejala', 'Bila digunakan'], cause: ['Punca', 'Latar belakang'], steps: ['Langkah penyelesaian', 'Langkah'], tell: (who) => `Apa yang perlu dimaklumkan kepada ${who}`, escalate: 'Laluan eskalasi' },
};

/** The Markdown body of one language of a topic; `cut` leaves out that many of the last steps (an earlier version). */
export function composeBody(topic: KnowledgeTopic, language: Locale, cut = 0): string {
  const text = topic.texts[language];
  if (!text) throw new Error(`demo topic ${topic.key} has no ${language} text`);
  const h = HEADINGS[language];
  const i = topic.kind === 'howto' ? 1 : 0;
  const steps = text.steps.slice(0, Math.max(2, text.steps.length - cut));
  return [
    `## ${h.symptom[i]}`,
    text.symptom,
    `## ${h.cause[i]}`,
    text.cause,
    `## ${h.steps[i]}`,
    steps.map((s, n) => `${n + 1}. ${s}`).join('\n'),
    `## ${h.tell(AUDIENCE[language][topic.audience])}`,
    text.tell,
    `## ${h.escalate}`,
    text.escalate,
  ].join('\n\n');
}

export const topicLanguages = (topic: KnowledgeTopic): Locale[] => Object.keys(topic.texts) as Locale[];

/**
 * The texts, tags of an article as saved in `version` (1 … topic.version). Going back from the
 * current one: the last translation was added in the latest edit, steps in the edits before it,
 * and the first version had one tag less.
 */
export function topicVersion(topic: KnowledgeTopic, version: number): { texts: ArticleTexts; tags: string[] } {
  const latest = topic.version ?? 1;
  const back = latest - version;
  let languages = topicLanguages(topic);
  let cut = back;
  if (back >= 1 && languages.length > 1) {
    languages = languages.slice(0, -1);
    cut = back - 1;
  }
  const texts: ArticleTexts = {};
  for (const language of languages) texts[language] = { title: topic.texts[language]!.title, body: composeBody(topic, language, cut) };
  const tags = version === 1 && latest > 1 && topic.tags.length > 2 ? topic.tags.slice(0, -1) : topic.tags;
  return { texts, tags };
}

/** `{{name}}` variables of a template body, each once in order of first use (as saving a template records them). */
export function templateVariables(body: string): string[] {
  return [...new Set([...body.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))];
}

/** The case columns the knowledge loader reads (rows as the history builder made them). */
export interface KnowledgeCase {
  id?: unknown;
  category_code?: unknown;
  language?: unknown;
  status?: unknown;
  root_cause_code?: unknown;
  flags?: unknown;
  assignee_id?: unknown;
  merged_into_id?: unknown;
  created_at?: unknown;
  updated_at?: unknown;
  resolved_at?: unknown;
  closed_at?: unknown;
}

interface CaseRef {
  id: string;
  category: string;
  language: Locale;
  status: string;
  rootCause: string | null;
  flags: string[];
  assigneeId: string | null;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
}

export interface KnowledgeInput {
  now: Date;
  directory: DemoDirectory;
  cases: readonly KnowledgeCase[];
  seed: number;
  newId?: () => string;
}

export interface DemoKnowledge {
  articles: Record<string, unknown>[];
  variants: Record<string, unknown>[];
  versions: Record<string, unknown>[];
  links: Record<string, unknown>[];
  /** The `qa_logged` timeline entries of the cases whose Q&A became an article (numbered by the loader). */
  qaLogged: { case_id: string; at: Date; actor_id: string; article_id: string }[];
  templates: Record<string, unknown>[];
}

const time = (value: unknown): number | null => (value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : null);
const OPEN_WORKED = new Set(['in_progress', 'waiting_requester', 'waiting_partner', 'reopened']);

/** Builds the knowledge rows in memory (article numbers are filled in by the loader, in order of creation). */
export function buildKnowledge(input: KnowledgeInput): DemoKnowledge {
  const rng = new DemoRandom(input.seed ^ 0x6b6e6f77);
  const newId = input.newId ?? randomUUID;
  const nowMs = input.now.getTime();
  const round = (ms: number) => Math.round(ms / MINUTE) * MINUTE;
  const { users, teams } = input.directory;
  const idOf = (p: DemoPerson) => {
    const ref = users.get(p.email);
    if (!ref) throw new Error(`demo knowledge refers to unknown person ${p.email}`);
    return ref.id;
  };
  const fluent = (people: DemoPerson[], language: Locale) => {
    const speak = people.filter((p) => p.languages.includes(language));
    return speak.length ? speak : people;
  };
  const managers = DEMO_PEOPLE.filter((p) => p.role === 'manager' || p.role === 'admin');

  const cases: CaseRef[] = input.cases.flatMap((c) => {
    if (c.merged_into_id) return [];
    return [
      {
        id: String(c.id),
        category: String(c.category_code),
        language: c.language as Locale,
        status: String(c.status),
        rootCause: (c.root_cause_code as string | null | undefined) ?? null,
        flags: (c.flags as string[] | undefined) ?? [],
        assigneeId: (c.assignee_id as string | null | undefined) ?? null,
        createdAt: time(c.created_at)!,
        updatedAt: time(c.updated_at) ?? time(c.created_at)!,
        resolvedAt: time(c.resolved_at),
      },
    ];
  });
  const done = (c: CaseRef) => (c.status === 'resolved' || c.status === 'closed') && c.resolvedAt !== null && c.assigneeId !== null;
  const inCategory = (topic: KnowledgeTopic, c: CaseRef) => topic.category !== null && (c.category === topic.category || c.category.startsWith(`${topic.category}/`));

  const out: DemoKnowledge = { articles: [], variants: [], versions: [], links: [], qaLogged: [], templates: [] };
  const usedSources = new Set<string>();

  for (const topic of DEMO_TOPICS) {
    const id = newId();
    const languages = topicLanguages(topic);
    const original = languages[0]!;
    const status = topic.status ?? 'published';
    const latest = topic.version ?? 1;
    const team = topic.team ? teams.get(topic.team) : undefined;
    if (topic.team && !team) throw new Error(`demo topic ${topic.key} refers to unknown team ${topic.team}`);
    const teamMembers = topic.team ? DEMO_PEOPLE.filter((p) => p.teams.includes(topic.team!) && (p.role === 'specialist' || p.role === 'lead')) : [];
    const writers = teamMembers.length ? teamMembers : DEMO_PEOPLE.filter((p) => p.role === 'qa' || p.role === 'lead' || p.role === 'specialist');
    let author = idOf(rng.pick(fluent(writers, original)));
    const teamLeads = topic.team ? DEMO_PEOPLE.filter((p) => p.role === 'lead' && p.teams.includes(topic.team!)) : [];
    const publisher = idOf(rng.pick(fluent(teamLeads.length && rng.chance(0.75) ? teamLeads : managers, original)));

    // When it was written: the settled ones before the 90 days of case history, the rest since.
    let created: number;
    let sourceCase: CaseRef | undefined;
    if (status === 'archived') created = nowMs - rng.int(240, 330) * DAY;
    else if (status === 'draft') created = nowMs - rng.between(1, 20) * DAY;
    else if (status === 'in_review') created = nowMs - rng.between(4, 30) * DAY;
    else created = nowMs - rng.int(95, 220) * DAY;
    // A few published articles began as a specialist's "Log Q&A" on a resolved case of the history.
    if (status === 'published' && topic.causes && latest === 1 && rng.chance(0.45)) {
      const candidates = cases.filter(
        (c) => done(c) && inCategory(topic, c) && topic.causes!.includes(c.rootCause ?? '') && c.language === original && c.resolvedAt! < nowMs - 45 * DAY && !usedSources.has(c.id),
      );
      if (candidates.length) {
        sourceCase = rng.pick(candidates);
        usedSources.add(sourceCase.id);
        author = sourceCase.assigneeId!;
        created = sourceCase.resolvedAt! + rng.between(2, 72) * HOUR;
      }
    }
    created = round(created);

    let submitted: number | null = null;
    let published: number | null = null;
    let archived: number | null = null;
    if (status !== 'draft') submitted = round(Math.min(created + rng.between(2, 96) * HOUR, nowMs - HOUR));
    if (status === 'published' || status === 'archived') published = round(submitted! + rng.between(1, 48) * HOUR);
    if (status === 'archived') archived = round(nowMs - rng.int(30, 120) * DAY);

    // Versions: 1 at creation; later edits after publication by a publisher, before submission by the author.
    const saves: { at: number; by: string }[] = [{ at: created, by: author }];
    for (let v = 2; v <= latest; v++) {
      const from = published ?? created;
      const until = archived ?? submitted ?? nowMs - HOUR;
      const at = round(from + ((until - from) * (v - 1)) / latest + rng.between(0, 6) * HOUR);
      saves.push({ at: Math.min(at, until), by: published ? publisher : author });
    }
    const last = saves.at(-1)!;
    for (const [i, save] of saves.entries()) {
      const v = topicVersion(topic, i + 1);
      out.versions.push({
        article_id: id,
        version: i + 1,
        variants: v.texts,
        category_code: topic.category,
        tags: v.tags,
        team_id: team?.id ?? null,
        saved_by: save.by,
        saved_at: new Date(save.at),
      });
    }
    const current = topicVersion(topic, latest);
    out.variants.push(...variantRows(id, current.texts));

    // Where it was used: cases of its root causes, its category or its flags, worked while it was published.
    const links: { case_id: string; linked_by: string; linked_at: number; helped: boolean | null }[] = [];
    if (sourceCase) {
      links.push({ case_id: sourceCase.id, linked_by: author, linked_at: created, helped: true });
      out.qaLogged.push({ case_id: sourceCase.id, at: new Date(created), actor_id: author, article_id: id });
    }
    if (published !== null) {
      const end = archived ?? nowMs;
      const readable = (c: CaseRef) => languages.includes(c.language) || (languages.includes('en') && rng.chance(0.25));
      for (const c of cases) {
        if (c.id === sourceCase?.id) continue;
        let rate = 0;
        let helped: Record<'yes' | 'no' | 'unsaid', number> = { yes: 60, no: 10, unsaid: 30 };
        if (topic.causes && inCategory(topic, c) && c.rootCause && topic.causes.includes(c.rootCause)) {
          rate = 0.4;
          helped = { yes: 70, no: 8, unsaid: 22 };
        } else if (topic.flags?.some((f) => c.flags.includes(f))) rate = 0.5;
        else if (!topic.causes && inCategory(topic, c)) {
          rate = 0.06;
          helped = { yes: 45, no: 20, unsaid: 35 };
        }
        if (rate === 0 || !c.assigneeId) continue;
        if (done(c)) {
          if (!rng.chance(rate) || !readable(c)) continue;
          const at = round(Math.max(c.createdAt + 30 * MINUTE, c.resolvedAt! - rng.between(0.2, 6) * HOUR));
          if (at < published || at > end || at > c.resolvedAt!) continue;
          const mark = rng.weighted(helped);
          links.push({ case_id: c.id, linked_by: c.assigneeId, linked_at: at, helped: mark === 'unsaid' ? null : mark === 'yes' });
        } else if (OPEN_WORKED.has(c.status)) {
          // Open cases: linked while being worked, whether it helped not said yet.
          if (!rng.chance(rate / 2) || !readable(c)) continue;
          const at = c.updatedAt;
          if (at < published || at > end) continue;
          links.push({ case_id: c.id, linked_by: c.assigneeId, linked_at: at, helped: null });
        }
      }
    }
    for (const l of links) out.links.push({ article_id: id, case_id: l.case_id, linked_by: l.linked_by, linked_at: new Date(l.linked_at), helped: l.helped });

    const updated = Math.max(last.at, submitted ?? 0, published ?? 0, archived ?? 0);
    out.articles.push({
      id,
      number: null,
      status,
      version: latest,
      category_code: topic.category,
      tags: current.tags,
      team_id: team?.id ?? null,
      source_case_id: sourceCase?.id ?? null,
      created_by: author,
      updated_by: archived !== null || (published !== null && updated === published) ? publisher : last.by,
      submitted_by: submitted !== null ? author : null,
      published_by: published !== null ? publisher : null,
      created_at: new Date(created),
      updated_at: new Date(updated),
      submitted_at: submitted !== null ? new Date(submitted) : null,
      published_at: published !== null ? new Date(published) : null,
      archived_at: archived !== null ? new Date(archived) : null,
      use_count: links.length,
      helped_count: links.filter((l) => l.helped === true).length,
      last_used_at: links.length ? new Date(Math.max(...links.map((l) => l.linked_at))) : null,
    });
  }

  // Templates: written by leads and managers over the months before the case history.
  const publishers = DEMO_PEOPLE.filter((p) => p.role === 'lead' || p.role === 'manager');
  for (const template of DEMO_TEMPLATES) {
    for (const language of LOCALES) {
      const text = template.texts[language];
      if (!text) continue;
      const by = idOf(rng.pick(fluent(publishers, language)));
      const created = round(nowMs - rng.int(100, 200) * DAY);
      const edited = rng.chance(0.3) ? round(created + rng.int(5, 90) * DAY) : created;
      out.templates.push({
        id: newId(),
        name: text.name,
        language,
        category_code: template.category,
        body: text.body,
        variables: templateVariables(text.body),
        active: template.active ?? true,
        created_by: by,
        updated_by: by,
        created_at: new Date(created),
        updated_at: new Date(template.active === false ? Math.max(edited, round(nowMs - rng.int(20, 60) * DAY)) : edited),
      });
    }
  }
  return out;
}

/** Writes the knowledge base and templates (inside the demo's transaction); returns the row counts. */
export async function loadDemoKnowledge(trx: Db, input: KnowledgeInput): Promise<{ articles: number; links: number; templates: number }> {
  const built = buildKnowledge(input);
  // Numbers from the sequence like any new article's, in the order the articles were written.
  const ordered = [...built.articles].sort((a, b) => (a.created_at as Date).getTime() - (b.created_at as Date).getTime());
  const { rows } = await sql<{ n: number }>`SELECT nextval('article_number_seq')::int AS n FROM generate_series(1, ${ordered.length})`.execute(trx);
  const numbers = rows.map((r) => r.n).sort((a, b) => a - b);
  ordered.forEach((article, i) => (article.number = `KB-${String(numbers[i]).padStart(5, '0')}`));
  const numberOf = new Map(ordered.map((a) => [a.id, a.number]));
  await insertRows(trx, 'articles', ordered);
  await insertRows(
    trx,
    'case_events',
    built.qaLogged.map((e) => ({ case_id: e.case_id, at: e.at, actor_id: e.actor_id, kind: 'qa_logged', data: JSON.stringify({ article: { id: e.article_id, number: numberOf.get(e.article_id) } }) })),
  );
  await insertRows(trx, 'article_variants', built.variants);
  await insertRows(trx, 'article_versions', built.versions);
  await insertRows(trx, 'article_case_links', built.links);
  await insertRows(trx, 'response_templates', built.templates);
  return { articles: built.articles.length, links: built.links.length, templates: built.templates.length };
}
