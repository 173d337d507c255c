import { createHash } from 'node:crypto';
import type { AccountTier, AccountType, CaseSource, Locale, Priority } from '../../db/schema.js';
import type { CaseStatus } from '../cases/status-machine.js';
import type { ColumnIndexes, ImportField } from './column-map.js';
import {
  ACCOUNT_TIER_NAMES,
  ACCOUNT_TYPE_NAMES,
  LANGUAGE_NAMES,
  PRIORITY_NAMES,
  SOURCE_NAMES,
  STATUS_NAMES,
  lookupName,
  nameKey,
} from './value-names.js';

/** One complaint about one cell; `row` counts as a spreadsheet does (the header is row 1). */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** What the database already holds, for resolving names in the file; loaded once per import. */
export interface Directory {
  /** By code and by every label (nameKey): the code and whether it is a second-level category. */
  categories: Map<string, { code: string; leaf: boolean }>;
  /** By nameKey(name). */
  teams: Map<string, { id: string; kind: 'service' | 'partner' }>;
  /** By lower-case e-mail and by nameKey(display name); `ambiguous` when two people share a name. */
  users: Map<string, { id: string; role: string } | 'ambiguous'>;
  regions: Set<string>;
}

/** A reference to something that exists, or that the import would create. */
export type Ref = { id: string } | { create: string };

export interface NewCategory {
  code: string;
  parentCode: string;
  label: string;
}
export interface NewAgent {
  email: string;
  displayName: string;
}

/** A row that passed validation, ready to be written. */
export interface ImportedCase {
  row: number;
  externalId: string;
  title: string;
  description: string;
  categoryCode: string;
  status: CaseStatus;
  priority: Priority;
  source: CaseSource;
  language: Locale | null;
  csat: number | null;
  team: Ref | null;
  assignee: Ref | null;
  createdAt: Date | null;
  firstResponseAt: Date | null;
  firstResponseMinutes: number | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  account: {
    type: AccountType;
    externalId: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    region: string | null;
    tier: AccountTier | null;
  };
}

export interface MapOptions {
  createMissing: boolean;
  /** Timestamps after this are refused (a history import cannot contain the future). */
  now: Date;
}

/** What a row needs created (only with createMissing); merged across rows by the caller. */
export interface Creations {
  categories: NewCategory[];
  /** Team names as the file spells them. */
  teams: string[];
  agents: NewAgent[];
}

export const IMPORTED_ROOT = 'imported';
const CATEGORY_CODE = /^[a-z0-9-]+\/[a-z0-9-]+$/;
const ROOT_CODE = /^[a-z0-9-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+0-9 ()-]{3,40}$/;
// 2024-03-01, 2024-03-01 09:30, 2024-03-01T09:30:15.123+08:00, 2024/03/01 09:30:15Z
const TIMESTAMP = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const LIMITS: Partial<Record<ImportField, number>> = {
  externalId: 120,
  title: 300,
  description: 50_000,
  accountExternalId: 120,
  accountName: 200,
  accountEmail: 254,
  team: 100,
  assignee: 254,
  category: 120,
};

/**
 * A timestamp as helpdesks export it: ISO 8601 or `YYYY-MM-DD[ HH:MM[:SS]]` with `-` or `/`.
 * Without a zone it is UTC. Day-first and month-first dates are refused: they are ambiguous.
 */
export function parseTimestamp(text: string): Date | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Math.round(Number(`0.${frac}`) * 1000));
  const check = new Date(ms);
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +s > 59) return null;
  if (!zone || zone.toUpperCase() === 'Z') return check;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = (+digits.slice(0, 2) * 60 + +digits.slice(2)) * sign;
  return new Date(ms - offset * 60_000);
}

/** A code for a category the file names but the taxonomy lacks: its own code if it is one, else `imported/<slug>`. */
export function newCategoryFor(value: string): NewCategory {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  if (CATEGORY_CODE.test(lower)) return { code: lower, parentCode: lower.split('/')[0]!, label: trimmed };
  let slug = lower.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  // Names in Chinese (or anything without Latin letters) still need a stable code.
  if (!slug || slug.length < trimmed.length / 3) slug = `${slug ? `${slug}-` : ''}${createHash('sha256').update(trimmed).digest('hex').slice(0, 8)}`;
  return { code: `${IMPORTED_ROOT}/${slug}`, parentCode: IMPORTED_ROOT, label: trimmed };
}

/** An inactive agent for a name or e-mail the directory lacks; a name gets an unroutable address. */
export function newAgentFor(value: string): NewAgent {
  const trimmed = value.trim();
  if (EMAIL.test(trimmed)) return { email: trimmed.toLowerCase(), displayName: trimmed.split('@')[0]! };
  const slug = trimmed.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '.').replace(/^\.+|\.+$/g, '').slice(0, 40);
  const hash = createHash('sha256').update(nameKey(trimmed)).digest('hex').slice(0, 6);
  return { email: `${slug ? `${slug}.` : ''}${hash}@imported.invalid`, displayName: trimmed };
}

/**
 * Turns one CSV record into a case to write, or the reasons it can't be one. Pure: names
 * are resolved against `directory`; what would have to be created is returned in `creates`
 * (only with `createMissing`; otherwise an unknown name is an error).
 */
export function mapRow(
  cells: readonly (string | undefined)[],
  columns: ColumnIndexes,
  row: number,
  directory: Directory,
  options: MapOptions,
): { value: ImportedCase | null; errors: RowError[]; creates: Creations } {
  const errors: RowError[] = [];
  const creations: Creations = { categories: [], teams: [], agents: [] };
  const error = (field: string, message: string) => errors.push({ row, field, message });
  // Blank cells are "not given"; a NUL can't be stored in PostgreSQL text, so it is an error, not a crash.
  const cell = (field: ImportField): string | null => {
    const at = columns[field];
    const raw = at === undefined ? undefined : cells[at];
    if (raw === undefined) return null;
    if (raw.includes('\u0000')) {
      error(field, 'must not contain NUL characters');
      return null;
    }
    const text = field === 'description' ? raw : raw.trim();
    if (text.trim() === '') return null;
    const limit = LIMITS[field];
    if (limit !== undefined && [...text].length > limit) {
      error(field, `is longer than ${limit} characters`);
      return null;
    }
    return text;
  };
  const named = <T>(field: ImportField, table: Record<string, T>, what: string): T | null => {
    const text = cell(field);
    if (text === null) return null;
    const found = lookupName(table, text);
    if (found === undefined) error(field, `"${text}" is not a known ${what} (known: ${[...new Set(Object.values(table))].join(', ')})`);
    return found ?? null;
  };
  const time = (field: ImportField): Date | null => {
    const text = cell(field);
    if (text === null) return null;
    const at = parseTimestamp(text);
    if (!at) error(field, `"${text}" is not a timestamp; use YYYY-MM-DD HH:MM[:SS] (UTC) or ISO 8601 with a zone`);
    else if (at > options.now) error(field, `${at.toISOString()} is in the future`);
    return at;
  };

  const externalId = cell('externalId');
  if (externalId === null && !errors.some((e) => e.field === 'externalId')) error('externalId', 'is required (it is the key that makes re-imports update)');

  const description = cell('description') ?? '';
  let title = cell('title');
  // Exports often leave the subject empty; the first line of the description stands in.
  if (title === null) {
    const firstLine = description.trim().split('\n')[0]!.trim();
    title = firstLine ? [...firstLine].slice(0, 120).join('') : externalId ? `Imported case ${externalId}` : null;
  }

  const createdAt = time('createdAt');
  const firstResponseAt = time('firstResponseAt');
  const resolvedAt = time('resolvedAt');
  const closedAt = time('closedAt');
  let firstResponseMinutes: number | null = null;
  const minutesText = cell('firstResponseMinutes');
  if (minutesText !== null) {
    const minutes = Number(minutesText);
    if (!Number.isFinite(minutes) || minutes < 0 || minutes > 10 * 365 * 24 * 60) error('firstResponseMinutes', `"${minutesText}" is not a number of minutes`);
    else firstResponseMinutes = minutes;
  }
  for (const [field, at] of [['firstResponseAt', firstResponseAt], ['resolvedAt', resolvedAt], ['closedAt', closedAt]] as const) {
    if (at && createdAt && at < createdAt) error(field, `${at.toISOString()} is before createdAt ${createdAt.toISOString()}`);
  }
  if (resolvedAt && closedAt && closedAt < resolvedAt) error('closedAt', `${closedAt.toISOString()} is before resolvedAt ${resolvedAt.toISOString()}`);

  const status = named('status', STATUS_NAMES, 'status');
  const priority = named('priority', PRIORITY_NAMES, 'priority');
  const source = named('source', SOURCE_NAMES, 'source');
  const language = named('language', LANGUAGE_NAMES, 'language');

  let csat: number | null = null;
  const csatText = cell('csat');
  if (csatText !== null) {
    const score = Number(csatText);
    if (!Number.isInteger(score) || score < 1 || score > 5) error('csat', `"${csatText}" is not a score from 1 to 5`);
    else csat = score;
  }

  const categoryCode = resolveCategory(cell('category'), directory, options, creations, error);
  const team = resolveTeam(cell('team'), directory, options, creations, error);
  const assignee = resolveAssignee(cell('assignee'), directory, options, creations, error);

  let region = cell('region');
  if (region !== null) {
    region = region.toUpperCase();
    if (!directory.regions.has(region)) error('region', `"${region}" is not a region (known: ${[...directory.regions].join(', ')})`);
  }
  const accountType = named('accountType', ACCOUNT_TYPE_NAMES, 'account type');
  const accountTier = named('accountTier', ACCOUNT_TIER_NAMES, 'account tier');
  const accountEmail = cell('accountEmail');
  if (accountEmail !== null && !EMAIL.test(accountEmail)) error('accountEmail', `"${accountEmail}" is not an e-mail address`);
  const accountPhone = cell('accountPhone');
  if (accountPhone !== null && !PHONE.test(accountPhone)) error('accountPhone', `"${accountPhone}" is not a phone number`);
  // Without an account id, the account's e-mail identifies it (exports of end-user helpdesks have only that).
  const accountExternalId = cell('accountExternalId') ?? accountEmail?.toLowerCase() ?? null;
  if (accountExternalId === null && !errors.some((e) => e.field === 'accountExternalId' || e.field === 'accountEmail')) {
    error('accountExternalId', 'is required (map accountExternalId or accountEmail)');
  }

  if (errors.length || externalId === null || title === null || categoryCode === null || accountExternalId === null) {
    return { value: null, errors, creates: creations };
  }
  const finalStatus = status ?? (closedAt ? 'closed' : resolvedAt ? 'resolved' : 'new');
  const done = finalStatus === 'resolved' || finalStatus === 'closed';
  return {
    value: {
      row,
      externalId,
      title,
      description,
      categoryCode,
      status: finalStatus,
      priority: priority ?? 'P3',
      source: source ?? 'import',
      language,
      csat,
      team,
      assignee,
      createdAt,
      firstResponseAt,
      firstResponseMinutes,
      // A closed case was resolved when it closed, if the file says no more.
      resolvedAt: resolvedAt ?? (done ? closedAt : null),
      closedAt: finalStatus === 'closed' ? (closedAt ?? resolvedAt) : closedAt,
      account: {
        type: accountType ?? 'customer',
        externalId: accountExternalId,
        name: cell('accountName'),
        email: accountEmail,
        phone: accountPhone,
        region,
        tier: accountTier,
      },
    },
    errors,
    creates: creations,
  };
}

type Complain = (field: string, message: string) => void;

function resolveCategory(value: string | null, directory: Directory, options: MapOptions, creations: Creations, error: Complain): string | null {
  if (value === null) {
    error('category', 'is required');
    return null;
  }
  const found = directory.categories.get(value.toLowerCase()) ?? directory.categories.get(nameKey(value));
  if (found) {
    if (!found.leaf) error('category', `"${value}" is a top-level category; a case needs a second-level one (${found.code}/…)`);
    return found.leaf ? found.code : null;
  }
  const planned = newCategoryFor(value);
  const existing = directory.categories.get(planned.code);
  if (existing?.leaf) return existing.code;
  if (!options.createMissing) {
    error('category', `"${value}" is not a category (import with create-missing to create ${planned.code})`);
    return null;
  }
  if (!ROOT_CODE.test(planned.parentCode)) {
    error('category', `"${value}" cannot become a category code`);
    return null;
  }
  creations.categories.push(planned);
  return planned.code;
}

function resolveTeam(value: string | null, directory: Directory, options: MapOptions, creations: Creations, error: Complain): Ref | null {
  if (value === null) return null;
  const found = directory.teams.get(nameKey(value));
  if (found) {
    if (found.kind !== 'service') error('team', `"${value}" is a partner department, not a service team`);
    return { id: found.id };
  }
  if (!options.createMissing) {
    error('team', `"${value}" is not a team (import with create-missing to create it)`);
    return null;
  }
  creations.teams.push(value);
  return { create: nameKey(value) };
}

const WORKER_ROLES = new Set(['specialist', 'lead', 'manager', 'admin']);

function resolveAssignee(value: string | null, directory: Directory, options: MapOptions, creations: Creations, error: Complain): Ref | null {
  if (value === null) return null;
  const found = directory.users.get(value.toLowerCase()) ?? directory.users.get(nameKey(value));
  if (found === 'ambiguous') {
    error('assignee', `"${value}" is the name of more than one person; use the e-mail address`);
    return null;
  }
  if (found) {
    if (!WORKER_ROLES.has(found.role)) error('assignee', `"${value}" is a ${found.role}, not someone who works cases`);
    return { id: found.id };
  }
  const agent = newAgentFor(value);
  const byPlannedEmail = directory.users.get(agent.email);
  if (byPlannedEmail && byPlannedEmail !== 'ambiguous') return { id: byPlannedEmail.id };
  if (!options.createMissing) {
    error('assignee', `"${value}" is not a known agent (import with create-missing to add them as an inactive specialist)`);
    return null;
  }
  creations.agents.push(agent);
  return { create: agent.email };
}
