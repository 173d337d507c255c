import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Region } from '../../app/types';
import { useLabels } from '../../i18n/labels';

export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get<{ items: Region[] }>('/regions').then((page) => page.items),
    staleTime: Infinity, // markets change with a release, not during a visit
  });
}

/** Select options for regions, named in the UI language. */
export function useRegionOptions(): { value: string; label: string }[] {
  const { data: regions = [] } = useRegions();
  const labels = useLabels();
  return regions.map((region) => ({ value: region.code, label: labels.region(region.code, region.name) }));
}
