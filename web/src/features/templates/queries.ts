import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../app/api';
import type { Locale } from '../../app/types';
import type { RenderedTemplate, Template, TemplateFilter, TemplateInput, TemplateVariable } from './types';

const templatesKey = ['templates'] as const;

export function useTemplates(filter: TemplateFilter, enabled = true) {
  return useQuery({
    queryKey: [...templatesKey, filter],
    queryFn: () => api.get<{ items: Template[] }>(`/templates${queryString({ ...filter })}`).then((page) => page.items),
    enabled,
  });
}

export function useTemplateVariables(language: Locale) {
  return useQuery({
    queryKey: [...templatesKey, 'variables', language],
    queryFn: () => api.get<TemplateVariable[]>(`/templates/variables${queryString({ language })}`),
    staleTime: 5 * 60_000,
  });
}

export function useSaveTemplate(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TemplateInput) => (id ? api.patch<Template>(`/templates/${id}`, input) : api.post<Template>('/templates', input)),
    onSuccess: () => client.invalidateQueries({ queryKey: templatesKey }),
  });
}

/** Deactivate (DELETE keeps the template) or switch back on (PATCH active). */
export function useSetTemplateActive() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, active }: { id: string; active: boolean }): Promise<void> => {
      if (active) await api.patch<Template>(`/templates/${id}`, { active: true });
      else await api.delete(`/templates/${id}`);
    },
    onSettled: () => client.invalidateQueries({ queryKey: templatesKey }),
  });
}

/** The server's check of a draft body, with the draft filled in with examples. */
export function usePreviewTemplate() {
  return useMutation({
    mutationFn: (input: { body: string; language: Locale }) => api.post<{ body: string; variables: string[] }>('/templates/preview', input),
  });
}

export function useRenderTemplate(caseId: string) {
  return useMutation({
    mutationFn: (templateId: string) => api.post<RenderedTemplate>(`/cases/${caseId}/templates/${templateId}/render`),
  });
}
