import type { Role } from '../src/db/schema.js';

/**
 * Who may call each operation of the API. access-matrix.test.ts calls every operation in
 * the OpenAPI document as every role (and anonymously) and fails when the server disagrees
 * with this table, or when an operation has no row here. Add a row with every new route.
 */
export const ACCESS_MATRIX: Record<string, 'public' | 'signed-in' | Role[]> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'signed-in',
  'GET /api/v1/me': 'signed-in',
  'PATCH /api/v1/me': 'signed-in',
  'GET /api/v1/regions': 'signed-in',
  'GET /api/v1/users': ['specialist', 'lead', 'qa', 'manager', 'admin'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/{id}': ['admin'],
  'GET /api/v1/teams': ['specialist', 'lead', 'qa', 'manager', 'admin'],
  'POST /api/v1/teams': ['admin'],
  'PATCH /api/v1/teams/{id}': ['admin'],
  'GET /api/v1/tokens': 'signed-in',
  'POST /api/v1/tokens': 'signed-in',
  'DELETE /api/v1/tokens/{id}': 'signed-in',
  'GET /api/v1/categories': 'signed-in',
  'POST /api/v1/categories': ['admin'],
  'PATCH /api/v1/categories/{code}': ['admin'],
  'POST /api/v1/cases': ['requester', 'specialist', 'lead', 'manager', 'admin'],
  'GET /api/v1/cases': 'signed-in',
  'GET /api/v1/cases/{id}': 'signed-in',
  'PATCH /api/v1/cases/{id}': 'signed-in',
  'POST /api/v1/cases/{id}/transitions': 'signed-in',
  'POST /api/v1/cases/{id}/comments': 'signed-in',
  'GET /api/v1/cases/{id}/timeline': 'signed-in',
  'GET /api/v1/cases/{id}/links': 'signed-in',
  'POST /api/v1/cases/{id}/links': ['specialist', 'lead', 'manager', 'admin'],
  'POST /api/v1/cases/{id}/merge': ['specialist', 'lead', 'manager', 'admin'],
  'POST /api/v1/cases/{id}/handoffs': ['specialist', 'lead', 'manager', 'admin'],
  'GET /api/v1/cases/{id}/handoffs': 'signed-in',
  'GET /api/v1/handoffs': ['partner', 'specialist', 'lead', 'manager', 'admin', 'qa'],
  'POST /api/v1/handoffs/{id}/answer': ['partner', 'lead', 'admin'],
  'POST /api/v1/cases/{id}/attachments': 'signed-in',
  'GET /api/v1/cases/{id}/attachments': 'signed-in',
  'GET /api/v1/attachments/{id}': 'signed-in',
  'GET /api/v1/notifications': 'signed-in',
  'POST /api/v1/notifications/{id}/read': 'signed-in',
  'POST /api/v1/imports': ['lead', 'manager', 'admin'],
};
