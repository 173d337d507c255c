import type { ReactNode } from 'react';
import { ArticleEditPage } from './ArticleEditPage';
import { ArticlePage } from './ArticlePage';
import { KnowledgePage } from './KnowledgePage';

/** The knowledge pages: everyone but partners reads; writing is checked on each page by ability. */
export const KNOWLEDGE_PAGES: { path: string; element: ReactNode }[] = [
  { path: 'knowledge', element: <KnowledgePage /> },
  { path: 'knowledge/new', element: <ArticleEditPage /> },
  { path: 'knowledge/:id', element: <ArticlePage /> },
  { path: 'knowledge/:id/edit', element: <ArticleEditPage /> },
];
