import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../i18n/labels';
import { useCategories } from './queries';
import type { Category } from './types';

interface OptionGroup {
  group: string;
  items: { value: string; label: string }[];
}

/**
 * Categories as grouped select options in the UI language: each root is a group of its
 * second-level categories. `roots` adds "all of <root>" (the list filters by prefix);
 * intake offers only active second-level categories.
 */
export function useCategoryOptions({ roots = false, include }: { roots?: boolean; include?: string } = {}): OptionGroup[] {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data: categories = [] } = useCategories();
  return useMemo(() => {
    const byPosition = [...categories].sort((a, b) => a.position - b.position);
    return byPosition
      .filter((root) => root.parentCode === null)
      .map((root) => {
        const rootLabel = labels.pick(root.labels, root.code);
        const children = byPosition
          .filter((child) => child.parentCode === root.code && (roots || child.active || child.code === include))
          .map((child) => ({ value: child.code, label: labels.pick(child.labels, child.code) }));
        const all = roots ? [{ value: root.code, label: t('cases.filter.allOf', { category: rootLabel }) }] : [];
        return { group: rootLabel, items: [...all, ...children] };
      })
      .filter((group) => group.items.length > 0);
  }, [categories, labels, roots, include, t]);
}

export function findCategory(categories: Category[] | undefined, code: string | null): Category | undefined {
  return code ? categories?.find((category) => category.code === code) : undefined;
}
