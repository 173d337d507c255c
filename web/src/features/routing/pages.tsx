import type { ReactNode } from 'react';
import { RuleEditPage } from './RuleEditPage';
import { RulesPage } from './RulesPage';

/** The routing rule pages: everyone who works cases reads them, leads and admins edit. */
export const ROUTING_PAGES: { path: string; element: ReactNode }[] = [
  { path: 'routing', element: <RulesPage /> },
  { path: 'routing/new', element: <RuleEditPage /> },
  { path: 'routing/:id', element: <RuleEditPage /> },
];
