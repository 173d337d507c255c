import type { Problem } from './types';

/** A non-2xx answer from the API, carrying the server's problem details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    /** Seconds from `Retry-After`, when the server sent one (rate limits). */
    readonly retryAfter: number | null,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get code(): string {
    return this.problem.code;
  }
}

// The CSRF token belongs to the cookie session, which is per browser tab rather than per
// component, so it lives next to the one fetch wrapper that needs it. The session
// provider refreshes it from every /auth/login and /me answer.
let csrfToken: string | null = null;
let acceptLanguage = 'en';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Ask the server to word its messages in the UI's language. */
export function setAcceptLanguage(language: string): void {
  acceptLanguage = language;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function request<T>(method: Method, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json', 'accept-language': acceptLanguage };
  // A FormData body (file uploads) sets its own multipart content type with the boundary;
  // a Blob goes as it is, typed by its own type (e.g. text/csv).
  const isForm = body instanceof FormData || body instanceof Blob;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  let problem: Problem;
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // A proxy or crash page rather than the API: keep the status, invent no detail.
    problem = { type: 'about:blank', title: response.statusText, status: response.status, code: 'unavailable' };
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(response.status, problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
}

/** Build a query string, leaving out empty filters. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body ?? {}, headers),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  /** POST multipart/form-data (e.g. a file in field `file`); the browser sets the content type. */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
  /** POST a raw body, e.g. `new Blob([text], { type: 'text/csv' })`. */
  send: <T>(path: string, body: Blob) => request<T>('POST', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
