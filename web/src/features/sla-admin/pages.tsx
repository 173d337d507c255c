import type { ReactNode } from 'react';
import { CalendarEditPage } from './CalendarEditPage';
import { CalendarsPage } from './CalendarsPage';

/** The admin pages for business calendars and SLA policies, under /admin (admins only). */
export const SLA_ADMIN_PAGES: { path: string; element: ReactNode }[] = [
  { path: 'admin/calendars', element: <CalendarsPage /> },
  { path: 'admin/calendars/new', element: <CalendarEditPage /> },
  { path: 'admin/calendars/:id', element: <CalendarEditPage /> },
];
