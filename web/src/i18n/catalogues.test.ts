import { describe, expect, it } from 'vitest';
import { KNOWN_REGIONS, ROLES, TEAM_KINDS, WORKING_LANGUAGES } from '../app/types';
import {
  ACCOUNT_TIERS,
  ACCOUNT_TYPES,
  CASE_FLAGS,
  CASE_SOURCES,
  CASE_STATUSES,
  HANDOFF_STATUSES,
  LINK_KINDS,
  PRIORITIES,
  VISIBILITIES,
} from '../features/cases/types';
import en from './en.json';
import ms from './ms.json';
import zh from './zh.json';

type Catalogue = { [key: string]: string | Catalogue };
const catalogues: Record<string, Catalogue> = { en, zh, ms };

/** Every leaf as [dotted.key, text]. */
function leaves(catalogue: Catalogue, prefix = ''): [string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

// The UI's own source, read as text through Vite so the test needs no file-system access.
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Keys passed literally to t('…'); template keys (`role.${role}`) are checked below by domain list. */
function literalKeys(source: string): string[] {
  return [...source.matchAll(/\bt\(\s*(['"`])([^'"`$]+?)\1/g)].map((match) => match[2] as string);
}

describe('translation catalogues', () => {
  const english = new Map(leaves(en));

  it.each(['zh', 'ms'])('%s has exactly the English keys', (language) => {
    const keys = leaves(catalogues[language] as Catalogue).map(([key]) => key);
    expect(keys.sort()).toEqual([...english.keys()].sort());
  });

  it.each(Object.keys(catalogues))('%s has no empty texts', (language) => {
    const empty = leaves(catalogues[language] as Catalogue).filter(([, text]) => text.trim() === '');
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it.each(['zh', 'ms'])('%s uses the same {{placeholders}} as English', (language) => {
    const mismatched = leaves(catalogues[language] as Catalogue)
      .filter(([key, text]) => placeholders(text).join() !== placeholders(english.get(key) ?? '').join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('finds the UI source to scan', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(10);
  });

  it('has every key the source passes to t()', () => {
    const missing = Object.entries(sources).flatMap(([file, source]) =>
      literalKeys(source)
        .filter((key) => !english.has(key))
        .map((key) => `${file}: ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('names every role, team kind, known region and working language', () => {
    const needed = [
      ...ROLES.map((role) => `role.${role}`),
      ...TEAM_KINDS.map((kind) => `teamKind.${kind}`),
      ...KNOWN_REGIONS.map((region) => `region.${region}`),
      ...WORKING_LANGUAGES.map((language) => `workingLanguage.${language}`),
    ];
    expect(needed.filter((key) => !english.has(key))).toEqual([]);
  });

  it('names every case status, priority, flag, source, visibility, account type, tier and link kind', () => {
    const needed = [
      ...CASE_STATUSES.map((status) => `caseStatus.${status}`),
      ...PRIORITIES.map((priority) => `priority.${priority}`),
      ...CASE_FLAGS.map((flag) => `caseFlag.${flag}`),
      ...CASE_SOURCES.map((source) => `source.${source}`),
      ...VISIBILITIES.map((visibility) => `visibility.${visibility}`),
      ...ACCOUNT_TYPES.map((type) => `accountType.${type}`),
      ...ACCOUNT_TIERS.map((tier) => `tier.${tier}`),
      ...HANDOFF_STATUSES.map((status) => `handoffStatus.${status}`),
      ...LINK_KINDS.map((kind) => `links.role.${kind}`),
      ...['case_resolved', 'handoff_assigned', 'handoff_answered', 'handoff_overdue'].flatMap((kind) => [
        `notifications.kind.${kind}`,
        `notificationReason.${kind}`,
      ]),
    ];
    expect(needed.filter((key) => !english.has(key))).toEqual([]);
  });
});
