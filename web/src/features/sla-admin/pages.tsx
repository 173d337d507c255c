import type { ReactNode } from 'react';
import { CalendarEditPage } from './CalendarEditPage';
import { CalendarsPage } from './CalendarsPage';
import { PoliciesPage } from './PoliciesPage';
import { PolicyEditPage } from './PolicyEditPage';

/** The admin pages for business calendars and SLA policies, under /admin (admins only). */
export const SLA_ADMIN_PAGES: { path: string; element: ReactNode }[] = [
  { path: 'admin/calendars', element: <CalendarsPage /> },
  { path: 'admin/calendars/new', element: <CalendarEditPage /> },
  { path: 'admin/calendars/:id', element: <CalendarEditPage /> },
  { path: 'admin/sla-policies', element: <PoliciesPage /> },
  { path: 'admin/sla-policies/new', element: <PolicyEditPage /> },
  { path: 'admin/sla-policies/:id', element: <PolicyEditPage /> },
];
